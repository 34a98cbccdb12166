"""Sign-in throttling on SQLite and PostgreSQL: exact counts under parallel attempts, locks
per account and address, a bounded table (issue 8, item 5)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import Counter
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.config import Config

from alembic import command
from privacy_center.auth.provider import signin, throttle
from privacy_center.db import get_engine, session_scope
from privacy_center.models import LoginThrottle, User
from privacy_center.models.base import utcnow
from privacy_center.security.secrets import token_hash
from privacy_center.services.accounts import create_user, find_account
from tests.conftest import configured_database

HOME = "203.0.113.9"
ELSEWHERE = "198.51.100.7"
RIGHT = "correct horse"


@pytest.fixture
def alice(database_url: str, alembic_config: Config, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The migrated schema with alice in it; yields her throttle account key."""
    command.upgrade(alembic_config, "head")
    with configured_database(monkeypatch, database_url, create_tables=False):
        with session_scope() as session:
            create_user(session=session, username="alice", password=RIGHT, display_name="Alice")
            account = find_account(session=session, login="alice")
            assert account is not None
            key = f"id:{account.id}"
        yield key


def _try(login: str, password: str, address: str, *, now: dt.datetime | None = None) -> str:
    """One attempt through the service; what came of it."""
    with session_scope() as session:
        try:
            user = signin.check_password(
                session=session, login=login, password=password, client_ip=address, now=now or utcnow()
            )
        except signin.BadCredentialsError:
            return "wrong"
        except throttle.LockedOutError:
            return "locked"
        return "in" if isinstance(user, User) else "?"


def _count(key: str) -> int:
    with session_scope() as session:
        row = session.exec(sa.select(LoginThrottle.failures).where(LoginThrottle.key_hash == token_hash(key))).first()
        return row[0] if row else 0


def test_parallel_wrong_attempts_are_counted_exactly(alice: str) -> None:
    attempt = throttle.Attempt(account=alice, address=HOME)
    start = threading.Barrier(20)
    outcomes: list[str] = []
    crashes: list[BaseException] = []

    def one() -> None:
        start.wait()
        try:
            outcomes.append(_try("alice", "not the password", HOME))
        except BaseException as exc:  # any crash is what this test looks for
            crashes.append(exc)

    threads = [threading.Thread(target=one) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert crashes == []
    assert Counter(outcomes) == {"wrong": 4, "locked": 16}
    assert _count(attempt.pair_key) == 20  # every attempt counted
    assert _count(attempt.address_key) == 5  # passwords checked
    assert _count(attempt.account_key) == 5  # wrong passwords checked


def test_failures_elsewhere_never_refuse_the_owner_at_home(alice: str) -> None:
    outcomes = [_try("alice", "guess", ELSEWHERE) for _ in range(8)]
    assert outcomes == ["wrong"] * 4 + ["locked"] * 4
    assert _try("ALICE ", RIGHT, HOME) == "in"
    assert _try("alice", RIGHT, ELSEWHERE) == "locked"  # that pair waits out its window


def test_one_address_cannot_spray_many_accounts(alice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throttle, "POLICY", dataclasses.replace(throttle.POLICY, per_address=6))
    assert [_try(f"user{n}", "guess", ELSEWHERE) for n in range(6)] == ["wrong"] * 6
    assert _try("alice", RIGHT, ELSEWHERE) == "locked"
    assert _try("alice", RIGHT, HOME) == "in"


def test_right_password_gives_the_address_its_attempt_back(alice: str) -> None:
    attempt = throttle.Attempt(account=alice, address=HOME)
    assert _try("alice", "typo", HOME) == "wrong"
    assert _try("alice", RIGHT, HOME) == "in"
    assert _count(attempt.pair_key) == 0
    assert _count(attempt.address_key) == 1  # the typo still counts, the success does not


def test_guessing_on_an_account_is_slowed_down_up_to_a_cap(alice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throttle, "POLICY", dataclasses.replace(throttle.POLICY, free_account_failures=2))
    delays = []
    for n in range(8):
        _try("alice", "guess", f"192.0.2.{n}")
        with session_scope() as session:
            delays.append(signin.sign_in_delay(session=session, login="alice", now=utcnow()))
    assert delays == [0.0, 0.0, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    with session_scope() as session:
        later = utcnow() + throttle.POLICY.window
        assert signin.sign_in_delay(session=session, login="alice", now=later) == 0.0


def test_the_table_stays_bounded(alice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throttle, "POLICY", dataclasses.replace(throttle.POLICY, max_rows=10))
    long_ago = utcnow() - dt.timedelta(hours=2)
    for n in range(3):
        _try(f"old{n}", "guess", f"192.0.2.{n}", now=long_ago)
    for n in range(30):
        _try(f"user{n}", "guess", f"198.51.100.{n}")
        with get_engine().connect() as connection:
            rows = connection.execute(sa.select(sa.func.count()).select_from(LoginThrottle)).scalar_one()
        assert rows <= 10 + 1  # the cap, plus the account row a failure adds after the tidy-up
    with get_engine().connect() as connection:
        old = connection.execute(
            sa.select(sa.func.count())
            .select_from(LoginThrottle)
            .where(LoginThrottle.window_started_at < long_ago + dt.timedelta(minutes=1))
        ).scalar_one()
    assert old == 0
