"""Forged requests to the provider's sign-in, consent and sign-out: nothing is decided without a
same-origin POST carrying the form's CSRF value (issue 8, item 1)."""

from __future__ import annotations

from sqlmodel import select
from starlette.testclient import TestClient

from privacy_center.auth.provider import signin
from privacy_center.db import session_scope
from privacy_center.models import AppGrant, ProviderSession
from privacy_center.models.base import utcnow
from tests.unit.auth.conftest import BASE, authorize, code_params, hidden_of, make_app

EVIL = "https://evil.example"


def _grants() -> list[AppGrant]:
    with session_scope() as session:
        return list(session.exec(select(AppGrant)).all())


def _live_provider_sessions() -> list[ProviderSession]:
    with session_scope() as session:
        return [row for row in session.exec(select(ProviderSession)).all() if row.ended_at is None]


def _signed_in_at_consent(provider: TestClient, client_id: str):
    consent = authorize(provider, code_params(client_id), consent=None)
    assert 'value="consent"' in consent.text
    return consent


def test_a_get_carrying_a_decision_only_shows_the_consent_screen(provider: TestClient) -> None:
    app = make_app()
    _signed_in_at_consent(provider, app.client_id)
    forged = provider.get("/oauth/authorize", params=code_params(app.client_id, action="consent", decision="allow"))
    assert forged.status_code == 200
    assert "location" not in forged.headers
    assert 'value="consent"' in forged.text
    assert forged.headers["cache-control"] == "no-store"
    assert _grants() == []


def test_a_get_carrying_a_password_signs_nobody_in(provider: TestClient) -> None:
    app = make_app()
    forged = provider.get(
        "/oauth/authorize",
        params=code_params(app.client_id, action="login", login="alice", password="correct horse"),
    )
    assert forged.status_code == 200
    assert 'value="login"' in forged.text
    assert signin.SESSION_COOKIE not in forged.headers.get("set-cookie", "")
    assert _live_provider_sessions() == []


def test_a_post_takes_its_decision_from_the_body_only(provider: TestClient) -> None:
    app = make_app()
    consent = _signed_in_at_consent(provider, app.client_id)
    # The form's own fields and CSRF value, but the decision smuggled into the query string.
    fields = {k: v for k, v in hidden_of(consent.text).items() if k != "action"}
    smuggled = provider.post("/oauth/authorize?action=consent&decision=allow", data=fields)
    assert "location" not in smuggled.headers
    assert _grants() == []


def test_a_login_post_from_another_origin_is_refused(provider: TestClient) -> None:
    app = make_app()
    form = provider.get("/oauth/authorize", params=code_params(app.client_id))
    fields = {**hidden_of(form.text), "login": "alice", "password": "correct horse"}
    refused = provider.post("/oauth/authorize", data=fields, headers={"origin": EVIL})
    assert refused.status_code == 403
    assert signin.SESSION_COOKIE not in refused.headers.get("set-cookie", "")
    assert _live_provider_sessions() == []


def test_a_consent_post_from_another_origin_or_without_csrf_grants_nothing(provider: TestClient) -> None:
    app = make_app()
    consent = _signed_in_at_consent(provider, app.client_id)
    fields = {**hidden_of(consent.text), "decision": "allow"}
    assert provider.post("/oauth/authorize", data=fields, headers={"origin": EVIL}).status_code == 403
    without_csrf = {k: v for k, v in fields.items() if k != "csrf"}
    assert provider.post("/oauth/authorize", data=without_csrf).status_code == 400
    assert _grants() == []


def test_referer_counts_only_when_the_origin_is_absent(provider: TestClient) -> None:
    app = make_app()
    consent = _signed_in_at_consent(provider, app.client_id)
    fields = {**hidden_of(consent.text), "decision": "allow"}
    del provider.headers["origin"]
    assert provider.post("/oauth/authorize", data=fields).status_code == 403  # neither header: refused
    foreign = provider.post("/oauth/authorize", data=fields, headers={"referer": f"{EVIL}/page"})
    assert foreign.status_code == 403
    assert _grants() == []
    ours = provider.post("/oauth/authorize", data=fields, headers={"referer": f"{BASE}/oauth/authorize?x=1"})
    assert ours.status_code == 302
    assert len(_grants()) == 1


def _sign_out_form(provider: TestClient):
    form = provider.get("/oauth/logout")
    assert form.status_code == 200
    assert form.headers["cache-control"] == "no-store"
    return form


def test_provider_sign_out_needs_the_form_and_our_origin(provider: TestClient) -> None:
    app = make_app()
    _signed_in_at_consent(provider, app.client_id)
    assert len(_live_provider_sessions()) == 1
    assert provider.post("/oauth/logout").status_code == 400  # no CSRF value
    form = _sign_out_form(provider)
    assert provider.post("/oauth/logout", data=hidden_of(form.text), headers={"origin": EVIL}).status_code == 403
    assert len(_live_provider_sessions()) == 1
    done = provider.post("/oauth/logout", data=hidden_of(form.text))
    assert done.status_code == 303
    assert _live_provider_sessions() == []


def test_provider_sign_out_ends_this_browser_only(provider: TestClient) -> None:
    app = make_app()
    _signed_in_at_consent(provider, app.client_id)
    other_browser = provider.cookies.get(signin.SESSION_COOKIE)
    provider.cookies.clear()
    _signed_in_at_consent(provider, app.client_id)
    form = _sign_out_form(provider)
    assert "this browser" in form.text
    assert provider.post("/oauth/logout", data=hidden_of(form.text)).status_code == 303
    with session_scope() as session:
        assert signin.current(session=session, cookie=other_browser, now=utcnow()) is not None
    assert len(_live_provider_sessions()) == 1


def test_the_refusal_is_in_the_reader_s_language(provider: TestClient) -> None:
    app = make_app()
    form = provider.get("/oauth/authorize", params=code_params(app.client_id, ui_locales="zh-CN"))
    fields = {**hidden_of(form.text), "login": "alice", "password": "correct horse"}
    refused = provider.post("/oauth/authorize", data=fields, headers={"origin": EVIL})
    assert refused.status_code == 403
    assert 'lang="zh-CN"' in refused.text
    assert "此表单并非从格子的页面提交" in refused.text
