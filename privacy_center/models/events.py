"""What the platform's services report about a user's personal information, and rollups.

Every event is kept (the detail page lists recent occurrences); lists are built from
per-user, per-key, per-day counts kept up to date on ingestion, so they never scan the
events.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from privacy_center.models.base import created_at_field, enum_type, moment_field
from privacy_center.personal_data import Category, Erasure, register


class EventKind(StrEnum):
    """Collected by the platform, or shared with a third party."""

    COLLECTED = "collected"
    SHARED = "shared"


class PersonalDataEvent(SQLModel, table=True):
    """One collection or sharing of a user's information, reported by a platform service."""

    __tablename__ = "personal_data_event"
    # A many-column index is named after all its columns (the convention names only the first).
    __table_args__ = (
        sa.Index("ix_personal_data_event_user_id_kind_key_occurred_at", "user_id", "kind", "key", "occurred_at"),
    )

    # BIGINT on PostgreSQL; SQLite auto-numbers only an INTEGER primary key.
    id: int | None = Field(default=None, sa_type=sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True)
    event_id: str = Field(max_length=64, unique=True)  # the reporter's id: ingestion is idempotent
    # RESTRICT: erasure deletes a person's events through the registry, as one recorded step;
    # a cascade from the user row would do it silently and out of order.
    user_id: int = Field(foreign_key="user_account.id", ondelete="RESTRICT")
    kind: str = Field(sa_type=enum_type(EventKind, name="kind", length=16))
    key: str = Field(max_length=64)  # information type (collected) or partner (shared)
    occurred_at: dt.datetime = moment_field(nullable=False)
    source: str = Field(max_length=64)  # which service reported it
    received_at: dt.datetime = created_at_field()


class DailyCount(SQLModel, table=True):
    """How many events of one kind and key a user had on one UTC day."""

    __tablename__ = "daily_count"

    # RESTRICT: counts are the person's usage data too; the registry's erasure deletes them.
    user_id: int = Field(foreign_key="user_account.id", primary_key=True, ondelete="RESTRICT")
    kind: str = Field(sa_type=enum_type(EventKind, name="kind", length=16), primary_key=True)
    key: str = Field(max_length=64, primary_key=True)
    day: dt.date = Field(primary_key=True)
    count: int = 0
    last_at: dt.datetime = moment_field(nullable=False)


class PersonalValue(SQLModel, table=True):
    """The latest value a platform service reported for one of a user's information types.

    Shown to the user on their own lists (masked when the inventory says so); a newer
    report replaces an older one, an older report never overwrites a newer one.
    """

    __tablename__ = "personal_value"

    # RESTRICT: the values are what an export hands over; erasure deletes them through the registry.
    user_id: int = Field(foreign_key="user_account.id", primary_key=True, ondelete="RESTRICT")
    key: str = Field(max_length=64, primary_key=True)  # the inventory's information type
    value: str = Field(max_length=500)
    observed_at: dt.datetime = moment_field(nullable=False)  # occurred_at of the reporting event


register(
    "personal_data_event",
    category=Category.USAGE,
    erasure=Erasure.DELETE,
    exported=("kind", "key", "occurred_at", "source"),
)
register(
    "daily_count",
    category=Category.USAGE,
    erasure=Erasure.DELETE,
    not_exported="counts derived from the events, which are exported",
)
register("personal_value", category=Category.USAGE, erasure=Erasure.DELETE, exported=("key", "value", "observed_at"))
