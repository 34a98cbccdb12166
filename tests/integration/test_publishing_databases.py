"""Publishing and acknowledgments on the migrated schema: the database itself keeps the rules.

The service checks before it writes, but two loads at once, or a row written by other
code, get past a check; only the constraints the migrations created stop them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config
from sqlmodel import Session, func, select

from alembic import command
from privacy_center.authz import Capability, Viewer, act_for
from privacy_center.content.guidelines import GuidelineLibrary, load_library
from privacy_center.db import make_engine, session_scope
from privacy_center.i18n.locales import DEFAULT_LOCALE
from privacy_center.models import PlatformAccount, PolicyAcknowledgment, PolicyDocument, User
from privacy_center.services.accounts import create_user
from privacy_center.services.acknowledgments import acknowledge
from privacy_center.services.publishing import publish_library
from tests.integration.conftest import alembic_config_for

FIXTURE_CONTENT = Path(__file__).parents[1] / "fixtures" / "content"
# The fixture's 2.0 takes effect on 2026-09-01: after that it is the version to acknowledge.
TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
UNIQUE_VERSION = "uq_policy_document_kind_version_locale"


@pytest.fixture
def library() -> GuidelineLibrary:
    return load_library(FIXTURE_CONTENT)


@pytest.fixture
def migrated(alembic_config: Config, engine: sa.Engine) -> sa.Engine:
    """The test database at head, built by the migrations (not ``create_all``)."""
    command.upgrade(alembic_config, "head")
    return engine


def _violated_unique_version(error: sa.exc.IntegrityError) -> bool:
    diag = getattr(error.orig, "diag", None)  # psycopg names the constraint; SQLite names the columns
    if diag is not None:
        return diag.constraint_name == UNIQUE_VERSION
    return "policy_document.kind, policy_document.version, policy_document.locale" in str(error.orig)


def test_the_database_refuses_a_second_row_for_a_version(migrated: sa.Engine, library: GuidelineLibrary) -> None:
    with session_scope(migrated) as session:
        report = publish_library(session=session, library=library, today=TODAY)
    assert report.added > 0
    with session_scope(migrated) as session:
        existing = session.exec(select(PolicyDocument)).first()
        assert existing is not None
        duplicate = PolicyDocument(
            kind=existing.kind, version=existing.version, locale=existing.locale, title="Other text",
            last_updated=existing.last_updated, effective_on=existing.effective_on, content_sha256="0" * 64,
        )  # fmt: skip
    with pytest.raises(sa.exc.IntegrityError) as caught, session_scope(migrated) as session:
        session.add(duplicate)
    assert _violated_unique_version(caught.value), caught.value
    with Session(migrated) as session:
        assert session.exec(select(func.count()).select_from(PolicyDocument)).one() == report.added


@pytest.mark.postgres
def test_two_loads_at_once_cannot_both_record_a_version(postgres_url: str, library: GuidelineLibrary) -> None:
    """The second load read the table before the first committed; the unique key stops it.

    REPEATABLE READ pins the late load's view to before the early one committed: the
    interleaving two ``content load`` runs at once (two deploy hooks) can produce, made
    deterministic.
    """
    command.upgrade(alembic_config_for(postgres_url), "head")
    engine = make_engine(postgres_url)
    try:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as late_connection:
            late = Session(late_connection)
            assert late.exec(select(PolicyDocument)).all() == []  # its snapshot starts here, empty
            with session_scope(engine) as early:
                first = publish_library(session=early, library=library, today=TODAY)
            with pytest.raises(sa.exc.IntegrityError) as caught:
                publish_library(session=late, library=library, today=TODAY)
            assert _violated_unique_version(caught.value), caught.value
            late.rollback()
            late.close()
        with Session(engine) as session:
            assert session.exec(select(func.count()).select_from(PolicyDocument)).one() == first.added
    finally:
        engine.dispose()


def test_deleting_a_user_keeps_their_acknowledgments(migrated: sa.Engine, library: GuidelineLibrary) -> None:
    """ON DELETE RESTRICT from user_account, on both databases (SQLite only with foreign keys on).

    An acknowledgment is kept for its legal basis; erasure goes through the personal-data
    registry, so deleting the user row alone is refused instead of erasing it silently.
    """
    user_ids = []
    with session_scope(migrated) as session:
        for name in ("ada", "grace"):
            user = create_user(session=session, username=name, password="correct horse", display_name=name.title())
            viewer = Viewer(user.id or 0, user.display_name, "user", NOW, 0, None)
            subject = act_for(viewer, user.id or 0, Capability.CHANGE_SETTINGS, NOW)
            ack = acknowledge(
                session=session, subject=subject, version="2.0", library=library, locale=DEFAULT_LOCALE, now=NOW
            )
            assert ack.id is not None
            user_ids.append(user.id)
    leaving, _staying = user_ids
    with pytest.raises(sa.exc.IntegrityError), session_scope(migrated) as session:
        session.delete(session.get(User, leaving))
    with Session(migrated) as session:
        assert sorted(session.exec(select(PolicyAcknowledgment.user_id)).all()) == sorted(user_ids)
        assert sorted(session.exec(select(PlatformAccount.user_id)).all()) == sorted(user_ids)


def test_an_acknowledgment_of_an_unknown_user_is_refused(migrated: sa.Engine) -> None:
    with pytest.raises(sa.exc.IntegrityError), session_scope(migrated) as session:
        session.add(PolicyAcknowledgment(user_id=424242, kind="full", version="2.0", locale="en", acknowledged_at=NOW))


def test_make_engine_turns_sqlite_foreign_keys_on(tmp_path: Path) -> None:
    """SQLite ignores REFERENCES unless each connection turns them on; a bare engine shows why it matters."""
    url = f"sqlite:///{tmp_path / 'fk.db'}"
    engine = make_engine(url)
    bare = sa.create_engine(url)
    try:
        with engine.connect() as first, engine.connect() as second:  # every pooled connection, not just one
            assert first.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert second.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        with bare.begin() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 0
            connection.exec_driver_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
            connection.exec_driver_sql(
                "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE)"
            )
            connection.exec_driver_sql("INSERT INTO parent (id) VALUES (1)")
            connection.exec_driver_sql("INSERT INTO child (parent_id) VALUES (1)")
            connection.exec_driver_sql("DELETE FROM parent")
            assert connection.exec_driver_sql("SELECT count(*) FROM child").scalar_one() == 1  # orphan left
            connection.exec_driver_sql("INSERT INTO parent (id) VALUES (1)")
        with engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM parent")
            assert connection.exec_driver_sql("SELECT count(*) FROM child").scalar_one() == 0
    finally:
        engine.dispose()
        bare.dispose()
