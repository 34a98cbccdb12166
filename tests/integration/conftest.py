"""Databases for integration tests: a SQLite file and a fresh PostgreSQL database.

PostgreSQL must run on 127.0.0.1:5432 (trust auth). Under CI=true a missing server fails
the run; on a developer's machine the PostgreSQL cases are skipped with the reason.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

PG_ADMIN_URLS = ("postgresql://postgres@127.0.0.1:5432/test", "postgresql://root@127.0.0.1:5432/test")


def _admin_url() -> str | None:
    for url in PG_ADMIN_URLS:
        try:
            with psycopg.connect(url, connect_timeout=3):
                return url
        except psycopg.OperationalError:
            continue
    return None


@pytest.fixture(scope="session")
def postgres_server() -> str:
    url = _admin_url()
    if url is None:
        message = f"PostgreSQL is not reachable at {PG_ADMIN_URLS[0]} (start it: see the env notes)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A new, empty database for one test, dropped afterwards even if the test fails."""
    name = f"pc_it_{secrets.token_hex(6)}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = postgres_server.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test using this runs on both databases."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'it.db'}"
    return request.getfixturevalue("postgres_url")
