"""Privacy settings on SQLite and PostgreSQL, on the migrated schema: racing writers never both win.

Two tabs (threads with their own transactions) change one setting from the version they
both saw; exactly one change is kept and recorded, the other is told it is stale.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config

from alembic import command
from privacy_center.authz import Capability, Subject, Viewer, act_for
from privacy_center.content.settings_catalogue import load_catalogue
from privacy_center.db import get_engine, session_scope
from privacy_center.models import AuditEntry, PrivacySetting
from privacy_center.models.base import utcnow
from privacy_center.services import audit
from privacy_center.services import privacy_settings as settings
from privacy_center.services.accounts import create_user
from tests.conftest import configured_database

CATALOGUE = load_catalogue(Path(__file__).parents[2] / "content").default
# Every value but the default, one writer each: a writer asking for the value in force changes nothing.
OTHER_CHOICES = ["last_6_months", "last_month", "last_3_days", "friends_only"]


@pytest.fixture
def ana(database_url: str, alembic_config: Config, monkeypatch: pytest.MonkeyPatch) -> Iterator[Subject]:
    """The migrated schema with one person in it."""
    command.upgrade(alembic_config, "head")
    with configured_database(monkeypatch, database_url, create_tables=False):
        with session_scope() as session:
            user = create_user(session=session, username="ana", password="correct horse", display_name="Ana")
            session.flush()
            user_id = user.id or 0
        viewer = Viewer(
            user_id=user_id, display_name="Ana", role="user", auth_time=utcnow(), session_id=1, preferred_locale=None
        )
        yield act_for(viewer, user_id, Capability.CHANGE_SETTINGS, utcnow())


def _race(who: Subject, key: str, values: list[str], version: int) -> Counter[str]:
    start = threading.Barrier(len(values))
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def write(value: str) -> None:
        start.wait()
        try:
            with session_scope() as session:
                settings.change(
                    session, subject=who, catalogue=CATALOGUE, key=key, value=value, expected_version=version,
                    client="web", now=utcnow(),
                )  # fmt: skip
            outcome = "kept"
        except settings.StaleSettingError:
            outcome = "stale"
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=write, args=(value,)) for value in values]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _changes(key: str) -> int:
    with session_scope() as session:
        entries = session.exec(sa.select(AuditEntry.details)).all()
        return sum(1 for (details,) in entries if details.get("setting") == key)


def test_racing_first_changes_keep_exactly_one(ana: Subject) -> None:
    outcomes = _race(ana, "friends.posts_visible_for", OTHER_CHOICES, 0)
    assert outcomes == Counter({"kept": 1, "stale": 3})
    with session_scope() as session:
        row = session.get(PrivacySetting, (ana.user_id, "friends.posts_visible_for"))
        assert row is not None
        assert row.version == 1
    assert _changes("friends.posts_visible_for") == 1


def test_racing_later_changes_keep_exactly_one(ana: Subject) -> None:
    with session_scope() as session:
        settings.change(
            session, subject=ana, catalogue=CATALOGUE, key="friends.posts_visible_for", value="last_month",
            expected_version=0, client="web", now=utcnow(),
        )  # fmt: skip
    outcomes = _race(ana, "friends.posts_visible_for", ["everyone", "last_6_months", "last_3_days", "friends_only"], 1)
    assert outcomes == Counter({"kept": 1, "stale": 3})
    assert _changes("friends.posts_visible_for") == 2
    with session_scope() as session:
        assert audit.first_break(session) is None  # the history's chain holds under the race


def test_the_history_stays_append_only_after_the_migration(ana: Subject) -> None:
    with session_scope() as session:
        settings.apply_gpc(session, subject=ana, catalogue=CATALOGUE, client="web", now=utcnow())
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), get_engine().begin() as connection:
        connection.execute(sa.text("UPDATE audit_entry SET client = 'forged'"))
