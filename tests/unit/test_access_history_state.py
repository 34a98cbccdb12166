"""The access history page's handlers: whose entries they show is decided by the cookie alone.

Handlers are called directly, as a forged client could call them; entries of another
person (including one whose actor is the signed-in person) never reach the page.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from reflex.istate.data import RouterData

from privacy_center.db import session_scope
from privacy_center.models.base import utcnow
from privacy_center.pages.access_history import AccessHistoryState
from privacy_center.services import sessions
from privacy_center.services.audit import PAGE_SIZE, AuditAction, record
from tests.conftest import configured_database
from tests.unit.factories import make_person
from tests.unit.test_fact_pages_state import Cookies

ALICE_ENTRIES = PAGE_SIZE * 2 + 7


@pytest.fixture
def cookies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cookies]:
    now = utcnow()
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'history.db'}"):
        with session_scope() as session:
            alice, grace = make_person(session, "alice"), make_person(session, "grace")
            for number in range(ALICE_ENTRIES):
                record(
                    session, action=AuditAction.SIGNED_IN, subject_user_id=alice.id or 0, actor_user_id=alice.id,
                    details={"n": number}, now=now - dt.timedelta(minutes=ALICE_ENTRIES - number),
                )  # fmt: skip
            # Grace's: one she did, one Alice did to her (a forged or mistaken subject).
            record(
                session, action=AuditAction.SIGNED_OUT, subject_user_id=grace.id or 0, actor_user_id=grace.id, now=now
            )
            record(
                session, action=AuditAction.LOCALE_SAVED, subject_user_id=grace.id or 0, actor_user_id=alice.id,
                details={"locale": "zh_CN"}, client="agent console", now=now,
            )  # fmt: skip
            tokens = [sessions.create(session=session, user=u, auth_time=now, now=now) for u in (alice, grace)]
        yield Cookies(*(f"{sessions.COOKIE}={t}" for t in tokens))


def _loaded(path: str, cookie: str = "") -> AccessHistoryState:
    state = AccessHistoryState()
    state.router = RouterData.from_router_data({"headers": {"cookie": cookie}, "asPath": path, "pathname": path})
    asyncio.run(AccessHistoryState.load.fn(state))
    return state


def test_each_person_sees_their_own_entries_only(cookies: Cookies) -> None:
    alice = _loaded("/en/access-history/", cookies.alice)
    grace = _loaded("/en/access-history/", cookies.grace)
    assert {row["action"] for row in alice.entries} == {"Signed in"}
    assert [(row["action"], row["who"], row["client"], row["detail"]) for row in grace.entries] == [
        ("Saved the language of the account", "Alice, acting for you", "The customer service console", "简体中文"),
        ("Signed out", "You", "The Privacy Center website", ""),
    ]


def test_signed_out_or_a_forged_cookie_sees_nothing(cookies: Cookies) -> None:
    for cookie in ("", f"{sessions.COOKIE}=not-a-session"):
        state = _loaded("/en/access-history/", cookie)
        assert (state.signed_in, state.loaded, state.entries) == (False, True, [])


def test_pages_of_fifty_newest_first_and_back(cookies: Cookies) -> None:
    state = _loaded("/zh-cn/access-history/", cookies.alice)
    keys = [int(row["key"]) for row in state.entries]
    assert len(keys) == PAGE_SIZE
    assert keys == sorted(keys, reverse=True)
    assert (state.has_newer, state.has_older, state.entries[0]["action"], state.entries[0]["who"]) == (
        False, True, "登录", "你",
    )  # fmt: skip
    seen = list(keys)
    for _page in range(2):
        asyncio.run(AccessHistoryState.turn_page.fn(state, 1))
        seen += [int(row["key"]) for row in state.entries]
    assert len(seen) == len(set(seen)) == ALICE_ENTRIES
    assert not state.has_older
    asyncio.run(AccessHistoryState.turn_page.fn(state, 1))  # past the end: nothing changes
    assert len(state.entries) == ALICE_ENTRIES - 2 * PAGE_SIZE
    asyncio.run(AccessHistoryState.turn_page.fn(state, -1))
    assert [int(row["key"]) for row in state.entries] == seen[PAGE_SIZE : 2 * PAGE_SIZE]


def test_a_setting_change_reads_as_words_and_gpc_as_the_browsers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = utcnow()
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'settings.db'}"):
        with session_scope() as session:
            ana = make_person(session, "ana")
            for details in (
                {"setting": "friends.posts_visible_for", "old": "everyone", "new": "last_3_days", "by": "person"},
                {"setting": "ads.personalized", "old": "on", "new": "off", "by": "gpc"},
            ):
                record(
                    session, action=AuditAction.SETTING_CHANGED, subject_user_id=ana.id or 0, actor_user_id=ana.id,
                    details=details, now=now,
                )  # fmt: skip
            cookie = f"{sessions.COOKIE}={sessions.create(session=session, user=ana, auth_time=now, now=now)}"
        english = [(row["action"], row["who"], row["detail"]) for row in _loaded("/en/access-history/", cookie).entries]
        assert english == [
            ("Changed a privacy setting", "Your browser's Global Privacy Control signal", "Personalized ads: On → Off"),
            ("Changed a privacy setting", "You", "Who sees my posts: Everyone, all posts → The last 3 days"),
        ]
        chinese = [row["detail"] for row in _loaded("/zh-cn/access-history/", cookie).entries]
        assert chinese == ["个性化广告: 开 → 关", "谁可以看我的动态: 所有人，全部动态 → 最近三天"]
