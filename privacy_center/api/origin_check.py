"""Refuse the event channel to pages of other origins (the websocket is the CSRF surface).

Reflex's ``/_event`` socket carries every state change, and browsers send cookies with a
cross-site websocket handshake. Only pages served from the center's public URL may open
it; in the demo mode the loopback names of the same port count as the same place.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from privacy_center.api.locale_routing import ASGIApp, Receive, Scope, Send

EVENT_PATH = "/_event"
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def _origin_key(url: str) -> tuple[str, str, int | None] | None:
    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port


def origin_allowed(origin: str | None, public_url: str, *, allow_loopback_aliases: bool) -> bool:
    """Whether a request with this ``Origin`` header comes from the center's own pages."""
    if not origin:
        return False
    asked, ours = _origin_key(origin), _origin_key(public_url)
    if asked is None or ours is None:
        return False
    if asked == ours:
        return True
    return allow_loopback_aliases and asked[1] in _LOOPBACK and ours[1] in _LOOPBACK and asked[0::2] == ours[0::2]


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
