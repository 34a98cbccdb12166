"""How often an app uses a person's grant: one upsert per use, counted per UTC day.

A use is a call an app makes with the grant's tokens: userinfo, a refresh, or an
introspection by its resource server. The authorized-apps page shows the last use and the
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
    """Count one use of the grant today and make it the grant's last use.

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
    session.execute(sa.update(AppGrant).where(col(AppGrant.id) == grant_id).values(last_used_at=now))


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
