"""The event channel is refused to foreign origins (websocket and polling)."""

from __future__ import annotations

import asyncio

import pytest

from privacy_center.api.origin_check import OriginCheck
from privacy_center.http import origin_allowed


@pytest.mark.parametrize(
    ("origin", "public_url", "loopback", "expected"),
    [
        ("https://privacy.example", "https://privacy.example", False, True),
        ("https://privacy.example:443", "https://privacy.example", False, True),
        ("https://PRIVACY.example", "https://privacy.example/", False, True),
        ("http://privacy.example", "https://privacy.example", False, False),
        ("https://evil.example", "https://privacy.example", False, False),
        ("https://privacy.example.evil.example", "https://privacy.example", False, False),
        ("https://privacy.example:8443", "https://privacy.example", False, False),
        (None, "https://privacy.example", False, False),
        ("null", "https://privacy.example", False, False),
        ("http://127.0.0.1:3000", "http://localhost:3000", True, True),
        ("http://127.0.0.1:3000", "http://localhost:3000", False, False),
        ("http://127.0.0.1:3001", "http://localhost:3000", True, False),
        ("http://evil.example:3000", "http://localhost:3000", True, False),
    ],
)
def test_origin_allowed(origin: str | None, public_url: str, loopback: bool, expected: bool) -> None:
    assert origin_allowed(origin, public_url, allow_loopback_aliases=loopback) is expected


def _run(scope: dict) -> tuple[list[dict], bool]:
    sent: list[dict] = []
    reached = False

    async def downstream(_scope, _receive, _send) -> None:
        nonlocal reached
        reached = True

    async def receive() -> dict:
        return {"type": "websocket.connect"}

    async def send(message: dict) -> None:
        sent.append(message)

    middleware = OriginCheck(downstream, public_url="https://privacy.example", allow_loopback_aliases=False)
    asyncio.run(middleware(scope, receive, send))
    return sent, reached


def _scope(kind: str, path: str, origin: bytes | None) -> dict:
    headers = [(b"origin", origin)] if origin else []
    return {"type": kind, "path": path, "headers": headers, "method": "GET"}


def test_foreign_websocket_is_closed_before_accept() -> None:
    sent, reached = _run(_scope("websocket", "/_event/", b"https://evil.example"))
    assert not reached
    assert sent == [{"type": "websocket.close", "code": 1008}]


def test_websocket_without_origin_is_refused() -> None:
    _sent, reached = _run(_scope("websocket", "/_event/", None))
    assert not reached


def test_foreign_polling_gets_403() -> None:
    sent, reached = _run(_scope("http", "/_event/", b"https://evil.example"))
    assert not reached
    assert sent[0]["status"] == 403


def test_own_origin_passes() -> None:
    _sent, reached = _run(_scope("websocket", "/_event/", b"https://privacy.example"))
    assert reached


def test_other_paths_are_not_checked() -> None:
    _sent, reached = _run(_scope("http", "/en/guidelines/", b"https://evil.example"))
    assert reached
