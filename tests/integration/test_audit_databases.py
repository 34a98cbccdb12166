"""The access history on SQLite and PostgreSQL: one chain, refused edits, tampering caught.

Tampering is done as an attacker with database access would: raw SQL on the table, with
the append-only triggers dropped or disabled first, then ``python -m privacy_center audit
verify`` is run as an operator runs it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel

from alembic import command
from privacy_center.db import make_engine
from privacy_center.services.audit import AuditAction, first_break, record
from tests.integration.conftest import alembic_config_for
from tests.unit.factories import make_person

ROOT = Path(__file__).parents[2]
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def _user(engine: sa.Engine, username: str) -> int:
    with Session(engine) as session:
        user = make_person(session, username)
        session.commit()
        assert user.id is not None
        return user.id


def _append(engine: sa.Engine, user_id: int, count: int, *, client: str = "web") -> None:
    """``count`` entries, each in its own transaction as actions commit one by one."""
    for number in range(count):
        with Session(engine) as session:
            record(
                session, action=AuditAction.SIGNED_IN, subject_user_id=user_id, actor_user_id=user_id,
                details={"n": number}, client=client, now=NOW + dt.timedelta(seconds=number),
            )  # fmt: skip
            session.commit()


def _verify(database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PC_DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "privacy_center", "audit", "verify"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def _drop_guards(connection: sa.Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("ALTER TABLE audit_entry DISABLE TRIGGER USER"))
    else:
        connection.execute(sa.text("DROP TRIGGER audit_entry_no_update"))
        connection.execute(sa.text("DROP TRIGGER audit_entry_no_delete"))


@pytest.fixture
def migrated(database_url: str, alembic_config: Config) -> str:
    """A database built by the migrations (their triggers, their seeded chain head)."""
    command.upgrade(alembic_config, "head")
    return database_url


def test_a_chain_of_entries_verifies(migrated: str, engine: sa.Engine) -> None:
    _append(engine, _user(engine, "ada"), 3)
    with Session(engine) as session:
        assert first_break(session) is None
    done = _verify(migrated)
    assert done.returncode == 0, done.stderr
    assert '"ok": true' in done.stdout


def test_the_database_refuses_to_edit_or_delete_an_entry(migrated: str, engine: sa.Engine) -> None:
    _append(engine, _user(engine, "ada"), 1)
    for statement in ("UPDATE audit_entry SET client = 'forged'", "DELETE FROM audit_entry"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(sa.text(statement))
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT client FROM audit_entry")).scalar_one() == "web"


def test_tables_made_without_migrations_are_guarded_too(database_url: str) -> None:
    """create_all (tests, a fresh demo database) gets the same triggers and chain head."""
    built = make_engine(database_url)
    try:
        SQLModel.metadata.create_all(built)
        _append(built, _user(built, "ada"), 2)
        with pytest.raises(DBAPIError, match="append-only"), built.begin() as connection:
            connection.execute(sa.text("DELETE FROM audit_entry WHERE id = 2"))
        with Session(built) as session:
            assert first_break(session) is None
    finally:
        built.dispose()


def test_an_entry_edited_behind_the_applications_back_is_named(migrated: str, engine: sa.Engine) -> None:
    _append(engine, _user(engine, "ada"), 4)
    with engine.begin() as connection:
        _drop_guards(connection)
        connection.execute(sa.text("UPDATE audit_entry SET client = 'agent console' WHERE id = 3"))
    done = _verify(migrated)
    assert done.returncode == 1
    assert '"entry_id": 3' in done.stdout
    assert "edited" in done.stdout


def test_an_entry_removed_from_the_middle_or_the_end_is_caught(migrated: str, engine: sa.Engine) -> None:
    _append(engine, _user(engine, "ada"), 5)
    with engine.begin() as connection:
        _drop_guards(connection)
        connection.execute(sa.text("DELETE FROM audit_entry WHERE id = 5"))
    with Session(engine) as session:
        broken = first_break(session)
    assert broken is not None
    assert broken.entry_id == 5
    with engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM audit_entry WHERE id = 2"))
    with Session(engine) as session:
        broken = first_break(session)
    assert broken is not None
    assert broken.entry_id == 2
    assert "missing" in broken.reason


def test_concurrent_appends_keep_one_chain(migrated: str, engine: sa.Engine) -> None:
    """Writers released together each chain onto the last committed entry: no fork, no gap."""
    writers, each = 6, 8
    users = [_user(engine, f"person-{n}") for n in range(writers)]
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write(user_id: int) -> None:
        start.wait()
        try:
            _append(engine, user_id, each)
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(user_id,)) for user_id in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with Session(engine) as session:
        assert first_break(session) is None
    with engine.connect() as connection:
        ids = connection.execute(sa.text("SELECT id FROM audit_entry ORDER BY id")).scalars().all()
    assert ids == list(range(1, writers * each + 1))


@pytest.mark.postgres
def test_erasure_alone_passes_the_postgresql_guard(postgres_url: str) -> None:
    """The one way through on PostgreSQL: a transaction that says it is erasure (SET LOCAL)."""
    command.upgrade(alembic_config_for(postgres_url), "head")
    built = make_engine(postgres_url)
    try:
        _append(built, _user(built, "ada"), 1)
        with built.begin() as connection:
            connection.execute(sa.text("SET LOCAL privacy_center.audit_erasure = 'on'"))
            connection.execute(sa.text("UPDATE audit_entry SET details = '{}'"))
        with pytest.raises(DBAPIError, match="append-only"), built.begin() as connection:
            connection.execute(sa.text("UPDATE audit_entry SET client = 'forged'"))  # the flag ended with it
    finally:
        built.dispose()
