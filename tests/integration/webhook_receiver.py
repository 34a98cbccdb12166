"""A developer's deletion endpoint for the tests: a real HTTP server on a free loopback port.

It records every request it is sent (headers and raw body) and answers with the next
status of its script (200 once the script runs out). ``hold`` makes it keep the next
request open until released: the sender is then mid-request, which is where the
restart test kills the worker.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Received:
    """One request as it arrived."""

    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """What the endpoint saw, and how it answers next."""

    url: str
    statuses: list[int] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    hold: threading.Event | None = None  # set: answer; None: answer at once
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int, timeout: float = 90.0) -> list[Received]:
        """Block until ``count`` requests arrived (a generous bound for a loaded machine)."""
        with self.arrived:
            if not self.arrived.wait_for(lambda: len(self.received) >= count, timeout=timeout):
                msg = f"the endpoint received {len(self.received)} requests, not {count}"
                raise AssertionError(msg)
            return list(self.received)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with receiver.arrived:
                receiver.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                receiver.arrived.notify_all()
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                hold = receiver.hold
            if hold is not None:
                hold.wait(timeout=120)
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test reads ``received`` instead."""

    return Handler


@contextmanager
def running_receiver(statuses: list[int] | None = None, *, port: int = 0) -> Iterator[Receiver]:
    """A receiver on 127.0.0.1 (at ``port``, or a free one), path ``/privacy/deletions``; stopped afterwards."""
    receiver = Receiver(url="")
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(receiver))
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/privacy/deletions"
    receiver.statuses = list(statuses or [])
    thread = threading.Thread(target=server.serve_forever, name="webhook-receiver", daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        if receiver.hold is not None:
            receiver.hold.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def free_port_url() -> str:
    """An endpoint where nothing listens (a port just closed): connecting is refused."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()
    return f"http://127.0.0.1:{port}/privacy/deletions"
