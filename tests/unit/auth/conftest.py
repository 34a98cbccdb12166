"""A provider on a fresh SQLite database, driven through its HTTP routes."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from privacy_center import models  # noqa: F401 - registers the tables
from privacy_center.api.routes import build_api
from privacy_center.db import session_scope
from privacy_center.services.accounts import create_user
from privacy_center.services.apps import register_app
from privacy_center.services.center_client import ensure_center_client
from tests.conftest import configured_database

BASE = "http://localhost:3000"
APP_REDIRECT = "http://localhost:8765/callback"


@dataclass
class App:
    client_id: str
    secret: str | None


@pytest.fixture
def provider(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'provider.db'}", public_url=BASE):
        yield from _provider_client()


def _provider_client() -> Iterator[TestClient]:
    with session_scope() as session:
        create_user(
            session=session,
            username="alice",
            password="correct horse",
            display_name="Alice",
            phone="13800001234",
            email="alice@example.org",
        )
        ensure_center_client(session=session)
    # A browser posting the provider's own forms sends their Origin; tests that play a foreign
    # page override or drop it.
    with TestClient(build_api(), base_url=BASE, follow_redirects=False, headers={"origin": BASE}) as client:
        yield client


def make_app(*, public: bool = False, scopes: tuple[str, ...] = ("openid", "profile", "email", "phone")) -> App:
    with session_scope() as session:
        client, secret = register_app(
            session=session,
            name="Readwell",
            developer="Readwell Ltd",
            redirect_uris=[APP_REDIRECT],
            scopes=list(scopes),
            public=public,
        )
        return App(client.client_id, secret)


def code_params(client_id: str, **extra: str) -> dict[str, str]:
    """An authorization request for the test app, as its sign-in button would send it."""
    return {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": APP_REDIRECT,
        "scope": "openid profile email",
        "state": "st-1",
        "nonce": secrets.token_urlsafe(8),
        **extra,
    }


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def hidden_of(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def query_of(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def authorize(
    client: TestClient,
    params: dict[str, str],
    *,
    login: str = "alice",
    password: str = "correct horse",
    consent: str | None = "allow",
):
    """Walk the sign-in and consent pages as a browser would; returns the final response."""
    response = client.get("/oauth/authorize", params=params)
    if response.status_code in (200, 401) and 'name="action" value="login"' in response.text:
        form = {**hidden_of(response.text), "login": login, "password": password}
        response = client.post("/oauth/authorize", data=form)
    if response.status_code == 200 and 'value="consent"' in response.text and consent:
        form = {**hidden_of(response.text), "decision": consent}
        response = client.post("/oauth/authorize", data=form)
    return response
