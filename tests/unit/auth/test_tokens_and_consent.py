"""Issue 8 items 6 and 7 over HTTP: who gets refresh tokens, token families, public-client
revocation, pairwise subjects and a consent screen that says what it releases."""

from __future__ import annotations

import datetime as dt
import secrets

from joserfc import jwt
from joserfc.jwk import KeySet
from sqlmodel import select
from starlette.testclient import TestClient

from privacy_center.db import session_scope
from privacy_center.models import PlatformAccount, User
from privacy_center.services.demo import seed_demo
from privacy_center.services.identity import public_subject
from tests.unit.auth.conftest import APP_REDIRECT, App, authorize, make_app, pkce, query_of

SUNNY = App("demo-sunny-weather", None)
READWELL = App("demo-readwell", "readwell-demo-secret")
DEMO_REDIRECTS = {
    SUNNY.client_id: "http://localhost:8701/callback",
    READWELL.client_id: "http://localhost:8702/callback",
}


def _seed_demo_apps() -> None:
    with session_scope() as session:
        seed_demo(session=session, today=dt.date(2026, 11, 30))


def _code(provider: TestClient, app: App, scope: str, *, challenge: str | None = None) -> str:
    """Sign alice in, consent, and return the code."""
    params = {
        "response_type": "code",
        "client_id": app.client_id,
        "redirect_uri": DEMO_REDIRECTS.get(app.client_id, APP_REDIRECT),
        "scope": scope,
        "state": "st",
        "nonce": secrets.token_urlsafe(8),
    }
    if challenge is not None:
        params |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    response = authorize(provider, params)
    assert response.status_code == 302, response.text
    return query_of(response.headers["location"])["code"]


def _post_as(provider: TestClient, app: App, path: str, data: dict[str, str]):
    """POST to a token endpoint authenticated as ``app`` (Basic, or client_id alone if public)."""
    if app.secret:
        return provider.post(path, data=data, auth=(app.client_id, app.secret))
    return provider.post(path, data={**data, "client_id": app.client_id})


def _tokens(provider: TestClient, app: App, scope: str) -> dict:
    verifier, challenge = pkce() if not app.secret else (None, None)
    code = _code(provider, app, scope, challenge=challenge)
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": DEMO_REDIRECTS.get(app.client_id, APP_REDIRECT),
    }
    if verifier:
        data["code_verifier"] = verifier
    response = _post_as(provider, app, "/oauth/token", data)
    assert response.status_code == 200, response.text
    return response.json()


def _refresh(provider: TestClient, app: App, refresh_token: str, **extra: str):
    return _post_as(
        provider, app, "/oauth/token", {"grant_type": "refresh_token", "refresh_token": refresh_token, **extra}
    )


def _userinfo(provider: TestClient, access_token: str):
    return provider.get("/oauth/userinfo", headers={"authorization": f"Bearer {access_token}"})


def _active(provider: TestClient, app: App, token: str) -> bool:
    return _post_as(provider, app, "/oauth/introspect", {"token": token}).json()["active"]


# --- item 6: refresh tokens --------------------------------------------------------------------


def test_public_demo_app_gets_no_refresh_token_even_when_it_asks(provider: TestClient) -> None:
    _seed_demo_apps()
    body = _tokens(provider, SUNNY, "openid profile offline_access")
    assert "refresh_token" not in body
    assert "offline_access" not in body.get("scope", "").split()


def test_refresh_token_only_with_offline_access_consented(provider: TestClient) -> None:
    _seed_demo_apps()
    without = _tokens(provider, READWELL, "openid profile")
    assert "refresh_token" not in without
    # the consent screen says, in words, that access continues while alice is away
    params = {"response_type": "code", "client_id": READWELL.client_id, "redirect_uri": DEMO_REDIRECTS[READWELL.client_id],
              "scope": "openid profile offline_access", "state": "st"}  # fmt: skip
    screen = authorize(provider, params, consent=None)
    assert "Keeps access while you are not using it, until you disable it" in screen.text
    with_offline = _tokens(provider, READWELL, "openid profile offline_access")
    assert with_offline["refresh_token"]
    # and a refresh of a token without offline_access is refused
    assert _refresh(provider, READWELL, "x" * 43).status_code == 400


def test_replaying_a_rotated_refresh_token_revokes_the_whole_family(provider: TestClient) -> None:
    _seed_demo_apps()
    first = _tokens(provider, READWELL, "openid profile offline_access")
    second = _refresh(provider, READWELL, first["refresh_token"])
    assert second.status_code == 200, second.text
    second = second.json()
    assert _userinfo(provider, second["access_token"]).status_code == 200
    replay = _refresh(provider, READWELL, first["refresh_token"])
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    # the successor, its access token and the first access token all stop working
    assert _userinfo(provider, second["access_token"]).status_code == 401
    assert _userinfo(provider, first["access_token"]).status_code == 401
    assert not _active(provider, READWELL, second["access_token"])
    assert not _active(provider, READWELL, second["refresh_token"])
    assert _refresh(provider, READWELL, second["refresh_token"]).status_code == 400


def test_replaying_a_code_revokes_every_token_descended_from_it(provider: TestClient) -> None:
    _seed_demo_apps()
    code = _code(provider, READWELL, "openid profile offline_access")
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": DEMO_REDIRECTS[READWELL.client_id]}
    first = _post_as(provider, READWELL, "/oauth/token", data).json()
    second = _refresh(provider, READWELL, first["refresh_token"]).json()
    assert _post_as(provider, READWELL, "/oauth/token", data).status_code == 400
    assert _userinfo(provider, second["access_token"]).status_code == 401
    assert _refresh(provider, READWELL, second["refresh_token"]).status_code == 400


def test_replay_spares_other_families_of_the_same_person(provider: TestClient) -> None:
    _seed_demo_apps()
    first = _tokens(provider, READWELL, "openid profile offline_access")
    other = _tokens(provider, READWELL, "openid profile offline_access")  # another device
    assert _refresh(provider, READWELL, first["refresh_token"]).status_code == 200
    assert _refresh(provider, READWELL, first["refresh_token"]).status_code == 400
    assert _userinfo(provider, other["access_token"]).status_code == 200
    assert _refresh(provider, READWELL, other["refresh_token"]).status_code == 200


def test_refresh_never_widens_scope(provider: TestClient) -> None:
    _seed_demo_apps()
    first = _tokens(provider, READWELL, "openid profile offline_access")
    wider = _refresh(provider, READWELL, first["refresh_token"], scope="openid profile email offline_access")
    assert wider.status_code == 400
    assert wider.json()["error"] == "invalid_scope"


def test_public_client_revokes_its_own_token_with_client_id_alone(provider: TestClient) -> None:
    _seed_demo_apps()
    sunny = _tokens(provider, SUNNY, "openid profile")
    readwell = _tokens(provider, READWELL, "openid profile offline_access")
    revoked = _post_as(provider, SUNNY, "/oauth/revoke", {"token": sunny["access_token"]})
    assert revoked.status_code == 200, revoked.text
    assert _userinfo(provider, sunny["access_token"]).status_code == 401
    # another client's token: 200 as RFC 7009 says, but nothing is revoked
    for token in (readwell["access_token"], readwell["refresh_token"]):
        assert _post_as(provider, SUNNY, "/oauth/revoke", {"token": token}).status_code == 200
    # a confidential client's id without its secret revokes nothing either
    without_secret = App(READWELL.client_id, None)
    assert _post_as(provider, without_secret, "/oauth/revoke", {"token": readwell["access_token"]}).status_code == 401
    assert _userinfo(provider, readwell["access_token"]).status_code == 200
    assert _active(provider, READWELL, readwell["access_token"])
    # and a public client may not introspect, nor see anyone's token as active
    assert _post_as(provider, SUNNY, "/oauth/introspect", {"token": readwell["access_token"]}).status_code == 401


def test_introspection_by_another_client_says_inactive(provider: TestClient) -> None:
    _seed_demo_apps()
    other = make_app()
    readwell = _tokens(provider, READWELL, "openid profile")
    assert _post_as(provider, other, "/oauth/introspect", {"token": readwell["access_token"]}).json() == {
        "active": False
    }


# --- item 7: pairwise subjects ----------------------------------------------------------------


def _subjects(provider: TestClient, app: App, body: dict) -> set[str]:
    keys = KeySet.import_key_set(provider.get("/oauth/jwks").json())
    id_sub = jwt.decode(body["id_token"], keys).claims["sub"]
    info_sub = _userinfo(provider, body["access_token"]).json()["sub"]
    introspect_sub = _post_as(provider, app, "/oauth/introspect", {"token": body["access_token"]}).json().get("sub")
    return {id_sub, info_sub} | ({introspect_sub} if app.secret else set())


def test_each_app_gets_its_own_stable_subject(provider: TestClient) -> None:
    _seed_demo_apps()
    other = make_app()
    with session_scope() as session:
        alice = session.exec(select(User).join(PlatformAccount).where(PlatformAccount.username == "alice")).one()
        public = public_subject(session, alice.id or 0)
    readwell = _subjects(provider, READWELL, _tokens(provider, READWELL, "openid profile"))
    again = _subjects(provider, READWELL, _tokens(provider, READWELL, "openid profile"))
    assert len(readwell) == 1  # ID token, userinfo and introspection agree
    assert again == readwell  # stable across sign-ins
    sunny = _subjects(provider, SUNNY, _tokens(provider, SUNNY, "openid profile"))
    third = _subjects(provider, other, _tokens(provider, other, "openid profile"))
    assert len(sunny) == len(third) == 1
    assert len(readwell | sunny | third) == 3  # no two apps can join alice by her subject
    assert public not in readwell | sunny | third


def test_discovery_declares_pairwise_subjects(provider: TestClient) -> None:
    meta = provider.get("/.well-known/openid-configuration").json()
    assert meta["subject_types_supported"] == ["public", "pairwise"]


# --- item 7: the consent screen -------------------------------------------------------------


def _consent_screen(provider: TestClient, app: App, scope: str, locale: str = "en") -> str:
    params = {"response_type": "code", "client_id": app.client_id, "redirect_uri": APP_REDIRECT, "scope": scope,
              "state": "st", "ui_locales": locale}  # fmt: skip
    return _released(authorize(provider, params, consent=None))


def _released(response) -> str:
    """The consent screen's list of what the app will receive (not its hidden form fields)."""
    assert response.status_code == 200
    assert 'value="consent"' in response.text
    return response.text.split('<section class="auth-scopes"', 1)[1].split("</section>", 1)[0]


def test_consent_names_every_claim_and_only_scopes_the_app_can_get(provider: TestClient) -> None:
    app = make_app(scopes=("openid", "profile"))
    screen = _consent_screen(provider, app, "openid profile email phone offline_access")
    for claim in ("Name", "Nickname", "Username", "Profile picture"):
        assert claim in screen
    assert "An identifier for your account that only this app gets" in screen
    for not_registered in ("Email", "Phone", "Access while you are away", "Keeps access"):
        assert not_registered not in screen


def test_consent_names_every_claim_in_chinese(provider: TestClient) -> None:
    app = make_app(scopes=("openid", "profile", "email"))
    screen = _consent_screen(provider, app, "openid profile email", locale="zh-CN")
    for claim in ("姓名", "昵称", "用户名", "头像", "电子邮件地址"):
        assert claim in screen


def test_public_app_is_not_promised_offline_access(provider: TestClient) -> None:
    _seed_demo_apps()
    params = {"response_type": "code", "client_id": SUNNY.client_id, "redirect_uri": DEMO_REDIRECTS[SUNNY.client_id],
              "scope": "openid profile offline_access", "state": "st", "code_challenge": pkce()[1],
              "code_challenge_method": "S256"}  # fmt: skip
    screen = _released(authorize(provider, params, consent=None))
    assert "Access while you are away" not in screen
    assert "Keeps access" not in screen
