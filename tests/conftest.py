"""Fixtures for every test level, and a guard that fails any test that logged an error."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlmodel import Session, SQLModel

from privacy_center import models  # noqa: F401 - registers the tables
from privacy_center.auth.relying_party.client import center_client
from privacy_center.content.guidelines import get_library
from privacy_center.db import get_engine, make_engine
from privacy_center.settings import get_settings

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "allow_error_logs: the test expects errors to be logged")


@pytest.fixture(autouse=True)
def _no_error_logs(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A test during which anything logged an error fails, unless it says it expects one."""
    caplog.set_level(logging.WARNING)
    yield
    if request.node.get_closest_marker("allow_error_logs"):
        return
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, "errors were logged: " + "; ".join(f"{r.name}: {r.getMessage()}" for r in errors)


@pytest.fixture
def db_session(tmp_path: Path) -> Iterator[Session]:
    """A session on a fresh SQLite file with every table created from the models."""
    engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def fixture_content_dir() -> Path:
    """Small guidelines in both locales, made for tests."""
    return FIXTURE_CONTENT


@pytest.fixture
def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Set PC_* variables through the returned monkeypatch; caches are cleared around the test."""
    get_settings.cache_clear()
    get_library.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()
    get_library.cache_clear()


@contextmanager
def configured_database(
    monkeypatch: pytest.MonkeyPatch, url: str, *, create_tables: bool = True, **env: str
) -> Iterator[None]:
    """Point the app's settings and engine at ``url`` (plus ``PC_*`` overrides) for one test.

    The settings, the engine and the sign-in client are cached per process: they are
    cleared before and after, so nothing leaks into the next test.
    """
    monkeypatch.setenv("PC_DATABASE_URL", url)
    for key, value in env.items():
        monkeypatch.setenv(f"PC_{key.upper()}", value)
    caches = (get_settings, get_engine, center_client)
    for cache in caches:
        cache.cache_clear()
    if create_tables:
        SQLModel.metadata.create_all(get_engine())
    try:
        yield
    finally:
        get_engine().dispose()
        for cache in caches:
            cache.cache_clear()
