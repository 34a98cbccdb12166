"""Withdrawing and disabling on SQLite and PostgreSQL (migrated schema), with real tokens over HTTP.

The races are the point here: a withdrawal and a refresh in parallel transactions, in
either order, must never leave the app a token that carries the withdrawn scope; parallel
uses must all be counted.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic.config import Config
from sqlmodel import col, select
from starlette.testclient import TestClient

from alembic import command
from privacy_center.api.routes import build_api
from privacy_center.db import session_scope
from privacy_center.models import AppGrant, AuditEntry, OAuthToken
from privacy_center.models.audit import AuditAction
from privacy_center.services.accounts import create_user
from privacy_center.services.app_access import AppNotAuthorizedError, ScopeNotGrantedError
from privacy_center.services.center_client import ensure_center_client
from privacy_center.services.demo import seed_demo
from tests.conftest import configured_database
from tests.unit.auth.conftest import BASE, authorize, query_of
from tests.unit.auth.test_app_access import (
    EMAIL_CLAIMS,
    FULL,
    app_of,
    disable,
    introspected,
    person,
    state_of_grants,
    withdraw,
)
from tests.unit.auth.test_tokens_and_consent import DEMO_REDIRECTS, READWELL, SUNNY, _refresh, _tokens, _userinfo

ROUNDS = 6


@pytest.fixture
def client(database_url: str, alembic_config: Config, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    command.upgrade(alembic_config, "head")
    with configured_database(monkeypatch, database_url, create_tables=False, public_url=BASE):
        with session_scope() as session:
            create_user(
                session=session, username="alice", password="correct horse", display_name="Alice",
                email="alice@example.org",
            )  # fmt: skip
            create_user(session=session, username="bob", password="battery staple", display_name="Bob")
            ensure_center_client(session=session)
            seed_demo(session=session, today=dt.date(2026, 11, 30))
        with TestClient(build_api(), base_url=BASE, follow_redirects=False, headers={"origin": BASE}) as test_client:
            yield test_client


def _browser(client: TestClient) -> TestClient:
    return TestClient(client.app, base_url=BASE, follow_redirects=False, headers={"origin": BASE})


def _together(*work: Callable[[], object]) -> list[object]:
    """Run each in its own thread (own transaction), released at the same moment; their results or errors."""
    start = threading.Barrier(len(work))

    def run(one: Callable[[], object]) -> object:
        start.wait()
        try:
            return one()
        except Exception as error:
            return error

    with ThreadPoolExecutor(len(work)) as pool:
        return list(pool.map(run, work))


def _scopes_of_unrevoked_tokens() -> list[set[str]]:
    with session_scope() as session:
        rows = session.exec(select(OAuthToken.scope).where(col(OAuthToken.revoked_at).is_(None))).all()
    return [set(scope.split()) for scope in rows]


def test_withdrawal_reaches_live_and_refreshed_tokens(client: TestClient) -> None:
    alice = person("alice")
    tokens = _tokens(client, READWELL, FULL)
    assert set(_userinfo(client, tokens["access_token"]).json()) >= EMAIL_CLAIMS
    withdraw(alice, "email")
    assert not EMAIL_CLAIMS & set(_userinfo(client, tokens["access_token"]).json())
    assert "email" not in introspected(client, tokens["access_token"])["scope"].split()
    refreshed = _refresh(client, READWELL, tokens["refresh_token"]).json()
    assert "email" not in refreshed["scope"].split()
    assert not EMAIL_CLAIMS & set(_userinfo(client, refreshed["access_token"]).json())
    with session_scope() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.action == AuditAction.APP_SCOPE_WITHDRAWN)).all()
        assert [e.details for e in entries] == [{"app": "Readwell Books", "scope": "email"}]


def test_disabling_stops_every_token_and_asks_again(client: TestClient) -> None:
    alice = person("alice")
    tokens = _tokens(client, READWELL, FULL)
    disable(alice)
    assert _userinfo(client, tokens["access_token"]).status_code == 401
    assert introspected(client, tokens["access_token"]) == {"active": False}
    assert _refresh(client, READWELL, tokens["refresh_token"]).status_code == 400
    params = {"response_type": "code", "client_id": READWELL.client_id, "redirect_uri": DEMO_REDIRECTS[READWELL.client_id],
              "scope": "openid profile", "state": "st", "prompt": "none"}  # fmt: skip
    assert query_of(authorize(client, params, consent=None).headers["location"])["error"] == "consent_required"
    assert _scopes_of_unrevoked_tokens() == []


def test_another_persons_app_and_an_ungranted_scope_are_refused_unchanged(client: TestClient) -> None:
    bob_browser = _browser(client)
    bob_params = {"response_type": "code", "client_id": READWELL.client_id, "scope": "openid profile", "state": "st",
                  "redirect_uri": DEMO_REDIRECTS[READWELL.client_id]}  # fmt: skip
    assert authorize(bob_browser, bob_params, login="bob", password="battery staple").status_code == 302
    alice = person("alice")
    _tokens(client, SUNNY, "openid profile")
    with session_scope() as session:
        before = state_of_grants(session)
    with pytest.raises(AppNotAuthorizedError):
        withdraw(alice, "profile", READWELL.client_id)  # bob's, not hers
    with pytest.raises(AppNotAuthorizedError):
        disable(alice, READWELL.client_id)
    with pytest.raises(ScopeNotGrantedError):
        withdraw(alice, "location", SUNNY.client_id)
    with session_scope() as session:
        assert state_of_grants(session) == before


def test_racing_withdrawal_and_refresh_never_bring_the_scope_back(client: TestClient) -> None:
    alice = person("alice")
    for _ in range(ROUNDS):
        tokens = _tokens(client, READWELL, FULL)  # consents to email again each round
        withdrawn, refreshed = _together(
            lambda: withdraw(alice, "email"),
            lambda t=tokens: _refresh(_browser(client), READWELL, t["refresh_token"]),
        )
        assert not isinstance(withdrawn, Exception), withdrawn
        assert all("email" not in scopes for scopes in _scopes_of_unrevoked_tokens())
        assert "email" not in {s.scope for s in app_of(alice).scopes}
        if refreshed.status_code == 200:  # type: ignore[union-attr]
            body = refreshed.json()  # type: ignore[union-attr]
            assert not EMAIL_CLAIMS & set(_userinfo(client, body["access_token"]).json())
            assert "email" not in introspected(client, body["access_token"])["scope"].split()
            again = _refresh(client, READWELL, body["refresh_token"]).json()
            assert "email" not in again["scope"].split()
        assert not EMAIL_CLAIMS & set(_userinfo(client, tokens["access_token"]).json())


def test_racing_disable_and_refresh_leave_no_working_token(client: TestClient) -> None:
    alice = person("alice")
    for _ in range(ROUNDS):
        tokens = _tokens(client, READWELL, FULL)  # a new consent re-enables the grant
        disabled, refreshed = _together(
            lambda: disable(alice),
            lambda t=tokens: _refresh(_browser(client), READWELL, t["refresh_token"]),
        )
        assert disabled is None, disabled
        assert _scopes_of_unrevoked_tokens() == []
        if refreshed.status_code == 200:  # type: ignore[union-attr]
            body = refreshed.json()  # type: ignore[union-attr]
            assert _userinfo(client, body["access_token"]).status_code == 401
            assert _refresh(client, READWELL, body["refresh_token"]).status_code == 400


def test_parallel_uses_are_all_counted(client: TestClient) -> None:
    alice = person("alice")
    tokens = _tokens(client, READWELL, FULL)
    calls = 16
    answers = _together(*[lambda: _userinfo(_browser(client), tokens["access_token"]) for _ in range(calls)])
    assert [a.status_code for a in answers] == [200] * calls  # type: ignore[union-attr]
    shown = app_of(alice)
    assert shown.uses_last_30_days == calls + 1  # and the sign-in's code exchange
    with session_scope() as session:
        grant = session.exec(select(AppGrant).where(AppGrant.user_id == alice.user_id)).one()
        assert grant.last_used_at == shown.last_used_at
