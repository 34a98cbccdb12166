"""The built-in provider end to end over HTTP: codes, PKCE, ID tokens, refresh, revocation."""

from __future__ import annotations

import time

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet
from sqlmodel import select
from starlette.testclient import TestClient

from privacy_center.db import session_scope
from privacy_center.models import AppGrant
from privacy_center.models.base import utcnow
from tests.unit.auth.conftest import APP_REDIRECT, BASE, authorize, code_params, make_app, pkce, query_of


def _exchange(provider: TestClient, app, code: str, **extra: str):
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": APP_REDIRECT, **extra}
    auth = (app.client_id, app.secret) if app.secret else None
    if not app.secret:
        data["client_id"] = app.client_id
    return provider.post("/oauth/token", data=data, auth=auth)


def test_discovery_and_jwks(provider: TestClient) -> None:
    meta = provider.get("/.well-known/openid-configuration").json()
    assert meta["issuer"] == BASE
    assert meta["code_challenge_methods_supported"] == ["S256"]
    keys = provider.get("/oauth/jwks").json()["keys"]
    assert keys
    assert keys[0]["kty"] == "RSA"
    assert "d" not in keys[0]


def test_confidential_code_flow_with_id_token(provider: TestClient) -> None:
    app = make_app()
    response = authorize(provider, code_params(app.client_id, nonce="n-1"))
    assert response.status_code == 302, response.text
    result = query_of(response.headers["location"])
    assert result["state"] == "st-1"
    token = _exchange(provider, app, result["code"])
    assert token.status_code == 200, token.text
    body = token.json()
    keys = KeySet.import_key_set(provider.get("/oauth/jwks").json())
    claims = jwt.decode(body["id_token"], keys).claims
    assert claims["iss"] == BASE
    assert claims["aud"] == [app.client_id]
    assert claims["nonce"] == "n-1"
    assert claims["exp"] > time.time() > claims["iat"] - 5
    assert "auth_time" in claims
    info = provider.get("/oauth/userinfo", headers={"authorization": f"Bearer {body['access_token']}"}).json()
    assert info["sub"] == claims["sub"]
    assert info["email"] == "alice@example.org"
    assert "phone_number" not in info  # phone was not asked for
    # a code works once
    assert _exchange(provider, app, result["code"]).status_code == 400


def test_public_client_needs_s256_pkce(provider: TestClient) -> None:
    app = make_app(public=True)
    no_pkce = authorize(provider, code_params(app.client_id))
    assert no_pkce.status_code == 302
    assert query_of(no_pkce.headers["location"])["error"] == "invalid_request"
    verifier, challenge = pkce()
    plain = authorize(provider, code_params(app.client_id, code_challenge=verifier, code_challenge_method="plain"))
    assert query_of(plain.headers["location"])["error"] == "invalid_request"
    ok = authorize(provider, code_params(app.client_id, code_challenge=challenge, code_challenge_method="S256"))
    code = query_of(ok.headers["location"])["code"]
    assert _exchange(provider, app, code, code_verifier="wrong" * 10).status_code == 400
    ok = authorize(provider, code_params(app.client_id, code_challenge=challenge, code_challenge_method="S256"))
    code = query_of(ok.headers["location"])["code"]
    assert _exchange(provider, app, code, code_verifier=verifier).status_code == 200


def test_redirect_uri_must_match_exactly_and_is_never_followed_otherwise(provider: TestClient) -> None:
    app = make_app()
    for bad in (APP_REDIRECT + "/", APP_REDIRECT + "?x=1", "http://evil.example/callback"):
        response = provider.get("/oauth/authorize", params=code_params(app.client_id, redirect_uri=bad))
        assert response.status_code == 400
        assert "location" not in response.headers
    unknown = provider.get("/oauth/authorize", params=code_params("nope"))
    assert unknown.status_code == 400
    assert "not registered" in unknown.text


def test_refresh_rotation_and_revocation(provider: TestClient) -> None:
    app = make_app(scopes=("openid", "profile", "offline_access"))
    params = code_params(app.client_id, scope="openid profile offline_access")
    code = query_of(authorize(provider, params).headers["location"])["code"]
    first = _exchange(provider, app, code).json()
    second = provider.post(
        "/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
        auth=(app.client_id, app.secret),
    )
    assert second.status_code == 200, second.text
    # a replay of the first refresh token is refused and revokes the family:
    # tests/unit/auth/test_tokens_and_consent.py
    access = second.json()["access_token"]
    live = provider.post("/oauth/introspect", data={"token": access}, auth=(app.client_id, app.secret)).json()
    assert live["active"] is True
    assert provider.post("/oauth/revoke", data={"token": access}, auth=(app.client_id, app.secret)).status_code == 200
    assert provider.get("/oauth/userinfo", headers={"authorization": f"Bearer {access}"}).status_code == 401
    assert provider.post("/oauth/introspect", data={"token": access}, auth=(app.client_id, app.secret)).json() == {
        "active": False
    }


def test_disabled_grant_stops_tokens_at_once(provider: TestClient) -> None:
    app = make_app()
    code = query_of(authorize(provider, code_params(app.client_id)).headers["location"])["code"]
    access = _exchange(provider, app, code).json()["access_token"]
    assert provider.get("/oauth/userinfo", headers={"authorization": f"Bearer {access}"}).status_code == 200
    with session_scope() as session:
        grant = session.exec(select(AppGrant)).one()
        grant.disabled_at = utcnow()
        session.add(grant)
    assert provider.get("/oauth/userinfo", headers={"authorization": f"Bearer {access}"}).status_code == 401


def test_prompt_none_and_max_age(provider: TestClient) -> None:
    app = make_app()
    silent = provider.get("/oauth/authorize", params=code_params(app.client_id, prompt="none"))
    assert query_of(silent.headers["location"])["error"] == "login_required"
    assert authorize(provider, code_params(app.client_id)).status_code == 302  # signs in, consents
    silent = provider.get("/oauth/authorize", params=code_params(app.client_id, prompt="none"))
    assert "code" in query_of(silent.headers["location"])
    forced = provider.get("/oauth/authorize", params=code_params(app.client_id, max_age="0"))
    assert forced.status_code == 200
    assert 'value="login"' in forced.text


def test_wrong_password_is_refused_then_rate_limited(provider: TestClient) -> None:
    app = make_app()
    for _attempt in range(4):
        response = authorize(provider, code_params(app.client_id), password="wrong password")
        assert response.status_code == 401
        assert "not right" in response.text
        assert "pc_op_session" not in response.headers.get("set-cookie", "")
    locked = authorize(provider, code_params(app.client_id), password="wrong password")
    assert "Too many failed attempts" in locked.text
    still = authorize(provider, code_params(app.client_id))  # even the right password waits
    assert "Too many failed attempts" in still.text


def test_post_without_csrf_is_refused(provider: TestClient) -> None:
    app = make_app()
    response = provider.post(
        "/oauth/authorize",
        data={**code_params(app.client_id), "action": "login", "login": "alice", "password": "correct horse"},
    )
    assert response.status_code == 400
    assert "pc_op_session" not in response.headers.get("set-cookie", "")


def test_consent_lists_released_information_in_chinese(provider: TestClient) -> None:
    app = make_app()
    params = {**code_params(app.client_id), "ui_locales": "zh-CN"}
    response = authorize(provider, params, consent=None)
    assert response.status_code == 200
    assert 'lang="zh-CN"' in response.text
    assert "电子邮件" in response.text


@pytest.mark.parametrize("asked", [{"prompt": "login"}, {"max_age": "0"}, {"prompt": "login consent"}])
def test_a_forced_sign_in_then_consent_ends_with_a_code(provider: TestClient, asked: dict[str, str]) -> None:
    # The consent form used to carry prompt=login (or max_age=0) along, so allowing asked
    # for the password again, forever: an app that forces a sign-in could never be allowed.
    app = make_app()
    done = authorize(provider, code_params(app.client_id, **asked))
    assert done.status_code == 302, done.text
    assert "code" in query_of(done.headers["location"])
