"""Notify developer to delete, on SQLite and PostgreSQL (migrated schema), against a real endpoint.

The service's rules (only the person's own apps; one pending request per app; the row,
its job and its access-history entry together) and the job's delivery: each attempt is
run by the real job runner, the webhook goes over HTTP to a server this test starts, and
its signature is checked here with nothing but ``hmac`` and the secret the registration
printed. Back-off is checked on the center's clock (privacy_center.clock), not by waiting.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config
from sqlmodel import Session, col, select

from alembic import command
from privacy_center import clock
from privacy_center.authz import Capability, Subject, Viewer, act_for
from privacy_center.db import session_scope
from privacy_center.jobs.deletion_webhook import MAX_ATTEMPTS, RETRY_DELAY_SECONDS
from privacy_center.jobs.queue import get_queue
from privacy_center.jobs.runner import execute
from privacy_center.models import AuditEntry, DeletionRequest, Job, JobState, OAuthClient, User
from privacy_center.models.audit import AuditAction
from privacy_center.services.accounts import create_user
from privacy_center.services.app_access import AppNotAuthorizedError, disable_access
from privacy_center.services.app_subjects import subject_for
from privacy_center.services.apps import register_app, set_deletion_webhook
from privacy_center.services.deletion_requests import DeletionStatus, deletion_status, request_deletion
from privacy_center.services.grants import grant_at_authorization
from tests.conftest import configured_database
from tests.integration.webhook_receiver import Received, free_port_url, running_receiver

START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
FRESHNESS = 300  # seconds a developer accepts a timestamp (the tolerance docs/webhooks.md suggests)


@dataclass(frozen=True)
class People:
    """Ana and Bob, each acting for themselves."""

    ana: Subject
    bob: Subject


@pytest.fixture
def people(
    database_url: str, alembic_config: Config, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[People]:
    """The migrated schema with two people; the queue in a file of the test's own."""
    command.upgrade(alembic_config, "head")
    queue = f"sqlite:///{tmp_path / 'queue.db'}"
    with configured_database(monkeypatch, database_url, create_tables=False, queue_url=queue):
        subjects = []
        with session_scope() as session:
            for name in ("ana", "bob"):
                user = create_user(session=session, username=name, password="correct horse", display_name=name)
                session.flush()
                viewer = Viewer(
                    user_id=user.id or 0, display_name=name, role="user", auth_time=START, session_id=1,
                    preferred_locale=None,
                )  # fmt: skip
                subjects.append(act_for(viewer, user.id or 0, Capability.REQUEST_DELETION, START))
        yield People(*subjects)


def make_app(name: str, webhook: str | None) -> tuple[str, str | None]:
    """Register an app (with a deletion endpoint when given); its client id and webhook secret."""
    with session_scope() as session:
        client, _secret = register_app(
            session=session, name=name, developer=f"{name} Ltd", redirect_uris=["https://app.example/cb"],
            scopes=["openid", "profile"],
        )  # fmt: skip
        secret = set_deletion_webhook(session=session, client=client, url=webhook, demo=True) if webhook else None
        return client.client_id, secret


def authorize(who: Subject, client_id: str) -> str:
    """The person allows the app, as the provider's consent does; the subject the app knows them by."""
    with session_scope() as session:
        client = session.exec(select(OAuthClient).where(OAuthClient.client_id == client_id)).one()
        user = session.get(User, who.user_id)
        assert user is not None
        grant_at_authorization(
            session, user_id=who.user_id, client=client, existing=None, scope="openid profile", allowed_now=True,
            first_party=False, now=clock.now(),
        )  # fmt: skip
        return subject_for(session=session, user=user, client=client)


def ask(who: Subject, client_id: str) -> DeletionStatus:
    with session_scope() as session:
        return request_deletion(session, subject=who, client_id=client_id, client="web", now=clock.now())


def status(who: Subject, client_id: str) -> DeletionStatus | None:
    with session_scope() as session:
        return deletion_status(session, subject=who, client_id=client_id)


def rows(session: Session) -> tuple[list[DeletionRequest], list[Job], list[AuditEntry]]:
    requests = list(session.exec(select(DeletionRequest).order_by(col(DeletionRequest.id))))
    jobs = list(session.exec(select(Job).order_by(col(Job.id))))
    asked = AuditAction.APP_DELETION_REQUESTED
    entries = list(session.exec(select(AuditEntry).where(AuditEntry.action == asked).order_by(col(AuditEntry.id))))
    return requests, jobs, entries


def counts() -> tuple[int, int, int]:
    with session_scope() as session:
        requests, jobs, entries = rows(session)
        return len(requests), len(jobs), len(entries)


def the_job() -> int:
    with session_scope() as session:
        return session.exec(select(Job.id)).one() or 0


def verified(received: Received, secret: str, *, now: dt.datetime) -> dict[str, str]:
    """What a developer does (docs/webhooks.md): check the signature and the timestamp, then read."""
    timestamp = received.headers["x-privacy-center-timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + received.body, hashlib.sha256).hexdigest()
    scheme, _, given = received.headers["x-privacy-center-signature"].partition("=")
    assert scheme == "v1"
    assert hmac.compare_digest(expected, given), "the signature does not verify with the printed secret"
    assert abs(now.timestamp() - int(timestamp)) <= FRESHNESS
    return json.loads(received.body)


def test_the_webhook_reaches_the_developer_signed_and_the_request_is_delivered(people: People) -> None:
    with running_receiver() as endpoint, clock.frozen_at(START):
        client_id, secret = make_app("Notes", endpoint.url)
        assert secret is not None
        sub = authorize(people.ana, client_id)
        asked = ask(people.ana, client_id)
        assert (asked.state, asked.attempts, asked.max_attempts) == ("pending", 0, MAX_ATTEMPTS)

        execute(the_job())

        (received,) = endpoint.wait_for(1)
        body = verified(received, secret, now=START)
        with session_scope() as session:
            request_id = session.exec(select(DeletionRequest.request_id)).one()
    assert body == {
        "type": "user.deletion_requested",
        "subject": sub,
        "client_id": client_id,
        "requested_at": "2026-12-01T09:00:00Z",
        "request_id": request_id,
    }
    assert received.headers["idempotency-key"] == request_id
    assert received.headers["content-type"] == "application/json"
    assert received.path == "/privacy/deletions"
    done = status(people.ana, client_id)
    assert done is not None
    assert (done.state, done.attempts, done.last_reason) == ("delivered", 1, None)


def test_a_tampered_body_does_not_verify(people: People) -> None:
    """The check above can fail: one changed byte (another subject) and the signature is wrong."""
    with running_receiver() as endpoint, clock.frozen_at(START):
        client_id, secret = make_app("Notes", endpoint.url)
        authorize(people.ana, client_id)
        ask(people.ana, client_id)
        execute(the_job())
        (received,) = endpoint.wait_for(1)
    assert secret is not None
    forged = Received(received.path, received.headers, received.body.replace(b'"subject":"', b'"subject":"0'))
    with pytest.raises(AssertionError, match="does not verify"):
        verified(forged, secret, now=START)
    with pytest.raises(AssertionError, match="does not verify"):
        verified(received, secret.replace("whsec_", "whsec_x"), now=START)


def test_one_request_its_job_and_its_history_entry_and_a_second_click_returns_it(people: People) -> None:
    client_id, _secret = make_app("Notes", "https://notes.example/privacy/deletions")
    authorize(people.ana, client_id)
    with clock.frozen_at(START):
        first = ask(people.ana, client_id)
    with clock.frozen_at(START + dt.timedelta(seconds=5)):
        second = ask(people.ana, client_id)

    assert first == second  # the same request: nothing more sent or recorded
    with session_scope() as session:
        requests, jobs, entries = rows(session)
        assert len(requests) == len(jobs) == len(entries) == 1
        (request,), (job,), (entry,) = requests, jobs, entries
        assert request.job_id == job.id
        assert (job.kind, job.subject_user_id, job.payload) == (
            "app.deletion_webhook", people.ana.user_id, {"deletion_request": request.id}
        )  # fmt: skip
        assert (entry.subject_user_id, entry.actor_user_id, entry.client) == (people.ana.user_id,) * 2 + ("web",)
        assert entry.details == {"app": "Notes", "sent": True}


def test_a_transaction_that_fails_after_the_request_leaves_nothing_and_queues_nothing(people: People) -> None:
    """The rollback half of "together": no request, no job, no history entry, no id on the queue."""
    client_id, _secret = make_app("Notes", "https://notes.example/privacy/deletions")
    authorize(people.ana, client_id)

    def ask_then_fail() -> None:
        with session_scope() as session:
            request_deletion(session, subject=people.ana, client_id=client_id, client="web", now=clock.now())
            raise RuntimeError("something later in the same action failed")

    with pytest.raises(RuntimeError, match="later in the same action"):
        ask_then_fail()
    assert counts() == (0, 0, 0)
    assert get_queue().huey.pending_count() == 0


@pytest.mark.parametrize("whose", ["never_authorized", "someone_elses", "unknown"])
def test_an_app_that_is_not_the_persons_is_refused_and_nothing_is_written(people: People, whose: str) -> None:
    client_id, _secret = make_app("Notes", "https://notes.example/privacy/deletions")
    if whose == "someone_elses":
        authorize(people.bob, client_id)
    asked_for = "app-0000000000000000" if whose == "unknown" else client_id
    with pytest.raises(AppNotAuthorizedError):
        ask(people.ana, asked_for)
    assert counts() == (0, 0, 0)
    assert status(people.ana, asked_for) is None


def test_another_persons_request_is_not_shown(people: People) -> None:
    client_id, _secret = make_app("Notes", "https://notes.example/privacy/deletions")
    authorize(people.ana, client_id)
    authorize(people.bob, client_id)
    ask(people.bob, client_id)
    assert status(people.ana, client_id) is None
    mine = ask(people.ana, client_id)
    assert counts() == (2, 2, 2)  # Bob's pending request does not make Ana's "the existing one"
    assert status(people.ana, client_id) == mine


def test_an_app_without_a_deletion_endpoint_is_not_possible_and_nothing_is_queued(people: People) -> None:
    client_id, secret = make_app("Notes", None)
    assert secret is None
    authorize(people.ana, client_id)
    asked = ask(people.ana, client_id)
    assert (asked.state, asked.attempts, asked.max_attempts) == ("not_possible", 0, 0)
    assert status(people.ana, client_id) == asked
    with session_scope() as session:
        requests, jobs, entries = rows(session)
        assert (len(requests), jobs) == (1, [])
        assert entries[0].details == {"app": "Notes", "sent": False}


def test_an_app_whose_access_was_disabled_can_still_be_asked(people: People) -> None:
    """Disabling stops the app's access, not what it already holds."""
    client_id, _secret = make_app("Notes", "https://notes.example/privacy/deletions")
    authorize(people.ana, client_id)
    with session_scope() as session:
        disable_access(session, subject=people.ana, client_id=client_id, client="web", now=clock.now())
    assert ask(people.ana, client_id).state == "pending"


def test_the_database_refuses_a_second_pending_request_for_the_same_app(people: People) -> None:
    """Two clicks racing past the service's look-up still make one: the partial unique index."""
    client_id, _secret = make_app("Notes", "https://notes.example/privacy/deletions")
    authorize(people.ana, client_id)
    ask(people.ana, client_id)
    with session_scope() as session:
        first = session.exec(select(DeletionRequest)).one()
        copy = {k: v for k, v in first.model_dump().items() if k not in ("id", "request_id", "job_id")}

    def insert_another() -> None:
        with session_scope() as session:
            session.add(DeletionRequest(**copy, request_id="f" * 32))

    with pytest.raises(sa.exc.IntegrityError):
        insert_another()
    with session_scope() as session:  # a finished one does not count: a new request may follow it
        session.execute(sa.update(DeletionRequest).values(state="delivered"))
    insert_another()
    assert counts()[0] == 2


def test_once_delivered_a_new_click_is_a_new_request(people: People) -> None:
    with running_receiver() as endpoint:
        client_id, _secret = make_app("Notes", endpoint.url)
        authorize(people.ana, client_id)
        ask(people.ana, client_id)
        execute(the_job())
        assert ask(people.ana, client_id).state == "pending"
    assert counts() == (2, 2, 2)


def test_a_refusal_is_retried_after_its_back_off_with_the_same_request(people: People) -> None:
    with running_receiver(statuses=[503]) as endpoint, clock.frozen_at(START):
        client_id, secret = make_app("Notes", endpoint.url)
        assert secret is not None
        authorize(people.ana, client_id)
        ask(people.ana, client_id)
        job_id = the_job()
        execute(job_id)
        after_first = status(people.ana, client_id)
        assert after_first is not None
        assert (after_first.state, after_first.attempts, after_first.last_reason) == ("pending", 1, "HTTP 503")

        retry_at = START + dt.timedelta(seconds=RETRY_DELAY_SECONDS)
        with clock.frozen_at(retry_at):
            execute(job_id)
            first, second = endpoint.wait_for(2)
            verified(second, secret, now=retry_at)
    assert first.body == second.body
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert second.headers["x-privacy-center-timestamp"] == str(int(retry_at.timestamp()))
    done = status(people.ana, client_id)
    assert done is not None
    assert (done.state, done.attempts, done.last_reason) == ("delivered", 2, None)


@pytest.mark.allow_error_logs  # the runner reports a job failed for good at ERROR
def test_an_unreachable_endpoint_is_retried_with_exponential_back_off_then_fails(people: People) -> None:
    client_id, _secret = make_app("Notes", free_port_url())
    authorize(people.ana, client_id)
    with clock.frozen_at(START):
        ask(people.ana, client_id)
    job_id = the_job()
    moment, delays = START, []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        with clock.frozen_at(moment):
            execute(job_id)
        now = status(people.ana, client_id)
        assert now is not None
        assert (now.attempts, now.last_reason) == (attempt, "ConnectError")
        if attempt == MAX_ATTEMPTS:
            break
        assert now.state == "pending"
        with session_scope() as session:
            job = session.get(Job, job_id)
            assert job is not None
            due = job.run_after
        with clock.frozen_at(due - dt.timedelta(seconds=1)):  # not before its time
            execute(job_id)
        assert status(people.ana, client_id) == now
        delays.append((due - moment).total_seconds())
        moment = due
    assert delays == [RETRY_DELAY_SECONDS * 2**n for n in range(MAX_ATTEMPTS - 1)]
    failed = status(people.ana, client_id)
    assert failed is not None
    assert (failed.state, failed.attempts, failed.max_attempts) == ("failed", MAX_ATTEMPTS, MAX_ATTEMPTS)
    with session_scope() as session:
        job = session.get(Job, job_id)
        assert job is not None
        assert (job.state, job.last_error) == (JobState.FAILED, "ConnectError")
    assert ask(people.ana, client_id).state == "pending"  # failed is final: asking again starts anew


def _documented_verify() -> Callable[[str, dict[str, str], bytes], bool]:
    """The ``verify`` function of docs/webhooks.md, run as a developer would copy it."""
    text = (Path(__file__).parents[2] / "docs" / "webhooks.md").read_text(encoding="utf-8")
    (snippet,) = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    namespace: dict[str, object] = {}
    exec(compile(snippet, "docs/webhooks.md", "exec"), namespace)  # noqa: S102 - our own documentation
    return namespace["verify"]  # type: ignore[return-value]


def test_the_documented_check_verifies_a_real_webhook_and_refuses_a_forged_one(people: People) -> None:
    verify = _documented_verify()
    with running_receiver() as endpoint:
        client_id, secret = make_app("Notes", endpoint.url)
        assert secret is not None
        authorize(people.ana, client_id)
        ask(people.ana, client_id)
        execute(the_job())
        (received,) = endpoint.wait_for(1)
    assert verify(secret, received.headers, received.body)
    assert not verify(secret, received.headers, received.body.replace(b"user.", b"usr."))
    assert not verify("whsec_" + "x" * 43, received.headers, received.body)
    stale = {
        **received.headers,
        "x-privacy-center-timestamp": str(int(received.headers["x-privacy-center-timestamp"]) - 301),
    }
    assert not verify(secret, stale, received.body)


def test_the_documented_retry_schedule_is_the_jobs() -> None:
    text = " ".join((Path(__file__).parents[2] / "docs" / "webhooks.md").read_text(encoding="utf-8").split())
    minutes = [int(RETRY_DELAY_SECONDS * 2**n // 60) for n in range(1, MAX_ATTEMPTS - 1)]
    schedule = f"after {int(RETRY_DELAY_SECONDS)} s, then {', '.join(map(str, minutes[:-1]))} and {minutes[-1]} minutes"
    assert schedule in text
    words = {6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
    assert f"{words[MAX_ATTEMPTS]} attempts" in text


@pytest.mark.allow_error_logs  # the runner reports a job failed for good at ERROR
def test_a_request_whose_worker_died_in_every_attempt_is_shown_failed(people: People) -> None:
    """The runner fails such a job without calling the handler; the person still sees the end."""
    with running_receiver() as endpoint:
        client_id, _secret = make_app("Notes", endpoint.url)
        authorize(people.ana, client_id)
        ask(people.ana, client_id)
        job_id = the_job()
        with session_scope() as session:  # as if each of the attempts had lost its worker
            session.execute(sa.update(Job).where(col(Job.id) == job_id).values(attempts=MAX_ATTEMPTS))
        execute(job_id)
        assert endpoint.received == []
    failed = status(people.ana, client_id)
    assert failed is not None
    assert (failed.state, failed.last_reason) == ("failed", "WorkerLost")


def test_an_endpoint_removed_before_the_attempt_makes_the_request_not_possible(people: People) -> None:
    with running_receiver() as endpoint:
        client_id, _secret = make_app("Notes", endpoint.url)
        authorize(people.ana, client_id)
        ask(people.ana, client_id)
        with session_scope() as session:
            session.execute(sa.update(OAuthClient).values(webhook_url=None))
        execute(the_job())
        assert endpoint.received == []
    now = status(people.ana, client_id)
    assert now is not None
    assert now.state == "not_possible"


def test_clicks_racing_each_other_make_one_request(people: People) -> None:
    """Four tabs ask at once: one request, one job, one history entry, and every tab is shown it."""
    client_id, _secret = make_app("Notes", "https://notes.example/privacy/deletions")
    authorize(people.ana, client_id)
    start, seen, lock = threading.Barrier(4), [], threading.Lock()

    def click() -> None:
        start.wait()
        answer = ask(people.ana, client_id)
        with lock:
            seen.append(answer)

    tabs = [threading.Thread(target=click) for _ in range(4)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join()
    assert len(seen) == 4
    assert len(set(seen)) == 1
    assert counts() == (1, 1, 1)
