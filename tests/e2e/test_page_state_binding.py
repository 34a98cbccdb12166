"""Personal data in page state never outlives the sign-in session that filled it.

Reflex keeps state per tab token, whatever the cookie says; a (re)connect first receives
a snapshot of that state. These tests watch every websocket frame the server sends to
a tab (or to a forged client) after the person behind the cookie changed, on the
embedded server and on Redis with two workers: none may carry Alice's data.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, WebSocket, expect

from tests.e2e.conftest import Server
from tests.e2e.event_socket import EventSocket
from tests.e2e.test_sign_in import sign_in

pytestmark = pytest.mark.e2e

# What Alice's state holds once she has opened /collected: her masked phone number and her name.
ALICE = ("138****1234", "Alice Chen")
GRACE_PHONE = "138****5678"
FLAVOURS = pytest.mark.parametrize("flavour", ["server", "redis_server"])


def received_frames(page: Page) -> list[str]:
    """Every websocket frame the page receives from now on, as text."""
    frames: list[str] = []

    def on_socket(socket: WebSocket) -> None:
        socket.on("framereceived", lambda data: frames.append(data if isinstance(data, str) else data.decode()))

    page.on("websocket", on_socket)
    return frames


def tab_token(page: Page) -> str:
    return page.evaluate("() => window.sessionStorage.getItem('token')")


def alices_tab(page: Page, server: Server) -> str:
    """Alice signs in and opens /collected: her state on the server now holds her data."""
    sign_in(page, server, "en", "alice")
    page.goto(f"{server.url}/en/collected/")
    # A first page load on a cold server (two workers, a busy machine) may take a while.
    expect(
        page.locator("main .row-link").filter(has=page.locator(".row-title", has_text="Phone number"))
    ).to_contain_text(ALICE[0], timeout=30_000)
    return tab_token(page)


def leaks(frames: list[str]) -> list[str]:
    """Alice's values found in the frames (empty when none of hers was sent)."""
    return [value for frame in frames for value in ALICE if value in frame]


@FLAVOURS
def test_after_sign_out_the_same_tab_reconnects_to_none_of_her_data(
    page: Page, request: pytest.FixtureRequest, flavour: str
) -> None:
    server: Server = request.getfixturevalue(flavour)
    frames = received_frames(page)
    token = alices_tab(page, server)
    frames.clear()
    page.locator(".menu-trigger").click()  # signing out lives in the account menu
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url(f"{server.url}/en/collected/")
    expect(page.locator(".site-header a[href^='/auth/login']")).to_be_visible()
    page.reload()
    expect(page.locator(".site-header a[href^='/auth/login']")).to_be_visible()
    assert tab_token(page) == token  # the same tab: the server kept its state under this token
    assert frames, "the reconnect received no frame at all"
    assert leaks(frames) == []


@FLAVOURS
def test_another_person_signing_in_on_the_same_tab_sees_only_their_own(
    page: Page, second_page: Page, request: pytest.FixtureRequest, flavour: str
) -> None:
    server: Server = request.getfixturevalue(flavour)
    frames = received_frames(page)
    token = alices_tab(page, server)
    sign_in(second_page, server, "en", "grace")
    graces = [c for c in second_page.context.cookies() if c["name"] == "pc_session"]
    # Grace's session cookie replaces Alice's in this browser; the tab (and its token) stays.
    page.context.clear_cookies()
    page.context.add_cookies(graces)
    frames.clear()
    page.reload()
    expect(
        page.locator("main .row-link").filter(has=page.locator(".row-title", has_text="Phone number"))
    ).to_contain_text(GRACE_PHONE)
    assert tab_token(page) == token
    assert leaks(frames) == []
    assert any(GRACE_PHONE in frame for frame in frames)


@FLAVOURS
@pytest.mark.parametrize("who", ["nobody", "grace"])
def test_a_forged_client_with_her_tab_token_gets_none_of_her_data(
    page: Page, browser: Browser, request: pytest.FixtureRequest, flavour: str, who: str
) -> None:
    server: Server = request.getfixturevalue(flavour)
    token = alices_tab(page, server)
    cookie = None
    if who == "grace":
        context = browser.new_context()
        try:
            sign_in(context.new_page(), server, "en", "grace")
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies() if c["name"] == "pc_session")
        finally:
            context.close()
    page.close()  # Alice's tab goes away: its token is free for anyone who knows it
    forged = EventSocket(server.url, token=token, cookie=cookie)
    try:
        forged.hydrate("/en/collected/")
        frames = forged.until(lambda frame: "types of information" in frame)
    finally:
        forged.close()
    assert not any(frame.startswith('["new_token"') for frame in frames)  # it really got Alice's tab
    assert leaks(frames) == []
    if who == "grace":
        assert any(GRACE_PHONE in frame for frame in frames)
