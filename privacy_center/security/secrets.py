"""Random tokens and their hashes: what goes to a browser never sits in the database."""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    """A URL-safe random token (256 bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The SHA-256 of a token, hex: what the database stores and looks up by."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def derived_secret(secret_key: str, purpose: str) -> str:
    """A secret for one purpose derived from the deployment's key (HMAC-SHA256)."""
    return hmac.new(secret_key.encode("utf-8"), purpose.encode("utf-8"), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time comparison of two secrets."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
