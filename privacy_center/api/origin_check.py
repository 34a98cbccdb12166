"""Refuse the event channel to pages of other origins (the websocket is the CSRF surface).

Reflex's ``/_event`` socket carries every state change, and browsers send cookies with a
cross-site websocket handshake. Only pages served from the center's public URL may open
it; in the demo mode the loopback names of the same port count as the same place.
"""

from __future__ import annotations

from privacy_center.api.locale_routing import ASGIApp, Receive, Scope, Send
from privacy_center.http import origin_allowed

EVENT_PATH = "/_event"


class OriginCheck:
    """ASGI middleware: the event channel only for the center's own origin."""

    def __init__(self, app: ASGIApp, *, public_url: str, allow_loopback_aliases: bool) -> None:
        self.app = app
        self.public_url = public_url
        self.allow_loopback_aliases = allow_loopback_aliases

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, or refuse it with 403 when a foreign page opens the channel."""
        if scope["type"] in ("http", "websocket") and scope["path"].startswith(EVENT_PATH):
            origin = dict(scope["headers"]).get(b"origin", b"").decode("latin-1") or None
            if not origin_allowed(origin, self.public_url, allow_loopback_aliases=self.allow_loopback_aliases):
                await _refuse(scope, send)
                return
        await self.app(scope, receive, send)


async def _refuse(scope: Scope, send: Send) -> None:
    if scope["type"] == "websocket":
        # Closing before accepting makes the server answer the handshake with 403.
        await send({"type": "websocket.close", "code": 1008})
        return
    body = b"Forbidden: foreign origin"
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
