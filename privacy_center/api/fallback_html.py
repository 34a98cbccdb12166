"""ASGI middleware: the shared fallback HTML speaks the language of the address it answers.

React Router prerenders one HTML file per static page, each with its ``<html lang>`` and
``<title>``. Every other address (a detail page such as ``/zh-cn/collected/x/``, an
unknown page) gets one shared file: Reflex copies ``__spa-fallback.html`` to ``404.html``
after the build (``reflex/utils/build.py``), rendered for no route at all, so it says
``lang="en"`` and has no title until scripts run. Here, for an address under a locale
prefix that has no prerendered file, that HTML gets the prefix's ``lang``, and a
not-found answer gets its localized title, before any script runs.

When the page renders, React places its own ``<title>``; the one written here carries
``data-pc-fallback`` and is then removed (``components/page_head.py``), so one remains.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from reflex import constants
from reflex.config import get_config
from reflex.utils import prerequisites

from privacy_center.api.locale_routing import RESERVED_PREFIXES, ASGIApp, Message, Receive, Scope, Send
from privacy_center.components.page_head import FALLBACK_TITLE_ATTRIBUTE
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale, by_prefix

_HTML_LANG_RE = re.compile(rb'<html lang="[^"]*"')
_HEAD_RE = re.compile(rb"<head>(<meta charSet=\"utf-8\"/>)?", re.IGNORECASE)
# The request headers that would make the static server answer with something we cannot
# rewrite: a compressed sidecar file, a 304, a byte range.
_DROPPED_REQUEST_HEADERS = {b"accept-encoding", b"if-none-match", b"if-modified-since", b"range", b"if-range"}
_DROPPED_RESPONSE_HEADERS = {
    b"content-length",
    b"content-encoding",
    b"etag",
    b"last-modified",
    b"vary",
    b"cache-control",
}


def not_found_title(locale: UiLocale) -> str:
    """The title of the not-found page in ``locale`` (the same words the page renders)."""
    _ = gettext_for(locale)
    return _("Page not found")


def localize(html: bytes, *, locale: UiLocale, title: str | None) -> bytes:
    """``html`` with ``<html lang>`` set to ``locale`` and, if given, a ``<title>`` first in the head."""
    html = _HTML_LANG_RE.sub(f'<html lang="{locale.tag}"'.encode(), html, count=1)
    if title is not None and b"<title" not in html:
        # Marked: components/page_head.py removes it once React has placed the page's own title.
        element = f"<title {FALLBACK_TITLE_ATTRIBUTE}>{escape(title)}</title>".encode()
        html = _HEAD_RE.sub(lambda m: m.group(0) + element, html, count=1)
    return html


class FallbackHtml:
    """Localize the shared fallback HTML of prefixed addresses that were not prerendered."""

    def __init__(self, app: ASGIApp, *, prerendered: Callable[[str], bool]) -> None:
        self.app = app
        self.prerendered = prerendered

    def _locale(self, scope: Scope) -> UiLocale | None:
        """The locale of a prefixed page address served by the shared fallback, else ``None``."""
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        path: str = scope["path"]
        if path.startswith(RESERVED_PREFIXES):
            return None
        locale = by_prefix(path.lstrip("/").partition("/")[0])
        if locale is None or self.prerendered(path):
            return None
        return locale

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; rewrite the answer if it is the fallback HTML of a prefixed page."""
        locale = self._locale(scope)
        if locale is None:
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in _DROPPED_REQUEST_HEADERS]
        # Granian lets a file response hand over only its path (pathsend): ask for the bytes.
        extensions = {k: v for k, v in scope.get("extensions", {}).items() if k != "http.response.pathsend"}
        await self.app({**scope, "headers": headers, "extensions": extensions}, receive, _Rewriter(send, locale))


class _Rewriter:
    """Buffers an HTML answer (the fallback file is a few kB) and sends it localized."""

    def __init__(self, send: Send, locale: UiLocale) -> None:
        self.send = send
        self.locale = locale
        self.start: Message | None = None
        self.body = bytearray()

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            content_type = dict(message.get("headers", [])).get(b"content-type", b"")
            if content_type.startswith(b"text/html"):
                self.start = message
                return
        if self.start is not None and message["type"] == "http.response.pathsend":
            self.body += Path(message["path"]).read_bytes()
        elif self.start is None or message["type"] != "http.response.body":
            await self.send(message)
            return
        else:
            self.body += message.get("body", b"")
            if message.get("more_body", False):
                return
        status = self.start["status"]
        title = not_found_title(self.locale) if status == 404 else None
        body = localize(bytes(self.body), locale=self.locale, title=title)
        headers = [(k, v) for k, v in self.start.get("headers", []) if k.lower() not in _DROPPED_RESPONSE_HEADERS]
        # One file answers every such address, rewritten per address: no validator fits it.
        headers += [(b"content-length", str(len(body)).encode()), (b"cache-control", b"no-cache")]
        await self.send({**self.start, "headers": headers})
        await self.send({"type": "http.response.body", "body": body, "more_body": False})


def static_file_check(static_dir: Path) -> Callable[[str], bool]:
    """Whether the build prerendered an HTML file for a URL path (``/en/guidelines/``).

    Asked of the file system each time (two stats): no cache for anyone to fill with
    made-up addresses, and nothing stale after a rebuild.
    """

    def prerendered(path: str) -> bool:
        relative = path.strip("/")
        if not relative or ".." in relative.split("/"):
            return False
        return (static_dir / relative / "index.html").is_file() or (static_dir / f"{relative}.html").is_file()

    return prerendered


def fallback_html(app: ASGIApp) -> FallbackHtml:
    """The middleware for the app's own build folder (as the production server serves it)."""
    static_dir = prerequisites.get_web_dir() / constants.Dirs.STATIC / get_config().frontend_path.strip("/")
    return FallbackHtml(app, prerendered=static_file_check(static_dir.resolve()))
