"""The provider and the center's sign-in on both databases, through their HTTP routes."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from alembic.config import Config
from starlette.testclient import TestClient

from alembic import command
from privacy_center.api.routes import build_api
from privacy_center.auth.guard import current_viewer
from privacy_center.db import session_scope
from privacy_center.services.accounts import create_user
from privacy_center.services.apps import register_app
from privacy_center.services.center_client import ensure_center_client
from tests.conftest import configured_database
from tests.unit.auth.conftest import APP_REDIRECT, BASE, authorize, query_of
from tests.unit.auth.test_sign_in import sign_in


@pytest.fixture
def client(database_url: str, alembic_config: Config, monkeypatch: pytest.MonkeyPatch):
    command.upgrade(alembic_config, "head")
    with configured_database(monkeypatch, database_url, create_tables=False, public_url=BASE):
        yield from _client()


def _client() -> Iterator[TestClient]:
    with session_scope() as session:
        create_user(
            session=session, username="alice", password="correct horse", display_name="Alice", email="a@example.org"
        )
        ensure_center_client(session=session)
    with TestClient(build_api(), base_url=BASE, follow_redirects=False, headers={"origin": BASE}) as test_client:
        yield test_client


def test_code_flow_refresh_and_center_sign_in(client: TestClient) -> None:
    with session_scope() as session:
        app, secret = register_app(
            session=session, name="Readwell", developer="Readwell Ltd", redirect_uris=[APP_REDIRECT],
            scopes=["openid", "profile", "offline_access"],
        )  # fmt: skip
        client_id = app.client_id
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": APP_REDIRECT,
              "scope": "openid profile offline_access", "state": "s", "nonce": secrets.token_urlsafe(8)}  # fmt: skip
    code = query_of(authorize(client, params).headers["location"])["code"]
    token = client.post(
        "/oauth/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": APP_REDIRECT},
        auth=(client_id, secret),
    )
    assert token.status_code == 200, token.text
    refreshed = client.post(
        "/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": token.json()["refresh_token"]},
        auth=(client_id, secret),
    )
    assert refreshed.status_code == 200
    assert (
        client.get("/oauth/userinfo", headers={"authorization": f"Bearer {refreshed.json()['access_token']}"}).json()[
            "name"
        ]
        == "Alice"
    )
    response = sign_in(client)
    assert response.status_code == 303
    assert current_viewer(f"pc_session={client.cookies.get('pc_session')}").display_name == "Alice"
