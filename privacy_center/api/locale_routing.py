"""ASGI middleware that sends unprefixed page URLs to the visitor's locale.

Pages exist once per locale (``/en/guidelines/``, ``/zh-cn/guidelines/``) so the HTML
served before any script runs is in the visitor's language. The stable URLs phone
apps deep-link to (``/guidelines``) answer with a 302 to the negotiated prefix,
keeping the query string (``embedded``, ``theme``). Unknown pages under a prefix get
the localized not-found page with status 404. Some prefixed pages lead elsewhere at
request time (``/en/guidelines/`` to the page of the version in effect today): a 302
decided per request, so nothing is fixed when the server starts.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any
from urllib.parse import parse_qs, quote

from privacy_center.i18n.locales import UiLocale, by_prefix
from privacy_center.i18n.negotiation import LOCALE_COOKIE, negotiate

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Paths that are not pages: Reflex's own endpoints, built assets and our HTTP routes.
RESERVED_PREFIXES = ("/_", "/ping", "/assets/", "/api/", "/oauth/", "/auth/", "/.well-known/", "/locale")


def _cookie(headers: dict[bytes, bytes], name: str) -> str | None:
    for item in headers.get(b"cookie", b"").decode("latin-1").split(";"):
        key, _, value = item.strip().partition("=")
        if key == name:
            return value
    return None


def normalize(path: str) -> str:
    """``/guidelines/`` and ``/guidelines`` are the same page."""
    return "/" + path.strip("/")


def _pattern(path: str) -> re.Pattern[str]:
    """``/apps/[client_id]/guideline`` -> a pattern where the bracketed segment is any one segment."""
    parts = [r"[^/]+" if part.startswith("[") and part.endswith("]") else re.escape(part) for part in path.split("/")]
    return re.compile("/".join(parts))


class LocaleRouting:
    """Redirect unprefixed page paths; mark unknown prefixed pages as 404."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        page_paths: frozenset[str],
        leads_to: Mapping[str, Callable[[UiLocale], str]] | None = None,
    ) -> None:
        self.app = app
        normalized = {normalize(p) for p in page_paths}
        # ``/apps/[client_id]``: a page whose instances live in the database (apps are registered
        # while the server runs) answers any one segment there; the page itself says "not yours".
        self.page_paths = frozenset(p for p in normalized if "[" not in p)
        self.page_patterns = tuple(_pattern(p) for p in sorted(normalized) if "[" in p)
        # Unprefixed page path -> where it leads now, in a locale (asked at every request).
        self.leads_to = {normalize(p): target for p, target in (leads_to or {}).items()}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Route one ASGI request: pass it on, redirect it, or pass it on marked 404."""
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        first, _, rest = path.lstrip("/").partition("/")
        locale = by_prefix(first)
        if locale is not None and normalize(rest) in self.leads_to:
            await _found(scope, send, f"/{locale.prefix}{self.leads_to[normalize(rest)](locale)}/")
            return
        if locale is not None:
            if self._is_page(normalize(rest)):
                await self.app(scope, receive, send)
            else:
                await self.app(scope, receive, _with_status(send, 404))
            return
        # A page's address may hold a dot (an item's key): only other dotted paths are files.
        is_page = self._is_page(normalize(path))
        if path.startswith(RESERVED_PREFIXES) or ("." in path.rsplit("/", 1)[-1] and not is_page):
            await self.app(scope, receive, send)
            return
        await self._redirect(scope, send, path)

    def _is_page(self, path: str) -> bool:
        return path in self.page_paths or any(pattern.fullmatch(path) for pattern in self.page_patterns)

    async def _redirect(self, scope: Scope, send: Send, path: str) -> None:
        headers = dict(scope["headers"])
        query = scope.get("query_string", b"").decode("latin-1")
        lang = parse_qs(query).get("lang", [None])[0]
        locale = negotiate(
            saved=_cookie(headers, LOCALE_COOKIE),
            query=lang,
            accept_language=headers.get(b"accept-language", b"").decode("latin-1"),
        )
        # Straight to the trailing-slash URL: the static server would add a 307 otherwise.
        await _found(scope, send, f"/{locale.prefix}{quote(normalize(path).rstrip('/'))}/")


async def _found(scope: Scope, send: Send, path: str) -> None:
    """A 302 to ``path`` with the request's query string, never cached (it depends on who and when)."""
    query = scope.get("query_string", b"").decode("latin-1")
    target = path + (f"?{query}" if query else "")
    await send(
        {
            "type": "http.response.start",
            "status": 302,
            "headers": [
                (b"location", target.encode("latin-1")),
                (b"vary", b"Cookie, Accept-Language"),
                (b"cache-control", b"no-store"),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})


def _with_status(send: Send, status: int) -> Send:
    async def patched(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "status": status}
        await send(message)

    return patched
