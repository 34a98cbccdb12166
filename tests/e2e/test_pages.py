"""Every page in both locales: language, accessibility, narrow screens, webviews, themes."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import LOCALES, Server, axe_violations

pytestmark = pytest.mark.e2e

PAGES = [
    "/",
    "/guidelines",
    "/guidelines/summary",
    "/guidelines/history",
    "/guidelines/children",
    "/guidelines/versions/v1-0",
    "/collected",
    "/collected/user-contact-phone",
    "/shared",
    "/shared/skycast",
    "/access-history",
]
# The version of content/guidelines in effect today.
IN_EFFECT = "v2-0"
CJK = re.compile(r"[\u4e00-\u9fff]")
TAG = {"en": "en", "zh-cn": "zh-CN"}


def _url(server: Server, locale: str, path: str) -> str:
    return f"{server.url}/{locale}{path.rstrip('/')}/"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("path", PAGES)
def test_page_in_locale(page: Page, server: Server, locale: str, path: str) -> None:
    response = page.goto(_url(server, locale, path))
    assert response is not None
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", TAG[locale])
    heading = page.locator("h1")
    expect(heading).to_have_count(1)
    assert page.title()
    if locale == "zh-cn":
        assert CJK.search(heading.inner_text())
        assert CJK.search(page.title())
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_first_html_is_already_in_the_readers_language(server: Server) -> None:
    response = httpx.get(
        f"{server.url}/guidelines", headers={"accept-language": "zh-CN,zh;q=0.9"}, follow_redirects=True
    )
    # /guidelines leads to the page of the version in effect today (decided per request).
    assert str(response.url) == f"{server.url}/zh-cn/guidelines/versions/{IN_EFFECT}/"
    assert '<html lang="zh-CN"' in response.text
    assert "格子隐私保护指引</h1>" in response.text
    assert "1. 我们收集和使用的信息" in response.text


@pytest.mark.parametrize("locale", LOCALES)
def test_more_links_land_on_their_sections(page: Page, server: Server, locale: str) -> None:
    page.goto(_url(server, locale, "/guidelines/summary"))
    links = page.locator("a.more-link")
    count = links.count()
    assert count >= 8
    for index in range(count):
        page.goto(_url(server, locale, "/guidelines/summary"))
        link = page.locator("a.more-link").nth(index)
        anchor = link.get_attribute("href").split("#", 1)[1]
        link.click()
        page.wait_for_url(re.compile(rf"/{locale}/guidelines/versions/{IN_EFFECT}/#{anchor}$"))
        expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()


def test_language_switcher_remembers_the_choice(page: Page, server: Server) -> None:
    page.goto(_url(server, "en", "/guidelines"))
    page.get_by_role("link", name="简体中文").first.click()
    page.wait_for_url(f"{server.url}/zh-cn/guidelines/versions/{IN_EFFECT}/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["pc_locale"] == "zh_CN"
    page.set_extra_http_headers({"accept-language": "en"})
    page.goto(f"{server.url}/guidelines/history?lang=en")
    page.wait_for_url(f"{server.url}/zh-cn/guidelines/history/?lang=en")


@pytest.mark.parametrize(
    ("query", "locale"), [("?lang=zh_CN", "zh-cn"), ("?lang=xx", "en"), ("?lang=zh-Hans-CN", "zh-cn")]
)
def test_lang_parameter(page: Page, server: Server, query: str, locale: str) -> None:
    page.goto(f"{server.url}/guidelines/summary{query}")
    assert page.url == f"{server.url}/{locale}/guidelines/summary/{query}"
    expect(page.locator("html")).to_have_attribute("lang", TAG[locale])


def test_embedded_hides_site_chrome_for_the_visit(page: Page, server: Server) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{server.url}/guidelines/summary?embedded=1&lang=zh_CN")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    page.locator("a.back-link").click()
    page.wait_for_url(f"{server.url}/zh-cn/")
    expect(page.locator(".row-group").first).to_be_visible()
    expect(page.locator(".site-header")).to_be_hidden()


def test_dark_theme(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/guidelines?theme=dark")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(17, 20, 24)"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Dark or light theme").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "light")


def test_print_view_hides_navigation(page: Page, server: Server) -> None:
    page.goto(_url(server, "en", "/guidelines"))
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".find")).to_be_hidden()
    expect(page.locator("h2#rights")).to_be_visible()


@pytest.mark.parametrize("path", ["/zh-cn/nope/", "/zh-cn/guidelines/versions/v9-9/"])
def test_unknown_page_is_a_localized_404(page: Page, server: Server, path: str) -> None:
    response = page.goto(server.url + path)
    assert response is not None
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("页面不存在")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
