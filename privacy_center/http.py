"""Small HTTP rules shared by routes and middleware.

Local redirects, same-origin checks and the client's address behind trusted proxies.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from starlette.requests import Request

from privacy_center.settings import get_settings

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


def same_origin(request: Request) -> bool:
    """A state-changing request sent by the center's own pages.

    Browsers send ``Origin`` with every POST; ``Referer`` is consulted only when it is
    absent (some privacy tools strip it). Neither header: refused.
    """
    settings = get_settings()
    origin = request.headers.get("origin")
    if not origin and (referer := request.headers.get("referer")):
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    return origin_allowed(origin, settings.public_url, allow_loopback_aliases=settings.env == "demo")


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_address(request: Request) -> str:
    """The address of whoever sent the request, for throttling and the access log.

    ``X-Forwarded-For`` is anyone's to write, so it counts only when the socket peer is a
    proxy listed in ``PC_TRUSTED_PROXIES``; then the right-most hop that is not one of our
    proxies is the client (the hops to its left were written by the client itself).
    """
    peer = request.client.host if request.client else "unknown"
    trusted = get_settings().trusted_proxies

    def is_trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
        return address is not None and any(address in network for network in trusted)

    if not is_trusted(_address(peer)):
        return peer
    hops = [hop.strip() for hop in ",".join(request.headers.getlist("x-forwarded-for")).split(",") if hop.strip()]
    client = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # garbage a proxy passed on: stop at the last hop we can vouch for
            break
        client = str(address)
        if not is_trusted(address):
            break
    return client
