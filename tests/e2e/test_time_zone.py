"""Times in the browser's time zone, end to end: Chromium in Shanghai, the server in UTC.

Nothing but the browser's zone tells the server where the person is: the early script
in <head> writes it to the pc_tz cookie, the websocket handshake carries it. The time
on the page is checked against the database's UTC value plus eight hours, spelled out
here rather than by the formatter under test.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, col, select

from privacy_center.models.audit import AuditAction, AuditEntry
from tests.e2e.conftest import Server, axe_violations, watch

pytestmark = pytest.mark.e2e

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
WITH_SECONDS = re.compile(r"\d:\d\d:\d\d")
# "6:30 PM UTC" / "18:30（UTC）": how a time reads when its zone is not known (not "days in UTC").
TIME_IN_UTC = re.compile(r"\d:\d\d(\u202f[AP]M)? UTC|\d:\d\d（UTC）")


@pytest.fixture
def shanghai_page(browser: Browser) -> Iterator[Page]:
    """A browser whose clock is set to Asia/Shanghai (the server's stays in UTC)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, timezone_id="Asia/Shanghai")
    opened = context.new_page()
    problems = watch(opened)
    yield opened
    context.close()
    assert not problems, "\n".join(problems)


def _sign_in(page: Page, server: Server, path: str) -> None:
    page.goto(f"{server.url}{path}")
    page.locator("a[href^='/auth/login']").first.click()
    page.wait_for_url("**/oauth/authorize**")
    page.fill("#login", "alice")
    page.fill("#password", "lattice-demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{server.url}{path}")


def _newest_sign_in(server: Server) -> dt.datetime:
    engine = sa.create_engine(server.database_url)
    try:
        with Session(engine) as session:
            query = select(AuditEntry.created_at).where(AuditEntry.action == AuditAction.SIGNED_IN)
            return session.exec(query.order_by(col(AuditEntry.id).desc())).first()
    finally:
        engine.dispose()


def _english(moment: dt.datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{moment:%b} {moment.day}, {moment.year}, {hour}:{moment:%M}\u202f{'AM' if moment.hour < 12 else 'PM'}"


def _chinese(moment: dt.datetime) -> str:
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


def test_access_history_is_in_the_browsers_zone_without_seconds(shanghai_page: Page, server: Server) -> None:
    page = shanghai_page
    _sign_in(page, server, "/en/access-history/")
    assert any(c["name"] == "pc_tz" and c["value"] == "Asia%2FShanghai" for c in page.context.cookies())
    stored = _newest_sign_in(server)
    assert stored.utcoffset() == dt.timedelta(0)  # the database keeps UTC
    local = stored.astimezone(SHANGHAI)
    assert local.replace(tzinfo=None) == stored.replace(tzinfo=None) + dt.timedelta(hours=8)

    newest = page.locator("main ol.fact-list > li").first
    expect(newest.locator("time")).to_have_text(_english(local))
    expect(page.locator("#history-zone")).to_have_text("Times are in China Time.")
    assert not WITH_SECONDS.search(newest.locator("time").inner_text())
    assert axe_violations(page) == []

    page.goto(f"{server.url}/zh-cn/access-history/")
    newest = page.locator("main ol.fact-list > li").first
    expect(newest.locator("time")).to_have_text(_chinese(local))
    expect(page.locator("#history-zone")).to_have_text("时间均按中国时间显示。")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_occurrences_are_local_and_name_the_reporting_service(shanghai_page: Page, server: Server) -> None:
    page = shanghai_page
    _sign_in(page, server, "/en/access-history/")
    page.goto(f"{server.url}/en/collected/user-contact-phone/")
    main = page.locator("main")
    expect(main).to_contain_text("Account service")
    assert "account-service" not in main.inner_text()
    text = main.inner_text()
    assert not TIME_IN_UTC.search(text), "a time says UTC although the browser's zone is known"
    assert not WITH_SECONDS.search(text)
    page.goto(f"{server.url}/zh-cn/collected/user-contact-phone/")
    expect(page.locator("main")).to_contain_text("账号服务")
