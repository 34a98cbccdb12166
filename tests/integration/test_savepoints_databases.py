"""A savepoint never commits by itself: rolling the transaction back takes its writes too.

pysqlite opens a transaction only before the first data change, so a SAVEPOINT issued
before any write opened one of SQLite's own, and its RELEASE committed everything at
once: a later failure of the same action could no longer take it back (found with a
deletion request that outlived its rolled-back action). ``db.savepoint`` is the one way
services take a savepoint, on both databases.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.config import Config
from sqlmodel import select

from alembic import command
from privacy_center.db import savepoint, session_scope
from privacy_center.models import InstallationSetting
from tests.conftest import configured_database


class ActionFailedError(Exception):
    """What a later step of the same action raises."""


@pytest.fixture
def migrated(database_url: str, alembic_config: Config, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    command.upgrade(alembic_config, "head")
    with configured_database(monkeypatch, database_url, create_tables=False):
        yield


def _stored(key: str) -> bool:
    with session_scope() as session:
        return session.get(InstallationSetting, key) is not None


def _action_failing_after_a_savepoint() -> None:
    with session_scope() as session:
        session.exec(select(InstallationSetting)).all()  # a read first, as services do
        with savepoint(session):
            session.execute(sa.insert(InstallationSetting).values(key="probe", value="kept?"))
        raise ActionFailedError


def test_a_savepoint_taken_before_any_write_is_rolled_back_with_its_transaction(migrated: None) -> None:
    with pytest.raises(ActionFailedError):
        _action_failing_after_a_savepoint()
    assert not _stored("probe")


def test_a_failed_savepoint_keeps_the_rest_of_the_transaction(migrated: None) -> None:
    with session_scope() as session:
        session.execute(sa.insert(InstallationSetting).values(key="first", value="1"))
        with pytest.raises(sa.exc.IntegrityError), savepoint(session):
            session.execute(sa.insert(InstallationSetting).values(key="first", value="again"))
        session.execute(sa.insert(InstallationSetting).values(key="second", value="2"))
    assert _stored("first")
    assert _stored("second")
