"""A failing handler on a Chinese page: the person reads a Chinese notice, never Reflex's English toast.

A forged client (any client can send any event) asks the collected list for page
"abc": the handler fails on the server. Before, Reflex answered with a toast saying
"Contact the website administrator." in English, whatever the page's language.
"""

from __future__ import annotations

import secrets

import pytest

from tests.e2e.conftest import Server
from tests.e2e.event_socket import EventSocket

pytestmark = pytest.mark.e2e

TURN_PAGE = "reflex___state____state.privacy_center___pages___collected____collected_state.turn_page"


@pytest.mark.allow_error_logs
def test_a_failing_handler_on_a_chinese_page_shows_a_chinese_notice(server: Server) -> None:
    socket = EventSocket(server.url, token=secrets.token_hex(16))
    try:
        socket.hydrate("/zh-cn/collected/")
        socket.until(lambda frame: "类信息" in frame)  # the list is there: the page is hydrated
        socket.send(TURN_PAGE, "/zh-cn/collected/", {"delta": "abc"})
        frames = socket.until(lambda frame: "出了点问题，请重试。" in frame)
    finally:
        socket.close()
    assert not any("Contact the website administrator" in frame for frame in frames)
