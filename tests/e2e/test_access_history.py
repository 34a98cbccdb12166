"""The access history in Chromium, in both locales: sign in, and the sign-in is the newest entry."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, axe_violations

pytestmark = pytest.mark.e2e

TEXT = {
    "en": {"signed_in": "Signed in", "you": "You", "web": "The Privacy Center website", "prompt": "Sign in to see"},
    "zh-cn": {"signed_in": "登录", "you": "你", "web": "隐私中心网站", "prompt": "登录后可查看"},
}


@pytest.mark.parametrize(("locale", "username"), [("en", "alice"), ("zh-cn", "grace")])
def test_the_person_sees_their_sign_in(page: Page, server: Server, locale: str, username: str) -> None:
    text = TEXT[locale]
    page.goto(f"{server.url}/{locale}/access-history/")
    expect(page.locator("main p[role=note]")).to_contain_text(text["prompt"])  # signed out: no entry, a way in
    page.locator(".site-header a[href^='/auth/login']").click()
    page.wait_for_url("**/oauth/authorize**")
    page.fill("#login", username)
    page.fill("#password", "lattice-demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{server.url}/{locale}/access-history/")  # back where the person started
    newest = page.locator("main ol.fact-list > li").first
    expect(newest.locator("h2")).to_have_text(text["signed_in"])
    expect(newest.locator("dd").nth(1)).to_have_text(text["you"])
    expect(newest.locator("dd").nth(2)).to_have_text(text["web"])
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{server.url}/{locale}/access-history/?embedded=1")
    expect(page.locator("main ol.fact-list > li").first.locator("h2")).to_have_text(text["signed_in"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
