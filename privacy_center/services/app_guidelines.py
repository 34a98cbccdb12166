"""Storing and reading each app's own privacy guideline.

The operator stores what the developer supplied (``apps guideline <client_id> FILE...``):
every locale at once, in one transaction, replacing what was there, so a reader never
meets one locale of the new guideline beside another of the old. The files are
validated against the scopes the app is registered for at the moment it is stored.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, col, select

from privacy_center.content.app_guideline import AppGuideline, from_stored, load_guideline_folder
from privacy_center.models import AppGuidelineDocument, OAuthClient
from privacy_center.services.apps import AppError


def _client(session: Session, client_id: str) -> OAuthClient:
    client = session.exec(select(OAuthClient).where(OAuthClient.client_id == client_id)).first()
    if client is None:
        raise AppError("client_id", f"no app is registered as {client_id!r}")
    return client


def registered_scopes(session: Session, *, client_id: str) -> tuple[str, ...]:
    """The scopes the app ``client_id`` may ask for: what its guideline may describe."""
    return tuple(_client(session, client_id).scope.split())


def store_guideline(session: Session, *, client_id: str, guideline: AppGuideline, now: dt.datetime) -> int:
    """Replace the app's guideline with ``guideline`` (every locale); returns how many locales were stored.

    The scopes are checked again here, against the app as it is in this transaction:
    a guideline validated for scopes the app has since lost is refused.
    """
    client = _client(session, client_id)
    allowed = set(client.scope.split())
    if stray := [scope for scope in guideline.scopes if scope not in allowed]:
        raise AppError("scope", f"the app is not registered for {' '.join(stray)}")
    app_id = client.id or 0
    session.execute(sa.delete(AppGuidelineDocument).where(col(AppGuidelineDocument.client_id) == app_id))
    for code, document in guideline.by_locale.items():
        session.add(
            AppGuidelineDocument(
                client_id=app_id,
                locale=code,
                document=json.dumps(document.model_dump(mode="json"), ensure_ascii=False),
                effective_on=document.effective_on,
                stored_at=now,
            )
        )
    session.flush()
    return len(guideline.by_locale)


def read_guideline(session: Session, *, client_id: str) -> AppGuideline | None:
    """The app's guideline in every stored locale, or ``None`` when its developer supplied none.

    Says nothing about who may read it: the page asks the person's grant first.
    """
    rows = session.exec(
        select(AppGuidelineDocument)
        .join(OAuthClient, col(OAuthClient.id) == col(AppGuidelineDocument.client_id))
        .where(col(OAuthClient.client_id) == client_id)
    ).all()
    if not rows:
        return None
    return from_stored({row.locale: json.loads(row.document) for row in rows})


def store_demo_guidelines(session: Session, *, folder: Path, now: dt.datetime) -> int:
    """The guideline of every registered app with a folder in ``folder`` (``<client_id>/en.yaml``...).

    For the demo apps (``content/apps/``); returns how many apps got theirs. A folder
    of an app that is not registered is skipped; a broken file raises ContentError.
    """
    stored = 0
    if not folder.is_dir():
        return stored
    for app_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
        client = session.exec(select(OAuthClient).where(OAuthClient.client_id == app_folder.name)).first()
        if client is None:
            continue
        guideline = load_guideline_folder(app_folder, registered_scopes=client.scope.split())
        store_guideline(session, client_id=client.client_id, guideline=guideline, now=now)
        stored += 1
    return stored
