"""What the collected and shared pages put on screen: rows, titles, addresses, empty states.

The handlers are called directly, as the browser would call them; the rules come from
issue 10: the subtitle's promise (how long it is kept) in each row, one count window on
both lists, the item's own document title, a key as an address, an empty search.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
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


@pytest.fixture
def cookie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    now = utcnow()
    day = dt.timedelta(days=1)
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'views.db'}"):
        with session_scope() as session:
            alice = make_person(session, "alice")
            # Inside 7 days, and 10 and 20 days ago: the 7-day window counts one of each kind.
            for key, kind in (("user.location.approximate", EventKind.COLLECTED), ("skycast", EventKind.SHARED)):
                report(session, alice, key, [now - day, now - 10 * day, now - 20 * day], kind=kind, now=now)
            token = sessions.create(session=session, user=alice, auth_time=now, now=now)
        yield f"{sessions.COOKIE}={token}"


def _state(cls: type[rx.State], path: str, cookie: str = "") -> rx.State:
    state = cls()
    path_only, _, _query = path.partition("?")
    state.router = RouterData.from_router_data({"headers": {"cookie": cookie}, "asPath": path, "pathname": path_only})
    return state


def _load(cls: type[rx.State], state: rx.State) -> object:
    return asyncio.run(cls.load.fn(state))


def test_rows_say_how_long_each_item_is_kept(cookie: str) -> None:
    state = _state(CollectedState, "/en/collected/", cookie)
    assert not state.loaded  # the skeleton shows until the first page arrives
    _load(CollectedState, state)
    rows = {r["key"]: r for g in state.groups for r in g["rows"]}
    assert rows["user.contact.phone"]["kept"] == "Kept: As long as your account exists"
    # "Not stored" says so itself, and shows no value even when one was reported.
    assert rows["user.location.approximate"]["kept"] == "Not stored after use"
    assert (state.loaded, state.empty) == (True, False)
    zh = _state(CollectedState, "/zh-cn/collected/", cookie)
    _load(CollectedState, zh)
    zh_rows = {r["key"]: r for g in zh.groups for r in g["rows"]}
    assert zh_rows["user.apps.usage"]["kept"] == "保存期限：90 天"


def test_both_lists_count_the_same_seven_days(cookie: str) -> None:
    collected = _state(CollectedState, "/en/collected/", cookie)
    shared = _state(SharedState, "/en/shared/", cookie)
    _load(CollectedState, collected)
    _load(SharedState, shared)
    location = next(r for g in collected.groups for r in g["rows"] if r["key"] == "user.location.approximate")
    skycast = next(r for r in shared.partners if r["key"] == "skycast")
    assert location["count_7"] == skycast["count_7"] == "1 time"
    assert skycast["about"] == "SkyCast Ltd. · receives Approximate location"


@pytest.mark.parametrize(("cls", "path"), [(CollectedState, "/en/collected/"), (SharedState, "/zh-cn/shared/")])
def test_a_search_that_matches_nothing_is_an_empty_state(cookie: str, cls: type, path: str) -> None:
    state = _state(cls, path, cookie)
    _load(cls, state)
    asyncio.run(cls.search.fn(state, "no such thing at all"))
    assert (state.loaded, state.empty) == (True, True)
    asyncio.run(cls.search.fn(state, ""))
    assert state.empty is False


@pytest.mark.parametrize(
    ("cls", "path", "title"),
    [
        (CollectedItemState, "/en/collected/user-contact-phone/", "Phone number – Collected Personal Information"),
        (CollectedItemState, "/zh-cn/collected/user-contact-phone/", "手机号码 – 已收集个人信息"),
        (SharedPartnerState, "/en/shared/skycast/", "SkyCast Weather – Shared with Third Parties"),
        (SharedPartnerState, "/zh-cn/shared/skycast/", "SkyCast 天气 – 与第三方共享"),
        (CollectedItemState, "/en/collected/user-contact-fax/", ""),
    ],
)
def test_detail_pages_name_their_item_in_the_document_title(cls: type, path: str, title: str) -> None:
    state = _state(cls, path)
    assert state.page_title == ""  # the prerendered HTML carries the list's title
    assert _load(cls, state) is None
    assert state.page_title == title


def test_a_key_or_an_old_address_moves_to_the_canonical_one(cookie: str) -> None:
    for address in ("user.device.address_book", "user-device-address_book"):
        state = _state(CollectedItemState, f"/en/collected/{address}/?embedded=1", cookie)
        moved = _load(CollectedItemState, state)
        assert state.found
        assert isinstance(moved, rx.event.EventSpec)
        assert "/en/collected/user-device-address-book/?embedded=1" in str(moved.args)
    canonical = _state(CollectedItemState, "/en/collected/user-device-address-book/", cookie)
    assert _load(CollectedItemState, canonical) is None


def test_where_to_change_it_links_only_to_a_page_of_this_center(cookie: str) -> None:
    access = _state(CollectedItemState, "/zh-cn/collected/user-support-agent-access/", cookie)
    _load(CollectedItemState, access)
    assert (access.change_in, access.change_href) == ("隐私中心 › 访问记录", "/zh-cn/access-history/")
    device = _state(CollectedItemState, "/en/collected/user-location-approximate/", cookie)
    _load(CollectedItemState, device)
    assert (device.change_in, device.change_href, device.value) == ("Device settings › Lattice › Location", "", "")
