"""How often an app uses a person's grant: one upsert per use, counted per UTC day.

A use is a call an app makes with the grant: exchanging a sign-in's code, userinfo, a
refresh, or an introspection by its resource server. The code exchange counts because an
app that reads only the ID token signs the person in without ever calling userinfo; left
out, it would show as never used. The authorized-apps page shows the last use and the
uses of the last 30 days; both are read from here, never from the tokens (which are
deleted as they expire).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from privacy_center.models.oauth import AppGrant, AppGrantUse

# "In the last 30 days": today and the 29 UTC days before it.
WINDOW_DAYS = 30

_TABLE: sa.Table = AppGrantUse.__table__  # type: ignore[attr-defined]  # SQLModel's types declare no __table__


def note_use(session: Session, *, grant_id: int, user_id: int, now: dt.datetime) -> None:
    """Make ``now`` the grant's last use and count one use today.

    The grant's row is written first, as every writer of a grant does (a refresh, a
    withdrawal, disabling): taking the same locks in the same order, two of them wait for
    each other instead of deadlocking on PostgreSQL.
    """
    session.execute(sa.update(AppGrant).where(col(AppGrant.id) == grant_id).values(last_used_at=now))
    count_use(session, grant_id=grant_id, user_id=user_id, now=now)


def count_use(session: Session, *, grant_id: int, user_id: int, now: dt.datetime) -> None:
    """Count one use of the grant today (the caller has already set the grant's last use).

    The upsert adds one in the database (never read-modify-write), so parallel uses from
    several workers all count, on SQLite and on PostgreSQL alike.
    """
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(_TABLE).values(grant_id=grant_id, day=now.date(), user_id=user_id, uses=1, last_at=now)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[_TABLE.c.grant_id, _TABLE.c.day],
            set_={"uses": _TABLE.c.uses + 1, "last_at": statement.excluded.last_at},
        )
    )


def window_start(now: dt.datetime) -> dt.date:
    """The first UTC day counted as "in the last 30 days" at ``now``."""
    return now.date() - dt.timedelta(days=WINDOW_DAYS - 1)


def recent_uses(session: Session, *, grant_ids: Iterable[int], now: dt.datetime) -> dict[int, int]:
    """Each grant's uses in the last 30 days (grants without any are absent: zero)."""
    ids = list(grant_ids)
    if not ids:
        return {}
    rows = session.execute(
        sa.select(_TABLE.c.grant_id, sa.func.sum(_TABLE.c.uses))
        .where(_TABLE.c.grant_id.in_(ids), _TABLE.c.day >= window_start(now))
        .group_by(_TABLE.c.grant_id)
    ).all()
    return {grant_id: int(total) for grant_id, total in rows}
