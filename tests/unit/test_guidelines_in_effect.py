"""The guidelines in effect are decided per request: a version published ahead of time
takes effect on its date in the same running app, and the page and the banner agree.

Before, ``/guidelines`` was compiled at start-up with the version then in effect, while
the acknowledgment banner (asked at each page load) already asked people about the new one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from reflex.istate.data import RouterData
from reflex_base.event import Event
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from privacy_center import clock
from privacy_center.db import session_scope
from privacy_center.pages.guidelines import InEffectState
from privacy_center.pages.versions import VersionState
from privacy_center.privacy_center import _locale_routing
from privacy_center.services import sessions
from privacy_center.state.session import SessionState
from tests.conftest import configured_database
from tests.unit.factories import make_person

EFFECTIVE = dt.date(2026, 12, 1)
EVE = dt.datetime(2026, 11, 30, 23, 59, tzinfo=dt.UTC)
DAY = dt.datetime(2026, 12, 1, 0, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Center:
    cookie: str
    router: httpx.AsyncClient


def _state(cls: type, path: str, cookie: str = "") -> object:
    state = cls()
    state.router = RouterData.from_router_data({"headers": {"cookie": cookie}, "asPath": path, "pathname": path})
    return state


@pytest.fixture
def center(tmp_path: Path, fixture_content_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Center]:
    """Version 3.0 published ahead of time, effective 2026-12-01; Alice knew version 2.0."""
    content = tmp_path / "content"
    shutil.copytree(fixture_content_dir, content)
    for locale in ("en", "zh_CN"):
        folder = content / "guidelines" / locale / "full"
        text = (folder / "2.0.md").read_text(encoding="utf-8").replace('version: "2.0"', 'version: "3.0"')
        (folder / "3.0.md").write_text(text.replace("2026-09-01", EFFECTIVE.isoformat()), encoding="utf-8")
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'g.db'}", content_dir=str(content)):
        with session_scope() as session:
            alice = make_person(session, "alice")
            alice.created_at = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
            token = sessions.create(session=session, user=alice, auth_time=EVE, now=EVE)
        echo = Starlette(routes=[Route("/{path:path}", lambda r: PlainTextResponse(r.url.path))])
        # The app's own locale router, built once: the same "running app" on both days.
        router = httpx.AsyncClient(transport=httpx.ASGITransport(app=_locale_routing(echo)), base_url="http://c")
        yield Center(cookie=f"{sessions.COOKIE}={token}", router=router)


def _guidelines_lead_to(center: Center, path: str) -> str:
    response = asyncio.run(center.router.get(path))
    assert response.status_code == 302
    return response.headers["location"]


def _banner(center: Center, locale_prefix: str) -> str:
    state = _state(SessionState, f"/{locale_prefix}/", center.cookie)
    asyncio.run(SessionState.load.fn(state))
    return state.pending_version


def _standing(slug: str) -> str:
    state = _state(VersionState, f"/zh-cn/guidelines/versions/{slug}/")
    VersionState.load.fn(state)
    return state.standing


def _in_app(path: str) -> str:
    (event,) = Event.from_event_type(InEffectState.open.fn(_state(InEffectState, path)))
    return event.payload["path"]


def test_a_version_takes_effect_on_its_date_without_a_restart(center: Center) -> None:
    with clock.frozen_at(EVE):
        assert _guidelines_lead_to(center, "/zh-cn/guidelines/?embedded=1") == (
            "/zh-cn/guidelines/versions/v2-0/?embedded=1"
        )
        assert _in_app("/en/guidelines/") == "/en/guidelines/versions/v2-0/"
        assert _banner(center, "zh-cn") == "", "Alice joined under 2.0: nothing new to acknowledge yet"
        assert (_standing("v2-0"), _standing("v3-0")) == ("current", "future")
    with clock.frozen_at(DAY):
        assert _guidelines_lead_to(center, "/en/guidelines/") == "/en/guidelines/versions/v3-0/"
        assert _in_app("/zh-cn/guidelines/?embedded=1") == "/zh-cn/guidelines/versions/v3-0/?embedded=1"
        assert _banner(center, "en") == "3.0", "the banner asks about the version the page shows"
        assert (_standing("v2-0"), _standing("v3-0")) == ("past", "current")
