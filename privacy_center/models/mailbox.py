"""A person's confirmed mailbox, and the codes that confirm one.

One confirmed address per person (``mailbox_address``). Asking to confirm an address
writes a ``mailbox_challenge``: the address waiting for confirmation and an HMAC of its
6-digit code (never the code), its expiry and how many wrong tries it took. Challenges
are also the record that rate-limits sending, per person and per address (an HMAC of the
address, so one address is limited across every account asking for it).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from privacy_center.models.base import enum_type, moment_field
from privacy_center.personal_data import Category, Erasure, register

ADDRESS_MAX_LENGTH = 320  # RFC 5321: 64 for the local part, 255 for the domain, and the @


class ChallengeState(StrEnum):
    """A code's life: waiting, used, worn out by wrong tries, or replaced by a newer code."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    EXHAUSTED = "exhausted"
    REPLACED = "replaced"


class MailboxAddress(SQLModel, table=True):
    """The address a person proved they read; exports and deletion receipts go there."""

    __tablename__ = "mailbox_address"

    id: int | None = Field(default=None, primary_key=True)
    # RESTRICT: erased through the personal-data registry with its person, never as a side
    # effect of deleting a row. Unique: one confirmed mailbox per person.
    user_id: int = Field(foreign_key="user_account.id", unique=True, ondelete="RESTRICT")
    address: str = Field(max_length=ADDRESS_MAX_LENGTH)
    verified_at: dt.datetime = moment_field(nullable=False)


class MailboxChallenge(SQLModel, table=True):
    """One code sent to an address the person wants to confirm."""

    __tablename__ = "mailbox_challenge"
    __table_args__ = (sa.Index("ix_mailbox_challenge_user_id_created_at", "user_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", ondelete="RESTRICT")
    address: str = Field(max_length=ADDRESS_MAX_LENGTH)
    address_digest: str = Field(max_length=64, index=True)
    code_hash: str = Field(max_length=64)
    state: str = Field(default=ChallengeState.PENDING, sa_type=enum_type(ChallengeState, name="state", length=16))
    attempts: int = Field(default=0, nullable=False)
    created_at: dt.datetime = moment_field(nullable=False)
    expires_at: dt.datetime = moment_field(nullable=False)


register(
    "mailbox_address",
    category=Category.CONTACT,
    erasure=Erasure.DELETE,
    exported=("address", "verified_at"),
)
register(
    "mailbox_challenge",
    category=Category.SECURITY,
    erasure=Erasure.DELETE,
    not_exported="hashed codes and addresses awaiting confirmation for ten minutes; the confirmed address is exported",
)
