"""Background jobs through real worker processes (``python -m privacy_center worker``).

The app database is a SQLite file both the test and the worker open; the queue is each
of the storages ``PC_QUEUE_URL`` takes. Nothing stands in for the worker: the tests start
it, kill it with SIGKILL, and start another, reading only the job rows and the notes
the handlers (tests/integration/job_handlers.py) leave.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from privacy_center.db import get_engine, session_scope
from privacy_center.jobs import JobState, enqueue
from privacy_center.jobs.queue import get_queue
from privacy_center.jobs.store import add_job
from privacy_center.models.base import utcnow
from privacy_center.models.jobs import Job, JobOutbox
from privacy_center.settings import PROJECT_ROOT
from tests.conftest import configured_database
from tests.integration.job_handlers import BROKEN, FLAKY, ONCE, STEPS

WAIT_SECONDS = 90  # a generous bound for a loaded machine, not a speed requirement
LEASE_SECONDS = "1.5"


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("redis", marks=pytest.mark.redis),
        pytest.param("postgresql", marks=pytest.mark.postgres),
    ]
)
def queue_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each storage Huey offers for the queue: the embedded SQLite file, Redis, PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'queue.db'}"
    if request.param == "redis":
        return request.getfixturevalue("redis_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def jobs_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, queue_url: str) -> Iterator[sa.Engine]:
    """The app database (a SQLite file the workers share) with the queue at ``queue_url``."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    with configured_database(monkeypatch, url, queue_url=queue_url, job_lease_seconds=LEASE_SECONDS):
        get_queue.cache_clear()
        try:
            yield get_engine()
        finally:
            get_queue.cache_clear()


@contextmanager
def running_worker(log: Path, threads: int = 1) -> Iterator[subprocess.Popen[bytes]]:
    """A worker process with the test kinds, on the settings the test configured; stopped after."""
    command = [sys.executable, "-m", "privacy_center", "worker", "-w", str(threads)]
    command += ["--import", "tests.integration.job_handlers"]
    with log.open("ab") as output:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=dict(os.environ), stdout=output, stderr=output)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=WAIT_SECONDS)


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Poll until ``condition`` holds; fail naming ``what`` if it never does."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def job_row(engine: sa.Engine, job_id: int) -> Job:
    with session_scope(engine) as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


def is_finished(engine: sa.Engine, job_id: int) -> Callable[[], bool]:
    return lambda: job_row(engine, job_id).state in (JobState.SUCCEEDED, JobState.FAILED)


def notes(path: Path) -> list[list[str]]:
    """The handler's notes: [what, number, pid] per line."""
    return [line.split() for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_a_job_enqueued_while_no_worker_runs_is_done_when_one_starts(jobs_engine: sa.Engine, tmp_path: Path) -> None:
    log = tmp_path / "notes.txt"
    with session_scope(jobs_engine) as session:
        job_id = enqueue(
            session, kind=STEPS, subject_user_id=None, payload={"log": str(log), "total": 3, "pause": 0}
        ).id
    # Committed: the id is on the queue and the outbox row is gone, yet nothing ran.
    assert get_queue().huey.pending_count() == 1
    with session_scope(jobs_engine) as session:
        assert session.exec(select(JobOutbox)).all() == []
    assert job_row(jobs_engine, job_id).state == JobState.QUEUED

    with running_worker(tmp_path / "worker.log"):
        wait_until(is_finished(jobs_engine, job_id), "the job to finish")

    job = job_row(jobs_engine, job_id)
    assert (job.state, job.progress_done, job.progress_total, job.attempts) == (JobState.SUCCEEDED, 3, 3, 1)
    assert [note[:2] for note in notes(log)] == [["step", "1"], ["step", "2"], ["step", "3"]]


def test_the_outbox_survives_a_crash_between_commit_and_enqueue(jobs_engine: sa.Engine, tmp_path: Path) -> None:
    """The job row and its outbox row committed, the process gone before the hand-over."""
    log = tmp_path / "notes.txt"
    with session_scope(jobs_engine) as session:  # add_job alone: no relay after this commit
        job_id = add_job(
            session, kind=STEPS, subject_user_id=None, payload={"log": str(log), "total": 2, "pause": 0}, now=utcnow()
        ).id
    assert get_queue().huey.pending_count() == 0

    with running_worker(tmp_path / "worker.log"):  # its relay moves the outbox row to the queue
        wait_until(is_finished(jobs_engine, job_id), "the job to finish")

    assert job_row(jobs_engine, job_id).state == JobState.SUCCEEDED
    with session_scope(jobs_engine) as session:
        assert session.exec(select(JobOutbox)).all() == []


def test_a_worker_killed_mid_job_leaves_it_to_resume_from_its_checkpoint(
    jobs_engine: sa.Engine, tmp_path: Path
) -> None:
    log, total = tmp_path / "notes.txt", 8
    with session_scope(jobs_engine) as session:
        payload = {"log": str(log), "total": total, "pause": 0.3}
        job_id = enqueue(session, kind=STEPS, subject_user_id=None, payload=payload).id

    with running_worker(tmp_path / "worker-1.log") as first:
        wait_until(lambda: len(notes(log)) >= 3, "three steps of the first worker")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=WAIT_SECONDS)
    by_first = notes(log)
    killed = job_row(jobs_engine, job_id)
    assert killed.state == JobState.RUNNING  # nobody finished it: the dead worker's lease holds it
    assert by_first
    assert len(by_first) < total

    with running_worker(tmp_path / "worker-2.log") as second:
        wait_until(is_finished(jobs_engine, job_id), "the second worker to finish the job")
        by_second = [note for note in notes(log) if note[2] == str(second.pid)]

    job = job_row(jobs_engine, job_id)
    assert (job.state, job.progress_done, job.attempts) == (JobState.SUCCEEDED, total, 2)
    # Resumed, not restarted: at most the step in flight at the kill (noted, not yet
    # checkpointed) runs again; every step before it was done once, by the first worker.
    first_of_second = int(by_second[0][1])
    assert first_of_second in (len(by_first), len(by_first) + 1)
    assert [int(n[1]) for n in by_second] == list(range(first_of_second, total + 1))


def test_retry_later_is_tried_again_after_a_back_off_until_it_succeeds(jobs_engine: sa.Engine, tmp_path: Path) -> None:
    log = tmp_path / "notes.txt"
    with session_scope(jobs_engine) as session:
        job_id = enqueue(session, kind=FLAKY, subject_user_id=None, payload={"log": str(log), "succeed_on": 3}).id

    with running_worker(tmp_path / "worker.log"):
        wait_until(is_finished(jobs_engine, job_id), "the job to finish")

    job = job_row(jobs_engine, job_id)
    assert (job.state, job.attempts, job.last_error) == (JobState.SUCCEEDED, 3, None)
    assert [note[:2] for note in notes(log)] == [["attempt", "1"], ["attempt", "2"], ["attempt", "3"]]


def test_a_job_that_keeps_failing_is_failed_for_good_with_its_reason(jobs_engine: sa.Engine, tmp_path: Path) -> None:
    log = tmp_path / "notes.txt"
    with session_scope(jobs_engine) as session:
        job_id = enqueue(session, kind=BROKEN, subject_user_id=None, payload={"log": str(log)}).id

    with running_worker(tmp_path / "worker.log"):
        wait_until(is_finished(jobs_engine, job_id), "the job to fail")

    job = job_row(jobs_engine, job_id)
    assert (job.state, job.attempts) == (JobState.FAILED, 3)
    assert job.last_error == "ValueError: the payload names no such thing"
    # The reason may quote personal data: it is kept on the row, and the worker's log withholds it.
    worker_log = (tmp_path / "worker.log").read_text(encoding="utf-8")
    assert f"job {job_id} ({BROKEN}) failed after 3 attempts" in worker_log
    assert "no such thing" not in worker_log
    assert job.finished_at is not None
    assert job.lease_until is None
    assert len(notes(log)) == 3


def test_two_workers_of_two_threads_run_each_job_exactly_once(jobs_engine: sa.Engine, tmp_path: Path) -> None:
    """Each id delivered twice in a row (a relay that died after delivering, then ran again)."""
    log, count = tmp_path / "notes.txt", 24
    with session_scope(jobs_engine) as session:
        payload = {"log": str(log), "pause": 0.2}
        jobs = [add_job(session, kind=ONCE, subject_user_id=None, payload=payload, now=utcnow()) for _ in range(count)]
        session.execute(sa.delete(JobOutbox))
    job_ids = [job.id or 0 for job in jobs]
    for job_id in job_ids:
        get_queue().deliver(job_id, utcnow())
        get_queue().deliver(job_id, utcnow())

    with running_worker(tmp_path / "worker-1.log", threads=2), running_worker(tmp_path / "worker-2.log", threads=2):
        wait_until(lambda: all(is_finished(jobs_engine, job_id)() for job_id in job_ids), "every job to finish")

    ran = sorted(int(note[1]) for note in notes(log))
    assert ran == sorted(job_ids)  # each once: no job lost, none run twice
    assert {job_row(jobs_engine, job_id).state for job_id in job_ids} == {JobState.SUCCEEDED}
