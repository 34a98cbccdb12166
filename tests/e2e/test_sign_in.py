"""Signing in through the built-in provider in Chromium, in both locales."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from privacy_center.db import make_engine
from tests.e2e.conftest import Server, axe_violations, forget_acknowledgments

pytestmark = pytest.mark.e2e

TEXT = {
    "en": {
        "sign_in": "Sign in",
        "sign_out": "Sign out",
        "everywhere": "Sign out everywhere",
        "read": "I have read this",
    },
    "zh-cn": {"sign_in": "登录", "sign_out": "退出登录", "everywhere": "在所有设备上退出", "read": "我已阅读"},
}


def sign_in(page: Page, server: Server, locale: str, username: str) -> None:
    page.goto(f"{server.url}/{locale}/guidelines/")
    page.locator(".site-header a[href^='/auth/login']").click()
    page.wait_for_url("**/oauth/authorize**")
    page.fill("#login", username)
    page.fill("#password", "lattice-demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{server.url}/{locale}/guidelines/versions/v2-0/")


@pytest.mark.parametrize(
    ("locale", "username", "name"), [("en", "alice", "Alice Chen"), ("zh-cn", "grace", "Grace Chen")]
)
def test_sign_in_acknowledge_and_sign_out(page: Page, server: Server, locale: str, username: str, name: str) -> None:
    text = TEXT[locale]
    forget_acknowledgments(server, username)  # whatever another test acknowledged for them
    page.goto(f"{server.url}/{locale}/guidelines/")
    assert axe_violations(page) == []
    login_page = page.locator(".site-header a[href^='/auth/login']")
    login_page.click()
    page.wait_for_url("**/oauth/authorize**")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN" if locale == "zh-cn" else "en")
    assert axe_violations(page) == []
    page.fill("#login", username)
    page.fill("#password", "lattice-demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{server.url}/{locale}/guidelines/versions/v2-0/")
    expect(page.locator(".account-name")).to_have_text(name)
    banner = page.locator("#policy-update")
    expect(banner).to_be_visible()  # joined before 2.0 took effect
    assert axe_violations(page) == []
    page.get_by_role("button", name=text["read"]).click()
    expect(banner).to_have_count(0)
    page.reload()
    expect(page.locator(".account-name")).to_have_text(name)
    expect(page.locator("#policy-update")).to_have_count(0)  # acknowledged once, recorded
    page.locator(".menu-trigger").click()  # signing out lives in the account menu
    page.get_by_role("button", name=text["sign_out"], exact=True).click()
    page.wait_for_url(f"{server.url}/{locale}/guidelines/versions/v2-0/")
    expect(page.locator(".site-header a[href^='/auth/login']")).to_have_text(text["sign_in"])
    expect(page.locator(".account-name")).to_have_count(0)


def test_wrong_password_shows_a_localized_error(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/zh-cn/guidelines/")
    page.locator(".site-header a[href^='/auth/login']").click()
    page.fill("#login", "leo")
    page.fill("#password", "wrong password")
    page.locator("form button[type=submit]").click()
    expect(page.locator(".error")).to_have_text("用户名、手机号或密码不正确。")
    assert "pc_session" not in {c["name"] for c in page.context.cookies()}


def test_sign_out_everywhere(browser: Browser, server: Server) -> None:
    first, second = browser.new_context(), browser.new_context()
    try:
        one, two = first.new_page(), second.new_page()
        sign_in(one, server, "en", "olivia")
        sign_in(two, server, "en", "olivia")
        two.locator(".menu-trigger").click()  # in the account menu, and it asks first
        two.locator("#account-menu").get_by_role("button", name="Sign out everywhere").click()
        two.locator("#sign-out-everywhere").get_by_role("button", name="Sign out everywhere").click()
        two.wait_for_url(f"{server.url}/en/guidelines/versions/v2-0/**")
        one.reload()
        expect(one.locator(".site-header a[href^='/auth/login']")).to_be_visible()
    finally:
        first.close()
        second.close()


def test_idle_session_expires(page: Page, server: Server) -> None:
    sign_in(page, server, "en", "agent.kim")
    expect(page.locator(".account-name")).to_have_text("Kim (Customer Service)")
    engine = make_engine(server.database_url)
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE center_session SET last_seen_at = :t WHERE ended_at IS NULL"),
            {"t": dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)},
        )
    engine.dispose()
    page.reload()
    expect(page.locator(".site-header a[href^='/auth/login']")).to_be_visible()


def test_event_channel_refuses_foreign_origins(server: Server) -> None:
    foreign = httpx.get(f"{server.url}/_event/?EIO=4&transport=polling", headers={"origin": "https://evil.example"})
    assert foreign.status_code == 403
    handshake = {"origin": "https://evil.example", "connection": "Upgrade", "upgrade": "websocket",
                 "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ=="}  # fmt: skip
    assert httpx.get(f"{server.url}/_event/?EIO=4&transport=websocket", headers=handshake).status_code == 403


def test_sign_in_through_an_external_provider(page: Page, external_server: Server) -> None:
    """Interoperability in the browser: the certified oidc-provider's own forms."""
    page.goto(f"{external_server.url}/en/guidelines/")
    page.locator(".site-header a[href^='/auth/login']").click()
    page.wait_for_selector("input[name=login]")
    page.fill("input[name=login]", "ada")
    page.fill("input[name=password]", "any")
    page.locator("button[type=submit]").first.click()
    page.wait_for_load_state()
    if not page.url.startswith(external_server.url):
        page.locator("button[type=submit]").first.click()  # the provider's consent page
    page.wait_for_url(f"{external_server.url}/en/guidelines/versions/v2-0/")
    expect(page.locator(".account-name")).to_have_text("Interop ada")
