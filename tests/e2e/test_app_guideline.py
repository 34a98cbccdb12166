"""An app's own privacy guideline, end to end: its "Not allowed" switch really withdraws the permission.

Grace allows the demo app Readwell three permissions through the real code + PKCE flow
(the app's server is this test, with httpx), at phone width in Chromium. On the app's
guideline page, in the guideline's sections, each permission she granted is a switch
that is on; one Readwell may ask for but she never allowed is off. Turning email off asks
first (cancelling changes nothing), then withdraws it: the switch shows off, and the
app's live access token no longer gets the email address from userinfo. Both locales,
360 px, inside a webview (``?embedded=1``), axe-core clean; an app she never allowed
shows nothing of its guideline.
"""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, expect

from privacy_center.settings import DEMO_CLIENT_SECRET
from tests.e2e.apps_flow import CLIENT_ID, authorize, token_for
from tests.e2e.conftest import Server, axe_violations
from tests.e2e.measure import PHONE

pytestmark = pytest.mark.e2e

SECTIONS = ("processed", "permissions", "plugins", "rights", "storage", "use", "contact")


def _allow(page: Page, server: Server, username: str, scope: str) -> str:
    """The person signs in and allows Readwell ``scope`` in the browser; returns the app's access token."""
    code, verifier = authorize(page, server, username, scope)
    return token_for(server, code, verifier, DEMO_CLIENT_SECRET)["access_token"]


def _userinfo(server: Server, access_token: str) -> dict:
    answer = httpx.get(f"{server.url}/oauth/userinfo", headers={"authorization": f"Bearer {access_token}"})
    assert answer.status_code == 200, answer.text
    return answer.json()


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


def test_not_allowed_withdraws_the_permission_from_the_apps_token(phone: Page, server: Server) -> None:
    access = _allow(phone, server, "grace", "openid profile email")
    assert _userinfo(server, access)["email"] == "grace@lattice.example"

    # Signed out, the page says why to sign in; its own link comes back here (the provider knows her).
    path = f"/en/apps/{CLIENT_ID}/guideline/"
    phone.goto(f"{server.url}{path}")
    phone.locator("main a[href^='/auth/login']").click()
    phone.wait_for_url(f"{server.url}{path}")

    expect(phone.locator("h1")).to_contain_text("Privacy guideline")
    expect(phone.locator("h1")).to_contain_text("Readwell Books")
    expect(phone).to_have_title("Readwell Books – Privacy guideline")
    for section in SECTIONS:
        expect(phone.locator(f"#{section}")).to_be_visible()
    expect(phone.locator("#plugins")).to_contain_text("PayLink Payments Co.")
    expect(phone.locator("#contact a[href='mailto:privacy@readwell.example']")).to_be_visible()
    expect(phone.locator(".guideline-dates")).to_have_text("Effective from September 1, 2026")
    email, profile, asked = (phone.locator(f"#scope-{s}") for s in ("email", "profile", "phone"))
    expect(email).to_have_attribute("aria-checked", "true")
    expect(email).to_contain_text("Allowed. Sends your receipts.")
    expect(profile).to_have_attribute("aria-checked", "true")
    expect(asked).to_have_attribute("aria-checked", "false")  # Readwell may ask for it; she did not allow it
    expect(asked).to_be_disabled()
    expect(phone.locator("#scope-openid")).to_contain_text("Needed to sign in")
    _fits_the_phone(phone)
    assert axe_violations(phone) == []

    # Asked first: cancelling leaves the permission as it was.
    email.click()
    dialog = phone.locator("#not-allowed-email")
    expect(dialog).to_be_visible()
    assert axe_violations(phone) == []
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(email).to_have_attribute("aria-checked", "true")
    assert "email" in _userinfo(server, access)

    # Confirmed: said on screen, the switch shows off, and the app's live token lost the claim.
    email.click()
    dialog.get_by_role("button", name="Not allowed").click()
    expect(phone.locator("#guideline-done")).to_have_text("Readwell Books no longer has this permission: Email.")
    expect(email).to_have_attribute("aria-checked", "false")
    expect(email).to_be_disabled()
    expect(profile).to_have_attribute("aria-checked", "true")
    claims = _userinfo(server, access)
    assert "email" not in claims
    assert "name" in claims  # the profile permission is still there

    # In Chinese, and inside the host app's webview, at phone width.
    phone.goto(f"{server.url}/zh-cn/apps/{CLIENT_ID}/guideline/?embedded=1")
    expect(phone.locator("h1")).to_contain_text("隐私保护指引")
    expect(phone).to_have_title("Readwell Books – 隐私保护指引")
    expect(phone.locator("#permissions h2")).to_have_text("应用使用的权限")
    expect(phone.locator("#scope-email")).to_have_attribute("aria-checked", "false")
    expect(phone.locator("#scope-profile")).to_contain_text("已允许。在你的书评上显示你的名字。")
    expect(phone.locator(".guideline-dates")).to_have_text("生效日期：2026年9月1日")
    expect(phone.locator(".site-header")).to_be_hidden()
    _fits_the_phone(phone)
    assert axe_violations(phone) == []


@pytest.mark.parametrize(
    ("locale", "missing"),
    [("en", "This app is not among the apps you allowed."), ("zh-cn", "此应用不在你授权的应用之中。")],
)
def test_an_app_never_allowed_shows_nothing_of_its_guideline(
    page: Page, server: Server, locale: str, missing: str
) -> None:
    path = f"/{locale}/apps/demo-sunny-weather/guideline/"
    page.goto(f"{server.url}{path}")
    page.locator("main a[href^='/auth/login']").click()
    page.wait_for_url("**/oauth/authorize**")
    page.fill("#login", "alice")
    page.fill("#password", "lattice-demo")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{server.url}{path}")
    expect(page.locator("#guideline-not-found")).to_have_text(missing)
    expect(page.locator("#permissions")).to_have_count(0)
    assert axe_violations(page) == []
