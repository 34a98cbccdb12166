"""The privacy center as a first-party client of the built-in provider.

Its secret is derived from the deployment's key, so the embedded default needs no
configuration: the provider stores its hash, the relying party derives it again.
"""

from __future__ import annotations

from sqlmodel import Session, select

from privacy_center.models import OAuthClient
from privacy_center.security.secrets import derived_secret, token_hash
from privacy_center.settings import get_settings

SCOPES = "openid profile email phone"


def center_client_secret() -> str:
    """The client secret: configured for an external provider, derived for the built-in one."""
    settings = get_settings()
    if not settings.uses_builtin_provider:
        return settings.oidc_client_secret.get_secret_value() if settings.oidc_client_secret else ""
    return derived_secret(settings.secret_key.get_secret_value(), "privacy-center-client")


def callback_url() -> str:
    """Where the provider sends the browser back to."""
    return f"{get_settings().public_url}/auth/callback"


def ensure_center_client(*, session: Session) -> OAuthClient:
    """Register the center at the built-in provider, or bring its registration up to date.

    Idempotent, and writes nothing when nothing changed: it runs at set-up and at every
    start of the app, which is how a new ``PC_PUBLIC_URL`` reaches the redirect URI.
    """
    settings = get_settings()
    row = session.exec(select(OAuthClient).where(OAuthClient.client_id == settings.oidc_client_id)).first()
    if row is None:
        row = OAuthClient(
            client_id=settings.oidc_client_id, name="Privacy Center", developer="Lattice", redirect_uris="", scope=""
        )
    wanted = {
        "client_secret_hash": token_hash(center_client_secret()),
        "redirect_uris": callback_url(),
        "scope": SCOPES,
        "token_endpoint_auth_method": "client_secret_basic",
    }
    if row.id is not None and all(getattr(row, name) == value for name, value in wanted.items()):
        return row
    for name, value in wanted.items():
        setattr(row, name, value)
    session.add(row)
    session.flush()
    return row
