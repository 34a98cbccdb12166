"""Small factories for unit tests: guideline files and documents, people and their events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from sqlmodel import Session

from privacy_center.content.guidelines import Document, Kind, parse_document
from privacy_center.i18n.locales import DEFAULT_LOCALE, UiLocale
from privacy_center.models import EventKind, User
from privacy_center.services.accounts import create_user
from privacy_center.services.events import ingest
from privacy_center.services.identity import builtin_issuer, public_subject

META = {
    "title": "Test Guidelines",
    "version": "1.0",
    "last_updated": dt.date(2025, 5, 9),
    "effective_on": dt.date(2025, 5, 9),
    "what_changed": ["First version."],
}


def guideline_text(body: str, **meta: object) -> str:
    """A guideline file: front matter (``META`` with ``meta`` over it) and a Markdown body."""
    front = yaml.safe_dump({**META, **meta}, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{body}"


def write_guideline(path: Path, body: str, **meta: object) -> Path:
    """Write a guideline file at ``path`` (folders created); returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(guideline_text(body, **meta), encoding="utf-8")
    return path


def make_document(
    folder: Path, body: str, *, locale: UiLocale = DEFAULT_LOCALE, kind: Kind = Kind.FULL, **meta: object
) -> Document:
    """A parsed document from a Markdown body, through the same loader as real content."""
    path = write_guideline(folder / f"{kind.value}-{locale.code}.md", body, **meta)
    return parse_document(path, kind=kind, locale=locale)


def edit(path: Path, old: str, new: str) -> Path:
    """Replace the first ``old`` in a text file; fails if the file does not contain it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def make_person(session: Session, username: str, *, phone: str | None = None) -> User:
    """A platform user with a password (cheap hashing in unit tests)."""
    user = create_user(
        session=session, username=username, password="correct horse battery", display_name=username.title(), phone=phone
    )
    session.flush()
    return user


def report(
    session: Session,
    user: User,
    key: str,
    moments: list[dt.datetime],
    *,
    kind: EventKind = EventKind.COLLECTED,
    value: str | None = None,
    now: dt.datetime,
) -> None:
    """Report events for ``user`` through the ingestion service; the newest carries ``value``."""
    newest = max(moments)
    subject = public_subject(session, user.id or 0)
    events = [
        {
            "event_id": f"{user.id}-{kind.value[0]}-{key}-{n}-{int(moment.timestamp())}",
            "user": subject,
            "kind": kind.value,
            "key": key,
            "occurred_at": moment.isoformat(),
            "source": "test-service",
            **({"value": value} if value is not None and moment == newest else {}),
        }
        for n, moment in enumerate(moments)
    ]
    ingest(session=session, raw_events=events, issuer=builtin_issuer(session), now=now)
