"""Job rows on SQLite and PostgreSQL: one claim wins, a lost lease stops writes, the outbox holds.

In process, on the real databases and a real SQLite queue file; no worker runs here
(tests/integration/test_jobs_workers.py runs them).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from privacy_center.db import get_engine, session_scope
from privacy_center.jobs import JobState, enqueue
from privacy_center.jobs.context import LeaseLostError
from privacy_center.jobs.queue import get_queue
from privacy_center.jobs.runner import execute
from privacy_center.jobs.store import add_job, claim, finish, requeue_stale, save
from privacy_center.models.base import utcnow
from privacy_center.models.jobs import Job, JobOutbox
from tests.conftest import configured_database
from tests.integration.job_handlers import STEPS

KIND = "test.nothing"
LEASE = 30.0


@pytest.fixture
def engine_with_queue(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[sa.Engine]:
    """The app on ``database_url``; the queue in a SQLite file unless the test names one (indirect)."""
    queue_url = getattr(request, "param", f"sqlite:///{tmp_path / 'queue.db'}")
    with configured_database(monkeypatch, database_url, queue_url=queue_url):
        get_queue.cache_clear()
        try:
            yield get_engine()
        finally:
            get_queue.cache_clear()


def _new_job(engine: sa.Engine) -> int:
    with session_scope(engine) as session:
        job_id = enqueue(session, kind=KIND, subject_user_id=None, payload={}).id
    assert job_id is not None
    return job_id


def _outbox(engine: sa.Engine) -> list[int]:
    with session_scope(engine) as session:
        return [row.job_id for row in session.exec(select(JobOutbox))]


def test_of_two_claims_on_one_job_only_the_first_gets_it(engine_with_queue: sa.Engine) -> None:
    job_id = _new_job(engine_with_queue)
    first = claim(engine_with_queue, job_id, lease_seconds=LEASE)
    second = claim(engine_with_queue, job_id, lease_seconds=LEASE)
    assert first is not None
    assert first.state == JobState.RUNNING
    assert first.attempts == 1
    assert second is None
    finish(engine_with_queue, first)
    assert claim(engine_with_queue, job_id, lease_seconds=LEASE) is None  # a finished job never runs again


def test_a_worker_whose_lease_ran_out_can_no_longer_write(engine_with_queue: sa.Engine) -> None:
    job_id = _new_job(engine_with_queue)
    stale = claim(engine_with_queue, job_id, lease_seconds=LEASE)
    assert stale is not None
    save(engine_with_queue, stale, lease_seconds=LEASE, checkpoint={"done": 4})

    later = utcnow() + dt.timedelta(seconds=LEASE + 1)
    assert requeue_stale(engine_with_queue, grace_seconds=LEASE, now=later) == 1
    assert _outbox(engine_with_queue) == [job_id]  # offered again through the outbox
    fresh = claim(engine_with_queue, job_id, lease_seconds=LEASE, now=later)
    assert fresh is not None
    assert fresh.checkpoint == {"done": 4}
    assert fresh.attempts == 2

    with pytest.raises(LeaseLostError):
        save(engine_with_queue, stale, lease_seconds=LEASE, progress_done=5)
    with pytest.raises(LeaseLostError):
        finish(engine_with_queue, stale)
    finish(engine_with_queue, fresh)


def test_a_live_lease_and_a_pending_hand_over_are_left_alone(engine_with_queue: sa.Engine) -> None:
    held = _new_job(engine_with_queue)
    assert claim(engine_with_queue, held, lease_seconds=LEASE) is not None
    with session_scope(engine_with_queue) as session:  # committed, but its hand-over not yet relayed
        waiting = Job(kind=KIND, payload={}, run_after=utcnow() - dt.timedelta(hours=1))
        session.add(waiting)
        session.flush()
        session.add(JobOutbox(job_id=waiting.id, run_after=waiting.run_after))
    assert requeue_stale(engine_with_queue, grace_seconds=LEASE) == 0


def _enqueue_then_fail(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        enqueue(session, kind=KIND, subject_user_id=None, payload={})
        raise RuntimeError


def test_a_rolled_back_enqueue_queues_nothing(engine_with_queue: sa.Engine) -> None:
    with pytest.raises(RuntimeError):
        _enqueue_then_fail(engine_with_queue)
    assert get_queue().huey.pending_count() == 0
    with session_scope(engine_with_queue) as session:
        assert session.exec(select(Job)).all() == []


@pytest.mark.parametrize("engine_with_queue", ["redis://127.0.0.1:9/0"], indirect=True)  # nothing listens on 9
def test_the_outbox_keeps_a_job_the_queue_cannot_take(
    engine_with_queue: sa.Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="privacy_center.jobs.queue"):
        job_id = _new_job(engine_with_queue)  # committed: the hand-over fails after the commit
    assert _outbox(engine_with_queue) == [job_id]
    assert "stay in the outbox" in caplog.text


@pytest.mark.allow_error_logs  # the runner reports the job failing for good
def test_a_job_whose_worker_dies_at_every_attempt_ends_failed(engine_with_queue: sa.Engine, tmp_path: Path) -> None:
    """Offered again after each lost worker, it is not run a fourth time when three attempts are its limit."""
    with session_scope(engine_with_queue) as session:
        job = add_job(
            session,
            kind=STEPS,
            subject_user_id=None,
            payload={"log": str(tmp_path / "n"), "total": 1, "pause": 0},
            now=utcnow(),
        )
        job.attempts = 3  # three claims whose workers were killed before they could record anything
    execute(job.id or 0)
    with session_scope(engine_with_queue) as session:
        failed = session.get(Job, job.id)
    assert failed is not None
    assert (failed.state, failed.attempts) == (JobState.FAILED, 4)
    assert failed.last_error == "its worker stopped during each of 3 attempts"
    assert not (tmp_path / "n").exists()  # the handler did not run again
