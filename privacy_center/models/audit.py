"""The access history: what was done with a person's data, append-only and hash-chained.

Each ``audit_entry`` carries the SHA-256 of the entry before it (``prev_hash``) and its own
hash over a canonical serialization that includes that previous hash
(services/audit.py), so editing, removing or reordering an entry breaks every link after
it, which ``python -m privacy_center audit verify`` reports.

Appends are serialized through the single ``audit_chain_head`` row: an append first
updates it (a row lock on PostgreSQL, the database write lock on SQLite), so two writers
never chain onto the same entry. The head also remembers the last entry, so removing
entries at the end of the chain is caught too.

The database refuses UPDATE and DELETE on ``audit_entry`` (triggers below, created with
the table and by migration b9e1d0000004). The one future exception is erasure: on
PostgreSQL it will run in a transaction that sets ``privacy_center.audit_erasure = 'on'``
with ``SET LOCAL`` (the trigger lets that transaction through); on SQLite it drops and
recreates the triggers inside its own write transaction (SQLite DDL is transactional).
Either way erasure re-seals the chain from the first entry it changed and records that it
did, so ``audit verify`` stays meaningful.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from privacy_center.models.base import enum_type, moment_field
from privacy_center.personal_data import Category, Erasure, register

GENESIS_HASH = "0" * 64  # the "previous hash" of the first entry


class AuditAction(StrEnum):
    """What was done, as a stable tag (the page puts it in words; the database CHECKs it)."""

    SIGNED_IN = "signed_in"
    SIGNED_OUT = "signed_out"
    SIGNED_OUT_EVERYWHERE = "signed_out_everywhere"
    APP_AUTHORIZED = "app_authorized"
    APP_ACCESS_DISABLED = "app_access_disabled"
    MAILBOX_CODE_SENT = "mailbox_code_sent"
    MAILBOX_VERIFIED = "mailbox_verified"
    MAILBOX_REMOVED = "mailbox_removed"
    LOCALE_SAVED = "locale_saved"
    SETTING_CHANGED = "setting_changed"
    APP_SCOPE_WITHDRAWN = "app_scope_withdrawn"
    APP_DELETION_REQUESTED = "app_deletion_requested"


class AuditEntry(SQLModel, table=True):
    """One thing done with one person's data, by whom, for whom, from which client.

    Users referenced here are RESTRICTed: deleting a person must go through erasure
    (which anonymizes their history), never silently drop what the history must show.
    """

    __tablename__ = "audit_entry"
    # A person's history, newest first, a page at a time (keyset on the id).
    __table_args__ = (sa.Index("ix_audit_entry_subject_user_id", "subject_user_id", "id"),)

    # Assigned by the append (the head's count + 1), not by a sequence: the id is hashed.
    id: int = Field(sa_column=sa.Column(sa.Integer, primary_key=True, autoincrement=False))
    subject_user_id: int = Field(foreign_key="user_account.id", ondelete="RESTRICT")  # whose data
    actor_user_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="RESTRICT", nullable=True
    )  # who did it (None: the center itself)
    on_behalf_of_user_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="RESTRICT", nullable=True
    )  # for whom the actor acted (an agent's principal); None: for themselves
    action: str = Field(sa_column=sa.Column(enum_type(AuditAction, name="action", length=32), nullable=False))
    details: dict[str, Any] = Field(default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False))
    client: str = Field(max_length=100)  # an app's client id, or "web", "agent console", ...
    created_at: dt.datetime = moment_field(nullable=False)
    prev_hash: str = Field(max_length=64)
    entry_hash: str = Field(max_length=64, unique=True)


class AuditChainHead(SQLModel, table=True):
    """The one row every append locks: the last entry's id and hash."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (sa.CheckConstraint("id = 1", name="single_row"),)

    id: int = Field(default=1, primary_key=True)
    last_entry_id: int = 0
    last_hash: str = Field(default=GENESIS_HASH, max_length=64)


SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
)
POSTGRES_TRIGGERS = (
    """
    CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF current_setting('privacy_center.audit_erasure', true) = 'on' THEN
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        RAISE EXCEPTION 'audit_entry is append-only';
    END
    $$
    """,
    "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
)
SEED_HEAD = sa.insert(AuditChainHead).values(id=1, last_entry_id=0, last_hash=GENESIS_HASH)

# Tables made by ``metadata.create_all`` (tests, a fresh demo) get the same guards as migrated ones.
_ENTRY_TABLE: sa.Table = AuditEntry.__table__  # type: ignore[attr-defined]
_HEAD_TABLE: sa.Table = AuditChainHead.__table__  # type: ignore[attr-defined]
for _statement in SQLITE_TRIGGERS:
    sa.event.listen(_ENTRY_TABLE, "after_create", sa.DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRES_TRIGGERS:
    sa.event.listen(_ENTRY_TABLE, "after_create", sa.DDL(_statement).execute_if(dialect="postgresql"))
sa.event.listen(_HEAD_TABLE, "after_create", lambda _table, connection, **_kw: connection.execute(SEED_HEAD))

register(
    "audit_entry",
    category=Category.AUDIT,
    erasure=Erasure.RETAIN,
    exported=("action", "created_at", "actor_user_id", "on_behalf_of_user_id", "client", "details"),
    legal_basis="accountability: the record of what was done with the person's data (GDPR art. 5(2))",
    retain_days=3 * 365,
    subject_column="subject_user_id",
)
