"""Authorized apps, end to end: revoking in the browser really revokes the app's tokens.

A client (httpx, as the demo app Readwell's server) authorizes through the real code +
PKCE flow, the person signing in and allowing in Chromium at phone width; the app then
appears in /apps. The person withdraws one permission in the browser, and the client's
live access token (userinfo, introspection) and a refreshed one lose it; then the person
disables access in the browser, and the access and refresh tokens stop working. The
pages are checked in both locales, at 360 px, inside a webview (``?embedded=1``) and with
axe-core.
"""

from __future__ import annotations

import json
import threading

import httpx
import pytest
from playwright.sync_api import Page, expect

from privacy_center.settings import DEMO_CLIENT_SECRET
from tests.e2e.apps_flow import CALLBACK, CLIENT_ID, authorize, register_with_deletion_endpoint, sign_in_to_the_center
from tests.e2e.conftest import Server, axe_violations
from tests.e2e.measure import PHONE
from tests.integration.webhook_receiver import running_receiver

pytestmark = pytest.mark.e2e


def _tokens(server: Server, data: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{server.url}/oauth/token", data=data, auth=(CLIENT_ID, DEMO_CLIENT_SECRET))


def _userinfo(server: Server, access_token: str) -> httpx.Response:
    return httpx.get(f"{server.url}/oauth/userinfo", headers={"authorization": f"Bearer {access_token}"})


def _introspect(server: Server, token: str) -> dict:
    answer = httpx.post(f"{server.url}/oauth/introspect", data={"token": token}, auth=(CLIENT_ID, DEMO_CLIENT_SECRET))
    assert answer.status_code == 200
    return answer.json()


def _refresh(server: Server, refresh_token: str) -> httpx.Response:
    return _tokens(server, {"grant_type": "refresh_token", "refresh_token": refresh_token})


def _fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    small = page.evaluate(
        """() => [...document.querySelectorAll('main button, main a.row, main .button')]
            .filter((e) => e.offsetParent !== null)
            .map((e) => e.getBoundingClientRect())
            .filter((r) => r.height < 44)
            .length"""
    )
    assert small == 0, "a button or row in the page is lower than 44 px"


def test_withdrawing_then_disabling_in_the_browser_revokes_the_apps_tokens(phone: Page, server: Server) -> None:
    code, verifier = authorize(phone, server, "olivia", "openid profile email offline_access")
    issued = _tokens(
        server,
        {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK, "code_verifier": verifier},
    )
    assert issued.status_code == 200, issued.text
    access, refresh = issued.json()["access_token"], issued.json()["refresh_token"]
    assert "email" in _userinfo(server, access).json()
    assert "email" in _introspect(server, access)["scope"].split()

    # The app is in the person's list, with its use of the access just now.
    sign_in_to_the_center(phone, server, "/en/apps/")
    listed = phone.locator("#apps .row-link", has_text="Readwell Books")
    expect(listed).to_contain_text("Readwell Ltd.")
    expect(listed.locator(".row-value")).to_have_text("3 uses")  # the code exchanged, userinfo, introspection
    _fits_the_phone(phone)
    assert axe_violations(phone) == []

    listed.click()
    phone.wait_for_url(f"{server.url}/en/apps/{CLIENT_ID}/")
    expect(phone.locator("h1")).to_have_text("Readwell Books")
    expect(phone).to_have_title("Readwell Books – Authorized apps")
    expect(phone.locator("#scope-email")).to_contain_text("Email address")
    expect(phone.locator("#scope-openid button")).to_have_count(0)  # the account permission goes only with all
    _fits_the_phone(phone)
    assert axe_violations(phone) == []

    # Withdraw one permission: asked first, then confirmed on screen.
    phone.locator("#withdraw-button-email").click()
    dialog = phone.locator("#withdraw-email")
    expect(dialog).to_be_visible()
    assert axe_violations(phone) == []
    dialog.get_by_role("button", name="Withdraw").click()
    expect(phone.locator("#app-done")).to_have_text("Readwell Books no longer has this permission: Email.")
    expect(phone.locator("#scope-email")).to_have_count(0)
    expect(phone.locator("#scope-profile")).to_be_visible()

    # The live access token lost it, and so does a refreshed one.
    info = _userinfo(server, access)
    assert info.status_code == 200
    assert "email" not in info.json()
    assert "name" in info.json()
    assert "email" not in _introspect(server, access)["scope"].split()
    renewed = _refresh(server, refresh)
    assert renewed.status_code == 200, renewed.text
    assert "email" not in renewed.json()["scope"].split()
    new_access, new_refresh = renewed.json()["access_token"], renewed.json()["refresh_token"]
    assert "email" not in _userinfo(server, new_access).json()
    assert "email" not in _introspect(server, new_access)["scope"].split()

    # Disable access: asked first (the danger button), then every token stops working.
    phone.locator("#disable-access-button").click()
    dialog = phone.locator("#disable-access")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Disable access").click()
    expect(phone.locator("#app-done")).to_contain_text("Access disabled")
    expect(phone.locator("#access-disabled")).to_be_visible()
    expect(phone.locator("#disable-access-button")).to_have_count(0)
    expect(phone.locator("[id^=withdraw-button-]")).to_have_count(0)
    for token in (access, new_access):
        assert _userinfo(server, token).status_code == 401
        assert _introspect(server, token) == {"active": False}
    assert _introspect(server, new_refresh) == {"active": False}
    refused = _refresh(server, new_refresh)
    assert refused.status_code == 400
    assert refused.json()["error"] == "invalid_grant"

    # The list says so too, in Chinese as well; the app's page has its title in Chinese.
    phone.goto(f"{server.url}/zh-cn/apps/")
    expect(phone.locator("h1")).to_have_text("已授权的应用")
    expect(phone.locator("#apps .row-link", has_text="Readwell Books")).to_contain_text("已停用访问")
    _fits_the_phone(phone)
    assert axe_violations(phone) == []
    phone.goto(f"{server.url}/zh-cn/apps/{CLIENT_ID}/")
    expect(phone).to_have_title("Readwell Books – 已授权的应用")
    expect(phone.locator("#access-disabled")).to_be_visible()
    expect(phone.locator("#scope-profile")).to_contain_text("昵称")
    assert axe_violations(phone) == []


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", {"empty": "No apps yet", "missing": "This app is not among the apps you allowed."}),
        ("zh-cn", {"empty": "暂无应用", "missing": "此应用不在你授权的应用之中。"}),
    ],
)
def test_no_apps_and_someone_elses_app_in_a_webview(phone: Page, server: Server, locale: str, text: dict) -> None:
    """A person with no apps sees the empty state; another person's app reads as any unknown one."""
    sign_in_to_the_center(phone, server, f"/{locale}/apps/", "agent.kim")
    phone.goto(f"{server.url}/{locale}/apps/?embedded=1")  # as the host app opens it
    expect(phone.locator(".empty-state")).to_contain_text(text["empty"])
    expect(phone.locator(".site-header")).to_be_hidden()  # inside the host app: its own bar is the header
    _fits_the_phone(phone)
    assert axe_violations(phone) == []
    for client_id in (CLIENT_ID, "demo-sunny-weather", "no-such-app"):
        phone.goto(f"{server.url}/{locale}/apps/{client_id}/?embedded=1")
        expect(phone.locator("#app-not-found")).to_have_text(text["missing"])
        expect(phone.locator("h1")).not_to_contain_text("Readwell")
    assert axe_violations(phone) == []


def test_a_deletion_request_is_followed_on_the_page_until_delivered(phone: Page, server: Server) -> None:
    """The developer's endpoint holds the webhook: the page says "sent", then "delivered" without a reload."""
    with running_receiver() as receiver:
        receiver.hold = threading.Event()
        client_id = register_with_deletion_endpoint(server, receiver.url)["client_id"]
        authorize(phone, server, "alice", "openid profile", client_id=client_id)
        sign_in_to_the_center(phone, server, f"/en/apps/{client_id}/")
        expect(phone.locator("#deletion-none")).to_be_visible()
        phone.locator("#ask-deletion-button").click()
        phone.locator("#ask-deletion").get_by_role("button", name="Send the request").click()
        expect(phone.locator("#deletion-pending")).to_contain_text("is on its way to Tidy Labs")
        expect(phone.locator("#ask-deletion-button")).to_have_count(0)  # one pending request at a time
        [sent] = receiver.wait_for(1)
        assert json.loads(sent.body)["client_id"] == client_id
        receiver.hold.set()
        expect(phone.locator("#deletion-delivered")).to_contain_text("Tidy Labs received your request", timeout=60_000)
        expect(phone.locator("#ask-deletion-button")).to_be_visible()
        assert axe_violations(phone) == []
