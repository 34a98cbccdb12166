"""The verified mailbox end to end: a real browser, the server's own job worker, and the
code read where a newcomer reads it, on the demo mailbox page (data/outbox, no mail server).
"""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, axe_violations
from tests.e2e.test_sign_in import sign_in

pytestmark = pytest.mark.e2e

TEXT = {
    "en": {
        "sent": "We sent a 6-digit code to",
        "confirmed": "Your address is confirmed.",
        "wrong": "That code is not right. Tries left: 4.",
        "heading": "Your mailbox",
    },
    "zh-cn": {
        "sent": "我们已向",
        "confirmed": "您的地址已确认。",
        "wrong": "确认码不正确。剩余尝试次数：4。",
        "heading": "您的邮箱",
    },
}
CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
# The worker picks the mail job up within its poll interval; a generous bound for a loaded machine.
MAIL_WAIT_MS = 60_000


def _read_code(page: Page, server: Server, locale: str, address: str) -> str:
    """Open the demo mailbox, refresh until the message to ``address`` is listed, open it, read its code."""
    page.goto(f"{server.url}/{locale}/dev/mailbox/")
    expect(page.locator("h1")).to_have_count(1)
    row = page.locator("#outbox-list button", has_text=address)
    refresh = page.locator("#outbox-refresh")
    deadline_steps = MAIL_WAIT_MS // 1000
    for _step in range(deadline_steps):
        refresh.click()
        try:
            expect(row).to_have_count(1, timeout=1000)
            break
        except AssertionError:
            continue
    row.click()
    text = page.locator("#outbox-text")
    expect(text).to_contain_text(CODE)
    return CODE.search(text.inner_text()).group(1)


@pytest.mark.parametrize(("locale", "username"), [("en", "alice"), ("zh-cn", "grace")])
def test_confirm_a_mailbox_with_the_code_from_the_demo_mailbox(
    page: Page, server: Server, locale: str, username: str
) -> None:
    address = f"{username}.{secrets.token_hex(3)}@example.org"
    sign_in(page, server, locale, username)
    page.goto(f"{server.url}/{locale}/account/mailbox/")
    expect(page.locator("h1")).to_have_text(TEXT[locale]["heading"])
    form = page.locator("#mailbox-address")
    expect(form).to_be_visible()  # the signed-in view: the page's state has arrived
    form.fill(address)
    page.locator("#mailbox-send").click()
    expect(page.locator("#mailbox-notice")).to_contain_text(TEXT[locale]["sent"])
    expect(page.locator("#mailbox-pending")).to_be_visible()
    assert address not in page.content()  # only the masked form reaches the page
    assert axe_violations(page) == []

    code = _read_code(page, server, locale, address)

    page.goto(f"{server.url}/{locale}/account/mailbox/")
    expect(page.locator("#mailbox-pending")).to_be_visible()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    page.locator("#mailbox-code").fill(wrong)
    page.locator("#mailbox-confirm").click()
    expect(page.locator("#mailbox-code-message")).to_have_text(TEXT[locale]["wrong"])
    page.locator("#mailbox-code").fill(code)
    page.locator("#mailbox-confirm").click()
    expect(page.locator("#mailbox-notice")).to_have_text(TEXT[locale]["confirmed"])
    expect(page.locator("#mailbox-confirmed")).to_have_text(re.compile(rf"^{username[0]}\*+@example\.org$"))
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("locale", ["en", "zh-cn"])
def test_the_mailbox_pages_read_well_signed_out_narrow_and_embedded(page: Page, server: Server, locale: str) -> None:
    for path in ("/account/mailbox", "/dev/mailbox"):
        page.set_viewport_size({"width": 1024, "height": 800})
        page.goto(f"{server.url}/{locale}{path}/")
        expect(page.locator("h1")).to_have_count(1)
        if path == "/account/mailbox":
            expect(page.locator(".notice a[href^='/auth/login']")).to_be_visible()  # loaded: signed out
        else:
            expect(page.locator(".pager span")).not_to_be_empty()
        assert axe_violations(page) == []
        page.set_viewport_size({"width": 360, "height": 740})
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(f"{server.url}/account/mailbox?embedded=1&lang={'zh_CN' if locale == 'zh-cn' else 'en'}")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("h1")).to_have_count(1)
