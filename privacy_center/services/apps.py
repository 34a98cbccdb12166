"""Third-party apps operators register with the built-in provider."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from privacy_center.models import OAuthClient
from privacy_center.security.secrets import token_hash
from privacy_center.services.scopes import SUPPORTED


class AppError(ValueError):
    """Input that cannot register an app; ``field`` says which."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(f"{field}: {problem}")


def _check_redirect_uri(uri: str) -> None:
    parts = urlsplit(uri)
    loopback = parts.hostname in ("localhost", "127.0.0.1", "::1")
    if parts.fragment or not parts.hostname or (parts.scheme != "https" and not (parts.scheme == "http" and loopback)):
        raise AppError("redirect_uri", f"{uri!r} must be https (http only on localhost) and have no #fragment")


def register_app(
    *,
    session: Session,
    name: str,
    developer: str,
    redirect_uris: list[str],
    scopes: list[str],
    public: bool = False,
    webhook_url: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
) -> tuple[OAuthClient, str | None]:
    """Register an app; returns it and its secret (shown once; only a hash is stored)."""
    if not name.strip() or not developer.strip():
        raise AppError("name" if not name.strip() else "developer", "must not be empty")
    if not redirect_uris:
        raise AppError("redirect_uri", "at least one is needed")
    for uri in redirect_uris:
        _check_redirect_uri(uri)
    unknown = [s for s in scopes if s not in SUPPORTED]
    if unknown or "openid" not in scopes:
        raise AppError("scope", f"must include openid; supported: {' '.join(SUPPORTED)}")
    client_id = client_id or f"app-{secrets.token_hex(8)}"
    if session.exec(select(OAuthClient).where(OAuthClient.client_id == client_id)).first():
        raise AppError("client_id", "already registered")
    secret = None if public else (client_secret or secrets.token_urlsafe(32))
    client = OAuthClient(
        client_id=client_id,
        client_secret_hash=token_hash(secret) if secret else None,
        name=name.strip(),
        developer=developer.strip(),
        redirect_uris="\n".join(redirect_uris),
        scope=" ".join(dict.fromkeys(scopes)),
        token_endpoint_auth_method="none" if public else "client_secret_basic",
        webhook_url=webhook_url,
    )
    session.add(client)
    session.flush()
    return client, secret


def list_apps(*, session: Session) -> list[OAuthClient]:
    """Every registered app, oldest first."""
    return list(session.exec(select(OAuthClient).order_by(col(OAuthClient.id))))
