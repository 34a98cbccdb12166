"""Issue 11 item 4, the provider's side: withdrawing a scope and disabling access really revoke.

Tokens are obtained as an app obtains them (sign-in, consent, code + PKCE or a client
secret, refresh) and used at the provider's HTTP endpoints; the person's actions go
through the service the /apps pages call. What the app can still do is judged only by
the endpoints' answers.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, col, func, select
from starlette.testclient import TestClient

from privacy_center.authz import Capability, Subject, Viewer, act_for
from privacy_center.db import session_scope
from privacy_center.i18n.locales import by_code
from privacy_center.models import AppGrant, AuditEntry, OAuthClient, OAuthToken, PlatformAccount, User
from privacy_center.models.audit import AuditAction
from privacy_center.models.base import utcnow
from privacy_center.models.oauth import AppGrantUse
from privacy_center.services import app_access
from privacy_center.services.accounts import create_user
from privacy_center.services.app_access import AppNotAuthorizedError, ScopeNeededError, ScopeNotGrantedError
from privacy_center.services.center_client import SCOPES as CENTER_SCOPES
from privacy_center.services.center_client import callback_url
from privacy_center.settings import get_settings
from tests.unit.auth.conftest import BASE, App, authorize, make_app, pkce, query_of
from tests.unit.auth.test_tokens_and_consent import (
    DEMO_REDIRECTS,
    READWELL,
    SUNNY,
    _active,
    _post_as,
    _refresh,
    _seed_demo_apps,
    _tokens,
    _userinfo,
)

FULL = "openid profile email offline_access"
EMAIL_CLAIMS = {"email", "email_verified"}


# --- helpers shared with tests/integration/test_app_access_databases.py -------------------------


def person(username: str) -> Subject:
    """``username`` acting for themselves, as the apps pages' handlers resolve them."""
    with session_scope() as session:
        user = session.exec(select(User).join(PlatformAccount).where(PlatformAccount.username == username)).one()
        user_id = user.id or 0
    viewer = Viewer(
        user_id=user_id, display_name=username, role="user", auth_time=utcnow(), session_id=1, preferred_locale=None
    )
    return act_for(viewer, user_id, Capability.MANAGE_APPS, utcnow())


def withdraw(who: Subject, scope: str, client_id: str = READWELL.client_id) -> app_access.AuthorizedApp:
    with session_scope() as session:
        return app_access.withdraw_scope(
            session, subject=who, client_id=client_id, scope=scope, client="web", now=utcnow()
        )


def disable(who: Subject, client_id: str = READWELL.client_id) -> None:
    with session_scope() as session:
        app_access.disable_access(session, subject=who, client_id=client_id, client="web", now=utcnow())


def app_of(who: Subject, client_id: str = READWELL.client_id, *, now: dt.datetime | None = None):
    with session_scope() as session:
        return app_access.authorized_app(session, subject=who, client_id=client_id, now=now or utcnow())


def introspected(provider: TestClient, token: str) -> dict:
    return _post_as(provider, READWELL, "/oauth/introspect", {"token": token}).json()


def state_of_grants(session: Session) -> list[tuple]:
    """Everything a refused action must leave as it was: grants, tokens and the access history's length."""
    grants = session.exec(select(AppGrant.id, AppGrant.scope, AppGrant.disabled_at).order_by(col(AppGrant.id))).all()
    tokens = session.exec(select(OAuthToken.id, OAuthToken.scope, OAuthToken.revoked_at).order_by(col(OAuthToken.id)))
    history = session.exec(select(func.count()).select_from(AuditEntry)).one()
    return [*grants, *tokens.all(), history]


def history_of(session: Session, action: AuditAction) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).where(AuditEntry.action == action).order_by(col(AuditEntry.id))))


# --- withdrawing one scope ------------------------------------------------------------------------


def test_withdrawn_scope_leaves_live_and_refreshed_tokens_at_once(provider: TestClient) -> None:
    _seed_demo_apps()
    alice = person("alice")
    first = _tokens(provider, READWELL, FULL)
    assert set(_userinfo(provider, first["access_token"]).json()) >= EMAIL_CLAIMS
    assert "email" in introspected(provider, first["access_token"])["scope"].split()

    shown = withdraw(alice, "email")

    assert [s.scope for s in shown.scopes] == ["openid", "profile", "offline_access"]
    info = _userinfo(provider, first["access_token"]).json()
    assert not EMAIL_CLAIMS & set(info)
    assert info["name"] == "Alice"  # what is still allowed still works
    assert introspected(provider, first["access_token"])["scope"].split() == ["openid", "profile", "offline_access"]
    assert "email" not in introspected(provider, first["refresh_token"])["scope"].split()
    # a refresh issues the grant's scopes now, not the token's original ones
    refreshed = _refresh(provider, READWELL, first["refresh_token"])
    assert refreshed.status_code == 200, refreshed.text
    body = refreshed.json()
    assert "email" not in body["scope"].split()
    assert not EMAIL_CLAIMS & set(_userinfo(provider, body["access_token"]).json())
    # and asking for it by name is asking for more than is granted
    again = _refresh(provider, READWELL, body["refresh_token"], scope="openid email")
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_scope"
    with session_scope() as session:
        [entry] = history_of(session, AuditAction.APP_SCOPE_WITHDRAWN)
        assert entry.details == {"app": "Readwell Books", "scope": "email"}
        assert (entry.subject_user_id, entry.actor_user_id, entry.client) == (alice.user_id, alice.user_id, "web")


def test_withdrawn_offline_access_ends_refreshing_but_not_the_access_token(provider: TestClient) -> None:
    _seed_demo_apps()
    alice = person("alice")
    tokens = _tokens(provider, READWELL, FULL)
    withdraw(alice, "offline_access")
    refused = _refresh(provider, READWELL, tokens["refresh_token"])
    assert refused.status_code == 400
    assert refused.json()["error"] == "invalid_grant"
    assert _userinfo(provider, tokens["access_token"]).status_code == 200
    assert "offline_access" not in introspected(provider, tokens["access_token"])["scope"].split()


def test_asking_for_a_withdrawn_scope_asks_the_person_again(provider: TestClient) -> None:
    _seed_demo_apps()
    alice = person("alice")
    _tokens(provider, READWELL, FULL)
    withdraw(alice, "email")
    params = {"response_type": "code", "client_id": READWELL.client_id, "redirect_uri": DEMO_REDIRECTS[READWELL.client_id],
              "scope": FULL, "state": "st"}  # fmt: skip
    silent = authorize(provider, {**params, "prompt": "none"}, consent=None)
    assert query_of(silent.headers["location"])["error"] == "consent_required"
    screen = authorize(provider, params, consent=None)
    assert screen.status_code == 200
    assert 'value="consent"' in screen.text
    # without email, the app signs in silently as before
    quiet = authorize(provider, {**params, "scope": "openid profile", "prompt": "none"}, consent=None)
    assert "code" in query_of(quiet.headers["location"])


# --- disabling access -------------------------------------------------------------------------------


def test_disabled_access_stops_every_token_and_the_next_sign_in_asks_again(provider: TestClient) -> None:
    _seed_demo_apps()
    alice = person("alice")
    device_one = _tokens(provider, READWELL, FULL)
    device_two = _tokens(provider, READWELL, FULL)
    rotated = _refresh(provider, READWELL, device_two["refresh_token"]).json()

    disable(alice)

    for tokens in (device_one, rotated):
        assert _userinfo(provider, tokens["access_token"]).status_code == 401
        assert introspected(provider, tokens["access_token"]) == {"active": False}
        assert introspected(provider, tokens["refresh_token"]) == {"active": False}
        refused = _refresh(provider, READWELL, tokens["refresh_token"])
        assert refused.status_code == 400
        assert refused.json()["error"] == "invalid_grant"
    assert app_of(alice).disabled
    params = {"response_type": "code", "client_id": READWELL.client_id, "redirect_uri": DEMO_REDIRECTS[READWELL.client_id],
              "scope": "openid profile", "state": "st"}  # fmt: skip
    silent = authorize(provider, {**params, "prompt": "none"}, consent=None)
    assert query_of(silent.headers["location"])["error"] == "consent_required"
    screen = authorize(provider, params, consent=None)
    assert 'value="consent"' in screen.text
    with session_scope() as session:
        [entry] = history_of(session, AuditAction.APP_ACCESS_DISABLED)
        assert entry.details == {"app": "Readwell Books"}


def test_a_new_consent_re_enables_with_only_what_was_allowed_now(provider: TestClient) -> None:
    _seed_demo_apps()
    alice = person("alice")
    old = _tokens(provider, READWELL, FULL)
    disable(alice)
    new = _tokens(provider, READWELL, "openid profile")
    shown = app_of(alice)
    assert not shown.disabled
    assert [s.scope for s in shown.scopes] == ["openid", "profile"]
    assert _userinfo(provider, new["access_token"]).status_code == 200
    assert "refresh_token" not in new
    # the tokens turned off stay off: re-enabling revives nothing
    assert _userinfo(provider, old["access_token"]).status_code == 401
    assert _refresh(provider, READWELL, old["refresh_token"]).status_code == 400


def test_a_public_clients_tokens_stop_too(provider: TestClient) -> None:
    _seed_demo_apps()
    alice = person("alice")
    sunny = _tokens(provider, SUNNY, "openid profile location")
    withdraw(alice, "location", SUNNY.client_id)
    assert "zoneinfo" not in _userinfo(provider, sunny["access_token"]).json()
    disable(alice, SUNNY.client_id)
    assert _userinfo(provider, sunny["access_token"]).status_code == 401


# --- refusals: nothing changed, nothing revealed ------------------------------------------------------


def test_refusals_change_nothing_and_tell_nothing_apart(provider: TestClient) -> None:
    _seed_demo_apps()
    never_granted = make_app()
    with session_scope() as session:
        create_user(session=session, username="bob", password="battery staple", display_name="Bob")
    bob_browser = TestClient(provider.app, base_url=BASE, follow_redirects=False, headers={"origin": BASE})
    _verifier, challenge = pkce()
    params = {"response_type": "code", "client_id": SUNNY.client_id, "redirect_uri": DEMO_REDIRECTS[SUNNY.client_id],
              "scope": "openid profile", "state": "st", "code_challenge": challenge, "code_challenge_method": "S256"}  # fmt: skip
    assert authorize(bob_browser, params, login="bob", password="battery staple").status_code == 302
    alice = person("alice")
    tokens = _tokens(provider, READWELL, FULL)
    with session_scope() as session:
        before = state_of_grants(session)

    not_hers = [SUNNY.client_id, "no-such-app", never_granted.client_id, get_settings().oidc_client_id]
    for client_id in not_hers:
        for attempt in (
            lambda c=client_id: withdraw(alice, "profile", c),
            lambda c=client_id: disable(alice, c),
            lambda c=client_id: app_of(alice, c),
        ):
            with pytest.raises(AppNotAuthorizedError) as refused:
                attempt()
            assert refused.value.params == {}  # the message names nothing
    with pytest.raises(ScopeNotGrantedError):
        withdraw(alice, "phone")  # registered for the app, never allowed
    with pytest.raises(ScopeNotGrantedError):
        withdraw(alice, "no-such-scope")
    with pytest.raises(ScopeNeededError):
        withdraw(alice, "openid")

    with session_scope() as session:
        assert state_of_grants(session) == before
    assert set(_userinfo(provider, tokens["access_token"]).json()) >= EMAIL_CLAIMS
    # once disabled, acting on it again is refused like any app that is not hers
    disable(alice)
    with session_scope() as session:
        before = state_of_grants(session)
    for attempt in (lambda: withdraw(alice, "email"), lambda: disable(alice)):
        with pytest.raises(AppNotAuthorizedError):
            attempt()
    with session_scope() as session:
        assert state_of_grants(session) == before


def test_refusals_are_worded_in_both_languages() -> None:
    for error in (AppNotAuthorizedError(), ScopeNotGrantedError(), ScopeNeededError()):
        english, chinese = error.message(by_code("en")), error.message(by_code("zh_CN"))
        assert english.startswith("This app") or english.startswith("The app")
        assert chinese != english
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
    assert "Disable access" in ScopeNeededError().message(by_code("en"))
    assert "停用访问" in ScopeNeededError().message(by_code("zh_CN"))  # the button's own words
    # the apps pages say the same when an app is not the person's: one sentence, however it came about
    assert AppNotAuthorizedError().message(by_code("en")) == "This app is not among the apps you allowed."


# --- what the apps pages list ----------------------------------------------------------------------------


def test_only_apps_authorized_through_the_provider_are_listed_not_the_center(provider: TestClient) -> None:
    _seed_demo_apps()
    alice = person("alice")
    center = {"response_type": "code", "client_id": get_settings().oidc_client_id, "redirect_uri": callback_url(),
              "scope": CENTER_SCOPES, "state": "st", "code_challenge": pkce()[1], "code_challenge_method": "S256"}  # fmt: skip
    assert "code" in query_of(authorize(provider, center).headers["location"])
    _tokens(provider, SUNNY, "openid profile")
    _tokens(provider, READWELL, "openid profile email")
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(AppGrant)).one() == 3  # the center has one too
        listed = app_access.authorized_apps(session, subject=alice, now=utcnow())
        center_row = session.exec(select(OAuthClient).where(OAuthClient.client_id == center["client_id"])).one()
    assert {a.client_id for a in listed} == {SUNNY.client_id, READWELL.client_id}
    assert center_row.client_id not in {a.client_id for a in listed}
    readwell = next(a for a in listed if a.client_id == READWELL.client_id)
    assert (readwell.name, readwell.developer) == ("Readwell Books", "Readwell Ltd.")
    assert [(s.scope, s.claims) for s in readwell.scopes] == [
        ("openid", ("sub",)),
        ("profile", ("name", "nickname", "preferred_username", "picture")),
        ("email", ("email", "email_verified")),
    ]
    # bob sees none of alice's apps
    with session_scope() as session:
        create_user(session=session, username="bob", password="battery staple", display_name="Bob")
    with session_scope() as session:
        assert app_access.authorized_apps(session, subject=person("bob"), now=utcnow()) == []


def test_usage_counts_each_use_of_the_grant_per_day(provider: TestClient) -> None:
    _seed_demo_apps()
    alice = person("alice")
    before = utcnow()
    tokens = _tokens(provider, READWELL, FULL)  # 1: the sign-in's code exchange
    assert app_of(alice).uses_last_30_days == 1
    for _ in range(3):
        assert _userinfo(provider, tokens["access_token"]).status_code == 200  # 3 userinfo calls
    assert _active(provider, READWELL, tokens["access_token"])  # 1 introspection
    refreshed = _refresh(provider, READWELL, tokens["refresh_token"]).json()  # 1 refresh
    # refused uses are not uses: a rotated refresh token, a dead access token, a garbage one
    _userinfo(provider, "not-a-token")
    assert _refresh(provider, READWELL, "x" * 43).status_code == 400
    shown = app_of(alice)
    assert shown.uses_last_30_days == 6
    assert shown.last_used_at is not None
    assert before <= shown.last_used_at <= utcnow()
    assert before <= shown.granted_at <= shown.last_used_at
    # a use another day is another row; 30 days later none of these count any more
    with session_scope() as session:
        grant = session.exec(select(AppGrant).where(AppGrant.client_id == _row_id(session, READWELL))).one()
        session.add(AppGrantUse(grant_id=grant.id or 0, day=before.date() - dt.timedelta(days=29), user_id=alice.user_id,
                                uses=4, last_at=before - dt.timedelta(days=29)))  # fmt: skip
        session.add(AppGrantUse(grant_id=grant.id or 0, day=before.date() - dt.timedelta(days=30), user_id=alice.user_id,
                                uses=50, last_at=before - dt.timedelta(days=30)))  # fmt: skip
    assert app_of(alice).uses_last_30_days == 10
    assert app_of(alice, now=utcnow() + dt.timedelta(days=29)).uses_last_30_days == 6
    assert app_of(alice, now=utcnow() + dt.timedelta(days=31)).uses_last_30_days == 0
    assert _userinfo(provider, refreshed["access_token"]).status_code == 200
    assert app_of(alice).uses_last_30_days == 11


def _row_id(session: Session, app: App) -> int:
    return session.exec(select(OAuthClient.id).where(OAuthClient.client_id == app.client_id)).one() or 0
