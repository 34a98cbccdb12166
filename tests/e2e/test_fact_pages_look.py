"""The collected and shared pages on the shared look, in Chromium at phone width.

Rows of the design system (at least 44 px high at 360 px), the item's or partner's own
document title once its data arrives (every item shares one prerendered HTML), an
empty state for a search that matches nothing, and nothing that moves on arrival.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, axe_violations
from tests.e2e.test_sign_in import sign_in

pytestmark = pytest.mark.e2e

# Layout shifts summed as CLS does (no recent input); read once the page has settled.
_CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""


def _row_heights(page: Page) -> list[float]:
    return page.locator(".row").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")


@pytest.mark.parametrize("locale", ["en", "zh-cn"])
def test_rows_at_360_px_are_tap_sized_and_nothing_moves(page: Page, server: Server, locale: str) -> None:
    sign_in(page, server, locale, "alice")
    page.set_viewport_size({"width": 360, "height": 740})
    for path, count in (("/collected/", 30), ("/shared/", 8)):
        page.goto(f"{server.url}/{locale}{path}")
        expect(page.locator("main .row-link")).to_have_count(count)
        heights = _row_heights(page)
        assert heights
        assert min(heights) >= 44
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert page.evaluate(_CLS) < 0.1
        assert axe_violations(page) == []
    page.goto(f"{server.url}/{locale}/collected/user-contact-phone/")
    expect(page.locator("#yours .row")).not_to_have_count(0)
    assert min(_row_heights(page)) >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/en/collected/user-contact-phone/", "Phone number – Collected Personal Information"),
        ("/zh-cn/collected/user-device-address-book/", "手机通讯录（仅匹配，不保存） – 已收集个人信息"),
        ("/en/shared/skycast/", "SkyCast Weather – Shared with Third Parties"),
        ("/zh-cn/shared/mapleaf/", "MapLeaf 地图 SDK – 与第三方共享"),
    ],
)
def test_item_and_partner_pages_carry_their_own_title(page: Page, server: Server, path: str, title: str) -> None:
    page.goto(server.url + path)
    expect(page).to_have_title(title)


def test_a_title_follows_client_side_navigation(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/en/shared/")
    page.get_by_role("link", name="SkyCast Weather").click()
    expect(page).to_have_title("SkyCast Weather – Shared with Third Parties")
    page.get_by_role("link", name="Approximate location").click()
    expect(page).to_have_title("Approximate location – Collected Personal Information")
    page.go_back()
    expect(page).to_have_title("SkyCast Weather – Shared with Third Parties")


@pytest.mark.parametrize(
    ("locale", "field", "title"),
    [("en", "#collected-search", "Nothing matches your search"), ("zh-cn", "#shared-search", "没有符合搜索的结果")],
)
def test_a_search_with_no_match_shows_the_empty_state(
    page: Page, server: Server, locale: str, field: str, title: str
) -> None:
    path = "collected" if "collected" in field else "shared"
    page.goto(f"{server.url}/{locale}/{path}/")
    expect(page.locator("main .row-link").first).to_be_visible()
    page.fill(field, "no such thing at all")
    expect(page.locator(".empty-state")).to_contain_text(title)
    expect(page.locator("main .row-link")).to_have_count(0)
    page.fill(field, "")
    expect(page.locator(".empty-state")).to_have_count(0)
    expect(page.locator("main .row-link").first).to_be_visible()


def test_rows_keep_the_subtitles_promises(page: Page, server: Server) -> None:
    sign_in(page, server, "en", "alice")
    page.goto(f"{server.url}/en/collected/")
    location = page.locator("main .row-link").filter(has_text="Approximate location")
    expect(location).to_contain_text("Not stored after use")
    expect(location.locator(".row-value")).to_have_text("12 times")
    expect(location.locator(".fact-value")).to_have_count(0)  # nothing stored, nothing shown
    phone = page.locator("main .row-link").filter(has_text="Phone number")
    expect(phone).to_contain_text("Kept: As long as your account exists")
    expect(phone.locator(".fact-value")).to_contain_text("138****1234")
    expect(page.locator(".count-legend")).to_have_text("Times in the last 7 days (days in UTC)")
    # Where to change it: a link where this center has the page, text where it does not.
    page.goto(f"{server.url}/en/collected/user-support-agent-access/")
    page.get_by_role("link", name="Where to change it").click()
    page.wait_for_url(f"{server.url}/en/access-history/")
    page.goto(f"{server.url}/en/collected/user-location-approximate/")
    expect(page.locator("#about")).to_contain_text("Device settings › Lattice › Location")
    expect(page.get_by_role("link", name="Where to change it")).to_have_count(0)
