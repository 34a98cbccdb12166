"""Writing and checking the access history (models/audit.py says how the chain holds).

``record`` writes in the caller's transaction, so an entry exists exactly when the action
it describes committed. Details are for the reader of the history: never a secret, never a
raw personal value (mask it first, services/masking.py); keys that name a secret are
refused outright.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from privacy_center.authz import Subject
from privacy_center.models.audit import GENESIS_HASH, AuditAction, AuditChainHead, AuditEntry
from privacy_center.models.oauth import OAuthClient
from privacy_center.models.user import User

__all__ = [
    "AuditAction",
    "AuditEntry",
    "ChainBreak",
    "HistoryItem",
    "entry_hash",
    "first_break",
    "history_page",
    "record",
]

# Details are small, flat facts; a key naming one of these would be a secret in the history.
_SECRET_WORDS = ("password", "secret", "token", "code_value", "otp", "cookie")
_DETAIL_SCALARS = (str, int, bool, type(None))
VERIFY_BATCH = 500
PAGE_SIZE = 50  # entries the history page shows at a time


def _canonical_moment(moment: dt.datetime) -> str:
    """The moment in UTC to the microsecond (stored moments read back aware: ``UTCDateTime``)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(
    *,
    entry_id: int,
    prev_hash: str,
    action: str,
    subject_user_id: int,
    actor_user_id: int | None,
    on_behalf_of_user_id: int | None,
    details: Mapping[str, Any],
    client: str,
    created_at: dt.datetime,
) -> str:
    """SHA-256 over the canonical JSON of every stored field, the previous hash included."""
    canonical = json.dumps(
        {
            "id": entry_id,
            "prev": prev_hash,
            "action": str(action),
            "subject": subject_user_id,
            "actor": actor_user_id,
            "for": on_behalf_of_user_id,
            "details": details,
            "client": client,
            "at": _canonical_moment(created_at),
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _checked_details(details: Mapping[str, Any] | None) -> dict[str, Any]:
    """Flat JSON scalars only (they hash the same after a round trip), no secret-named key."""
    checked = dict(details or {})
    for key, value in checked.items():
        if any(word in key.lower() for word in _SECRET_WORDS):
            raise ValueError(f"audit details must not carry a secret ({key!r})")
        if not isinstance(value, _DETAIL_SCALARS):
            raise ValueError(f"audit detail {key!r} must be a string, number, boolean or null")
    return checked


def record(
    session: Session,
    *,
    action: AuditAction,
    subject_user_id: int,
    actor_user_id: int | None,
    details: Mapping[str, Any] | None = None,
    client: str | None = None,
    now: dt.datetime,
    on_behalf_of_user_id: int | None = None,
) -> AuditEntry:
    """Append one entry to the chain, in the caller's transaction (nothing is committed here).

    The first statement updates the chain head, which takes its row lock on PostgreSQL and
    the write lock on SQLite: a concurrent append waits here and then chains onto this one.
    """
    checked = _checked_details(details)
    head = session.execute(
        sa.update(AuditChainHead)
        .where(col(AuditChainHead.id) == 1)
        .values(last_entry_id=col(AuditChainHead.last_entry_id) + 1)
        .returning(col(AuditChainHead.last_entry_id), col(AuditChainHead.last_hash))
    ).one()
    entry_id, prev_hash = head
    entry = AuditEntry(
        id=entry_id,
        subject_user_id=subject_user_id,
        actor_user_id=actor_user_id,
        on_behalf_of_user_id=on_behalf_of_user_id,
        action=action,
        details=checked,
        client=client or "web",
        created_at=now,
        prev_hash=prev_hash,
        entry_hash="",
    )
    entry.entry_hash = _hash_of(entry)
    session.add(entry)
    session.execute(sa.update(AuditChainHead).where(col(AuditChainHead.id) == 1).values(last_hash=entry.entry_hash))
    session.flush()
    return entry


def _hash_of(entry: AuditEntry) -> str:
    return entry_hash(
        entry_id=entry.id,
        prev_hash=entry.prev_hash,
        action=entry.action,
        subject_user_id=entry.subject_user_id,
        actor_user_id=entry.actor_user_id,
        on_behalf_of_user_id=entry.on_behalf_of_user_id,
        details=entry.details,
        client=entry.client,
        created_at=entry.created_at,
    )


@dataclass(frozen=True)
class HistoryItem:
    """One entry as its subject reads it: who acted is named, the client's app too."""

    id: int
    action: AuditAction
    created_at: dt.datetime
    by_subject: bool  # the person themselves acted (for no one else)
    actor_name: str | None  # who acted when it was not the person; None: the center itself
    client: str
    app_name: str | None  # when the client is a registered app
    details: dict[str, Any]


def history_page(session: Session, *, subject: Subject, before_id: int | None = None) -> list[HistoryItem]:
    """The subject's entries, newest first, ``PAGE_SIZE`` of them older than ``before_id``.

    One more than a page is read, so the caller knows whether an older page exists.
    Only the subject's own rows are read: the filter is here, not left to a caller.
    """
    actor = aliased(User)
    query = (
        select(AuditEntry, actor.display_name, OAuthClient.name)
        .join(actor, col(actor.id) == col(AuditEntry.actor_user_id), isouter=True)
        .join(OAuthClient, col(OAuthClient.client_id) == col(AuditEntry.client), isouter=True)
        .where(AuditEntry.subject_user_id == subject.user_id)
    )
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    rows = session.exec(query.order_by(col(AuditEntry.id).desc()).limit(PAGE_SIZE + 1)).all()
    return [
        HistoryItem(
            id=entry.id,
            action=AuditAction(entry.action),
            created_at=entry.created_at,
            by_subject=entry.actor_user_id == entry.subject_user_id and entry.on_behalf_of_user_id is None,
            actor_name=actor_name,
            client=entry.client,
            app_name=app_name,
            details=dict(entry.details),
        )
        for entry, actor_name, app_name in rows
    ]


@dataclass(frozen=True)
class ChainBreak:
    """The first entry where the chain does not hold, and why."""

    entry_id: int
    reason: str


def _entries(session: Session) -> Iterator[AuditEntry]:
    """Every entry in chain order, a batch at a time (keyset on the id)."""
    after = 0
    while True:
        batch = session.exec(
            select(AuditEntry).where(AuditEntry.id > after).order_by(col(AuditEntry.id)).limit(VERIFY_BATCH)
        ).all()
        yield from batch
        if len(batch) < VERIFY_BATCH:
            return
        after = batch[-1].id


def first_break(session: Session) -> ChainBreak | None:
    """Walk the chain from the first entry; ``None`` when every link and the head hold."""
    expected_id, expected_prev = 1, GENESIS_HASH
    for entry in _entries(session):
        if entry.id != expected_id:
            return ChainBreak(expected_id, f"entry {expected_id} is missing (next is {entry.id})")
        if entry.prev_hash != expected_prev:
            return ChainBreak(entry.id, "its previous hash does not match the entry before it")
        if _hash_of(entry) != entry.entry_hash:
            return ChainBreak(entry.id, "its content does not match its hash (edited)")
        expected_id, expected_prev = entry.id + 1, entry.entry_hash
    head = session.get(AuditChainHead, 1)
    last_id = expected_id - 1
    if head is None:
        return ChainBreak(last_id, "the chain head is missing")
    if head.last_entry_id != last_id or head.last_hash != expected_prev:
        return ChainBreak(last_id + 1, f"entries after {last_id} are missing (the head counts {head.last_entry_id})")
    return None
