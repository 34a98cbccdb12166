"""Column helpers shared by every table, and the one naming convention for constraints.

Importing this module sets the convention on ``SQLModel.metadata``; every model module
imports it before defining a table, so every constraint and index gets a predictable name
(a migration can rename or drop it on SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from privacy_center import clock

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


def utcnow() -> dt.datetime:
    """Now, timezone-aware in UTC: every stored moment is UTC (the one clock, :mod:`privacy_center.clock`)."""
    return clock.now()


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """A moment stored in UTC and read back aware in UTC, on SQLite as on PostgreSQL.

    SQLite keeps no offset (it hands back naive datetimes) and PostgreSQL hands back the
    connection's time zone: both are normalised here, once, instead of at every use. A
    naive datetime is refused on the way in: which zone it meant cannot be known.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        """Convert to UTC before storing (SQLite would drop any other offset silently)."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            msg = f"naive datetime {value!r}: store aware UTC moments only"
            raise ValueError(msg)
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        """Aware UTC whatever the driver returned (naive from SQLite means UTC: it was stored so)."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def created_at_field() -> dt.datetime:
    """A non-null, timezone-aware creation time, set on insert."""
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def moment_field(*, nullable: bool, default: dt.datetime | None = None, index: bool = False) -> dt.datetime:
    """A timezone-aware moment column; nullable ones default to ``None``."""
    if nullable:
        return Field(default=default, sa_type=UTCDateTime, nullable=True, index=index)
    return Field(sa_type=UTCDateTime, nullable=False, index=index)


def enum_type(values: type[StrEnum], *, name: str, length: int) -> sa.Enum:
    """A VARCHAR limited by a CHECK constraint to an enum's values (named ``ck_<table>_<name>``).

    Not a native PostgreSQL enum: adding a value is then a constraint change, not a type
    migration. Values read back as plain strings, as the code has always compared them.
    """
    return sa.Enum(
        *(member.value for member in values),
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        validate_strings=True,
    )
