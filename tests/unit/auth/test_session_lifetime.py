"""One sign-in per browser, and cookies that end with the browser unless the person asks to stay.

Driven over HTTP through the real routes: the center's /auth/login and /auth/callback and
the provider's sign-in form, as a browser would follow them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import sqlalchemy as sa
from joserfc import jwt
from joserfc.jwk import KeySet
from sqlmodel import select
from starlette.testclient import TestClient

from privacy_center.auth.guard import current_viewer
from privacy_center.auth.provider import signin
from privacy_center.auth.provider.server import KEEP_CLAIM
from privacy_center.db import get_engine, session_scope
from privacy_center.models import AuthorizationCode, CenterSession, ProviderSession, User
from privacy_center.models.base import utcnow
from privacy_center.services import sessions
from privacy_center.services.accounts import create_user
from tests.unit.auth.conftest import APP_REDIRECT, BASE, code_params, hidden_of, make_app, query_of


def _sign_in_at_the_form(client: TestClient, *, login: str, password: str, keep: bool) -> list[str]:
    """Sign in through the provider's form (asked with prompt=login, as a second sign-in is).

    Returns every Set-Cookie header of the way, the provider's and the center's.
    """
    start = client.get("/auth/login", params={"next": "/en/"})
    assert start.status_code == 302
    authorize_url = start.headers["location"].removeprefix(BASE) + "&prompt=login"
    form = client.get(authorize_url)
    assert 'value="login"' in form.text, form.text
    fields = {**hidden_of(form.text), "login": login, "password": password}
    if keep:
        fields["keep"] = "1"
    to_center = client.post("/oauth/authorize", data=fields)
    assert to_center.status_code == 302, to_center.text
    done = client.get(to_center.headers["location"].removeprefix(BASE))
    assert done.status_code == 303, done.text
    return to_center.headers.get_list("set-cookie") + done.headers.get_list("set-cookie")


def _cookie_header(headers: list[str], name: str) -> str:
    return next(h for h in headers if h.startswith(f"{name}="))


def _user_id(username: str) -> int:
    with session_scope() as session:
        user = session.exec(select(User).where(User.display_name == username.title())).one()
        return user.id or 0


def test_signing_in_again_ends_this_browsers_previous_sessions(provider: TestClient) -> None:
    with session_scope() as session:
        create_user(session=session, username="grace", password="grace's password", display_name="Grace")
    _sign_in_at_the_form(provider, login="alice", password="correct horse", keep=False)
    alice_center = provider.cookies.get(sessions.COOKIE)
    alice_provider = provider.cookies.get(signin.SESSION_COOKIE)
    assert current_viewer(f"{sessions.COOKIE}={alice_center}") is not None

    _sign_in_at_the_form(provider, login="grace", password="grace's password", keep=False)

    viewer = current_viewer(f"{sessions.COOKIE}={provider.cookies.get(sessions.COOKIE)}")
    assert viewer is not None
    assert viewer.display_name == "Grace"
    assert current_viewer(f"{sessions.COOKIE}={alice_center}") is None
    alice = _user_id("alice")
    with session_scope() as session:
        center_rows = session.exec(select(CenterSession).where(CenterSession.user_id == alice)).all()
        provider_rows = session.exec(select(ProviderSession).where(ProviderSession.user_id == alice)).all()
        assert [r.ended_at is not None for r in center_rows] == [True]
        assert [r.ended_at is not None for r in provider_rows] == [True]
        assert signin.current(session=session, cookie=alice_provider, now=utcnow()) is None
    # Her old cookie no longer opens the provider either: a prompt=none request needs a sign-in.
    provider.cookies.clear()
    provider.cookies.set(signin.SESSION_COOKIE, alice_provider or "", domain=urlsplit(BASE).hostname or "")
    start = provider.get("/auth/silent", params={"next": "/en/"})
    to_center = provider.get(start.headers["location"].removeprefix(BASE))
    assert "error=login_required" in to_center.headers["location"]


def test_without_keep_both_cookies_end_with_the_browser(provider: TestClient) -> None:
    headers = _sign_in_at_the_form(provider, login="alice", password="correct horse", keep=False)
    for name in (signin.SESSION_COOKIE, sessions.COOKIE):
        cookie = _cookie_header(headers, name).lower()
        assert "max-age" not in cookie, cookie
        assert "expires" not in cookie, cookie


def test_keep_me_signed_in_makes_both_cookies_persist(provider: TestClient) -> None:
    headers = _sign_in_at_the_form(provider, login="alice", password="correct horse", keep=True)
    assert f"Max-Age={signin.session_cookie_max_age(True)}" in _cookie_header(headers, signin.SESSION_COOKIE)
    assert f"Max-Age={sessions.cookie_max_age(True)}" in _cookie_header(headers, sessions.COOKIE)
    with session_scope() as session:
        assert [row.keep_signed_in for row in session.exec(select(AuthorizationCode)).all()] == [True]


def test_reauthentication_keeps_the_same_session(provider: TestClient) -> None:
    _sign_in_at_the_form(provider, login="alice", password="correct horse", keep=False)
    before = provider.cookies.get(sessions.COOKIE)
    start = provider.get("/auth/reauth", params={"next": "/en/"})
    form = provider.get(start.headers["location"].removeprefix(BASE))
    to_center = provider.post(
        "/oauth/authorize", data={**hidden_of(form.text), "login": "alice", "password": "correct horse"}
    )
    done = provider.get(to_center.headers["location"].removeprefix(BASE))
    assert done.status_code == 303
    assert provider.cookies.get(sessions.COOKIE) == before
    assert current_viewer(f"{sessions.COOKIE}={before}") is not None
    with session_scope() as session:
        assert len(session.exec(select(CenterSession)).all()) == 1


def test_the_center_keeps_no_id_token(provider: TestClient) -> None:
    """An ID token carries name, username, e-mail and phone: no column of a session holds one."""
    _sign_in_at_the_form(provider, login="alice", password="correct horse", keep=False)
    with get_engine().connect() as connection:
        row = connection.execute(sa.text("SELECT * FROM center_session")).mappings().one()
    assert not any(isinstance(value, str) and value.startswith("eyJ") for value in row.values()), dict(row)


def test_a_third_party_app_is_never_told_about_keep_me_signed_in(provider: TestClient) -> None:
    app = make_app()
    params = code_params(app.client_id)
    form = provider.get("/oauth/authorize", params=params)
    consent = provider.post(
        "/oauth/authorize", data={**hidden_of(form.text), "login": "alice", "password": "correct horse", "keep": "1"}
    )
    assert signin.session_cookie_max_age(True) is not None
    assert f"Max-Age={signin.session_cookie_max_age(True)}" in _cookie_header(
        consent.headers.get_list("set-cookie"), signin.SESSION_COOKIE
    )
    to_app = provider.post("/oauth/authorize", data={**hidden_of(consent.text), "decision": "allow"})
    assert to_app.status_code == 302, to_app.text
    code = query_of(to_app.headers["location"])["code"]
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": APP_REDIRECT}
    id_token = provider.post("/oauth/token", data=data, auth=(app.client_id, app.secret or "")).json()["id_token"]
    claims = jwt.decode(id_token, KeySet.import_key_set(provider.get("/oauth/jwks").json())).claims
    assert KEEP_CLAIM not in claims
