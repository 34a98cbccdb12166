"""The secrets apps' deletion webhooks are signed with: made, sealed for storage, used to sign.

A webhook secret is shown to the developer once, at registration. The center must sign
every later webhook with it, so it cannot keep only a hash: it is stored AES-256-GCM
encrypted with a key derived from ``PC_SECRET_KEY`` (like the provider's signing keys),
the app's client id as associated data so a sealed secret cannot be moved to another app.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from privacy_center.security.secrets import derived_secret
from privacy_center.settings import get_settings

SECRET_PREFIX = "whsec_"  # noqa: S105 - a label that tells a developer what the value is, not a secret
SIGNATURE_VERSION = "v1"
_SEALED_PREFIX = "aesgcm1:"
_NONCE_BYTES = 12


class WebhookSecretUnreadableError(RuntimeError):
    """A sealed secret cannot be decrypted: ``PC_SECRET_KEY`` is not the one it was sealed with."""

    def __init__(self, client_id: str) -> None:
        super().__init__(
            f"The deletion webhook secret of app {client_id} cannot be decrypted with the current "
            "PC_SECRET_KEY. Restore the key it was sealed with, or register the app's webhook again."
        )


def new_webhook_secret() -> str:
    """A fresh secret (256 bits), prefixed so it is recognisable in a developer's configuration."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def _cipher() -> AESGCM:
    secret = get_settings().secret_key.get_secret_value()
    return AESGCM(bytes.fromhex(derived_secret(secret, "webhook-secret-encryption")))


def seal(secret: str, *, client_id: str) -> str:
    """The secret encrypted for storage, bound to ``client_id``."""
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = nonce + _cipher().encrypt(nonce, secret.encode("utf-8"), client_id.encode("utf-8"))
    return _SEALED_PREFIX + base64.urlsafe_b64encode(sealed).decode("ascii")


def unseal(stored: str, *, client_id: str) -> str:
    """The secret back from :func:`seal`'s output (only for the same ``client_id``)."""
    if not stored.startswith(_SEALED_PREFIX):
        raise WebhookSecretUnreadableError(client_id)
    raw = base64.urlsafe_b64decode(stored.removeprefix(_SEALED_PREFIX))
    try:
        return _cipher().decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], client_id.encode("utf-8")).decode("utf-8")
    except InvalidTag:
        raise WebhookSecretUnreadableError(client_id) from None


def signature(secret: str, *, timestamp: str, body: bytes) -> str:
    """The ``X-Privacy-Center-Signature`` value: ``v1=`` and hex HMAC-SHA256 over ``{timestamp}.{body}``."""
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return f"{SIGNATURE_VERSION}={digest}"
