"""Collected and shared information in Chromium: two people, two browsers, both locales.

The demo seeding reports known events (privacy_center/services/demo.py DEMO_FACTS), so
the counts asserted here are exact: Alice's phone number was collected 3 times in the
last 7 days and 5 times in the last 30, Grace's once and twice.
"""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Server, axe_violations
from tests.e2e.test_sign_in import sign_in

pytestmark = pytest.mark.e2e


def _card(page: Page, name: str) -> Locator:
    return page.locator("main .row-link").filter(has=page.locator(".row-title", has_text=name))


def _fact(page: Page, term: str) -> Locator:
    return page.locator(".row").filter(has=page.locator(".row-title", has_text=term)).locator(".row-value")


def test_two_people_in_two_browsers_see_only_their_own(page: Page, second_page: Page, server: Server) -> None:
    alice, grace = page, second_page
    sign_in(alice, server, "en", "alice")
    sign_in(grace, server, "zh-cn", "grace")
    alice.goto(f"{server.url}/en/collected/")
    grace.goto(f"{server.url}/zh-cn/collected/")

    alice_phone, grace_phone = _card(alice, "Phone number"), _card(grace, "手机号码")
    expect(alice_phone).to_contain_text("138****1234")
    expect(alice_phone).to_contain_text("3 times")
    expect(grace_phone).to_contain_text("138****5678")
    expect(grace_phone).to_contain_text("1 次")
    for mine, theirs in ((alice, "5678"), (grace, "1234")):
        assert f"138****{theirs}" not in mine.content()
        assert "13800001234" not in mine.content()
        assert "13800005678" not in mine.content()
    # Sensitive values stay masked on screen.
    expect(_card(alice, "ID number")).to_contain_text("3****************4")
    expect(_card(alice, "Password (stored only as a hash)")).not_to_contain_text("argon2")
    assert axe_violations(alice) == []
    assert axe_violations(grace) == []

    alice.goto(f"{server.url}/en/collected/user-contact-phone/")
    grace.goto(f"{server.url}/zh-cn/collected/user-contact-phone/")
    expect(_fact(alice, "Last 30 days")).to_have_text("5 times")
    expect(_fact(alice, "Your value")).to_have_text("138****1234")
    expect(alice.locator(".occurrence-table tbody tr")).to_have_count(6)
    expect(_fact(grace, "近 30 天")).to_have_text("2 次")
    expect(grace.locator(".occurrence-table tbody tr")).to_have_count(2)
    assert axe_violations(alice) == []
    assert axe_violations(grace) == []


def test_filter_search_and_page_through_occurrences(page: Page, server: Server) -> None:
    sign_in(page, server, "en", "alice")
    page.goto(f"{server.url}/en/collected/")
    expect(page.locator("main .row-group")).to_have_count(12)
    page.select_option("#scenario-filter", "pay")
    expect(page.locator("main .row-group-title")).to_have_text(["Lattice Pay"])
    expect(page.locator("main .row-link")).to_have_count(4)
    expect(page.locator("#scenario-filter")).to_have_value("pay")
    page.fill("#collected-search", "bank")
    expect(page.locator("main .row-link")).to_have_count(1)
    expect(_card(page, "Bank card")).to_contain_text("**** 4321")
    page.fill("#collected-search", "no such thing at all")
    expect(page.locator(".find-status")).to_have_text("No type of information matches.")

    # 47 reported occurrences of the approximate location: pages of 20, 20 and 7.
    page.goto(f"{server.url}/en/collected/user-location-approximate/")
    rows = page.locator(".occurrence-table tbody tr")
    expect(rows).to_have_count(20)
    expect(page.locator(".pager-label")).to_have_text("20 of 47 occurrences")
    first = rows.first.text_content() or ""
    page.get_by_role("button", name="Older").click()
    expect(rows.first).not_to_have_text(first)
    expect(rows).to_have_count(20)
    page.get_by_role("button", name="Older").click()
    expect(rows).to_have_count(7)
    expect(page.get_by_role("button", name="Older")).to_be_disabled()
    page.get_by_role("button", name="Newer").click()
    page.get_by_role("button", name="Newer").click()
    expect(rows.first).to_have_text(first)
    expect(page.get_by_role("button", name="Newer")).to_be_disabled()
    # Deep link from the item to its scenario, filtered.
    page.get_by_role("link", name="Nearby and weather").click()
    page.wait_for_url(f"{server.url}/en/collected/?scenario=nearby")
    expect(page.locator("main .row-group-title")).to_have_text(["Nearby and weather"])


@pytest.mark.parametrize("locale", ["en", "zh-cn"])
def test_shared_with_third_parties(page: Page, server: Server, locale: str) -> None:
    sign_in(page, server, locale, "alice")
    page.goto(f"{server.url}/{locale}/shared/")
    skycast = _card(page, "SkyCast")
    # The same 7-day window as the collected list (12 of SkyCast's 47 in the last 7 days).
    expect(skycast.locator(".row-value")).to_have_text("12 times" if locale == "en" else "12 次")
    expect(page.locator("main .row-link")).to_have_count(8)
    assert axe_violations(page) == []
    skycast.click()
    page.wait_for_url(f"{server.url}/{locale}/shared/skycast/")
    expect(page.locator(".occurrence-table tbody tr")).to_have_count(20)
    # What SkyCast receives links to that information's own page.
    page.locator("#information-shared .row-link").first.click()
    page.wait_for_url(f"{server.url}/{locale}/collected/user-location-approximate/")
    expect(page.locator("h1")).to_have_text("Approximate location" if locale == "en" else "大致位置")


def test_signed_out_visitors_see_the_inventory_and_an_invitation(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/zh-cn/collected/")
    expect(page.locator("main .row-link").first).to_be_visible()
    expect(page.locator("p.notice")).to_contain_text("登录后可查看你本人的信息")
    assert "138****" not in page.content()
    page.locator("p.notice a").click()
    page.wait_for_url("**/oauth/authorize**")
    page.fill("#login", "alice")
    page.fill("#password", "lattice-demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{server.url}/zh-cn/collected/")
    expect(_card(page, "手机号码")).to_contain_text("138****1234")


def test_phone_webview_at_360_px(page: Page, server: Server) -> None:
    sign_in(page, server, "zh-cn", "alice")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{server.url}/collected/user-location-approximate?embedded=1&lang=zh_CN")
    page.wait_for_url(f"{server.url}/zh-cn/collected/user-location-approximate/?embedded=1&lang=zh_CN")
    expect(page.locator(".occurrence-table tbody tr")).to_have_count(20)
    expect(page.locator(".site-header")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("a.back-link").click()
    page.wait_for_url(f"{server.url}/zh-cn/collected/")
    expect(page.locator("main .row-link").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator(".site-header")).to_be_hidden()


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/zh-cn/collected/user-contact-fax/", "我们的清单中没有这类信息。"),
        ("/en/shared/nobody/", "There is no such partner"),
    ],
)
def test_unknown_items_and_partners_are_404_in_words(page: Page, server: Server, path: str, text: str) -> None:
    response = page.goto(server.url + path)
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("alert")).to_contain_text(text)


def test_known_addresses_redirect_to_the_readers_locale(server: Server) -> None:
    response = httpx.get(f"{server.url}/collected/user-contact-phone", headers={"accept-language": "zh-CN"})
    assert response.status_code == 302
    assert response.headers["location"] == "/zh-cn/collected/user-contact-phone/"


def test_collected_pages_on_redis_with_two_workers(page: Page, redis_server: Server) -> None:
    sign_in(page, redis_server, "en", "alice")
    page.goto(f"{redis_server.url}/en/collected/user-location-approximate/")
    rows = page.locator(".occurrence-table tbody tr")
    expect(rows).to_have_count(20)
    page.get_by_role("button", name="Older").click()
    page.get_by_role("button", name="Older").click()
    expect(rows).to_have_count(7)
    page.goto(f"{redis_server.url}/en/collected/")
    # The list arrives with the page's state: a choice made before that would be lost.
    expect(page.locator("main .row-group")).to_have_count(12)
    page.select_option("#scenario-filter", "pay")
    expect(page.locator("main .row-link")).to_have_count(4)
