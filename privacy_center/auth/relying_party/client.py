"""The Authlib client for the configured issuer, found by discovery only.

With the built-in provider the client reaches it in-process (an ASGI transport on the
same app) instead of opening an HTTP connection to itself; an external provider is
reached over HTTP.
"""

from __future__ import annotations

import httpx
from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App

from privacy_center.auth.center_client import SCOPES, center_client_secret
from privacy_center.caches import process_wide
from privacy_center.settings import get_settings

_transport: httpx.AsyncBaseTransport | None = None


def use_transport(transport: httpx.AsyncBaseTransport | None) -> None:
    """Reach the provider through ``transport`` (the built-in one, in-process)."""
    global _transport
    _transport = transport
    center_client.cache_clear()


@process_wide
def center_client() -> StarletteOAuth2App:
    """The client for the configured issuer."""
    settings = get_settings()
    transport = _transport
    oauth = OAuth()
    kwargs: dict = {"scope": SCOPES, "code_challenge_method": "S256", "timeout": 10}
    if transport is not None:
        kwargs["transport"] = transport
    return oauth.register(
        name="center",
        client_id=settings.oidc_client_id,
        client_secret=center_client_secret(),
        server_metadata_url=f"{settings.issuer}/.well-known/openid-configuration",
        client_kwargs=kwargs,
    )
