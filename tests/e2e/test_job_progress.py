"""The progress component, live: a sample job started on /dev/jobs runs in the worker beside the server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, axe_violations

pytestmark = pytest.mark.e2e

DONE = {"en": "Done: 20 of 20 rows (100%).", "zh-cn": "已完成：20 行中的 20 行（100%）。"}


@pytest.mark.parametrize(("locale", "username"), [("en", "alice"), ("zh-cn", "grace")])
def test_a_sample_job_shows_its_progress_until_done(page: Page, server: Server, locale: str, username: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{server.url}/auth/login?next=/{locale}/dev/jobs/")
    page.fill("#login", username)
    page.fill("#password", "lattice-demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{server.url}/{locale}/dev/jobs/")
    start = page.locator("#job-start")
    expect(start).to_be_visible()  # signed in, hydrated: the button replaced the loading line
    start.click()

    bar = page.locator("#job-progress progress")
    expect(bar).to_be_visible()
    # Seen part-way (the job takes a few seconds), then at its end.
    expect(bar).not_to_have_attribute("value", "0", timeout=30_000)
    expect(page.locator("#job-progress-label")).to_have_text(DONE[locale], timeout=60_000)
    expect(bar).to_have_attribute("value", "100")
    assert page.evaluate("document.documentElement.scrollWidth <= 360")
    assert axe_violations(page) == []


def test_signed_out_the_page_asks_to_sign_in(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/en/dev/jobs/?embedded=1")
    expect(page.locator("a[href^='/auth/login']").last).to_be_visible()
    expect(page.locator("#job-start")).to_have_count(0)
    assert axe_violations(page) == []
