"""A bare Socket.IO client on Reflex's ``/_event`` websocket: exactly what a forged client sends.

The browser's client chooses its own tab token and cookie; this one takes both from the
test, so a test can connect with someone else's tab token, with or without a cookie, and
send events no page would send. Engine.IO v4 over a plain websocket (simple-websocket,
which Reflex's server side already installs); no mocks between it and the server.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from simple_websocket import Client, ConnectionClosed

NAMESPACE = "/_event"
HYDRATE = "reflex___state____state.hydrate_and_load"
# Long enough for a cold page load on a busy machine; only reached when the server never answers.
PATIENCE = 60.0


class EventSocket:
    """One websocket connection under a chosen tab token and Cookie header."""

    def __init__(self, server_url: str, *, token: str, cookie: str | None = None) -> None:
        parts = urlsplit(server_url)
        headers = {"Origin": server_url}
        if cookie:
            headers["Cookie"] = cookie
        self._ws = Client.connect(
            f"ws://{parts.netloc}{NAMESPACE}/?EIO=4&transport=websocket&token={token}", headers=headers
        )
        self.frames: list[str] = []
        opened = self._ws.receive(timeout=PATIENCE)
        if not (isinstance(opened, str) and opened.startswith("0")):
            raise ConnectionError(f"no Engine.IO open packet: {opened!r}")
        self._ws.send(f"40{NAMESPACE},")
        self._wait(lambda packet: packet.startswith(f"40{NAMESPACE},"))

    def send(self, name: str, path: str, payload: dict[str, Any] | None = None) -> None:
        """Send one event as the page at ``path`` would."""
        event = {"name": name, "payload": payload or {}, "router_data": {"pathname": path, "asPath": path}}
        self._ws.send(f"42{NAMESPACE}," + json.dumps(["event", event]))

    def hydrate(self, path: str) -> None:
        """What a (re)connecting tab sends first: the snapshot of its state, then the page's on_load."""
        self.send(HYDRATE, path)

    def until(self, done: Callable[[str], bool]) -> list[str]:
        """Read state updates until one satisfies ``done``; return every update read so far."""
        self._wait(lambda packet: packet.startswith(f"42{NAMESPACE},") and done(self.frames[-1]))
        return self.frames

    def close(self) -> None:
        self._ws.close()

    def _wait(self, done: Callable[[str], bool]) -> None:
        # One deadline for the whole wait: the server's pings every 25 s would otherwise keep
        # a wait for a frame that never comes alive forever.
        deadline = time.monotonic() + PATIENCE
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no awaited frame in {PATIENCE}s; read so far: {self.frames}")
            try:
                packet = self._ws.receive(timeout=left)
            except ConnectionClosed as closed:
                raise ConnectionError("the server closed the websocket") from closed
            if packet is None:
                raise TimeoutError(f"nothing from the server in {PATIENCE}s; read so far: {self.frames}")
            if packet == "2":  # Engine.IO ping
                self._ws.send("3")
                continue
            if isinstance(packet, str) and packet.startswith(f"42{NAMESPACE},"):
                self.frames.append(packet.removeprefix(f"42{NAMESPACE},"))
            if isinstance(packet, str) and done(packet):
                return
