"""The server's log carries no cookie, token, password or code, and a visitor cannot forge a line.

A forged client with Alice's session cookie and tab token sends an unknown event and
a failing one (Reflex logs both, router data and headers included); a visitor sends
``/auth/callback?error=x%0Aforged``. The test reads the server's own log (its stdout and
stderr, as an operator's log collector would).
"""

from __future__ import annotations

import secrets

import httpx
import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import Server
from tests.e2e.event_socket import EventSocket
from tests.e2e.test_page_state_binding import alices_tab

pytestmark = pytest.mark.e2e

PATH = "/en/collected/"
COLLECTED = "reflex___state____state.privacy_center___pages___collected____collected_state"
PASSWORD = "lattice-demo"


def test_failing_and_unknown_events_leave_no_secret_in_the_log(page: Page, server: Server) -> None:
    token = alices_tab(page, server)
    cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "pc_session")
    page.close()
    code = secrets.token_urlsafe(24)
    forged = EventSocket(server.url, token=token, cookie=f"pc_session={cookie}")
    try:
        forged.hydrate(PATH)
        forged.until(lambda frame: "types of information" in frame)
        forged.send(f"{COLLECTED}.no_such_handler", PATH, {"password": PASSWORD, "code": code})
        # turn_page wants a number: the failure is logged, then the page is told it failed.
        forged.send(f"{COLLECTED}.turn_page", PATH, {"delta": PASSWORD})
        forged.send(f"{COLLECTED}.turn_page", PATH, {"delta": code})
        for _ in range(2):  # a notice in the page's language, once per failed handler
            forged.until(lambda frame: "Something went wrong" in frame)
    finally:
        forged.close()
    log = server.log.read_text(errors="replace")
    # Both failures were logged, each record on one line...
    assert any("no_such_handler" in line and "KeyError" in line for line in log.splitlines())
    assert any("a handler failed" in line and "ValueError" in line for line in log.splitlines())
    for secret in (cookie, token, PASSWORD, code):
        assert secret not in log  # ...without what the client sent or who it is


def test_a_visitor_cannot_forge_a_log_line(server: Server) -> None:
    marker = f"forged-{secrets.token_hex(4)}"
    response = httpx.get(f"{server.url}/auth/callback?error=x%0A{marker}&error_description=y%0D%0A{marker}")
    assert response.status_code == 400
    lines = server.log.read_text(errors="replace").splitlines()
    assert any(marker in line for line in lines)  # the refusal was logged...
    assert not [line for line in lines if line.lstrip().startswith(marker)]  # ...on one line
