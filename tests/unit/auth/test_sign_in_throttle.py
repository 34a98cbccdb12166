"""Who is throttled at the provider's sign-in over HTTP: the client address behind trusted
proxies only, per account and address (issue 8, item 5)."""

from __future__ import annotations

import secrets

import pytest
from starlette.requests import Request
from starlette.testclient import TestClient

from privacy_center.auth.provider import signin
from privacy_center.http import client_address
from privacy_center.settings import get_settings
from tests.unit.auth.conftest import APP_REDIRECT, BASE, hidden_of, make_app

PROXY = "10.0.0.2"


def _browser(provider: TestClient, peer: str) -> TestClient:
    """Another browser on the same app, connecting from ``peer``."""
    return TestClient(
        provider.app, base_url=BASE, follow_redirects=False, headers={"origin": BASE}, client=(peer, 40000)
    )


def _sign_in(browser: TestClient, client_id: str, password: str, *, forwarded_for: str | None = None):
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": APP_REDIRECT, "scope": "openid"}
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for else {}
    form = browser.get("/oauth/authorize", params={**params, "nonce": secrets.token_urlsafe(8)}, headers=headers)
    fields = {**hidden_of(form.text), "login": "alice", "password": password}
    return browser.post("/oauth/authorize", data=fields, headers=headers)


def _signed_in(response) -> bool:
    """The password was accepted: the provider session starts and the consent screen follows."""
    return signin.SESSION_COOKIE in response.headers.get("set-cookie", "") and 'value="consent"' in response.text


def _trust(monkeypatch: pytest.MonkeyPatch, proxies: str) -> None:
    monkeypatch.setenv("PC_TRUSTED_PROXIES", proxies)
    get_settings.cache_clear()


def test_behind_a_trusted_proxy_each_client_is_throttled_on_its_own(
    provider: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _trust(monkeypatch, "10.0.0.0/8")
    app = make_app()
    proxy = _browser(provider, PROXY)
    for _attempt in range(5):
        guess = _sign_in(proxy, app.client_id, "guess", forwarded_for="203.0.113.5")
    assert "Too many failed attempts" in guess.text
    owner = _browser(provider, PROXY)
    assert _signed_in(_sign_in(owner, app.client_id, "correct horse", forwarded_for="203.0.113.6"))


def test_forwarded_for_from_an_untrusted_peer_changes_nothing(provider: TestClient) -> None:
    app = make_app()
    attacker = _browser(provider, "198.51.100.7")
    outcomes = [_sign_in(attacker, app.client_id, "guess", forwarded_for=f"203.0.113.{n}") for n in range(6)]
    assert "Too many failed attempts" in outcomes[-1].text
    assert (
        "Too many failed attempts" in _sign_in(attacker, app.client_id, "correct horse", forwarded_for="192.0.2.1").text
    )
    assert _signed_in(_sign_in(_browser(provider, "192.0.2.44"), app.client_id, "correct horse"))


def _request(peer: str, *forwarded_for: str) -> Request:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded_for]
    return Request({"type": "http", "method": "GET", "path": "/", "headers": headers, "client": (peer, 1234)})


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        ("198.51.100.7", ("203.0.113.5",), "198.51.100.7"),  # peer not a proxy of ours: header ignored
        (PROXY, ("203.0.113.5",), "203.0.113.5"),
        (PROXY, ("1.2.3.4, 203.0.113.5, 10.0.0.9",), "203.0.113.5"),  # right-most hop that is not ours
        (PROXY, ("1.2.3.4", "203.0.113.5"), "203.0.113.5"),  # several headers read as one list
        (PROXY, ("10.0.0.7, 10.0.0.9",), "10.0.0.7"),  # only proxies: the furthest one
        (PROXY, ("203.0.113.5, not-an-address",), PROXY),  # garbage: the last hop we can vouch for
        (PROXY, (), PROXY),
        ("::1", ("2001:db8::5",), "2001:db8::5"),
    ],
)
def test_client_address(
    monkeypatch: pytest.MonkeyPatch, peer: str, forwarded_for: tuple[str, ...], expected: str
) -> None:
    _trust(monkeypatch, "10.0.0.0/8, ::1")
    try:
        assert client_address(_request(peer, *forwarded_for)) == expected
    finally:
        get_settings.cache_clear()
