"""The design gallery (demo only): every component renders, works and passes axe, in both themes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from privacy_center.pages.dev_design import COMPONENTS
from tests.e2e.conftest import LOCALES, Server, axe_violations

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_component_is_shown_and_accessible(page: Page, server: Server, locale: str, theme: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/{locale}/dev/design/?theme={theme}")
    expect(page.locator("html")).to_have_attribute("data-theme", theme)
    for name in COMPONENTS:
        expect(page.locator(f"#ds-{name}")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []


def test_targets_are_big_enough_at_phone_width(page: Page, server: Server) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/en/dev/design/")
    expect(page.locator("#ds-switch-notifications")).to_be_visible()
    sizes = page.locator("main .button, main .row, main [role=switch], main .menu-trigger").evaluate_all(
        "els => els.filter(e => e.offsetParent).map(e => [e.className, e.getBoundingClientRect().height])"
    )
    assert sizes
    assert [s for s in sizes if s[1] < 44] == []


def test_the_switch_and_the_pager_work(page: Page, server: Server) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/en/dev/design/")
    toggle = page.get_by_role("switch", name="Notifications")
    expect(toggle).to_have_attribute("aria-checked", "true")
    toggle.click()
    expect(toggle).to_have_attribute("aria-checked", "false")
    expect(page.get_by_role("switch", name="Personalized ads")).to_be_disabled()

    pager = page.locator("#ds-pager .pager")
    previous, following = pager.locator("button").first, pager.locator("button").last
    expect(pager.locator(".pager-label")).to_have_text("1 / 5")
    expect(previous).to_be_disabled()
    following.click()
    expect(pager.locator(".pager-label")).to_have_text("2 / 5")
    # One line at 360 px: both buttons on the label's row.
    boxes = [b.bounding_box() for b in (previous, following)]
    assert boxes[0]
    assert boxes[1]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 1


def test_the_dialog_confirms_and_cancels(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/en/dev/design/")
    dialog = page.locator("#ds-dialog-sample")
    page.locator("#ds-dialog").get_by_role("button", name="Sign out").click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#ds-dialog [role=status]")).to_have_text("Confirmed: 0")
    page.locator("#ds-dialog").get_by_role("button", name="Sign out").click()
    dialog.get_by_role("button", name="Sign out everywhere").click()
    expect(page.locator("#ds-dialog [role=status]")).to_have_text("Confirmed: 1")
