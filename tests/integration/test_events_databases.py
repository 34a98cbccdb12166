"""Ingestion, rollups and values on both databases (PostgreSQL takes a faster path than SQLite)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from alembic.config import Config
from sqlmodel import Session, select

from alembic import command
from privacy_center.db import make_engine
from privacy_center.models import EventKind, PersonalDataEvent, PersonalValue
from privacy_center.services.events import IngestReport, counts, ingest
from privacy_center.services.identity import user_at_sign_in, user_by_identity
from tests.integration.conftest import alembic_config_for

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
ISSUER = "https://i.example"


def _event(batch: int, i: int, **extra: object) -> dict:
    return {"event_id": f"b{batch}-{i}", "user": "s", "kind": "collected", "key": "phone",
            "occurred_at": (NOW - dt.timedelta(days=i)).isoformat(), "source": "x", **extra}  # fmt: skip


def _migrated_engine(url: str) -> sa.Engine:
    command.upgrade(alembic_config_for(url), "head")
    engine = make_engine(url)
    with Session(engine) as session:
        user_at_sign_in(session, issuer=ISSUER, subject="s", display_name="S")
        session.commit()
    return engine


def _phone_counts(session: Session) -> tuple[int, int]:
    user = user_by_identity(session, issuer=ISSUER, subject="s")
    assert user is not None
    user_id = user.id
    result = counts(session=session, user_id=user_id, kind=EventKind.COLLECTED, today=NOW.date())
    return result["phone"].last_7_days, result["phone"].last_30_days


def test_ingest_count_and_duplicates(database_url: str, alembic_config: Config) -> None:
    engine = _migrated_engine(database_url)
    try:
        with Session(engine) as session:
            batches = [[_event(b, i) for i in range(40)] for b in range(3)]
            for batch in batches:
                assert ingest(session=session, raw_events=batch, issuer=ISSUER, now=NOW).accepted == 40
                session.commit()
            replay = ingest(session=session, raw_events=batches[0], issuer=ISSUER, now=NOW)
            assert (replay.accepted, replay.duplicates) == (0, 40)
            # Duplicates inside a batch and against stored rows, with fresh events between them.
            mixed = [_event(0, 1), _event(9, 1), _event(9, 1), _event(1, 2), _event(9, 2)]
            report = ingest(session=session, raw_events=mixed, issuer=ISSUER, now=NOW)
            assert (report.accepted, report.duplicates, report.counts_touched) == (2, 3, 2)
            session.commit()
            assert _phone_counts(session) == (21 + 2, 90 + 2)
            assert session.exec(select(sa.func.count()).select_from(PersonalDataEvent)).one() == 122
    finally:
        engine.dispose()


def test_values_newest_wins(database_url: str, alembic_config: Config) -> None:
    engine = _migrated_engine(database_url)
    try:
        with Session(engine) as session:
            first = [_event(0, 3, value="three days ago"), _event(0, 1, value="yesterday"), _event(0, 2, value="2d")]
            ingest(session=session, raw_events=first, issuer=ISSUER, now=NOW)
            session.commit()
            ingest(session=session, raw_events=[_event(1, 5, value="older")], issuer=ISSUER, now=NOW)
            session.commit()
            stored = session.exec(select(PersonalValue)).one()
            assert (stored.value, stored.observed_at) == ("yesterday", NOW - dt.timedelta(days=1))
            ingest(session=session, raw_events=[_event(2, 0, value="now")], issuer=ISSUER, now=NOW)
            session.commit()
            assert session.exec(select(PersonalValue.value)).one() == "now"
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_concurrent_ingestion_of_the_same_ids_counts_once(postgres_url: str) -> None:
    """The second batch waits on the first's uncommitted rows, then finds them all duplicates."""
    engine = _migrated_engine(postgres_url)
    batch = [_event(0, i, value=f"v{i}") for i in range(30)]
    first_inserted, release = threading.Event(), threading.Event()

    def first() -> IngestReport:
        with Session(engine) as session:
            report = ingest(session=session, raw_events=batch, issuer=ISSUER, now=NOW)
            first_inserted.set()
            assert release.wait(10)
            session.commit()
            return report

    def second() -> IngestReport:
        assert first_inserted.wait(10)
        with Session(engine) as session:
            report = ingest(session=session, raw_events=batch, issuer=ISSUER, now=NOW)
            session.commit()
            return report

    try:
        with ThreadPoolExecutor(2) as pool:
            reports = [pool.submit(first), pool.submit(second)]
            _wait_until_a_session_waits_on_a_lock(engine)
            release.set()
            one, two = (r.result(timeout=10) for r in reports)
        assert (one.accepted, one.duplicates) == (30, 0)
        assert (two.accepted, two.duplicates) == (0, 30)
        with Session(engine) as session:
            assert _phone_counts(session) == (7, 30)
            assert session.exec(select(PersonalValue.value)).one() == "v0"
    finally:
        release.set()
        engine.dispose()


def _wait_until_a_session_waits_on_a_lock(engine: sa.Engine) -> None:
    with engine.connect() as connection:
        for _ in range(100):
            waiting = connection.execute(
                sa.text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            if waiting:
                return
            connection.rollback()  # pg_stat_activity is a snapshot taken once per transaction
            time.sleep(0.05)
    pytest.fail("the second ingestion never waited for the first one's rows")
