"""Malformed requests get a clear OAuth error, never a 500 (issue 8, item 8)."""

from __future__ import annotations

import base64

import pytest
from starlette.testclient import TestClient

from tests.unit.auth.conftest import APP_REDIRECT, authorize, code_params, make_app, query_of

ENDPOINTS = ("/oauth/token", "/oauth/revoke", "/oauth/introspect")
BAD_BASIC = {
    "non-utf-8": base64.b64encode(b"\xff\xfe:\xff").decode(),
    "not base64": "!!!*",
    "no colon": base64.b64encode(b"just-a-name").decode(),
}


def _oauth_error(response, status: int, error: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"] == error
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("bad", ["\n", "\r\nSet-Cookie: x=1", "\x00", "\x7f", "\t"])
def test_control_characters_in_redirect_uri_at_authorize(provider: TestClient, bad: str) -> None:
    app = make_app()
    response = provider.get("/oauth/authorize", params=code_params(app.client_id, redirect_uri=APP_REDIRECT + bad))
    assert response.status_code == 400
    assert "location" not in response.headers
    assert "invalid sign-in request" in response.text


@pytest.mark.parametrize("bad", ["\n", "\x00", "\x1b[31m"])
def test_control_characters_in_redirect_uri_at_token(provider: TestClient, bad: str) -> None:
    app = make_app()
    code = query_of(authorize(provider, code_params(app.client_id)).headers["location"])["code"]
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": APP_REDIRECT + bad}
    _oauth_error(provider.post("/oauth/token", data=data, auth=(app.client_id, app.secret)), 400, "invalid_request")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("credentials", BAD_BASIC.values(), ids=BAD_BASIC.keys())
def test_malformed_basic_credentials(provider: TestClient, endpoint: str, credentials: str) -> None:
    data = {"grant_type": "authorization_code", "code": "x", "token": "x"}
    response = provider.post(endpoint, data=data, headers={"authorization": f"Basic {credentials}"})
    _oauth_error(response, 401, "invalid_client")
    assert response.headers["www-authenticate"].startswith("Basic")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_bodies_that_are_not_a_form(provider: TestClient, endpoint: str) -> None:
    app = make_app()
    auth = (app.client_id, app.secret)
    _oauth_error(provider.post(endpoint, json={"grant_type": "refresh_token"}, auth=auth), 400, "invalid_request")
    raw = {"content-type": "application/x-www-form-urlencoded"}
    for body in (b"grant_type=\xff\xfe", b"token=%ff%fe&grant_type=refresh_token", b"token=a%00b"):
        _oauth_error(provider.post(endpoint, content=body, headers=raw, auth=auth), 400, "invalid_request")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_duplicate_and_overlong_parameters(provider: TestClient, endpoint: str) -> None:
    app = make_app()
    auth = (app.client_id, app.secret)
    raw = {"content-type": "application/x-www-form-urlencoded"}
    twice = b"grant_type=refresh_token&grant_type=authorization_code&token=a&token=b"
    _oauth_error(provider.post(endpoint, content=twice, headers=raw, auth=auth), 400, "invalid_request")
    overlong = {"grant_type": "refresh_token", "refresh_token": "x" * 100_000, "token": "x" * 100_000}
    _oauth_error(provider.post(endpoint, data=overlong, auth=auth), 400, "invalid_request")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("redirect_uri", APP_REDIRECT + "é"),
        ("redirect_uri", APP_REDIRECT + '"'),
        ("response_type", "cöde"),
        ("response_type", "code\\"),
        ("max_age", "²"),
    ],
)
def test_characters_outside_the_protocols_at_authorize(provider: TestClient, name: str, value: str) -> None:
    app = make_app()
    response = provider.get("/oauth/authorize", params=code_params(app.client_id, **{name: value}))
    assert response.status_code == 400
    assert "location" not in response.headers
    assert "invalid sign-in request" in response.text


def test_duplicate_overlong_and_nul_parameters_at_authorize(provider: TestClient) -> None:
    app = make_app()
    query = f"response_type=code&client_id=other&client_id={app.client_id}&redirect_uri={APP_REDIRECT}"
    for response in (
        provider.get(f"/oauth/authorize?{query}"),
        provider.get("/oauth/authorize", params=code_params(app.client_id, state="x" * 20_000)),
        provider.get("/oauth/authorize", params=code_params(app.client_id, nonce="a\x00b")),
        provider.post("/oauth/authorize", content=b"client_id=%ff", headers={"content-type": "text/plain"}),
    ):
        assert response.status_code == 400, response.text
        assert "location" not in response.headers
        assert "invalid sign-in request" in response.text
