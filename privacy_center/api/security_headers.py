"""ASGI middleware: the security headers every response carries.

- ``Content-Security-Policy``: the pages are prerendered once at build time, so a
  per-request nonce would mean rewriting every page; instead every inline script of the
  built HTML (Reflex's own included) is allowed by its SHA-256, computed once from the
  build, and nothing else inline runs. ``connect-src`` names the websocket origin, and
  ``frame-ancestors`` allows only the center itself and the configured host apps
  (``PC_FRAME_ANCESTORS``), so "I have read this" or "Sign out everywhere" cannot be
  clickjacked while webviews still embed the pages.
- ``X-Content-Type-Options: nosniff``; ``Referrer-Policy``, and from ``/oauth/`` (its
  URLs carry state and codes) none to other origins: ``same-origin``, not ``no-referrer``,
  which would turn the ``Origin`` of its own form posts into ``null`` and fail their
  same-origin check; HSTS when the public URL is https.
- ``Cache-Control: no-store`` on sign-in, consent and language routes, and on any
  response that sets a cookie or redirects with a code.

A route's own, stricter policy (the sign-in pages forbid framing altogether) is kept:
ours is sent beside it, and browsers enforce both.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from privacy_center.api.locale_routing import ASGIApp, Message, Receive, Scope, Send

NO_STORE_PREFIXES = ("/oauth/", "/auth/", "/locale")
ONE_YEAR = 365 * 24 * 3600
# Inline scripts only: a <script src=...> loads from 'self'; data blocks are hashed too (harmless).
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def _source_hash(script: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode('ascii')}'"


def inline_script_hashes(static_dir: Path | None, extra_scripts: tuple[str, ...] = ()) -> list[str]:
    """``'sha256-...'`` of every distinct inline script in the built HTML and of ``extra_scripts``, sorted."""
    found = {_source_hash(script) for script in extra_scripts}
    for page in sorted(static_dir.rglob("*.html")) if static_dir is not None and static_dir.is_dir() else []:
        found.update(
            _source_hash(match.group(1)) for match in _INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8"))
        )
    return sorted(found)


def _carries_code(headers: list[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        if name.lower() == b"location":
            parts = urlsplit(value.decode("latin-1"))
            if "code" in parse_qs(parts.query) or "code" in parse_qs(parts.fragment):
                return True
    return False


class SecurityHeaders:
    """Adds the headers to every HTTP response of the app (pages, Reflex's routes and ours)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        public_url: str,
        frame_ancestors: tuple[str, ...],
        static_dir: Path | None,
        extra_scripts: tuple[str, ...] = (),
        image_origins: tuple[str, ...] = (),
    ) -> None:
        """``extra_scripts``: inline scripts the pages insert at run time (not in the built HTML).

        ``image_origins``: other origins images may come from (the platform's logo on https).
        """
        self.app = app
        self.image_origins = image_origins
        self.extra_scripts = extra_scripts
        self.public_url = public_url
        self.frame_ancestors = frame_ancestors
        self.static_dir = static_dir
        self.https = public_url.startswith("https://")

    @functools.cached_property
    def policy(self) -> str:
        """Built on first use: by then the frontend build this server serves is complete."""
        hashes = inline_script_hashes(self.static_dir, self.extra_scripts)
        parts = urlsplit(self.public_url)
        socket = f"{'wss' if self.https else 'ws'}://{parts.netloc}"
        directives = {
            "default-src": ["'self'"],
            "script-src": ["'self'", *hashes],
            # Emotion (Reflex's CSS-in-JS) writes <style> elements at run time.
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": ["'self'", "data:", *self.image_origins],
            "font-src": ["'self'", "data:"],
            "connect-src": ["'self'", socket],
            "object-src": ["'none'"],
            "base-uri": ["'none'"],
            "frame-ancestors": ["'self'", *self.frame_ancestors],
        }
        return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to its response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._headers(path, list(message.get("headers", [])))
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _headers(self, path: str, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        names = {name.lower() for name, _ in headers}
        sets_cookie = b"set-cookie" in names
        no_store = path.startswith(NO_STORE_PREFIXES) or sets_cookie or _carries_code(headers)
        replaced = {b"x-content-type-options", b"referrer-policy", b"strict-transport-security"}
        if no_store:
            replaced.add(b"cache-control")
        kept = [(name, value) for name, value in headers if name.lower() not in replaced]
        added = [
            (b"content-security-policy", self.policy.encode("latin-1")),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin" if path.startswith("/oauth/") else b"strict-origin-when-cross-origin"),
        ]
        if self.https:
            added.append((b"strict-transport-security", f"max-age={ONE_YEAR}".encode()))
        if no_store:
            added.append((b"cache-control", b"no-store"))
        return kept + added
