"""The guidelines pages hold still on a phone where test_phone_first does not look.

- A version page's first HTML already says whether that version is in effect: the
  sentence used to arrive over the websocket into an empty line and push the dates, the
  tools and "What changed" down (CLS 0.19 at 360 px). Reached in the app from another
  version's page, it never shows that other version's standing on the way in.
- The policy notice's "see what changed" link (``?from=&to=#diff``) lands on the diff,
  at the top of the screen, and the diff replacing its skeleton moves nothing in view.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import LOCALES, Server, watch
from tests.e2e.measure import CLS_LIMIT, CLS_OBSERVER, CLS_SCORE, PHONE, SETTLE_MS

pytestmark = pytest.mark.e2e

STANDING = {
    "en": {"v2-0": "This is the version in effect.", "v1-0": "This version is no longer in effect."},
    "zh-cn": {"v2-0": "这是现行版本。", "v1-0": "此版本已不再有效。"},
}


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A 360 x 740 page watching layout shifts from the first paint."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = watch(page)
    page.add_init_script(CLS_OBSERVER)
    yield page, problems
    context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_the_first_html_says_whether_the_version_is_in_effect(server: Server, locale: str) -> None:
    for slug, sentence in STANDING[locale].items():
        html = httpx.get(f"{server.url}/{locale}/guidelines/versions/{slug}/", timeout=30).text
        assert sentence in html, f"{slug}: {sentence!r} is not in the first HTML"
        others = [s for v, s in STANDING[locale].items() if v != slug]
        assert not any(other in html for other in others)


# Set when a notice on the page ever says ``window.__pcStale`` (watched from before a click).
_WATCH_NOTICES = """
(stale) => {
  window.__pcSawStale = false;
  new MutationObserver(() => {
    for (const n of document.querySelectorAll('.notice')) {
      if (n.innerText.includes(stale)) { window.__pcSawStale = true; }
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}
"""


@pytest.mark.parametrize("locale", LOCALES)
def test_another_versions_standing_never_shows_after_in_app_navigation(
    phone_page: tuple[Page, list[str]], server: Server, locale: str
) -> None:
    page, problems = phone_page
    page.goto(f"{server.url}/{locale}/guidelines/versions/v2-0/")
    page.wait_for_function("() => window.__reflex !== undefined", timeout=30_000)
    expect(page.locator(".notice p").filter(has_text=STANDING[locale]["v2-0"])).to_be_visible()
    # The tab's state now says 2.0 is in effect; on to 1.0 without reloading the document.
    page.locator("a.back-link").click()
    page.wait_for_url("**/guidelines/history/")
    to_v1 = page.locator(f"a[href='/{locale}/guidelines/versions/v1-0/']")
    expect(to_v1).to_be_visible()
    expect(page.locator(".notice").filter(has_text=STANDING[locale]["v2-0"])).to_have_count(0)
    page.evaluate(_WATCH_NOTICES, STANDING[locale]["v2-0"])
    to_v1.click()
    page.wait_for_url("**/guidelines/versions/v1-0/")
    expect(page.locator(".notice p").filter(has_text=STANDING[locale]["v1-0"])).to_be_visible()
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__reflex !== undefined && window.__pcSawStale === false"), (
        "version 1.0 was said to be in effect on its way in"
    )
    assert problems == []


@pytest.mark.parametrize("locale", LOCALES)
def test_a_link_to_the_diff_lands_on_it_without_moving_anything(
    phone_page: tuple[Page, list[str]], server: Server, locale: str
) -> None:
    page, problems = phone_page
    page.goto(f"{server.url}/{locale}/guidelines/history/?from=1.0&to=2.0#diff")
    expect(page.locator(".diff-block").first).to_be_visible()
    page.wait_for_timeout(SETTLE_MS)
    # At the top, below the page's scroll padding (1rem) and the comparison's margin (0.5rem).
    top = page.evaluate("() => document.getElementById('diff').getBoundingClientRect().top")
    assert 0 <= top <= 32, f"the comparison starts {top}px from the top of the screen"
    cls = page.evaluate(CLS_SCORE)
    assert cls["score"] < CLS_LIMIT, f"layout shift {cls['score']:.3f}, moved: {cls['sources']}"
    assert problems == []
