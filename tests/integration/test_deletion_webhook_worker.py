"""The deletion webhook through real worker processes: nothing is lost when a worker dies.

The person's request is committed by the test process (as the web server would) and then
only the database holds it: the test forgets its engine and queue. Workers are
``python -m privacy_center worker`` subprocesses, killed with SIGKILL in the middle of
sending; the developer's endpoint is a real HTTP server in this process.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from privacy_center.authz import Capability, Viewer, act_for
from privacy_center.caches import reset_caches
from privacy_center.db import get_engine, session_scope
from privacy_center.jobs.queue import get_queue
from privacy_center.models import DeletionRequest, Job, JobState
from privacy_center.models.base import utcnow
from privacy_center.services.accounts import create_user
from tests.conftest import configured_database
from tests.integration.test_deletion_requests_databases import People, ask, authorize, make_app, verified
from tests.integration.test_jobs_workers import LEASE_SECONDS, WAIT_SECONDS, running_worker, wait_until
from tests.integration.webhook_receiver import running_receiver


@pytest.fixture
def people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[People]:
    """The app database (a SQLite file the workers share, the queue another) with two people."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    queue = f"sqlite:///{tmp_path / 'queue.db'}"
    with configured_database(monkeypatch, url, queue_url=queue, job_lease_seconds=LEASE_SECONDS):
        subjects = []
        with session_scope() as session:
            for name in ("ana", "bob"):
                user = create_user(session=session, username=name, password="correct horse", display_name=name)
                session.flush()
                viewer = Viewer(
                    user_id=user.id or 0, display_name=name, role="user", auth_time=utcnow(), session_id=1,
                    preferred_locale=None,
                )  # fmt: skip
                subjects.append(act_for(viewer, user.id or 0, Capability.REQUEST_DELETION, utcnow()))
        yield People(*subjects)


def request_row() -> DeletionRequest:
    with session_scope() as session:
        return session.exec(select(DeletionRequest)).one()


def job_row(job_id: int) -> Job:
    with session_scope() as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


def test_a_worker_killed_while_sending_leaves_the_request_to_the_next_worker(people: People, tmp_path: Path) -> None:
    ana = people.ana
    with running_receiver() as endpoint:
        client_id, secret = make_app("Notes", endpoint.url)
        assert secret is not None
        authorize(ana, client_id)
        endpoint.hold = threading.Event()  # the first request stays open: the worker is mid-send
        ask(ana, client_id)
        job_id = request_row().job_id or 0
        reset_caches()  # the "web server" is gone: only the database knows about the request

        with running_worker(tmp_path / "worker-1.log") as first:
            endpoint.wait_for(1)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=WAIT_SECONDS)
        held, endpoint.hold = endpoint.hold, None
        held.set()
        killed = request_row()
        assert (killed.state, killed.attempts) == ("pending", 0)  # nobody recorded an outcome
        assert job_row(job_id).state == JobState.RUNNING  # the dead worker's lease still holds it

        with running_worker(tmp_path / "worker-2.log"):  # takes the job over once that lease runs out
            wait_until(lambda: request_row().state != "pending", "the second worker to deliver")
        first_try, second_try = endpoint.wait_for(2)

    done = request_row()
    assert (done.state, done.attempts, done.last_reason) == ("delivered", 2, None)
    assert job_row(job_id).state == JobState.SUCCEEDED
    # The developer saw the same request twice: same body, same key, so they delete once.
    assert first_try.body == second_try.body
    assert first_try.headers["idempotency-key"] == second_try.headers["idempotency-key"] == done.request_id
    verified(second_try, secret, now=utcnow())


def test_a_retry_waiting_when_the_worker_stopped_is_made_by_the_next_worker(people: People, tmp_path: Path) -> None:
    ana = people.ana
    with running_receiver(statuses=[503]) as endpoint:
        client_id, secret = make_app("Notes", endpoint.url)
        assert secret is not None
        authorize(ana, client_id)
        ask(ana, client_id)
        job_id = request_row().job_id or 0
        reset_caches()

        with running_worker(tmp_path / "worker-1.log") as first:
            wait_until(lambda: request_row().attempts == 1, "the first attempt's outcome")
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=WAIT_SECONDS)
        waiting = request_row()
        assert (waiting.state, waiting.last_reason) == ("pending", "HTTP 503")
        assert job_row(job_id).state == JobState.QUEUED
        # Its back-off passes while no worker runs (the workers' clock cannot be moved: the row's is).
        with session_scope(get_engine()) as session:
            session.execute(sa.update(Job).where(Job.id == job_id).values(run_after=utcnow() - dt.timedelta(minutes=5)))
        get_queue.cache_clear()

        with running_worker(tmp_path / "worker-2.log"):
            wait_until(lambda: request_row().state != "pending", "the second worker to deliver")
        first_try, second_try = endpoint.wait_for(2)

    done = request_row()
    assert (done.state, done.attempts) == ("delivered", 2)
    assert first_try.headers["idempotency-key"] == second_try.headers["idempotency-key"]
    verified(second_try, secret, now=utcnow())
