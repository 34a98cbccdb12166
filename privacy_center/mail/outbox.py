"""Reading the outbox folder back, for the demo mode's ``/dev/mailbox`` page.

Newest first, a page at a time; a message is shown as its headers and text part (the
HTML part is never rendered: the page shows mail, it does not run it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

MAX_PAGE = 50
# Only names the outbox writes: a client cannot walk out of the folder with ``../``.
_NAME = re.compile(r"^\d{8}T\d{12}Z-[0-9a-f]{8}\.eml$")


@dataclass(frozen=True)
class OutboxEntry:
    """One message as the list shows it."""

    name: str
    to: str
    subject: str
    date: str


@dataclass(frozen=True)
class OutboxMessage(OutboxEntry):
    """One message as its own view shows it."""

    text: str
    language: str


@dataclass(frozen=True)
class OutboxPage:
    """A page of the newest messages and how many there are in all."""

    entries: list[OutboxEntry]
    total: int
    offset: int


def _parse(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        return BytesParser(policy=policy.default).parse(handle)


def _entry(name: str, message: EmailMessage) -> OutboxEntry:
    return OutboxEntry(
        name=name, to=str(message["To"] or ""), subject=str(message["Subject"] or ""), date=str(message["Date"] or "")
    )


def _names(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted((p.name for p in folder.iterdir() if _NAME.match(p.name)), reverse=True)


def list_messages(folder: Path, *, offset: int = 0, limit: int = MAX_PAGE) -> OutboxPage:
    """Messages ``offset`` .. ``offset + limit`` (at most :data:`MAX_PAGE`), newest first."""
    names = _names(folder)
    offset = max(0, min(offset, max(0, len(names) - 1)))
    shown = names[offset : offset + max(1, min(limit, MAX_PAGE))]
    return OutboxPage(entries=[_entry(name, _parse(folder / name)) for name in shown], total=len(names), offset=offset)


def read_message(folder: Path, name: str) -> OutboxMessage | None:
    """The message called ``name``, or None for any other name or a missing file."""
    if not _NAME.match(name) or not (folder / name).is_file():
        return None
    message = _parse(folder / name)
    body = message.get_body(preferencelist=("plain",))
    entry = _entry(name, message)
    return OutboxMessage(
        **vars(entry), text=body.get_content() if body else "", language=str(message["Content-Language"] or "")
    )
