"""The platform's sign-in, consent and sign-out pages in Chromium at 360 px (issue 10, item 10).

Both locales, light and dark: the platform's name and logo, no axe violation, nothing
wider than the screen, every control a comfortable target and the main button the
primary one; the language switch mid-sign-in still signs in; Deny sends the app
access_denied; a lockout names a time in the browser's own zone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Server, axe_violations, watch

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
PLATFORM = {"en": "Lattice", "zh-cn": "格子"}
TAG = {"en": "en", "zh-cn": "zh-CN"}
READWELL_CALLBACK = "http://localhost:8702/callback"  # the demo app (services/demo.py); not running


@pytest.fixture(params=["light", "dark"])
def phone(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A phone-sized browser in the given colour scheme; console errors fail the test."""
    context = browser.new_context(viewport=PHONE, color_scheme=request.param, timezone_id="Asia/Shanghai")
    opened = context.new_page()
    problems = watch(opened)
    yield opened
    context.close()
    assert not problems, "\n".join(problems)


def _check_the_look(page: Page, locale: str) -> None:
    """The platform's header, the reader's language, fits 360 px, targets large enough, axe clean."""
    expect(page.locator("html")).to_have_attribute("lang", TAG[locale])
    expect(page.locator(".auth-platform")).to_have_text(PLATFORM[locale])
    # The page follows the system's colour scheme (prefers-color-scheme), like the center.
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    red, green, blue = (
        int(n) for n in re.findall(r"\d+", page.evaluate("getComputedStyle(document.body).backgroundColor"))[:3]
    )
    assert (red + green + blue < 150) if dark else (red + green + blue > 600)
    assert page.locator(".auth-logo").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    small = page.evaluate(
        """() => [...document.querySelectorAll('a, button, input:not([type=hidden])')]
        .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24).map(([html]) => html)"""
    )
    assert small == []
    for button in page.locator("main button").all():
        assert (button.bounding_box() or {"height": 0})["height"] >= 44
    primary = page.locator("main .button.primary")
    expect(primary).to_have_count(1)
    accent = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")
    background = primary.evaluate("b => getComputedStyle(b).backgroundColor")
    assert background == _rgb(accent)
    assert axe_violations(page) == []


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


@pytest.mark.parametrize("locale", ["en", "zh-cn"])
def test_sign_in_and_consent_pages_at_phone_width(phone: Page, server: Server, locale: str) -> None:
    phone.goto(f"{server.url}/auth/login?next=/{locale}/guidelines/")
    phone.wait_for_url("**/oauth/authorize**")
    _check_the_look(phone, locale)
    expect(phone.locator(".auth-back")).to_have_text("Back to Privacy Center" if locale == "en" else "返回隐私中心")
    phone.fill("#login", "grace")
    phone.fill("#password", "lattice-demo")
    phone.get_by_role("button", name="Sign in" if locale == "en" else "登录").click()
    phone.wait_for_url(f"{server.url}/{locale}/guidelines/**")
    # A third-party app's consent screen, in the same browser (signed in at the provider now).
    phone.route(f"{READWELL_CALLBACK}**", lambda route: route.fulfill(status=200, body="Readwell"))
    phone.goto(
        f"{server.url}/oauth/authorize?response_type=code&client_id=demo-readwell&scope=openid+profile"
        # prompt=consent: the screen even if another test's grace allowed Readwell already.
        f"&redirect_uri={READWELL_CALLBACK}&state=e2e-state&nonce=e2e-nonce&ui_locales={TAG[locale]}&prompt=consent"
    )
    expect(phone.locator("form input[name=action][value=consent]")).to_have_count(1)
    _check_the_look(phone, locale)
    phone.get_by_role("button", name="Deny" if locale == "en" else "拒绝").click()
    phone.wait_for_url(f"{READWELL_CALLBACK}**")
    answer = parse_qs(urlsplit(phone.url).query)
    assert answer["error"] == ["access_denied"]
    assert answer["state"] == ["e2e-state"]


@pytest.mark.parametrize("locale", ["en", "zh-cn"])
def test_sign_out_page_at_phone_width(phone: Page, server: Server, locale: str) -> None:
    phone.goto(f"{server.url}/oauth/logout?next=/{locale}/&lang={TAG[locale]}")
    _check_the_look(phone, locale)
    expect(phone.locator(".auth-back")).to_have_attribute("href", f"/{locale}/")


def test_switching_language_mid_sign_in_still_signs_in(page: Page, server: Server) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/auth/login?next=/en/guidelines/")
    page.wait_for_url("**/oauth/authorize**")
    asked = parse_qs(urlsplit(page.url).query)
    assert {"state", "nonce", "code_challenge"} <= set(asked)
    page.locator(".auth-languages a[hreflang=zh-CN]").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("h1")).to_have_text("登录")
    kept = parse_qs(urlsplit(page.url).query)
    assert {key: kept[key] for key in asked} == asked  # the whole request, PKCE and state included
    assert kept["lang"] == ["zh-CN"]
    page.fill("#login", "alice")
    page.fill("#password", "lattice-demo")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{server.url}/en/guidelines/**")
    expect(page.locator(".account-name")).to_have_text("Alice Chen")


def test_a_lockout_names_a_time_in_the_browser_s_zone(phone: Page, server: Server) -> None:
    phone.goto(f"{server.url}/auth/login?next=/en/")
    phone.wait_for_url("**/oauth/authorize**")
    error = phone.locator("main .error")
    for _attempt in range(6):  # an account nobody else signs in with: its own throttle key
        phone.fill("#login", "nobody-e2e-lockout")
        phone.fill("#password", "guess")
        started = dt.datetime.now(dt.UTC)
        phone.locator("form button[type=submit]").click()
        expect(error).to_be_visible()
        if "Too many" in error.inner_text():
            break
    text = error.inner_text()
    assert text.startswith("Too many failed attempts. Try again after")
    assert "UTC" not in text  # the zone is known: the pages keep the pc_tz cookie themselves
    assert not re.search(r"\d:\d\d:\d\d", text)
    hour, minute, half = re.search(r"(\d{1,2}):(\d\d)\s*([AP]M)", text).groups()
    shown = (int(hour) % 12 + (12 if half == "PM" else 0)) * 60 + int(minute)
    shanghai = started + dt.timedelta(hours=8)
    earliest = shanghai.hour * 60 + shanghai.minute
    # The lock ends within the throttle's window (15 minutes) after the last guess.
    assert (shown - earliest) % (24 * 60) <= 16
