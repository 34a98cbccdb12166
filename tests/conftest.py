"""Fixtures for every test level, and a guard that fails any test that logged an error."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import authlib.deprecate
import pytest
from sqlmodel import Session, SQLModel

from privacy_center import models  # noqa: F401 - registers the tables
from privacy_center.caches import reset_caches
from privacy_center.db import get_engine, make_engine

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"

# Authlib puts an "always show" filter for its deprecation warnings in front of all the
# others when authlib.deprecate is first imported, which would hide them from pyproject's
# filterwarnings (they make them errors): it is imported first, above. Then its one
# warning that is not about our calls: its HTTP client falls back to httpx while httpx2
# is not installed (our transports are httpx ones); silenced here, for that import only.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "The httpx module is deprecated", DeprecationWarning)
    import authlib.integrations.httpx_client  # noqa: F401

# tests/unit/test_error_log_guard.py runs the guard below on a throwaway test file.
pytest_plugins = ("pytester",)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> Iterator[None]:
    """Any order for the unit and integration tests (pytest-randomly); the end-to-end ones last, as written.

    Last: Playwright keeps an event loop running in the process, under which the tests
    that start their own (``asyncio.run``) could not. As written: they share
    session-scoped servers and one database, and a test may leave a person signed in
    there for the next; checking every shuffle would cost a browser run each, so their
    order is pinned on purpose (each still waits for its page's state, see
    tests/e2e/conftest.py). Wraps pytest-randomly's shuffle to know the written order.
    """
    written = {item.nodeid: n for n, item in enumerate(items)}
    result = yield
    e2e = sorted((item for item in items if item.get_closest_marker("e2e")), key=lambda item: written[item.nodeid])
    items[:] = [item for item in items if not item.get_closest_marker("e2e")] + e2e
    return result


class _ErrorRecords(logging.Handler):
    """Keeps every record at ERROR or above that reaches the root logger."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def _no_error_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test during which anything logged an error fails, unless marked ``allow_error_logs``.

    A handler on the root logger rather than ``caplog``: it sees the set-up and tear-down
    of the test's other fixtures too (autouse fixtures are set up first, torn down last),
    and records from the threads Starlette's TestClient runs the app in.
    """
    handler = _ErrorRecords()
    root = logging.getLogger()
    level = root.level
    if level > logging.ERROR:  # a root set to CRITICAL would hide errors from the handler
        root.setLevel(logging.ERROR)
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    if handler.records and not request.node.get_closest_marker("allow_error_logs"):
        logged = "\n".join(f"  {r.levelname} {r.name}: {r.getMessage()}" for r in handler.records)
        pytest.fail(f"logged at ERROR or above (mark the test allow_error_logs if expected):\n{logged}", pytrace=False)


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Every test starts and ends with no process-wide value built (settings, engine, content, ...).

    Without it a test passes or fails by what ran before it: the real inventory loaded
    by an earlier test, an engine still aimed at another test's (dropped) database.
    """
    reset_caches()
    yield
    reset_caches()


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
    """Set PC_* variables through the returned monkeypatch; caches are reset around the test."""
    reset_caches()
    yield monkeypatch
    monkeypatch.undo()
    reset_caches()


@contextmanager
def configured_database(
    monkeypatch: pytest.MonkeyPatch, url: str, *, create_tables: bool = True, **env: str
) -> Iterator[None]:
    """Point the app's settings and engine at ``url`` (plus ``PC_*`` overrides) for one test.

    The settings, the engine and the sign-in client are cached per process: every cache
    is reset before and after, so nothing leaks into the next test.
    """
    monkeypatch.setenv("PC_DATABASE_URL", url)
    for key, value in env.items():
        monkeypatch.setenv(f"PC_{key.upper()}", value)
    reset_caches()
    if create_tables:
        SQLModel.metadata.create_all(get_engine())
    try:
        yield
    finally:
        reset_caches()
