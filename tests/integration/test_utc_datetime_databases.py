"""One column type for moments: stored in UTC, read back aware in UTC, naive ones refused.

On both databases: SQLite keeps no offset (it used to hand back naive datetimes, and
stored an aware non-UTC moment as its local wall time, hours off); PostgreSQL hands back
the connection's time zone.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from privacy_center.models.base import UTCDateTime

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
MOMENT = dt.datetime(2026, 11, 30, 23, 30, tzinfo=SHANGHAI)  # 15:30 UTC


@pytest.fixture
def moments(engine: sa.Engine) -> sa.Table:
    metadata = sa.MetaData()
    table = sa.Table("moment", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("at", UTCDateTime))
    metadata.create_all(engine)
    return table


def test_a_moment_reads_back_aware_in_utc_whatever_offset_it_was_given(engine: sa.Engine, moments: sa.Table) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("SET TIME ZONE 'America/New_York'")  # what PostgreSQL answers in
        connection.execute(moments.insert(), [{"id": 1, "at": MOMENT}, {"id": 2, "at": None}])
        stored = dict(connection.execute(sa.select(moments.c.id, moments.c.at)).all())
        earliest = connection.execute(sa.select(moments.c.id).where(moments.c.at < MOMENT + dt.timedelta(minutes=1)))
        assert earliest.scalars().all() == [1], "compared as the same instant, not as wall-clock text"
    assert stored == {1: MOMENT, 2: None}
    assert stored[1].utcoffset() == dt.timedelta(0)
    assert (stored[1].hour, stored[1].minute) == (15, 30)


def test_a_naive_moment_is_refused(engine: sa.Engine, moments: sa.Table) -> None:
    with pytest.raises(sa.exc.StatementError, match="naive datetime"), engine.begin() as connection:
        connection.execute(moments.insert(), {"id": 1, "at": dt.datetime(2026, 11, 30, 15, 30)})
