"""The database engine and sessions, for services, the CLI and tests alike (no Reflex)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

from privacy_center.caches import on_reset, process_wide
from privacy_center.settings import get_settings


def make_engine(url: str) -> sa.Engine:
    """An engine for ``url``; SQLite gets its folder, foreign keys and WAL turned on."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        _private_file(Path(parsed.database))
    engine = create_engine(url, connect_args={"check_same_thread": False})

    @sa.event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI objects
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return engine


def _private_file(database: Path) -> None:
    """Create the SQLite file readable by this user alone (it holds personal data).

    SQLite gives its write-ahead log and index the database file's permissions, so those
    follow. A folder we create is private too; one the operator made is left as it is.
    """
    if not database.parent.exists():
        database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(database, os.O_CREAT | os.O_RDWR, 0o600))
    if database.stat().st_mode & 0o077:
        database.chmod(0o600)


@process_wide
def get_engine() -> sa.Engine:
    """The process-wide engine for the configured database."""
    return make_engine(get_settings().database_url)


@on_reset
def _dispose_engine() -> None:
    """Close the pooled connections of the engine about to be forgotten (a test's database goes next)."""
    if get_engine.cache_info().currsize:
        get_engine().dispose()


@contextmanager
def session_scope(engine: sa.Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def savepoint(session: Session) -> Iterator[None]:
    """A SAVEPOINT in the session's transaction: a failure inside undoes only what it did.

    The one way services take one. On SQLite, pysqlite opens a transaction only before the
    first data change, so a SAVEPOINT before any write would open SQLite's own, and its
    RELEASE commit at once what a later failure of the action must still undo. A BEGIN
    first puts it inside the transaction the session commits or rolls back (reads before
    it ran outside a transaction, as pysqlite runs them: no stale snapshot to upgrade).
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        dbapi = connection.connection.dbapi_connection
        if dbapi is not None and not dbapi.in_transaction:
            connection.exec_driver_sql("BEGIN")
    with session.begin_nested():
        yield
