"""The center's own sign-in against the built-in provider: sessions, sign-out, re-auth."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from privacy_center.auth.guard import current_viewer
from privacy_center.db import session_scope
from privacy_center.models import CenterSession
from privacy_center.settings import get_settings
from tests.unit.auth.conftest import BASE, hidden_of


def sign_in(client: TestClient, *, next_path: str = "/en/", password: str = "correct horse"):
    """Follow the whole flow as a browser: center -> provider sign-in -> center callback."""
    response = client.get("/auth/login", params={"next": next_path})
    assert response.status_code == 302
    response = client.get(response.headers["location"].removeprefix(BASE))
    if 'value="login"' in response.text:
        response = client.post(
            "/oauth/authorize", data={**hidden_of(response.text), "login": "alice", "password": password}
        )
    if response.status_code != 302:
        return response
    return client.get(response.headers["location"].removeprefix(BASE))


def test_sign_in_creates_a_session_with_safe_cookie_flags(provider: TestClient) -> None:
    response = sign_in(provider)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/en/"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("pc_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    viewer = current_viewer(f"pc_session={provider.cookies.get('pc_session')}")
    assert viewer is not None
    assert viewer.display_name == "Alice"


def test_failed_sign_in_creates_no_session(provider: TestClient) -> None:
    response = sign_in(provider, password="not the password")
    assert response.status_code == 401
    assert "pc_session" not in provider.cookies
    with session_scope() as session:
        assert session.exec(select(CenterSession)).all() == []


def test_next_is_never_an_open_redirect(provider: TestClient) -> None:
    response = sign_in(provider, next_path="https://evil.example/")
    assert response.headers["location"] == "/"


def test_callback_with_wrong_state_is_refused(provider: TestClient) -> None:
    provider.get("/auth/login")
    response = provider.get("/auth/callback", params={"code": "x", "state": "forged"})
    assert response.status_code == 400
    assert "could not be verified" in response.text
    assert "pc_session" not in provider.cookies


def test_logout_needs_same_origin_and_ends_the_session(provider: TestClient) -> None:
    sign_in(provider)
    token = provider.cookies.get("pc_session")
    refused = provider.post("/auth/logout", headers={"origin": "https://evil.example"})
    assert refused.status_code == 403
    assert current_viewer(f"pc_session={token}") is not None
    done = provider.post("/auth/logout", headers={"origin": BASE})
    assert done.status_code == 303
    assert current_viewer(f"pc_session={token}") is None


def test_sign_out_everywhere(provider: TestClient) -> None:
    sign_in(provider)
    first = provider.cookies.get("pc_session")
    provider.cookies.clear()
    sign_in(provider)
    second = provider.cookies.get("pc_session")
    assert first != second
    provider.post("/auth/logout-everywhere", headers={"origin": BASE})
    assert current_viewer(f"pc_session={first}") is None
    assert current_viewer(f"pc_session={second}") is None


@pytest.mark.parametrize(
    ("idle_minutes", "hours_later", "alive"), [(30, 0.25, True), (30, 0.75, False), (600, 13, False)]
)
def test_idle_and_absolute_timeouts(provider: TestClient, idle_minutes: int, hours_later: float, alive: bool) -> None:
    get_settings().session_idle_minutes = idle_minutes
    sign_in(provider)
    token = provider.cookies.get("pc_session")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours_later)
    assert (current_viewer(f"pc_session={token}", now=later) is not None) is alive


def test_reauthentication_refreshes_auth_time(provider: TestClient) -> None:
    sign_in(provider)
    token = provider.cookies.get("pc_session")
    with session_scope() as session:
        row = session.exec(select(CenterSession)).one()
        row.auth_time = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
        session.add(row)
    stale = current_viewer(f"pc_session={token}")
    response = provider.get("/auth/reauth", params={"next": "/en/"})
    response = provider.get(response.headers["location"].removeprefix(BASE))
    assert 'value="login"' in response.text  # max_age=0 and prompt=login force the password again
    response = provider.post(
        "/oauth/authorize", data={**hidden_of(response.text), "login": "alice", "password": "correct horse"}
    )
    response = provider.get(response.headers["location"].removeprefix(BASE))
    assert response.status_code == 303
    fresh = current_viewer(f"pc_session={token}")
    assert fresh.auth_time > stale.auth_time + dt.timedelta(hours=1)


def test_silent_sign_in_falls_back_to_normal_sign_in(provider: TestClient) -> None:
    response = provider.get("/auth/silent", params={"next": "/zh-cn/"})
    response = provider.get(response.headers["location"].removeprefix(BASE))
    assert "error=login_required" in response.headers["location"]
    response = provider.get(response.headers["location"].removeprefix(BASE))
    assert response.status_code == 303
    assert response.headers["location"] == "/auth/login?next=/zh-cn/"


def test_silent_sign_in_with_a_provider_session(provider: TestClient) -> None:
    sign_in(provider)
    provider.cookies.delete("pc_session")
    response = provider.get("/auth/silent", params={"next": "/zh-cn/"})
    response = provider.get(response.headers["location"].removeprefix(BASE))
    assert "code=" in response.headers["location"]
    response = provider.get(response.headers["location"].removeprefix(BASE))
    assert response.headers["location"] == "/zh-cn/"
    assert provider.cookies.get("pc_session")


def test_a_sign_in_started_under_another_name_of_the_demo_server_moves_to_the_public_url(
    provider: TestClient,
) -> None:
    # The callback returns to the public URL (localhost): started at 127.0.0.1, the sign-in
    # lost its state cookie on the way and ended in "mismatching_state".
    started = provider.get("http://127.0.0.1:3000/auth/login?next=/zh-cn/account/mailbox/")
    assert started.status_code == 303
    assert started.headers["location"] == f"{BASE}/auth/login?next=/zh-cn/account/mailbox/"
    assert "pc_oauth_state" not in started.headers.get("set-cookie", "")
