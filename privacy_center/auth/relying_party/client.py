"""The Authlib client for the configured issuer, found by discovery only.

With the built-in provider the client reaches it in-process (an ASGI transport on the
same app) instead of opening an HTTP connection to itself; an external provider is
reached over HTTP.
"""

from __future__ import annotations

import httpx
from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App

from privacy_center.caches import process_wide
from privacy_center.services.center_client import SCOPES, center_client_secret
from privacy_center.settings import get_settings

_transport: httpx.AsyncBaseTransport | None = None


def use_transport(transport: httpx.AsyncBaseTransport | None) -> None:
    """Reach the provider through ``transport`` (the built-in one, in-process)."""
    global _transport
    _transport = transport
    center_client.cache_clear()


def discovery_base() -> str:
    """Where the provider's metadata is read: the external issuer, or our own public URL.

    The built-in provider's issuer is a stable name (services/identity.py), not
    necessarily where it is served today; its metadata names that issuer.
    """
    settings = get_settings()
    return settings.oidc_issuer.rstrip("/") if settings.oidc_issuer else settings.public_url


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
        server_metadata_url=f"{discovery_base()}/.well-known/openid-configuration",
        client_kwargs=kwargs,
    )
