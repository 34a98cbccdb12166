"""Find-in-document and version comparison, on the embedded default and on Redis."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server
from tests.e2e.test_sign_in import sign_in

pytestmark = pytest.mark.e2e


def _find(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/en/guidelines/")
    field = page.locator("#find-input")
    expect(field).to_be_editable()
    field.press_sequentially("cooling-off", delay=20)
    expect(page.locator(".find-status")).to_have_text(re.compile(r"^\d+ match(es)? in \d+ sections?$"))
    first = page.locator(".find-results a").first
    expect(first).to_have_attribute("href", "#rights")
    first.click()
    page.wait_for_url(re.compile(r"#rights$"))


def _compare(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/en/guidelines/history/")
    expect(page.locator(".diff-block").first).to_be_visible()
    expect(page.locator(".diff-summary")).to_have_text(re.compile(r"between version 1\.0 and version 2\.0"))
    assert page.locator(".diff-block ins").count() > 0
    assert page.locator(".diff-block del").count() > 0
    page.select_option("#diff-from", "2.0")
    expect(page.locator(".diff-summary")).to_have_text("Choose two different versions to see what changed.")
    expect(page.locator(".diff-block")).to_have_count(0)


def test_find_in_document(page: Page, server: Server) -> None:
    _find(page, server)


def test_find_in_chinese(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/zh-cn/guidelines/")
    page.locator("#find-input").press_sequentially("冷静期", delay=20)
    expect(page.locator(".find-status")).to_have_text(re.compile(r"共有 \d+ 处匹配"))
    page.locator("#find-input").fill("斑马线")
    expect(page.locator(".find-status")).to_have_text("没有找到“斑马线”。")


def test_compare_versions(page: Page, server: Server) -> None:
    _compare(page, server)


def test_comparison_deep_link_and_unknown_version(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/guidelines/history?from=1.0&to=2.0&lang=zh_CN")
    expect(page.locator(".diff-summary")).to_have_text(re.compile("版本 1.0 与版本 2.0 之间有 \\d+ 个段落不同"))
    expect(page.locator("#diff-from")).to_have_value("1.0")
    page.goto(f"{server.url}/zh-cn/guidelines/history/?from=9.9")
    expect(page.locator("#diff-error")).to_have_text("隐私保护指引没有版本 9.9。")
    expect(page.locator(".diff-block")).to_have_count(0)


def test_stateful_pages_on_redis_with_two_workers(page: Page, redis_server: Server) -> None:
    _find(page, redis_server)
    _compare(page, redis_server)
    sign_in(page, redis_server, "zh-cn", "alice")
    expect(page.locator(".account-name")).to_have_text("Alice Chen")
    expect(page.locator("#policy-update")).to_be_visible()
