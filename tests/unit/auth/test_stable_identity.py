"""One database served under two public URLs still knows each person once (issue 9, item 1).

Before: the built-in provider's issuer was whatever URL the app was served at, so a second
URL (another PC_PORT, then https) signed everyone in as a new, empty account.
"""

from __future__ import annotations

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet
from sqlmodel import func, select
from starlette.testclient import TestClient

from privacy_center.api.routes import build_api
from privacy_center.auth.guard import current_viewer
from privacy_center.caches import reset_caches
from privacy_center.db import session_scope
from privacy_center.models import OAuthClient, User
from privacy_center.services.setup import run_set_up
from tests.unit.auth.conftest import APP_REDIRECT, BASE, authorize, code_params, hidden_of, make_app, query_of

OTHER = "http://127.0.0.1:3311"


def _sign_in(client: TestClient, base: str) -> int:
    """Alice signs in through the center served at ``base``; returns her user id."""
    response = client.get("/auth/login", params={"next": "/en/"})
    assert response.status_code == 302, response.text
    response = client.get(response.headers["location"].removeprefix(base))
    if response.status_code == 200:  # not signed in at the provider yet: its sign-in form
        form = {**hidden_of(response.text), "login": "alice", "password": "correct horse"}
        response = client.post("/oauth/authorize", data=form)
    assert response.status_code == 302, response.text
    response = client.get(response.headers["location"].removeprefix(base))
    assert response.status_code == 303, response.text
    viewer = current_viewer(f"pc_session={client.cookies.get('pc_session')}")
    assert viewer is not None
    return viewer.user_id


def test_a_second_public_url_finds_the_same_person(provider: TestClient, monkeypatch) -> None:
    first = _sign_in(provider, BASE)
    monkeypatch.setenv("PC_PUBLIC_URL", OTHER)
    reset_caches()
    run_set_up()  # what the app does when it starts under the new URL
    with TestClient(build_api(), base_url=OTHER, follow_redirects=False, headers={"origin": OTHER}) as other:
        meta = other.get("/.well-known/openid-configuration").json()
        second = _sign_in(other, OTHER)
    # The issuer stays the one fixed at first set-up; the endpoints follow the URL of now.
    assert (meta["issuer"], meta["authorization_endpoint"]) == (BASE, f"{OTHER}/oauth/authorize")
    assert second == first
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(User)).one() == 1


def test_pc_issuer_names_the_builtin_provider(provider: TestClient, monkeypatch) -> None:
    first = _sign_in(provider, BASE)
    monkeypatch.setenv("PC_ISSUER", "https://id.example.org/")
    reset_caches()
    run_set_up()  # at the next start, the people of the built-in provider move to the new issuer name
    meta = provider.get("/.well-known/openid-configuration").json()
    assert (meta["issuer"], meta["token_endpoint"]) == ("https://id.example.org", f"{BASE}/oauth/token")
    app = make_app()
    code = query_of(authorize(provider, code_params(app.client_id)).headers["location"])["code"]
    token = provider.post(
        "/oauth/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": APP_REDIRECT},
        auth=(app.client_id, app.secret),
    ).json()
    keys = KeySet.import_key_set(provider.get("/oauth/jwks").json())
    assert jwt.decode(token["id_token"], keys).claims["iss"] == "https://id.example.org"
    provider.cookies.clear()
    assert _sign_in(provider, BASE) == first  # the center accepts the new issuer, and finds the same person


def test_signing_in_registers_nothing(provider: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """The center's client is written at set-up (db upgrade, seed-demo, app start), not per /auth/login."""
    monkeypatch.setenv("PC_PUBLIC_URL", OTHER)
    reset_caches()
    with TestClient(build_api(), base_url=OTHER, follow_redirects=False) as other:
        assert other.get("/auth/login").status_code == 302
    with session_scope() as session:
        center = session.exec(select(OAuthClient).where(OAuthClient.client_id == "privacy-center")).one()
        assert center.redirect_uris == f"{BASE}/auth/callback"
    run_set_up()
    with session_scope() as session:
        center = session.exec(select(OAuthClient).where(OAuthClient.client_id == "privacy-center")).one()
        assert center.redirect_uris == f"{OTHER}/auth/callback"
