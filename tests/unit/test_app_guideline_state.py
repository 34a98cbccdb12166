"""The app guideline page's handlers, called as any client could: the cookie alone decides whose app.

The page shows an app's guideline only to a person who allowed the app; the "Not allowed"
switch withdraws a permission through the apps service. A forged event naming another
person's app, a permission not granted, or arriving signed out is refused in the page's
language, and nothing changes (the grant, the access history).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from reflex.istate.data import RouterData
from sqlmodel import col, func, select

from privacy_center.content.app_guideline import load_guideline_folder
from privacy_center.db import session_scope
from privacy_center.i18n.locales import DEFAULT_LOCALE, by_code
from privacy_center.models import AppGrant, OAuthClient
from privacy_center.models.audit import AuditEntry
from privacy_center.models.base import utcnow
from privacy_center.pages.app_guideline import AppGuidelineState
from privacy_center.services import grants, sessions
from privacy_center.services.app_access import AppNotAuthorizedError, ScopeNeededError, ScopeNotGrantedError
from privacy_center.services.app_guidelines import store_guideline
from privacy_center.services.apps import register_app
from tests.conftest import configured_database
from tests.unit.factories import make_person

APPS = Path(__file__).parents[2] / "content" / "apps"
READS = "demo-readwell"
WEATHER = "demo-sunny-weather"
READS_SCOPES = ["openid", "profile", "email", "phone", "offline_access"]
SIGN_IN = "Please sign in again to continue."
ZH_CN = by_code("zh_CN")


@dataclass(frozen=True)
class World:
    alice: str
    grace: str


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    """Alice allowed Readwell (which has a guideline) three permissions; Grace allowed Sunny Weather (none)."""
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'guideline.db'}"):
        now = utcnow()
        with session_scope() as session:
            alice, grace = make_person(session, "alice"), make_person(session, "grace")
            reads, _ = register_app(
                session=session, name="Readwell Books", developer="Readwell Ltd.", client_id=READS,
                redirect_uris=["http://localhost:8702/callback"], scopes=READS_SCOPES,
            )  # fmt: skip
            weather, _ = register_app(
                session=session, name="Sunny Weather", developer="Sunny Apps Co.", client_id=WEATHER, public=True,
                redirect_uris=["http://localhost:8701/callback"], scopes=["openid", "profile", "location"],
            )  # fmt: skip
            guideline = load_guideline_folder(APPS / READS, registered_scopes=READS_SCOPES)
            store_guideline(session, client_id=READS, guideline=guideline, now=now)
            for user, client, scope in ((alice, reads, "openid profile email"), (grace, weather, "openid location")):
                grants.grant_at_authorization(
                    session, user_id=user.id or 0, client=client, existing=None, scope=scope, allowed_now=True,
                    first_party=False, now=now - dt.timedelta(days=1),
                )  # fmt: skip
            tokens = [sessions.create(session=session, user=u, auth_time=now, now=now) for u in (alice, grace)]
        yield World(*(f"{sessions.COOKIE}={t}" for t in tokens))


def _page(client_id: str, cookie: str, prefix: str = "en") -> AppGuidelineState:
    state = AppGuidelineState()
    path = f"/{prefix}/apps/{client_id}/guideline/"
    state.router = RouterData.from_router_data({"headers": {"cookie": cookie}, "asPath": path, "pathname": path})
    asyncio.run(AppGuidelineState.load.fn(state))
    return state


def _withdraw(state: AppGuidelineState, scope: str) -> None:
    asyncio.run(AppGuidelineState.withdraw.fn(state, scope))


def _recorded() -> tuple[dict[str, str], int]:
    """Every grant's scopes by app and person, and the length of the access history."""
    with session_scope() as session:
        rows = session.exec(
            select(OAuthClient.client_id, AppGrant.user_id, AppGrant.scope).join(
                OAuthClient, col(OAuthClient.id) == col(AppGrant.client_id)
            )
        ).all()
        history = session.exec(select(func.count()).select_from(AuditEntry)).one()
    return {f"{c}/{u}": s for c, u, s in rows}, history


def test_the_guideline_shows_its_sections_and_the_granted_permissions(world: World) -> None:
    alice = _page(READS, world.alice)
    assert (alice.loaded, alice.signed_in, alice.found, alice.has_guideline) == (True, True, True, True)
    assert alice.page_title == "Readwell Books – Privacy guideline"
    assert alice.intro.startswith("Readwell Ltd., the developer of Readwell Books, sets out")
    assert [i["key"] for i in alice.items] == ["account_id", "nickname", "email", "phone", "reading"]
    phone = next(i for i in alice.items if i["key"] == "phone")
    assert phone["storage"].startswith("3 years")
    [plugin] = alice.plugins
    assert plugin["provider"] == "Provided by PayLink Payments Co."
    assert plugin["processes"].startswith("Your email address: Sends the payment receipt")
    assert [(c["kind"], c["href"]) for c in alice.contacts] == [
        ("Email", "mailto:privacy@readwell.example"),
        ("Phone", "tel:+862155550188"),
        ("Postal address", ""),
    ]
    assert alice.dates == "Effective from September 1, 2026"
    # The guideline's permissions in the provider's order; only what Alice allowed is on.
    assert alice.shown_scopes == ["openid", "profile", "email", "phone", "offline_access"]
    assert alice.granted_scopes == ["openid", "profile", "email"]
    assert alice.scope_notes["email"] == "Allowed. Sends your receipts. It gives the app: Your email address."
    assert alice.scope_notes["phone"] == "Not allowed. Confirms deliveries. It gives the app: Your phone number."


def test_the_page_speaks_the_language_of_its_address(world: World) -> None:
    alice = _page(READS, world.alice, prefix="zh-cn")
    assert alice.intro == "Readwell Books 的开发者好读有限公司在本指引中说明该应用如何处理你的个人信息。"
    assert alice.dates == "生效日期：2026年9月1日"
    assert alice.scope_notes["phone"].startswith("不允许。确认配送。")


def test_an_app_without_a_guideline_says_so_and_still_lists_what_was_granted(world: World) -> None:
    grace = _page(WEATHER, world.grace)
    assert (grace.found, grace.has_guideline) == (True, False)
    assert grace.intro == "The developer of Sunny Weather, Sunny Apps Co., has not supplied a privacy guideline."
    assert (grace.items, grace.plugins, grace.contacts) == ([], [], [])
    assert grace.shown_scopes == grace.granted_scopes == ["openid", "location"]
    assert grace.scope_notes["location"] == "Allowed."


@pytest.mark.parametrize("client_id", [READS, "app-unknown", "x" * 65])
def test_another_persons_app_and_an_unknown_one_show_nothing(world: World, client_id: str) -> None:
    grace = _page(client_id, world.grace)
    assert (grace.loaded, grace.found) == (True, False)
    assert (grace.items, grace.intro, grace.shown_scopes, grace.page_title) == ([], "", [], "")


def test_not_allowed_withdraws_the_permission_and_the_switch_shows_off(world: World) -> None:
    alice = _page(READS, world.alice)
    scopes_before, history_before = _recorded()
    _withdraw(alice, "email")
    assert (alice.problem, alice.done) == ("", "Readwell Books no longer has this permission: Email.")
    assert alice.granted_scopes == ["openid", "profile"]
    assert "email" in alice.shown_scopes  # still described by the guideline, now off
    assert alice.scope_notes["email"].startswith("Not allowed.")
    scopes_after, history_after = _recorded()
    assert scopes_after[next(k for k in scopes_after if k.startswith(READS))] == "openid profile"
    assert history_after == history_before + 1
    assert scopes_before != scopes_after


def test_forged_withdrawals_are_refused_and_change_nothing(world: World) -> None:
    before = _recorded()
    # Alice's tab names Grace's app in its URL: the same words as an unknown app.
    alice = _page(WEATHER, world.alice)
    _withdraw(alice, "location")
    assert (alice.problem, alice.done, alice.found) == (AppNotAuthorizedError().message(DEFAULT_LOCALE), "", False)
    # A permission Readwell may ask for but Alice never allowed, one that does not exist, the account one.
    alice = _page(READS, world.alice, prefix="zh-cn")
    for scope in ("phone", "not-a-scope", "x" * 500):
        _withdraw(alice, scope)
        assert alice.problem == ScopeNotGrantedError().message(ZH_CN)
    _withdraw(alice, "openid")
    assert alice.problem == ScopeNeededError().message(ZH_CN)
    assert alice.granted_scopes == ["openid", "profile", "email"]
    assert _recorded() == before


def test_signed_out_nothing_is_shown_and_a_withdrawal_asks_to_sign_in(world: World) -> None:
    before = _recorded()
    anonymous = _page(READS, "")
    assert (anonymous.loaded, anonymous.signed_in, anonymous.found) == (True, False, False)
    assert anonymous.here == "/en/apps/demo-readwell/guideline/"
    _withdraw(anonymous, "email")
    assert anonymous.problem == SIGN_IN
    assert _recorded() == before
