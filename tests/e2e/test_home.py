"""The home page is the privacy center: grouped rows, and a signed-in person's week in numbers.

The demo seeding reports known events (privacy_center/services/demo.py DEMO_FACTS):
``recent`` ones fall in the last 7 days, so the counts expected here are computed
from it, not copied: change the demo data and this test still says what is right.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from privacy_center.models import EventKind
from privacy_center.services.demo import DEMO_FACTS
from tests.e2e.conftest import LOCALES, Server, axe_violations
from tests.e2e.test_sign_in import sign_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
MIN_ROW_HEIGHT = 44
CAPTION = {"en": "last 7 days (UTC)", "zh-cn": "近 7 天（UTC）"}
DESCRIPTION = {
    "en": "What we collect, why, and how often we collected yours.",
    "zh-cn": "我们收集什么、为什么，以及收集你的信息的次数。",
}
GROUPS = {"en": ["Your information", "Privacy Guidelines"], "zh-cn": ["你的信息", "隐私保护指引"]}


def _week(username: str) -> tuple[int, int]:
    facts = DEMO_FACTS[username]
    collected = sum(f.recent for f in facts if f.kind is EventKind.COLLECTED)
    partners = sum(1 for f in facts if f.kind is EventKind.SHARED and f.recent > 0)
    return collected, partners


def _expected(locale: str, collected: int, partners: int) -> tuple[str, str]:
    if locale == "zh-cn":
        return f"{collected} 次", f"{partners} 个合作方"
    return (
        f"{collected} time" + ("" if collected == 1 else "s"),
        f"{partners} partner" + ("" if partners == 1 else "s"),
    )


def _rows_are_tall_enough(page: Page) -> None:
    heights = page.locator("main .row").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
    assert heights, "no rows on the page"
    assert min(heights) >= MIN_ROW_HEIGHT, heights


@pytest.mark.parametrize("locale", LOCALES)
def test_signed_out_the_rows_describe_each_entry(page: Page, server: Server, locale: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/{locale}/")
    expect(page.locator(".row-group-title")).to_have_text(GROUPS[locale])
    collected = page.locator("#home-collected")
    expect(collected.locator(".row-secondary")).to_have_text(DESCRIPTION[locale])
    # Once the state has answered there is no number and no placeholder, only the reserved box.
    expect(page.locator(".week-count .skeleton-bar")).to_have_count(0)
    expect(page.locator(".week-count")).to_have_count(2)
    expect(page.locator(".week-count").first).to_have_text("")
    # Every entry leads somewhere: ten rows (six of yours, four guidelines), each a link with a chevron.
    expect(page.locator("main .row-link")).to_have_count(10)
    expect(page.locator("main .row-link .row-chevron")).to_have_count(10)
    _rows_are_tall_enough(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []


@pytest.mark.parametrize(("locale", "username"), [("en", "alice"), ("zh-cn", "alice"), ("zh-cn", "grace")])
def test_signed_in_the_rows_show_this_weeks_counts(page: Page, server: Server, locale: str, username: str) -> None:
    sign_in(page, server, locale, username)
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/{locale}/")
    collected_text, partners_text = _expected(locale, *_week(username))
    expect(page.locator("#home-collected .count-number")).to_have_text(collected_text)
    expect(page.locator("#home-shared .count-number")).to_have_text(partners_text)
    expect(page.locator("#home-collected .count-caption")).to_have_text(CAPTION[locale])
    # The descriptions stay: the numbers are added, not swapped in.
    expect(page.locator("#home-collected .row-secondary")).to_have_text(DESCRIPTION[locale])
    _rows_are_tall_enough(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []
    # The row leads to the list it counts.
    page.locator("#home-collected").click()
    page.wait_for_url(f"{server.url}/{locale}/collected/")


def test_the_count_box_keeps_its_size_when_the_numbers_arrive(page: Page, server: Server) -> None:
    """The placeholder, the numbers and the empty box (signed out) are the same width: no reflow."""
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/en/")
    expect(page.locator(".week-count .skeleton-bar")).to_have_count(0)
    signed_out = page.locator("#home-collected").bounding_box()
    sign_in(page, server, "en", "alice")
    page.goto(f"{server.url}/en/")
    expect(page.locator("#home-collected .count-number")).not_to_be_empty()
    signed_in = page.locator("#home-collected").bounding_box()
    assert signed_out is not None
    assert signed_in is not None
    assert signed_in["height"] == signed_out["height"]
