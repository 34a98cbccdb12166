"""The collected and shared pages' handlers: whose facts they show is decided by the cookie alone.

Any client can call any handler, with any path; these call them directly, as a forged
client would, and check that nobody sees another person's values or counts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import reflex as rx
from reflex.istate.data import RouterData

from privacy_center.db import session_scope
from privacy_center.models import EventKind
from privacy_center.models.base import utcnow
from privacy_center.pages.collected import CollectedState
from privacy_center.pages.collected_item import CollectedItemState
from privacy_center.pages.shared import SharedState
from privacy_center.pages.shared_partner import SharedPartnerState
from privacy_center.services import sessions
from tests.conftest import configured_database
from tests.unit.factories import make_person, report

PHONE = "user.contact.phone"


@dataclass(frozen=True)
class Cookies:
    alice: str
    grace: str


@pytest.fixture
def cookies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cookies]:
    now = utcnow()
    hour = dt.timedelta(hours=1)
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'pages.db'}"):
        with session_scope() as session:
            alice, grace = make_person(session, "alice"), make_person(session, "grace")
            report(session, alice, PHONE, [now - n * hour for n in range(1, 26)], value="13800001234", now=now)
            report(session, grace, PHONE, [now - hour], value="13800005678", now=now)
            report(session, alice, "skycast", [now - hour, now - 2 * hour], kind=EventKind.SHARED, now=now)
            tokens = [sessions.create(session=session, user=u, auth_time=now, now=now) for u in (alice, grace)]
        yield Cookies(*(f"{sessions.COOKIE}={t}" for t in tokens))


def _state(cls: type[rx.State], path: str, cookie: str = "") -> rx.State:
    state = cls()
    state.router = RouterData.from_router_data({"headers": {"cookie": cookie}, "asPath": path, "pathname": path})
    return state


def _values(state: CollectedState) -> set[str]:
    return {row["value"] for group in state.groups for row in group["rows"] if row["value"]}


def test_the_list_shows_the_signed_in_persons_values_only(cookies: Cookies) -> None:
    alice = _state(CollectedState, "/en/collected/", cookies.alice)
    grace = _state(CollectedState, "/en/collected/", cookies.grace)
    anonymous = _state(CollectedState, "/en/collected/")
    forged = _state(CollectedState, "/en/collected/", f"{sessions.COOKIE}=not-a-session")
    for state in (alice, grace, anonymous, forged):
        asyncio.run(CollectedState.load.fn(state))
    assert _values(alice) == {"138****1234"}
    assert _values(grace) == {"138****5678"}
    assert (anonymous.personal, _values(anonymous), forged.personal, _values(forged)) == (False, set(), False, set())
    phone = next(r for g in alice.groups for r in g["rows"] if r["key"] == PHONE)
    assert phone["count_7"] == "25 times"
    assert "13800001234" not in str(alice.dict())


def test_filter_search_and_a_bad_scenario(cookies: Cookies) -> None:
    state = _state(CollectedState, "/zh-cn/collected/?scenario=pay", cookies.alice)
    asyncio.run(CollectedState.load.fn(state))
    assert [g["key"] for g in state.groups] == ["pay"]
    assert state.groups[0]["name"] == "格子支付"
    asyncio.run(CollectedState.choose_scenario.fn(state, "no-such-scenario"))
    assert state.scenario == ""
    assert len(state.groups) == 12
    asyncio.run(CollectedState.search.fn(state, "手机号码"))
    assert [r["key"] for g in state.groups for r in g["rows"]] == [PHONE]
    assert state.groups[0]["rows"][0]["count_7"] == "25 次"
    # One page only: a forged "next" or "previous" changes nothing.
    for delta in (1, -1):
        asyncio.run(CollectedState.turn_page.fn(state, delta))
        assert [r["key"] for g in state.groups for r in g["rows"]] == [PHONE]
        assert (state.status, state.has_previous, state.has_next) == ("1 类信息", False, False)
    asyncio.run(CollectedState.search.fn(state, "x" * 150))
    assert state.error == "查找内容最多 100 个字符。"


def test_the_list_pages_forward_and_back(cookies: Cookies, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CollectedState, "page_size", 12)
    state = _state(CollectedState, "/en/collected/", cookies.alice)
    asyncio.run(CollectedState.load.fn(state))

    def keys() -> list[str]:
        return [r["key"] for g in state.groups for r in g["rows"]]

    first = keys()
    seen = [first]
    for _ in range(3):  # 30 types: 12, 12, 6, then nothing further
        asyncio.run(CollectedState.turn_page.fn(state, 1))
        seen.append(keys())
    assert [len(k) for k in seen] == [12, 12, 6, 6]
    assert len({k for page in seen for k in page}) == 30
    assert (state.status, state.has_next, state.has_previous) == ("25 to 30 of 30 types of information", False, True)
    asyncio.run(CollectedState.turn_page.fn(state, -1))
    asyncio.run(CollectedState.turn_page.fn(state, -1))
    assert keys() == first
    assert not state.has_previous


def test_the_detail_page_pages_through_the_persons_own_occurrences(cookies: Cookies) -> None:
    state = _state(CollectedItemState, "/en/collected/user-contact-phone/", cookies.alice)
    asyncio.run(CollectedItemState.load.fn(state))
    assert (state.found, state.name, state.value, state.count_30) == (True, "Phone number", "138****1234", "25 times")
    assert (len(state.occurrences), state.has_older, state.has_newer) == (20, True, False)
    first_page = [row["when"] for row in state.occurrences]
    asyncio.run(CollectedItemState.older.fn(state))
    assert (len(state.occurrences), state.has_older, state.has_newer) == (5, False, True)
    assert not set(first_page) & {row["when"] for row in state.occurrences}
    asyncio.run(CollectedItemState.older.fn(state))  # nothing older: stays put
    assert len(state.occurrences) == 5
    asyncio.run(CollectedItemState.newer.fn(state))
    assert [row["when"] for row in state.occurrences] == first_page
    assert state.occurrences_label == "20 of 25 occurrences"

    # Signed out in another tab: the next click shows nothing personal any more.
    state.router = RouterData.from_router_data(
        {"headers": {"cookie": ""}, "asPath": "/en/collected/user-contact-phone/", "pathname": "/"}
    )
    asyncio.run(CollectedItemState.older.fn(state))
    assert (state.personal, state.value, state.occurrences, state.count_7) == (False, "", [], "0 times")

    grace = _state(CollectedItemState, "/en/collected/user-contact-phone/", cookies.grace)
    asyncio.run(CollectedItemState.load.fn(grace))
    assert (grace.value, len(grace.occurrences)) == ("138****5678", 1)


def test_detail_pages_without_a_session_or_for_unknown_items(cookies: Cookies) -> None:
    anonymous = _state(CollectedItemState, "/en/collected/user-contact-phone/")
    asyncio.run(CollectedItemState.load.fn(anonymous))
    assert (anonymous.found, anonymous.personal, anonymous.value, anonymous.occurrences) == (True, False, "", [])
    unknown = _state(SharedPartnerState, "/zh-cn/shared/no-such-partner/", cookies.alice)
    asyncio.run(SharedPartnerState.load.fn(unknown))
    assert (unknown.loaded, unknown.found) == (True, False)


def test_shared_pages_count_the_persons_own_sharing(cookies: Cookies) -> None:
    alice = _state(SharedState, "/en/shared/", cookies.alice)
    grace = _state(SharedState, "/en/shared/", cookies.grace)
    asyncio.run(SharedState.load.fn(alice))
    asyncio.run(SharedState.load.fn(grace))
    # The same window as the collected list: the last 7 days.
    counts = {row["key"]: row["count_7"] for row in alice.partners}
    assert counts["skycast"] == "2 times"
    assert {row["key"]: row["count_7"] for row in grace.partners}["skycast"] == "0 times"
    detail = _state(SharedPartnerState, "/en/shared/skycast/", cookies.alice)
    asyncio.run(SharedPartnerState.load.fn(detail))
    assert (detail.name, detail.count_7, len(detail.occurrences)) == ("SkyCast Weather", "2 times", 2)
    assert [s["href"] for s in detail.shares] == ["/en/collected/user-location-approximate/"]
