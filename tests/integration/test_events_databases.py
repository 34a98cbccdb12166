"""Ingestion and rollups on both databases (PostgreSQL's upsert differs from SQLite's)."""

from __future__ import annotations

import datetime as dt

from alembic.config import Config
from sqlmodel import Session

from alembic import command
from privacy_center.db import make_engine
from privacy_center.models import EventKind, User
from privacy_center.services.events import counts, ingest

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)


def test_ingest_and_count(database_url: str, alembic_config: Config) -> None:
    command.upgrade(alembic_config, "head")
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            user = User(issuer="https://i.example", subject="s", display_name="S")
            session.add(user)
            session.commit()
            batches = [
                [{"event_id": f"b{b}-{i}", "user": "s", "kind": "collected", "key": "phone",
                  "occurred_at": (NOW - dt.timedelta(days=i)).isoformat(), "source": "x"} for i in range(40)]
                for b in range(3)
            ]  # fmt: skip
            for batch in batches:
                ingest(session=session, raw_events=batch, issuer="https://i.example", now=NOW)
                session.commit()
            ingest(session=session, raw_events=batches[0], issuer="https://i.example", now=NOW)  # a replay
            session.commit()
            result = counts(session=session, user_id=user.id, kind=EventKind.COLLECTED, today=NOW.date())
            assert (result["phone"].last_7_days, result["phone"].last_30_days) == (21, 90)
    finally:
        engine.dispose()
