"""Switching language keeps the place; the first HTML names its language, title and alternates.

Every page kind (a detail page, a list with ``?scenario=``, the comparison with
``?from=&to=``, a ``#section`` of the guidelines), both directions. The first HTML is read
with httpx: what a crawler, a slow phone or a screen reader sees before any script runs.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest
from playwright.sync_api import Page, expect

from privacy_center.pages import collected_item, shared_partner
from tests.e2e.conftest import Server

pytestmark = pytest.mark.e2e

OTHER = {"en": "zh-cn", "zh-cn": "en"}
TAG = {"en": "en", "zh-cn": "zh-CN"}
SWITCH = 'form[action="/locale"] a[hreflang="{tag}"]'


def _hydrated(page: Page, selector: str) -> None:
    """Wait until React owns the element (its click handler is attached), not just painted."""
    page.wait_for_function(
        "(s) => { const e = document.querySelector(s);"
        " return !!e && Object.keys(e).some((k) => k.startsWith('__reactProps')); }",
        arg=selector,
    )


def _switch(page: Page, to: str) -> None:
    selector = SWITCH.format(tag=TAG[to])
    _hydrated(page, selector)
    # The switcher may sit in a closed menu: the click is what matters, not where it is drawn.
    page.locator(selector).first.dispatch_event("click")


def _detail_path(kind: str) -> str:
    """The first address the detail page of ``kind`` answers (``/collected/<item>/``)."""
    spec = {"collected": collected_item.PAGE, "shared": shared_partner.PAGE}[kind]
    return spec.paths()[0].rstrip("/") + "/"


def _places() -> list[str]:
    return [
        _detail_path("collected"),
        _detail_path("shared") + "#about",
        "/collected/?scenario=chats",
        "/guidelines/history/?from=1.0&to=2.0#diff",
        "/guidelines/versions/v2-0/#rights-apps",
    ]


@pytest.mark.parametrize("start", ["en", "zh-cn"])
def test_switching_language_keeps_page_query_and_section(page: Page, server: Server, start: str) -> None:
    for place in _places():
        page.goto(f"{server.url}/{start}{place}")
        _switch(page, OTHER[start])
        page.wait_for_url(f"{server.url}/{OTHER[start]}{place}")
        expect(page.locator("html")).to_have_attribute("lang", TAG[OTHER[start]])


def test_a_comparison_chosen_on_the_page_survives_the_switch(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/en/guidelines/history/")
    expect(page.locator(".diff-block").first).to_be_visible()
    page.select_option("#diff-from", "2.0")
    page.select_option("#diff-to", "1.0")
    page.wait_for_function("() => location.search === '?from=2.0&to=1.0'")
    _switch(page, "zh-cn")
    page.wait_for_url(f"{server.url}/zh-cn/guidelines/history/?from=2.0&to=1.0")
    expect(page.locator("#diff-from")).to_have_value("2.0")
    expect(page.locator("#diff-to")).to_have_value("1.0")


def test_before_scripts_the_switch_is_a_plain_link_to_the_same_page(server: Server) -> None:
    html = httpx.get(f"{server.url}/en/guidelines/history/", timeout=30).text
    assert 'href="/locale?to=zh_CN&amp;next=/zh-cn/guidelines/history/"' in html
    response = httpx.get(f"{server.url}/locale?to=zh_CN&next=/zh-cn/guidelines/history/?from=1.0%26to=2.0")
    assert response.status_code == 303
    assert response.headers["location"] == "/zh-cn/guidelines/history/?from=1.0&to=2.0"


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\t/evil.example", "/\\evil.example"])
def test_no_open_redirect_through_the_switch(server: Server, target: str) -> None:
    response = httpx.post(
        f"{server.url}/locale", data={"to": "en", "next": target}, headers={"origin": server.url}, timeout=30
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/"


class _Head(HTMLParser):
    """The ``<html lang>``, ``<title>`` and alternate links of a document's ``<head>``."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.title = ""
        self.alternates: dict[str, str] = {}
        self._in_head = self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "head":
            self._in_head = True
        elif tag == "title" and self._in_head:
            self._in_title = True
        elif tag == "link" and self._in_head and values.get("rel") == "alternate":
            self.alternates[values.get("hreflang") or ""] = values.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _head(html: str) -> _Head:
    parsed = _Head()
    parsed.feed(html)
    return parsed


@pytest.mark.parametrize(("locale", "title"), [("en", "Page not found"), ("zh-cn", "页面不存在")])
def test_not_found_first_html_has_title_and_language(server: Server, locale: str, title: str) -> None:
    response = httpx.get(f"{server.url}/{locale}/no-such-page/", headers={"accept-encoding": "br, gzip"}, timeout=30)
    assert response.status_code == 404
    head = _head(response.text)
    assert head.lang == TAG[locale]
    assert head.title == title


def test_a_detail_page_first_html_has_its_language(server: Server) -> None:
    response = httpx.get(f"{server.url}/zh-cn{_detail_path('collected')}", timeout=30)
    assert response.status_code == 200
    assert _head(response.text).lang == "zh-CN"


@pytest.mark.parametrize("path", ["/", "/guidelines/history/", "/guidelines/summary/", "/collected/"])
@pytest.mark.parametrize("locale", ["en", "zh-cn"])
def test_hreflang_alternates_are_attributes_in_the_first_html(server: Server, locale: str, path: str) -> None:
    html = httpx.get(f"{server.url}/{locale}{path}", timeout=30).text
    assert _head(html).alternates == {
        "en": f"{server.url}/en{path}",
        "zh-CN": f"{server.url}/zh-cn{path}",
        "x-default": f"{server.url}{path}",
    }
    assert not re.search(r"href-?lang\s*:", html, re.IGNORECASE), "hreflang written as CSS"


@pytest.mark.parametrize("locale", ["en", "zh-cn"])
def test_a_link_to_a_comparison_lands_on_the_diff_at_360_px(page: Page, server: Server, locale: str) -> None:
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(f"{server.url}/{locale}/guidelines/history/?from=1.0&to=2.0#diff")
    expect(page.locator(".diff-block").first).to_be_visible()
    page.wait_for_function("() => Math.abs(document.getElementById('diff').getBoundingClientRect().top) < 24")
    for name in ("from", "to"):
        fits = page.evaluate(
            """(id) => {
                const s = document.getElementById(id), r = s.getBoundingClientRect(), st = getComputedStyle(s);
                const c = document.createElement('canvas').getContext('2d');
                c.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
                const text = c.measureText(s.options[s.selectedIndex].text).width;
                // Room for the text: the box less its padding, borders and the arrow (about 24 px).
                const room = s.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight) - 24;
                return {left: r.left, right: r.right, text, room};
            }""",
            f"diff-{name}",
        )
        assert fits["left"] >= 0, fits
        assert fits["right"] <= 360, fits
        assert fits["text"] <= fits["room"], fits
    # The comparison is in the address as chosen on the page.
    page.select_option("#diff-from", "2.0")
    page.wait_for_function("() => new URLSearchParams(location.search).get('from') === '2.0'")
    assert page.evaluate("() => new URLSearchParams(location.search).get('to')") == "2.0"


def test_the_not_found_title_is_adopted_not_duplicated(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/zh-cn/no-such-page/")
    expect(page.locator("h1")).to_have_text("页面不存在")
    expect(page).to_have_title("页面不存在")
    assert page.locator("head title").count() == 1
    # In-app navigation: the written title leaves with the page instead of staying first.
    page.locator("main a.button").click()
    page.wait_for_url(f"{server.url}/zh-cn/")
    page.wait_for_function("() => document.title !== '页面不存在'")
    assert page.locator("head title").count() == 1
