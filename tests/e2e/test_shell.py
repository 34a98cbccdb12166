"""The page shell on a phone (360 px), in both locales: one-row header, account menu, dialogs, notices.

What a newcomer hit: signed in on a phone, the header (name, two sign-out buttons,
languages, theme) and the guidelines banner filled the first screen, and the banner
pushed the page down when it arrived (layout shift 0.8-0.9).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import Server, axe_violations, forget_acknowledgments, watch

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 640}
TEXT = {
    "en": {
        "account": "Account",
        "sign_out": "Sign out",
        "everywhere": "Sign out everywhere",
        "ask": "Sign out everywhere?",
        "cancel": "Cancel",
        "read": "I have read this",
        "changed": "Our guidelines changed on",
        "see": "See what changed",
        "done": "You are signed out on every device.",
    },
    "zh-cn": {
        "account": "账号",
        "sign_out": "退出登录",
        "everywhere": "在所有设备上退出",
        "ask": "要在所有设备上退出登录吗？",
        "cancel": "取消",
        "read": "我已阅读",
        "changed": "我们的隐私政策已于",
        "see": "查看变更内容",
        "done": "你已在所有设备上退出登录。",
    },
}
BOTH = pytest.mark.parametrize("locale", ["en", "zh-cn"])

# Sums every layout shift from the first paint on, after input or not: Chromium marks the
# shifts of the first 500 ms after a navigation Playwright starts as "after recent input",
# which would hide exactly the arrival measured here (the tests tap nothing meanwhile).
CLS_OBSERVER = """
window.__pcShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) { window.__pcShift += entry.value; }
}).observe({type: 'layout-shift', buffered: true});
"""


NewPhone = Callable[[], Page]


@pytest.fixture
def new_phone(browser: Browser) -> Iterator[NewPhone]:
    """Opens phone-sized browsers, each its own person; any console error in them fails the test."""
    contexts: list[BrowserContext] = []
    watched: list[list[str]] = []  # watch() keeps appending to the list it returned

    def opened() -> Page:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        context.add_init_script(CLS_OBSERVER)
        contexts.append(context)
        page = context.new_page()
        watched.append(watch(page))
        return page

    yield opened
    for context in contexts:
        context.close()
    problems = [problem for found in watched for problem in found]
    assert not problems, "\n".join(problems)


def sign_in(page: Page, server: Server, locale: str, username: str) -> None:
    """Through the built-in provider, back to the home page in ``locale``."""
    page.goto(f"{server.url}/auth/login?next=/{locale}/")
    page.wait_for_url("**/oauth/authorize**")
    page.fill("#login", username)
    page.fill("#password", "lattice-demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{server.url}/{locale}/")
    expect(page.locator(".account-name")).to_be_visible()


def layout_shift(page: Page) -> float:
    return float(page.evaluate("() => window.__pcShift"))


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not laid out"
    return found


@pytest.mark.parametrize(("locale", "username"), [("en", "alice"), ("zh-cn", "grace")])
def test_signed_in_on_a_phone_the_page_starts_on_the_first_screen(
    new_phone: NewPhone, server: Server, locale: str, username: str
) -> None:
    page = new_phone()
    forget_acknowledgments(server, username)
    sign_in(page, server, locale, username)
    header, brand, account = box(page, ".site-header"), box(page, ".brand"), box(page, ".menu-trigger")
    # One compact row: the name and the account menu side by side, nothing wrapped below.
    assert header["height"] <= 64
    assert abs((brand["y"] + brand["height"] / 2) - (account["y"] + account["height"] / 2)) <= 2
    assert account["x"] + account["width"] <= PHONE["width"]
    # The guidelines notice waits at the bottom; the heading is well above the fold.
    notice = page.locator("#policy-update")
    expect(notice).to_be_visible()
    heading = box(page, "main h1")
    assert heading["y"] + heading["height"] <= PHONE["height"] / 3
    assert box(page, "#policy-update")["y"] >= heading["y"] + heading["height"], "the notice covers the heading"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []


@BOTH
def test_the_account_menu_is_a_sheet_on_a_phone_and_escape_closes_it(
    new_phone: NewPhone, server: Server, locale: str
) -> None:
    text = TEXT[locale]
    page = new_phone()
    sign_in(page, server, locale, "agent.kim")
    trigger = page.locator(".menu-trigger")
    expect(trigger).to_have_accessible_name(f"{text['account']} Kim (Customer Service)")
    menu = page.locator("#account-menu")
    expect(menu).to_be_hidden()
    trigger.click()
    expect(menu).to_be_visible()
    sheet = box(page, "#account-menu")
    assert sheet["width"] == PHONE["width"]
    assert abs(sheet["y"] + sheet["height"] - PHONE["height"]) <= 1, "a bottom sheet rests on the bottom edge"
    expect(menu.get_by_role("button", name=text["sign_out"], exact=True)).to_be_visible()
    expect(menu.get_by_role("button", name=text["everywhere"], exact=True)).to_be_visible()
    for item in menu.locator(".menu-item").all():
        assert (item.bounding_box() or {"height": 0})["height"] >= 44
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    # By keyboard alone: open, Tab into the items, Escape, and the focus is back on the trigger.
    trigger.focus()
    page.keyboard.press("Enter")
    expect(menu).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("() => Boolean(document.activeElement.closest('#account-menu'))")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    assert page.evaluate("() => document.activeElement.classList.contains('menu-trigger')")


def test_the_account_menu_drops_down_on_a_wide_screen(page: Page, server: Server) -> None:
    sign_in(page, server, "en", "olivia")
    page.locator(".menu-trigger").click()
    menu = page.locator("#account-menu")
    expect(menu).to_be_visible()
    panel, header, trigger = box(page, "#account-menu"), box(page, ".site-header"), box(page, ".menu-trigger")
    assert panel["width"] < 400
    assert abs(panel["y"] - (header["y"] + header["height"])) <= 16, "it opens right under the header"
    assert abs((panel["x"] + panel["width"]) - (trigger["x"] + trigger["width"])) <= 2, "aligned with its trigger"
    page.mouse.click(20, 700)  # a click outside closes it
    expect(menu).to_be_hidden()


@pytest.mark.parametrize(("locale", "username"), [("en", "agent.kim"), ("zh-cn", "olivia")])
def test_sign_out_everywhere_asks_first_then_says_it_worked(
    new_phone: NewPhone, server: Server, locale: str, username: str
) -> None:
    text = TEXT[locale]
    page, other_device = new_phone(), new_phone()
    sign_in(other_device, server, locale, username)
    sign_in(page, server, locale, username)
    # A page whose content is all in the first HTML: a shift measured here is the shell's.
    # (The query string is kept too: tests/unit/auth/test_sign_out_marker.py.)
    page.goto(f"{server.url}/{locale}/guidelines/children/")
    expect(page.locator(".account-name")).to_be_visible()
    dialog = page.locator("#sign-out-everywhere")

    page.locator(".menu-trigger").click()
    page.locator("#account-menu").get_by_role("button", name=text["everywhere"]).click()
    expect(dialog).to_be_visible()
    expect(page.locator("#account-menu")).to_be_hidden()
    expect(page.get_by_role("dialog")).to_have_accessible_name(text["ask"])
    assert axe_violations(page) == []
    page.keyboard.press("Escape")  # changing one's mind: nothing happens
    expect(dialog).to_be_hidden()
    assert page.evaluate("() => document.activeElement.classList.contains('menu-trigger')"), "focus back on the menu"
    page.locator(".menu-trigger").click()
    page.locator("#account-menu").get_by_role("button", name=text["everywhere"]).click()
    dialog.get_by_role("button", name=text["cancel"]).click()
    expect(dialog).to_be_hidden()
    page.reload()
    expect(page.locator(".account-name")).to_be_visible()  # still signed in

    page.locator(".menu-trigger").click()
    page.locator("#account-menu").get_by_role("button", name=text["everywhere"]).click()
    dialog.get_by_role("button", name=text["everywhere"]).click()
    done = page.locator("#signed-out-everywhere")
    expect(done).to_be_visible()
    expect(done).to_have_text(text["done"])
    expect(page.locator(".site-header a[href^='/auth/login']")).to_be_visible()
    # Back on the same page and place; the marker has left the address (a reload does not repeat it).
    assert page.url == f"{server.url}/{locale}/guidelines/children/"
    assert layout_shift(page) < 0.1
    page.reload()
    expect(page.locator(".site-header a[href^='/auth/login']")).to_be_visible()
    expect(done).to_be_hidden()
    # The other device is signed out too.
    other_device.reload()
    expect(other_device.locator(".site-header a[href^='/auth/login']")).to_be_visible()


def test_a_crafted_marker_does_not_fool_a_signed_in_person(new_phone: NewPhone, server: Server) -> None:
    page = new_phone()
    sign_in(page, server, "en", "agent.kim")
    page.goto(f"{server.url}/en/?signed_out=everywhere")
    expect(page.locator(".account-name")).to_be_visible()
    expect(page.locator("#signed-out-everywhere")).to_be_hidden()


@pytest.mark.parametrize(("locale", "username"), [("en", "alice"), ("zh-cn", "grace")])
def test_the_guidelines_notice_arrives_without_moving_the_page(
    new_phone: NewPhone, server: Server, locale: str, username: str
) -> None:
    text = TEXT[locale]
    page = new_phone()
    forget_acknowledgments(server, username)
    sign_in(page, server, locale, username)
    # Pages whose own content is in the first HTML: any shift here is the shell's.
    for path in ("/", "/guidelines/summary/", "/guidelines/children/"):
        page.goto(f"{server.url}/{locale}{path}")
        notice = page.locator("#policy-update")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text(text["changed"])
        page.wait_for_timeout(500)  # anything that would still move has moved
        assert layout_shift(page) < 0.1, f"{path}: the page moved when the session and the notice arrived"
    see = notice.get_by_role("link", name=text["see"])
    expect(see).to_have_attribute("href", f"/{locale}/guidelines/history/?from=1.0&to=2.0#diff")
    for target in (see, notice.get_by_role("button", name=text["read"])):
        assert (target.bounding_box() or {"height": 0})["height"] >= 44
    notice.get_by_role("button", name=text["read"]).click()
    expect(notice).to_have_count(0)
    page.reload()
    expect(page.locator(".account-name")).to_be_visible()
    expect(page.locator("#policy-update")).to_have_count(0)


@pytest.mark.parametrize(("username", "who"), [("olivia", "staff"), ("agent.kim", "staff"), ("leo", "a child")])
def test_the_guidelines_notice_is_not_shown_to_those_it_does_not_concern(
    new_phone: NewPhone, server: Server, username: str, who: str
) -> None:
    page = new_phone()
    forget_acknowledgments(server, username)
    sign_in(page, server, "en", username)
    page.wait_for_timeout(500)
    expect(page.locator("#policy-update"), f"shown to {who}").to_have_count(0)


@BOTH
def test_signed_out_the_header_reserves_the_account_slot(new_phone: NewPhone, server: Server, locale: str) -> None:
    page = new_phone()
    page.goto(f"{server.url}/{locale}/guidelines/summary/")
    sign_in_link = page.locator(".site-header a[href^='/auth/login']")
    expect(sign_in_link).to_be_visible()
    page.wait_for_timeout(300)
    assert layout_shift(page) < 0.1
    assert box(page, ".site-header")["height"] <= 64
    # Language and theme still work signed out: they live in the footer.
    footer = page.locator(".site-footer")
    expect(footer.locator(".lang-switcher")).to_be_visible()
    footer.locator(".theme-toggle").click()
    assert page.evaluate("() => document.documentElement.dataset.theme") in ("dark", "light")
    for target in footer.locator("a, button").all():
        size = target.bounding_box()
        assert size is not None
        assert size["height"] >= 24
        assert size["width"] >= 24
