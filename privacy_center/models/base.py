"""Column helpers shared by every table."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field


def utcnow() -> dt.datetime:
    """Now, timezone-aware in UTC: every stored moment is UTC."""
    return dt.datetime.now(dt.UTC)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """A stored moment as an aware UTC datetime (SQLite hands them back naive)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def created_at_field() -> dt.datetime:
    """A non-null, timezone-aware creation time, set on insert."""
    return Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True), nullable=False)


def moment_field(*, nullable: bool, default: dt.datetime | None = None) -> dt.datetime:
    """A timezone-aware moment column; nullable ones default to ``None``."""
    if nullable:
        return Field(default=default, sa_type=sa.DateTime(timezone=True), nullable=True)
    return Field(sa_type=sa.DateTime(timezone=True), nullable=False)
