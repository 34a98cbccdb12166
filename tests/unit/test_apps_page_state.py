"""The apps pages' handlers, called as any client could: the cookie alone decides whose apps.

A forged client can name another person's app in the URL, a permission the app does not
hold, or call a handler while signed out; each is refused in the page's language, and
nothing changes: not the grant, not the access history, no deletion request.
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
from sqlmodel import Session, col, func, select

from privacy_center.db import session_scope
from privacy_center.i18n.locales import DEFAULT_LOCALE, by_code
from privacy_center.models import AppGrant, OAuthClient
from privacy_center.models.audit import AuditEntry
from privacy_center.models.base import utcnow
from privacy_center.models.deletion import DeletionRequest
from privacy_center.pages.app_detail import AppDetailState
from privacy_center.pages.apps import AppsState
from privacy_center.services import grants, sessions
from privacy_center.services.app_access import ScopeNeededError, ScopeNotGrantedError
from privacy_center.services.app_usage import note_use
from privacy_center.services.apps import register_app
from tests.conftest import configured_database
from tests.unit.factories import make_person

READS = "demo-readwell"
WEATHER = "demo-sunny-weather"
NOT_AMONG = "This app is not among the apps you allowed."
SIGN_IN = "Please sign in again to continue."
ZH_CN = by_code("zh_CN")


@dataclass(frozen=True)
class World:
    alice: str
    grace: str
    alice_id: int


def _grant(session: Session, user_id: int, client: OAuthClient, scope: str, now: dt.datetime) -> AppGrant:
    return grants.grant_at_authorization(
        session, user_id=user_id, client=client, existing=None, scope=scope, allowed_now=True, first_party=False,
        now=now,
    )  # fmt: skip


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    """Alice allowed Readwell three permissions; Grace allowed Sunny Weather two (Readwell: never)."""
    with configured_database(
        monkeypatch, f"sqlite:///{tmp_path / 'apps.db'}", queue_url=f"sqlite:///{tmp_path / 'q.db'}"
    ):
        now = utcnow()
        with session_scope() as session:
            alice, grace = make_person(session, "alice"), make_person(session, "grace")
            reads, _ = register_app(
                session=session, name="Readwell Books", developer="Readwell Ltd.", client_id=READS,
                redirect_uris=["http://localhost:8702/callback"], scopes=["openid", "profile", "email", "phone"],
            )  # fmt: skip
            weather, _ = register_app(
                session=session, name="Sunny Weather", developer="Sunny Apps Co.", client_id=WEATHER, public=True,
                redirect_uris=["http://localhost:8701/callback"], scopes=["openid", "profile", "location"],
            )  # fmt: skip
            used = _grant(session, alice.id or 0, reads, "openid profile email", now - dt.timedelta(days=3))
            note_use(session, grant_id=used.id or 0, user_id=alice.id or 0, now=now - dt.timedelta(hours=2))
            _grant(session, grace.id or 0, weather, "openid location", now - dt.timedelta(days=1))
            tokens = [sessions.create(session=session, user=u, auth_time=now, now=now) for u in (alice, grace)]
        yield World(*(f"{sessions.COOKIE}={t}" for t in tokens), alice_id=alice.id or 0)


def _state(cls: type[rx.State], path: str, cookie: str = "") -> rx.State:
    state = cls()
    state.router = RouterData.from_router_data({"headers": {"cookie": cookie}, "asPath": path, "pathname": path})
    return state


def _scopes() -> dict[str, str]:
    """Every grant's scopes, by app and person: what a refused action must leave as it was."""
    with session_scope() as session:
        rows = session.exec(select(OAuthClient.client_id, AppGrant.user_id, AppGrant.scope, AppGrant.disabled_at).join(
            OAuthClient, col(OAuthClient.id) == col(AppGrant.client_id)
        )).all()  # fmt: skip
    return {f"{c}/{u}": f"{s} disabled={d is not None}" for c, u, s, d in rows}


def _history_and_requests() -> tuple[int, int]:
    with session_scope() as session:
        history = session.exec(select(func.count()).select_from(AuditEntry)).one()
        requests = session.exec(select(func.count()).select_from(DeletionRequest)).one()
    return history, requests


def _detail(path: str, cookie: str) -> AppDetailState:
    state = _state(AppDetailState, path, cookie)
    asyncio.run(AppDetailState.load.fn(state))
    return state


def test_the_list_shows_each_persons_own_apps_in_words(world: World) -> None:
    alice = _state(AppsState, "/en/apps/", world.alice)
    asyncio.run(AppsState.load.fn(alice))
    assert (alice.loaded, alice.signed_in) == (True, True)
    [shown] = alice.apps
    assert (shown["name"], shown["developer"], shown["href"]) == (
        "Readwell Books",
        "Readwell Ltd.",
        "/en/apps/demo-readwell/",
    )
    assert shown["granted"].startswith("Granted on ")
    assert shown["last_used"].startswith("Last used ")
    assert shown["last_used"].endswith(" UTC")  # no pc_tz cookie: the zone is said
    assert shown["uses"] == "1 use"

    grace = _state(AppsState, "/zh-cn/apps/", world.grace)
    asyncio.run(AppsState.load.fn(grace))
    [hers] = grace.apps
    assert (hers["name"], hers["href"], hers["last_used"], hers["uses"]) == (
        "Sunny Weather", "/zh-cn/apps/demo-sunny-weather/", "尚未使用", "0 次使用",
    )  # fmt: skip


def test_signed_out_the_list_is_empty_and_asks_nothing(world: World) -> None:
    for cookie in ("", f"{sessions.COOKIE}=not-a-session"):
        anonymous = _state(AppsState, "/en/apps/", cookie)
        asyncio.run(AppsState.load.fn(anonymous))
        assert (anonymous.loaded, anonymous.signed_in, anonymous.apps) == (True, False, [])


def test_an_app_page_shows_its_permissions_and_when_it_was_used(world: World) -> None:
    alice = _detail("/en/apps/demo-readwell/", world.alice)
    assert (alice.found, alice.name, alice.by_line, alice.disabled) == (
        True,
        "Readwell Books",
        "By Readwell Ltd.",
        False,
    )
    assert alice.scopes == ["openid", "profile", "email"]
    assert alice.page_title == "Readwell Books – Authorized apps"
    assert alice.guideline_href == "/en/apps/demo-readwell/guideline/"
    assert (alice.uses, alice.deletion_state) == ("1 use", "")


@pytest.mark.parametrize("client_id", [WEATHER, "no-such-app", "x" * 300])
def test_another_persons_app_and_an_unknown_one_read_the_same(world: World, client_id: str) -> None:
    alice = _detail(f"/en/apps/{client_id}/", world.alice)
    assert (alice.loaded, alice.signed_in, alice.found) == (True, True, False)
    assert (alice.name, alice.by_line, alice.scopes, alice.page_title) == ("", "", [], "")


def test_withdrawing_from_another_persons_app_is_refused_and_changes_nothing(world: World) -> None:
    before, counts = _scopes(), _history_and_requests()
    alice = _state(AppDetailState, f"/en/apps/{WEATHER}/", world.alice)
    asyncio.run(AppDetailState.withdraw.fn(alice, "location"))
    assert (alice.problem, alice.done, alice.found) == (NOT_AMONG, "", False)
    asyncio.run(AppDetailState.disable.fn(alice))
    assert alice.problem == NOT_AMONG
    asyncio.run(AppDetailState.ask_deletion.fn(alice))
    assert alice.problem == NOT_AMONG
    assert (_scopes(), _history_and_requests()) == (before, counts)


def test_a_permission_not_granted_and_the_account_one_are_refused(world: World) -> None:
    before, counts = _scopes(), _history_and_requests()
    alice = _state(AppDetailState, f"/zh-cn/apps/{READS}/", world.alice)
    not_granted = ScopeNotGrantedError().message(ZH_CN)
    assert not_granted != ScopeNotGrantedError().message(DEFAULT_LOCALE)  # in the page's language
    asyncio.run(AppDetailState.withdraw.fn(alice, "phone"))  # Readwell may ask for it; Alice never allowed it
    assert alice.problem == not_granted
    asyncio.run(AppDetailState.withdraw.fn(alice, "not-a-scope"))
    assert alice.problem == not_granted
    asyncio.run(AppDetailState.withdraw.fn(alice, "openid"))
    assert alice.problem == ScopeNeededError().message(ZH_CN)
    assert alice.scopes == ["openid", "profile", "email"]  # the page shows the permissions as they are
    assert (_scopes(), _history_and_requests()) == (before, counts)


def test_signed_out_every_action_asks_to_sign_in_and_changes_nothing(world: World) -> None:
    before, counts = _scopes(), _history_and_requests()
    for cookie in ("", f"{sessions.COOKIE}=not-a-session"):
        anonymous = _state(AppDetailState, f"/en/apps/{READS}/", cookie)
        asyncio.run(AppDetailState.withdraw.fn(anonymous, "email"))
        assert anonymous.problem == SIGN_IN
        asyncio.run(AppDetailState.disable.fn(anonymous))
        assert anonymous.problem == SIGN_IN
        asyncio.run(AppDetailState.ask_deletion.fn(anonymous))
        assert anonymous.problem == SIGN_IN
        assert (anonymous.signed_in, anonymous.name, anonymous.scopes) == (False, "", [])
    assert (_scopes(), _history_and_requests()) == (before, counts)


def test_withdrawing_a_permission_confirms_it_and_shows_what_is_left(world: World) -> None:
    alice = _state(AppDetailState, f"/en/apps/{READS}/", world.alice)
    asyncio.run(AppDetailState.withdraw.fn(alice, "email"))
    assert (alice.problem, alice.done) == ("", "Readwell Books no longer has this permission: Email.")
    assert alice.scopes == ["openid", "profile"]
    assert _scopes()[f"{READS}/{world.alice_id}"] == "openid profile disabled=False"
    asyncio.run(AppDetailState.withdraw.fn(alice, "email"))  # the same click again: not granted any more
    assert alice.problem == "This app does not have that permission from you. Nothing was changed."


def test_disabling_access_confirms_it_and_a_second_time_is_refused(world: World) -> None:
    alice = _state(AppDetailState, f"/en/apps/{READS}/", world.alice)
    asyncio.run(AppDetailState.disable.fn(alice))
    assert alice.done.startswith("Access disabled")
    assert (alice.found, alice.disabled) == (True, True)  # still listed: the developer can still be asked
    assert _scopes()[f"{READS}/{world.alice_id}"] == "openid profile email disabled=True"
    asyncio.run(AppDetailState.disable.fn(alice))
    assert alice.problem == NOT_AMONG
    asyncio.run(AppDetailState.withdraw.fn(alice, "profile"))
    assert alice.problem == NOT_AMONG


def test_asking_an_app_without_a_deletion_endpoint_says_so(world: World) -> None:
    alice = _state(AppDetailState, f"/en/apps/{READS}/", world.alice)
    asyncio.run(AppDetailState.ask_deletion.fn(alice))
    assert (alice.problem, alice.deletion_state) == ("", "not_possible")
    assert alice.deletion_text.startswith("Readwell Books has not told us where to send deletion requests")
    assert alice.deletion_text.endswith("Please contact Readwell Ltd. directly.")
    grace = _detail(f"/en/apps/{WEATHER}/", world.grace)
    assert grace.deletion_state == ""  # Alice's request is hers alone
