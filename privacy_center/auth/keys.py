"""The provider's signing keys: created on first use, kept in the database for every worker.

ID tokens are signed RS256 with the newest key. The private half is stored encrypted
(AES-256-GCM, a key derived from ``PC_SECRET_KEY``, the kid as associated data so a
ciphertext cannot be moved to another row); the public half is stored in clear, so the
JWKS is served without decrypting anything. ``rotate`` retires the current key: a retired
key signs nothing more but stays in the JWKS until every ID token it signed has expired,
then it is deleted.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from joserfc.jwk import RSAKey
from sqlmodel import Session, col, or_, select

from privacy_center.models import SigningKey
from privacy_center.models.base import utcnow
from privacy_center.security.secrets import derived_secret
from privacy_center.settings import get_settings

ALGORITHM = "RS256"
ID_TOKEN_LIFETIME = 600  # seconds an ID token is valid
# A retired key verifies what it signed until those tokens expire, plus the clock leeway
# relying parties allow (Authlib's default is 120 s).
RETIRED_KEY_GRACE = dt.timedelta(seconds=ID_TOKEN_LIFETIME + 120)
_SEALED_PREFIX = "aesgcm1:"
_NONCE_BYTES = 12
_CACHE_KEY = "pc_signing_key"


class SigningKeyUnreadableError(RuntimeError):
    """A stored private key cannot be decrypted: ``PC_SECRET_KEY`` is not the one it was sealed with."""

    def __init__(self, kid: str) -> None:
        super().__init__(
            f"The provider's signing key {kid} cannot be decrypted with the current PC_SECRET_KEY. "
            "Restore the PC_SECRET_KEY it was encrypted with, or run "
            "`python -m privacy_center keys rotate` to start signing with a new key."
        )


def _cipher() -> AESGCM:
    secret = get_settings().secret_key.get_secret_value()
    return AESGCM(bytes.fromhex(derived_secret(secret, "signing-key-encryption")))


def seal(private_jwk: str, *, kid: str) -> str:
    """The private JWK (JSON) encrypted for storage."""
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = nonce + _cipher().encrypt(nonce, private_jwk.encode("utf-8"), kid.encode("utf-8"))
    return _SEALED_PREFIX + base64.urlsafe_b64encode(sealed).decode("ascii")


def unseal(stored: str, *, kid: str) -> str:
    """The private JWK (JSON) back from :func:`seal`'s output."""
    if not stored.startswith(_SEALED_PREFIX):
        raise SigningKeyUnreadableError(kid)
    raw = base64.urlsafe_b64decode(stored.removeprefix(_SEALED_PREFIX))
    try:
        return _cipher().decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], kid.encode("utf-8")).decode("utf-8")
    except InvalidTag:
        raise SigningKeyUnreadableError(kid) from None


def _new_key(session: Session) -> SigningKey:
    key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": ALGORITHM})
    key.ensure_kid()
    kid = key.kid or ""
    row = SigningKey(
        kid=kid,
        public_jwk=json.dumps(key.as_dict(private=False)),
        encrypted_private_jwk=seal(json.dumps(key.as_dict(private=True)), kid=kid),
    )
    session.add(row)
    session.flush()
    return row


def _current_row(session: Session) -> SigningKey | None:
    return session.exec(
        select(SigningKey).where(col(SigningKey.retired_at).is_(None)).order_by(col(SigningKey.id).desc())
    ).first()


def signing_key(*, session: Session) -> RSAKey:
    """The key to sign with now; generated and stored the first time.

    Kept for the rest of the database session: one ID token asks for it twice (its
    header's kid, then the signature), and a rotation in between must not split them.
    """
    if (cached := session.info.get(_CACHE_KEY)) is not None:
        return cached
    row = _current_row(session) or _new_key(session)
    key = RSAKey.import_key(json.loads(unseal(row.encrypted_private_jwk, kid=row.kid)))
    session.info[_CACHE_KEY] = key
    return key


def public_jwks(*, session: Session) -> dict:
    """The JWKS document: the current key and every retired key whose tokens may still be live."""
    if _current_row(session) is None:  # a fresh deployment publishes a key before the first token
        _new_key(session)
    still_verifying = utcnow() - RETIRED_KEY_GRACE
    rows = session.exec(
        select(SigningKey)
        .where(or_(col(SigningKey.retired_at).is_(None), col(SigningKey.retired_at) > still_verifying))
        .order_by(col(SigningKey.id).desc())
    ).all()
    return {"keys": [json.loads(row.public_jwk) for row in rows]}


def rotate(*, session: Session, now: dt.datetime) -> dict:
    """Retire the current key, start signing with a new one, delete keys no token needs any more.

    Works even when the old keys cannot be decrypted (``PC_SECRET_KEY`` changed): only
    their public halves are read.
    """
    session.info.pop(_CACHE_KEY, None)
    retired = []
    for row in session.exec(select(SigningKey).where(col(SigningKey.retired_at).is_(None))).all():
        row.retired_at = now
        session.add(row)
        retired.append(row.kid)
    deleted = []
    for row in session.exec(select(SigningKey).where(col(SigningKey.retired_at) <= now - RETIRED_KEY_GRACE)).all():
        session.delete(row)
        deleted.append(row.kid)
    current = _new_key(session)
    return {"current": current.kid, "retired": retired, "deleted": deleted}
