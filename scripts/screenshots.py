"""Screenshots of the real app for the README and docs: every page, every component.

Run through ``scripts/screenshots.sh``. It starts the production build on a scratch
database with the demo accounts (the e2e suite's own ``_serve``, so the two never
drift apart), then with Debian's Chromium writes:

- ``docs/screenshots/<locale>-<signed-out|signed-in>-<page>.png``: the first screen of
  every page at 360 x 740, both locales, signed out and signed in as a demo account;
- ``docs/design/<component>-<light|dark>.png``: each section of the design gallery
  (``/dev/design``), at 360 px, in both themes;
- ``docs/screenshot.png``: the README's picture (the home page, signed in, in Chinese).

The page list comes from the app's own ``PAGES``, so a new page is photographed
without editing this script. Pixel ratio 1 and the first screen only keep the PNGs small.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from privacy_center.pages.dev_design import COMPONENTS  # noqa: E402 - after the path is set
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, LOCALES, Server, _serve  # noqa: E402

PHONE = {"width": 360, "height": 740}
DEMO_USER = "alice"
DEMO_PASSWORD = "lattice-demo"  # noqa: S105 - the demo accounts' published password
# Pages that are not the product's own screens: the demo's developer tools, and one page
# per guidelines version (/guidelines already leads to the version in effect).
SKIPPED_PREFIXES = ("/dev/", "/guidelines/versions/")
# Sections shown in the top layer once opened: photographed as the whole first screen.
OPENED = {"dialog": "#ds-dialog button.button", "menu": "#ds-menu .menu-trigger"}


def page_paths() -> dict[str, str]:
    """``{file name part: unprefixed path}`` for every page the app serves (a dynamic one by its first path)."""
    from privacy_center.privacy_center import PAGES

    chosen: dict[str, str] = {}
    for spec in PAGES:
        path = spec.paths()[0]
        if path.startswith(SKIPPED_PREFIXES):
            continue
        name = path.strip("/").replace("/", "-") or "home"
        chosen[name] = path
    # The page a mistyped address shows (built for every locale, not listed in PAGES).
    chosen["not-found"] = "/no-such-page"
    return chosen


def _open(page: Page, url: str, *, settled: bool = True) -> None:
    """Load ``url``; with ``settled``, wait until every skeleton has given way to content.

    (A locator, not ``wait_for_function``: that evaluates a string, which the CSP refuses.
    The gallery shows a skeleton on purpose, so it is opened with ``settled=False``.)
    """
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if settled:
        expect(page.locator("[aria-busy=true]")).to_have_count(0, timeout=15_000)
    page.wait_for_timeout(300)


def sign_in(page: Page, server: Server, locale: str) -> None:
    """The demo account's sign-in, through the center's own provider, as a person would."""
    page.goto(f"{server.url}/auth/login?next=/{locale}/")
    page.fill("#login", DEMO_USER)
    page.fill("#password", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{server.url}/{locale}/**")


def _contexts(browser: Browser, theme: str = "light") -> Iterator[Page]:
    # Reduced motion: the skeleton stops pulsing, so a picture changes only when the look does.
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=1,
        color_scheme=theme,
        reduced_motion="reduce",
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def shoot_pages(browser: Browser, server: Server, out: Path) -> list[Path]:
    """Every page, both locales, signed out then signed in; the first screen of each."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    paths = page_paths()
    for locale in LOCALES:
        for signed_in in (False, True):
            for page in _contexts(browser):
                if signed_in:
                    sign_in(page, server, locale)
                state = "signed-in" if signed_in else "signed-out"
                if not signed_in:
                    # The provider's sign-in page, server-rendered, in the language of the page left.
                    page.goto(f"{server.url}/auth/login?next=/{locale}/")
                    page.wait_for_selector("#login")
                    target = out / f"{locale}-{state}-sign-in.png"
                    page.screenshot(path=str(target))
                    written.append(target)
                for name, path in paths.items():
                    _open(page, f"{server.url}/{locale}{path.rstrip('/')}/")
                    target = out / f"{locale}-{state}-{name}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
    return written


def shoot_components(browser: Browser, server: Server, out: Path) -> list[Path]:
    """Each gallery section in light and dark; dialog and menu opened, as the first screen."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for theme in ("light", "dark"):
        for page in _contexts(browser, theme):
            gallery = f"{server.url}/en/dev/design/?theme={theme}"
            _open(page, gallery, settled=False)
            for name in COMPONENTS:
                target = out / f"{name}-{theme}.png"
                if name in OPENED:
                    _open(page, gallery, settled=False)
                    page.locator(f"#ds-{name}").scroll_into_view_if_needed()
                    page.locator(OPENED[name]).first.click()
                    page.wait_for_timeout(400)
                    page.screenshot(path=str(target))
                    page.keyboard.press("Escape")
                else:
                    page.locator(f"#ds-{name}").screenshot(path=str(target))
                written.append(target)
    return written


def shoot_readme(browser: Browser, server: Server, target: Path) -> Path:
    """The README's picture: the privacy center, signed in, on a phone, in Chinese."""
    for page in _contexts(browser):
        sign_in(page, server, "zh-cn")
        _open(page, f"{server.url}/zh-cn/")
        page.screenshot(path=str(target))
    return target


def main() -> None:
    """Start the app, take every screenshot, say where they went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", choices=("pages", "components", "readme"), help="one set only")
    args = parser.parse_args()
    docs = ROOT / "docs"
    with tempfile.TemporaryDirectory(prefix="pc-screenshots-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with _serve(Path(tmp), "screenshots", {}) as server:
            written: list[Path] = []
            if args.only in (None, "pages"):
                written += shoot_pages(browser, server, docs / "screenshots")
            if args.only in (None, "components"):
                written += shoot_components(browser, server, docs / "design")
            if args.only in (None, "readme"):
                written.append(shoot_readme(browser, server, docs / "screenshot.png"))
        browser.close()
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} screenshots, {total // 1024} KB, under {docs.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
