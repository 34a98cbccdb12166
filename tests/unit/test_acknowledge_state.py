"""The acknowledgment banner's handlers pick the version in effect by the one UTC clock.

Regression: ``SessionState.acknowledge`` chose the version by the server's local date
while the service checks it by UTC, so on a server far from UTC, near midnight, the
person's click raised ``UnknownVersionError`` (an uncaught error, and nothing recorded).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from reflex.istate.data import RouterData
from sqlmodel import select

from privacy_center import clock
from privacy_center.db import session_scope
from privacy_center.models import PolicyAcknowledgment, User
from privacy_center.services import sessions
from privacy_center.state.session import SessionState
from tests.conftest import configured_database
from tests.unit.factories import make_person


def _publish(content: Path, version: str, effective_on: dt.date) -> None:
    """Add a version of the full guidelines, in both locales, taking effect on ``effective_on``."""
    for locale in ("en", "zh_CN"):
        folder = content / "guidelines" / locale / "full"
        text = (folder / "2.0.md").read_text(encoding="utf-8")
        text = text.replace('version: "2.0"', f'version: "{version}"').replace("2026-09-01", effective_on.isoformat())
        (folder / f"{version}.md").write_text(text, encoding="utf-8")


@pytest.fixture
def far_from_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[dt.timedelta]:
    """The server's local date differs from the UTC date right now; yields local minus UTC (±1 day)."""
    ahead = clock.now().hour >= 12  # UTC+14 is a day ahead after 10:00 UTC; UTC-12 a day behind before 12:00
    monkeypatch.setenv("TZ", "Etc/GMT-14" if ahead else "Etc/GMT+12")
    time.tzset()
    try:
        assert dt.date.today() != clock.today(), "the test needs a local date other than the UTC date"
        yield dt.timedelta(days=1 if ahead else -1)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def _call(handler: object, state: SessionState) -> None:
    result = handler.fn(state)  # type: ignore[attr-defined]
    if inspect.iscoroutine(result):
        asyncio.run(result)


def test_acknowledge_records_the_version_in_effect_in_utc(
    tmp_path: Path, fixture_content_dir: Path, monkeypatch: pytest.MonkeyPatch, far_from_utc: dt.timedelta
) -> None:
    content = tmp_path / "content"
    shutil.copytree(fixture_content_dir, content)
    # A version that takes effect on the later of the two dates: in effect by one, not by the other.
    _publish(content, "3.0", max(clock.today(), clock.today() + far_from_utc))
    in_effect_utc = "3.0" if far_from_utc.days < 0 else "2.0"
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'ack.db'}", content_dir=str(content)):
        with session_scope() as session:
            alice = make_person(session, "alice")
            alice.created_at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # she knew the earlier versions
            token = sessions.create(session=session, user=alice, auth_time=clock.now(), now=clock.now())
        state = SessionState()
        state.router = RouterData.from_router_data(
            {"headers": {"cookie": f"{sessions.COOKIE}={token}"}, "asPath": "/en/", "pathname": "/en/"}
        )
        _call(SessionState.load, state)
        assert state.pending_version == in_effect_utc, "the banner asks about the version in effect in UTC"
        _call(SessionState.acknowledge, state)
        with session_scope() as session:
            done = session.exec(select(PolicyAcknowledgment.version)).all()
            assert session.exec(select(User)).one().id == alice.id
        assert done == [in_effect_utc]
        _call(SessionState.load, state)
        assert state.pending_version == ""
