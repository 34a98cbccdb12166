"""Relying-party refusals, after the OpenID Foundation's RP tests, against a real provider.

Each scenario makes oauth2-mock-server misbehave one way; the center must refuse with a
localized page and create no session.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from sqlmodel import Session, select

from privacy_center.db import get_engine
from privacy_center.models import CenterSession
from tests.interop.conftest import center_for, free_port, node_provider, to_center

pytestmark = pytest.mark.interop


def _sessions() -> int:
    with Session(get_engine()) as session:
        return len(session.exec(select(CenterSession)).all())


def _callback_location(client, issuer: str) -> str:
    start = client.get("/auth/login", params={"next": "/zh-cn/"})
    assert start.status_code == 302
    assert start.headers["location"].startswith(issuer)
    answer = httpx.get(start.headers["location"], follow_redirects=False)
    assert answer.status_code == 302
    return answer.headers["location"]


def test_happy_path_creates_a_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with (
        node_provider("mock_provider.mjs", str(free_port()), "ok") as issuer,
        center_for(issuer, tmp_path, monkeypatch) as client,
    ):
        response = to_center(client, _callback_location(client, issuer))
        assert response.status_code == 303, response.text
        assert response.headers["location"] == "/zh-cn/"
        assert _sessions() == 1


@pytest.mark.parametrize(
    "scenario",
    [
        "wrong-nonce", "missing-nonce", "wrong-audience", "missing-audience", "missing-iat", "missing-sub",
        "expired", "wrong-issuer", "alg-none", "bad-signature", "userinfo-sub",
    ],
)  # fmt: skip
@pytest.mark.allow_error_logs
def test_forged_tokens_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scenario: str) -> None:
    with (
        node_provider("mock_provider.mjs", str(free_port()), scenario) as issuer,
        center_for(issuer, tmp_path, monkeypatch) as client,
    ):
        response = to_center(client, _callback_location(client, issuer))
        assert response.status_code == 400, response.text
        assert "无法验证此次登录" in response.text  # the page is in the reader's language
        assert "pc_session" not in response.headers.get("set-cookie", "")
        assert _sessions() == 0


@pytest.mark.allow_error_logs
def test_wrong_state_and_replayed_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with (
        node_provider("mock_provider.mjs", str(free_port()), "ok") as issuer,
        center_for(issuer, tmp_path, monkeypatch) as client,
    ):
        location = _callback_location(client, issuer)
        forged = to_center(client, location.replace("state=", "state=x"))
        assert forged.status_code == 400
        assert _sessions() == 0
        location = _callback_location(client, issuer)
        assert to_center(client, location).status_code == 303
        replay = to_center(client, location)
        assert replay.status_code == 400
        assert _sessions() == 1


@pytest.mark.allow_error_logs
def test_reauthentication_needs_a_recent_auth_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Authlib only checks that auth_time is present; the center compares it with now."""
    with (
        node_provider("mock_provider.mjs", str(free_port()), "stale-auth-time") as issuer,
        center_for(issuer, tmp_path, monkeypatch) as client,
    ):
        start = client.get("/auth/reauth", params={"next": "/en/"})
        assert "max_age=0" in start.headers["location"]
        assert "prompt=login" in start.headers["location"]
        answer = httpx.get(start.headers["location"], follow_redirects=False)
        response = to_center(client, answer.headers["location"])
        assert response.status_code == 400
        assert "did not ask for your password again" in response.text
        assert _sessions() == 0
