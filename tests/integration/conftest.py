"""Real servers for integration tests: a SQLite file, a fresh PostgreSQL database, Redis.

PostgreSQL must run on 127.0.0.1:5432 with trust auth (user ``postgres``, else ``root``)
and Redis on 127.0.0.1:6379. Under ``CI=true`` a missing server fails the run; on a
developer's machine those cases are skipped with the reason.

Every PostgreSQL test gets a database of its own, named after the session
(``pc_it_<session hex>_<n>``): migration tests need an empty one. Each is dropped when
its test ends, and the session drops any of its own it finds left at the end; databases
of other sessions (other engineers run the suite on the same server) are never touched.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import psycopg
import pytest
import redis
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory
from psycopg import sql
from sqlalchemy.engine import make_url

from privacy_center.cli import _alembic_config
from privacy_center.db import make_engine

PG_ADMIN_URLS = ("postgresql://postgres@127.0.0.1:5432/test", "postgresql://root@127.0.0.1:5432/test")
# Database 12 belongs to the end-to-end suite; this one is flushed before and after each test.
REDIS_URL = "redis://127.0.0.1:6379/13"


def _unreachable(message: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: the integration servers are required)", pytrace=False)
    pytest.skip(message)


@dataclass
class PostgresServer:
    """The admin connection and the names this session gave its databases."""

    admin_url: str
    prefix: str = field(default_factory=lambda: f"pc_it_{secrets.token_hex(4)}")
    _numbers: itertools.count = field(default_factory=itertools.count)

    def create_database(self) -> str:
        """A new, empty database; returns its SQLAlchemy URL (psycopg 3 driver)."""
        name = f"{self.prefix}_{next(self._numbers)}"
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        url = make_url(self.admin_url).set(drivername="postgresql+psycopg", database=name)
        return url.render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        """Drop one database even if connections to it are still open."""
        self.drop_named(make_url(url).database or "")

    def drop_named(self, name: str) -> None:
        """Drop a database of this session by name (never another session's)."""
        assert name.startswith(f"{self.prefix}_"), f"refusing to drop {name!r}: not created by this session"
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def leftover(self) -> list[str]:
        """This session's databases that still exist."""
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            rows = admin.execute(
                "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (f"{self.prefix}_",)
            ).fetchall()
        return [name for (name,) in rows]


def _admin_url() -> str | None:
    for url in PG_ADMIN_URLS:
        try:
            with psycopg.connect(url, connect_timeout=3):
                return url
        except psycopg.OperationalError:
            continue
    return None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    url = _admin_url()
    if url is None:
        _unreachable(f"PostgreSQL is not reachable at {' or '.join(PG_ADMIN_URLS)}")
    server = PostgresServer(admin_url=url)
    yield server
    # A test's own teardown drops its database; this catches what an interrupted one left.
    for name in server.leftover():
        server.drop_named(name)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards even if the test fails."""
    url = postgres_server.create_database()
    try:
        yield url
    finally:
        postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test using this runs on both databases, each time an empty one."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'it.db'}"
    return request.getfixturevalue("postgres_url")


def alembic_config_for(url: str) -> Config:
    """The project's alembic configuration aimed at ``url``, leaving pytest's logging alone."""
    config = _alembic_config()
    config.set_main_option("sqlalchemy.url", url)
    # env.py would otherwise call fileConfig(), which replaces the handlers caplog relies on.
    config.attributes["configure_logger"] = False
    return config


@pytest.fixture
def alembic_config(database_url: str) -> Config:
    return alembic_config_for(database_url)


@pytest.fixture(scope="session")
def migration_scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_alembic_config())


@pytest.fixture
def engine(database_url: str) -> Iterator[sa.Engine]:
    """The app's own engine (``make_engine``) on the test database, disposed afterwards."""
    built = make_engine(database_url)
    try:
        yield built
    finally:
        built.dispose()


@pytest.fixture(scope="session")
def redis_server() -> str:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        _unreachable(f"Redis is not reachable at {REDIS_URL}: {exc}")
    finally:
        client.close()
    return REDIS_URL


@pytest.fixture
def redis_url(redis_server: str) -> Iterator[str]:
    """The test's Redis database, empty at the start and flushed at the end."""
    client = redis.Redis.from_url(redis_server)
    client.flushdb()
    try:
        yield redis_server
    finally:
        client.flushdb()
        client.close()
