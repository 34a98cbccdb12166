"""Small HTTP rules shared by routes and middleware: local redirects and same-origin checks."""

from __future__ import annotations

from urllib.parse import urlsplit

_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def safe_next(value: str | None) -> str:
    """Only a path on this site: never an open redirect to another origin."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


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
