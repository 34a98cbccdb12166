"""One sign-in per browser, in Chromium: the next person's sign-in ends the previous person's sessions.

Cookies end with the browser unless the person ticks "Keep me signed in".
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from privacy_center.db import make_engine
from privacy_center.security.secrets import token_hash
from tests.e2e.conftest import Server
from tests.e2e.test_sign_in import sign_in

pytestmark = pytest.mark.e2e
SESSION_COOKIES = ("pc_session", "pc_op_session")


def _cookies(page: Page) -> dict[str, dict]:
    return {c["name"]: c for c in page.context.cookies() if c["name"] in SESSION_COOKIES}


def _live_sessions(server: Server, cookies: dict[str, dict]) -> dict[str, bool]:
    """Whether the session behind each cookie is still open (other tests share the server)."""
    tables = {"pc_session": "center_session", "pc_op_session": "provider_session"}
    engine = make_engine(server.database_url)
    try:
        with engine.connect() as connection:
            return {
                name: connection.execute(
                    sa.text(f"SELECT count(*) FROM {tables[name]} WHERE token_hash = :hash AND ended_at IS NULL"),  # noqa: S608 - fixed names
                    {"hash": token_hash(cookie["value"])},
                ).scalar_one() == 1
                for name, cookie in cookies.items()
            }  # fmt: skip
    finally:
        engine.dispose()


def test_the_next_sign_in_ends_the_previous_persons_sessions(page: Page, browser: Browser, server: Server) -> None:
    sign_in(page, server, "en", "alice")
    expect(page.locator(".account-name")).to_have_text("Alice Chen")
    alice = _cookies(page)
    assert {name: c["expires"] for name, c in alice.items()} == {"pc_session": -1, "pc_op_session": -1}
    assert _live_sessions(server, alice) == {"pc_session": True, "pc_op_session": True}

    # Grace signs in on the same browser (the provider asks for a password again), keeping it.
    page.goto(f"{server.url}/auth/reauth?next=/en/guidelines/")
    page.wait_for_url("**/oauth/authorize**")
    page.fill("#login", "grace")
    page.fill("#password", "lattice-demo")
    page.check("input[name=keep]")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{server.url}/en/guidelines/versions/v2-0/")
    expect(page.locator(".account-name")).to_have_text("Grace Chen")
    grace = _cookies(page)
    assert all(c["expires"] > 0 for c in grace.values()), grace
    assert _live_sessions(server, alice) == {"pc_session": False, "pc_op_session": False}
    assert _live_sessions(server, grace) == {"pc_session": True, "pc_op_session": True}

    # Alice's old cookies, replayed in another browser, open nothing.
    other = browser.new_context()
    try:
        other.add_cookies([{k: c[k] for k in ("name", "value", "domain", "path")} for c in alice.values()])
        replay = other.new_page()
        replay.goto(f"{server.url}/en/guidelines/")
        expect(replay.locator(".site-header a[href^='/auth/login']")).to_be_visible()
        expect(replay.locator(".account-name")).to_have_count(0)
        replay.goto(f"{server.url}/auth/silent?next=/en/guidelines/")  # prompt=none with her provider cookie
        replay.wait_for_url("**/oauth/authorize**")
        expect(replay.locator("#login")).to_be_visible()  # no session there either: asked to sign in
    finally:
        other.close()
