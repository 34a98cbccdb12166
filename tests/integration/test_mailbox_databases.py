"""The verified mailbox and its mail, on SQLite and PostgreSQL, through a real SMTP server.

Codes travel as the person would get them: the ``mail.send`` job runs (``jobs.runner.execute``,
what the worker calls) and hands the message to aiosmtpd, or to the outbox folder.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from privacy_center import clock
from privacy_center.authz import Capability, Subject, Viewer, act_for
from privacy_center.db import get_engine, session_scope
from privacy_center.i18n.locales import by_code
from privacy_center.jobs.queue import get_queue
from privacy_center.jobs.runner import execute
from privacy_center.mail.outbox import list_messages, read_message
from privacy_center.models.audit import AuditEntry
from privacy_center.models.jobs import Job, JobState
from privacy_center.models.mailbox import ChallengeState, MailboxAddress, MailboxChallenge
from privacy_center.services import mail_delivery, mailbox
from privacy_center.services.mailbox_errors import (
    AddressInvalidError,
    AddressWithoutAtError,
    RecentSignInRequiredError,
    TooManyCodesError,
)
from privacy_center.settings import get_settings
from tests.conftest import configured_database
from tests.smtp_server import RecordingHandler, running
from tests.unit.factories import make_person

EN, ZH = by_code("en"), by_code("zh_CN")
START = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")


@pytest.fixture
def db(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app on the test database, its own queue file and outbox; yields the outbox folder."""
    outbox = tmp_path / "outbox"
    env = {"queue_url": f"sqlite:///{tmp_path / 'queue.db'}", "outbox_dir": str(outbox)}
    get_queue.cache_clear()
    with configured_database(monkeypatch, database_url, **env):
        yield outbox
    get_queue.cache_clear()


def _people(*names: str) -> list[int]:
    with session_scope() as session:
        return [make_person(session, name).id for name in names]


def _subject(user_id: int, *, signed_in_at: dt.datetime = START) -> Subject:
    viewer = Viewer(
        user_id=user_id, display_name="x", role="user", auth_time=signed_in_at, session_id=1, preferred_locale=None
    )
    return act_for(viewer, user_id, Capability.MANAGE_MAILBOX, signed_in_at)


def _request(user_id: int, address: str, *, locale=EN, now: dt.datetime = START) -> str:
    with session_scope() as session:
        return mailbox.request_code(session, subject=_subject(user_id), address=address, locale=locale, now=now)


def _confirm(user_id: int, code: str, *, now: dt.datetime = START, signed_in_at: dt.datetime = START):
    with session_scope() as session:
        return mailbox.confirm(session, subject=_subject(user_id, signed_in_at=signed_in_at), code=code, now=now)


def _mail_jobs() -> list[Job]:
    with session_scope() as session:
        return list(session.exec(select(Job).where(Job.kind == mail_delivery.MAIL_SEND).order_by(Job.id)))


def _run_due(job: Job) -> Job:
    """Run ``job`` now, as the worker would once its back-off has passed."""
    with get_engine().begin() as connection:
        connection.execute(sa.update(Job).where(Job.id == job.id).values(run_after=dt.datetime.now(dt.UTC)))
    execute(job.id)
    with session_scope() as session:
        return session.get(Job, job.id)


def _code_in(message: EmailMessage) -> str:
    return CODE.search(message.get_body(preferencelist=("plain",)).get_content()).group(1)


def _actions(user_id: int) -> list[str]:
    with session_scope() as session:
        query = select(AuditEntry.action).where(AuditEntry.subject_user_id == user_id).order_by(AuditEntry.id)
        return list(session.exec(query))


def test_refused_then_accepted_the_code_arrives_once_in_the_persons_language(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [ada] = _people("ada")
    handler = RecordingHandler(refuse_next=1)
    with running(handler) as port:
        monkeypatch.setenv("PC_SMTP_URL", f"smtp://localhost:{port}")
        get_settings.cache_clear()
        assert _request(ada, "Ada@Example.org", locale=ZH) == "A***@example.org"
        [job] = _mail_jobs()
        job = _run_due(job)
        assert (job.state, job.attempts, handler.received) == (JobState.QUEUED, 1, [])
        assert "451" in job.last_error
        job = _run_due(job)
        assert (job.state, job.attempts) == (JobState.SUCCEEDED, 2)
        _run_due(job)  # a duplicate delivery of a finished job sends nothing
    [message] = handler.received
    assert message["To"] == "Ada@example.org"
    assert message["Content-Language"] == "zh-CN"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    code = _code_in(message)
    assert code not in str(job.payload)  # the job row never holds the code in clear
    assert _confirm(ada, code).outcome is mailbox.Outcome.CONFIRMED
    with session_scope() as session:
        stored = session.exec(select(MailboxAddress).where(MailboxAddress.user_id == ada)).one()
        hashes = list(session.exec(select(MailboxChallenge.code_hash)))
    assert stored.address == "Ada@example.org"
    assert code not in "".join(hashes)
    assert _actions(ada) == ["mailbox_code_sent", "mailbox_verified"]


@pytest.mark.allow_error_logs
def test_a_server_that_keeps_refusing_fails_the_job_with_its_answer(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [ada] = _people("ada")
    handler = RecordingHandler(refuse_next=100)
    with running(handler) as port:
        monkeypatch.setenv("PC_SMTP_URL", f"smtp://localhost:{port}")
        get_settings.cache_clear()
        _request(ada, "ada@example.org")
        [job] = _mail_jobs()
        for _attempt in range(mail_delivery.MAX_ATTEMPTS):
            job = _run_due(job)
    assert (job.state, job.attempts, handler.refused) == (JobState.FAILED, mail_delivery.MAX_ATTEMPTS, 6)
    assert "451" in job.last_error
    assert handler.received == []


def test_without_a_server_the_code_is_written_to_the_outbox(db: Path) -> None:
    [ada] = _people("ada")
    _request(ada, "ada@example.org")
    [job] = _mail_jobs()
    assert _run_due(job).state == JobState.SUCCEEDED
    [entry] = list_messages(db).entries
    shown = read_message(db, entry.name)
    assert entry.to == "ada@example.org"
    assert shown is not None
    code = CODE.search(shown.text).group(1)
    assert _confirm(ada, code).outcome is mailbox.Outcome.CONFIRMED


def _sent_code(outbox: Path) -> str:
    for job in _mail_jobs():
        if job.state == JobState.QUEUED:
            _run_due(job)
    newest = list_messages(outbox).entries[0]
    return CODE.search(read_message(outbox, newest.name).text).group(1)


def test_five_wrong_codes_wear_the_code_out(db: Path) -> None:
    [ada] = _people("ada")
    _request(ada, "ada@example.org")
    code = _sent_code(db)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    results = [_confirm(ada, wrong) for _ in range(5)]
    assert [(r.outcome, r.tries_left) for r in results] == [
        (mailbox.Outcome.WRONG, 4),
        (mailbox.Outcome.WRONG, 3),
        (mailbox.Outcome.WRONG, 2),
        (mailbox.Outcome.WRONG, 1),
        (mailbox.Outcome.EXHAUSTED, 0),
    ]
    assert _confirm(ada, code).outcome is mailbox.Outcome.NO_CODE  # the right code comes too late
    with session_scope() as session:
        assert session.exec(select(MailboxAddress)).first() is None
        assert session.exec(select(MailboxChallenge.state)).one() == ChallengeState.EXHAUSTED


def test_a_code_expires_after_ten_minutes(db: Path) -> None:
    [ada] = _people("ada")
    _request(ada, "ada@example.org")
    code = _sent_code(db)
    late = START + dt.timedelta(minutes=mailbox.CODE_MINUTES, seconds=1)
    assert _confirm(ada, code, now=late).outcome is mailbox.Outcome.EXPIRED
    assert _confirm(ada, code, now=START + dt.timedelta(minutes=9)).outcome is mailbox.Outcome.CONFIRMED


def test_a_new_code_replaces_the_one_waiting(db: Path) -> None:
    [ada] = _people("ada")
    _request(ada, "old@example.org")
    first = _sent_code(db)
    _request(ada, "new@example.org", now=START + dt.timedelta(minutes=1))
    second = _sent_code(db)
    if first != second:
        assert _confirm(ada, first).outcome is mailbox.Outcome.WRONG
    assert _confirm(ada, second).outcome is mailbox.Outcome.CONFIRMED
    with session_scope() as session:
        assert session.exec(select(MailboxAddress.address)).one() == "new@example.org"


def test_another_persons_code_changes_nothing(db: Path) -> None:
    ada, grace = _people("ada", "grace")
    _request(ada, "ada@example.org")
    code = _sent_code(db)
    assert _confirm(grace, code).outcome is mailbox.Outcome.NO_CODE
    with session_scope() as session:
        assert session.exec(select(MailboxAddress)).first() is None
        challenge = session.exec(select(MailboxChallenge)).one()
    assert (challenge.user_id, challenge.state, challenge.attempts) == (ada, ChallengeState.PENDING, 0)
    assert _actions(grace) == []


def test_sending_is_limited_per_person_and_says_until_when(db: Path) -> None:
    [ada] = _people("ada")
    for minute in range(mailbox.SENDS_PER_PERSON):
        _request(ada, f"ada{minute}@example.org", now=START + dt.timedelta(minutes=minute))
    with pytest.raises(TooManyCodesError) as refused:
        _request(ada, "ada9@example.org", now=START + dt.timedelta(minutes=30))
    assert refused.value.message(EN) == (
        "Too many codes were sent. You can ask for a new one after Nov 30, 2026, 10:00\u202fAM UTC."
    )
    _request(ada, "ada9@example.org", now=START + dt.timedelta(hours=1, seconds=1))


def test_sending_is_limited_per_address_across_people(db: Path) -> None:
    people = _people("ada", "grace", "linus", "barbara")
    for number, person in enumerate(people[:-1]):
        _request(person, "Shared@Example.org", now=START + dt.timedelta(minutes=number))
    with pytest.raises(TooManyCodesError):
        _request(people[-1], "shared@example.org", now=START + dt.timedelta(minutes=5))


def test_changing_or_removing_a_confirmed_address_needs_a_recent_sign_in(db: Path) -> None:
    [ada] = _people("ada")
    _request(ada, "ada@example.org")
    assert _confirm(ada, _sent_code(db)).outcome is mailbox.Outcome.CONFIRMED
    later = START + dt.timedelta(seconds=get_settings().reauth_max_age_seconds + 1)
    with session_scope() as session, pytest.raises(RecentSignInRequiredError):
        mailbox.request_code(session, subject=_subject(ada), address="new@example.org", locale=EN, now=later)
    with session_scope() as session, pytest.raises(RecentSignInRequiredError):
        mailbox.remove(session, subject=_subject(ada), now=later)
    with session_scope() as session:
        mailbox.remove(session, subject=_subject(ada, signed_in_at=later), now=later)
        assert session.exec(select(MailboxAddress)).first() is None
    assert _actions(ada) == ["mailbox_code_sent", "mailbox_verified", "mailbox_removed"]


def test_address_errors_are_in_the_readers_language(db: Path) -> None:
    [ada] = _people("ada")
    with pytest.raises(AddressWithoutAtError) as no_at:
        _request(ada, "ada.example.org")
    with pytest.raises(AddressInvalidError) as invalid:
        _request(ada, "ada@example")
    assert no_at.value.message(EN).startswith("An email address has a name, an @")
    assert invalid.value.message(ZH) != invalid.value.msgid
    assert _mail_jobs() == []


def test_the_clock_decides_the_expiry_shown(db: Path) -> None:
    [ada] = _people("ada")
    _request(ada, "ada@example.org")
    with clock.frozen_at(START + dt.timedelta(minutes=1)), session_scope() as session:
        status = mailbox.status(session, subject=_subject(ada), now=clock.now())
    assert (status.pending, status.pending_expires_at, status.tries_left) == (
        "a***@example.org",
        START + dt.timedelta(minutes=10),
        5,
    )
