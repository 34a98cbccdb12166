"""Third-party apps operators register with the built-in provider, and their deletion webhooks."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from privacy_center.models import AppWebhookSecret, OAuthClient
from privacy_center.security.secrets import token_hash
from privacy_center.security.webhook_secrets import new_webhook_secret, seal
from privacy_center.services.scopes import SUPPORTED


class AppError(ValueError):
    """Input that cannot register an app; ``field`` says which."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(f"{field}: {problem}")


_LOOPBACK = ("localhost", "127.0.0.1", "::1")
_URL_LENGTH = 500  # OAuthClient.webhook_url's column


def _check_redirect_uri(uri: str) -> None:
    parts = urlsplit(uri)
    loopback = parts.hostname in _LOOPBACK
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
    )
    session.add(client)
    session.flush()
    return client, secret


def check_deletion_webhook(url: str, *, demo: bool) -> None:
    """Refuse a deletion endpoint the center must not send personal identifiers to.

    https only: the request carries the person's identifier at the app and is signed, not
    encrypted. Plain http only to this machine, and only in the demo (a developer trying
    it out). No user name or password in the URL: it is stored in clear.
    """
    field = "deletion_webhook"  # the messages never repeat the URL: it may carry a password
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise AppError(field, "is not a URL") from None
    loopback_http = demo and parts.scheme == "http" and parts.hostname in _LOOPBACK
    if parts.scheme != "https" and not loopback_http:
        raise AppError(field, "must be https (http only on localhost, in the demo)" if demo else "must be https")
    if not parts.hostname:
        raise AppError(field, "needs a host name")
    if parts.username or parts.password:
        raise AppError(field, "must not carry a user name or password (it would be stored in clear)")
    if parts.fragment:
        raise AppError(field, "must not have a #fragment")
    if len(url) > _URL_LENGTH:
        raise AppError(field, f"must be at most {_URL_LENGTH} characters")


def set_deletion_webhook(*, session: Session, client: OAuthClient, url: str, demo: bool) -> str:
    """Give ``client`` a deletion endpoint and a new signing secret; returns the secret (shown once).

    The secret is stored sealed (security/webhook_secrets.py), never in clear; a previous
    one is replaced, so webhooks signed from now on verify only with the new one.
    """
    check_deletion_webhook(url, demo=demo)
    secret = new_webhook_secret()
    sealed = seal(secret, client_id=client.client_id)
    client.webhook_url = url
    session.add(client)
    stored = session.get(AppWebhookSecret, client.id)
    if stored is None:
        session.add(AppWebhookSecret(client_id=client.id or 0, encrypted_secret=sealed))
    else:
        stored.encrypted_secret = sealed
        session.add(stored)
    session.flush()
    return secret


def find_app(*, session: Session, client_id: str) -> OAuthClient:
    """A registered app by client id, or :class:`AppError` naming it."""
    client = session.exec(select(OAuthClient).where(OAuthClient.client_id == client_id)).first()
    if client is None:
        raise AppError("client_id", f"no app {client_id!r} is registered")
    return client


def list_apps(*, session: Session) -> list[OAuthClient]:
    """Every registered app, oldest first."""
    return list(session.exec(select(OAuthClient).order_by(col(OAuthClient.id))))
