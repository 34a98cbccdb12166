"""The provider's signing keys: created on first use, kept in the database for every worker.

ID tokens are signed RS256 with the newest key; the JWKS lists every key not retired,
so tokens signed before a rotation still verify.
"""

from __future__ import annotations

import json

from joserfc.jwk import RSAKey
from sqlmodel import Session, col, select

from privacy_center.models import SigningKey

ALGORITHM = "RS256"


def _new_key() -> RSAKey:
    key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": ALGORITHM})
    key.ensure_kid()
    return key


def signing_key(*, session: Session) -> RSAKey:
    """The key to sign with now; generated and stored the first time."""
    row = session.exec(
        select(SigningKey).where(col(SigningKey.retired_at).is_(None)).order_by(col(SigningKey.id).desc())
    ).first()
    if row is None:
        key = _new_key()
        row = SigningKey(kid=key.kid or "", private_jwk=json.dumps(key.as_dict(private=True)))
        session.add(row)
        session.flush()
    return RSAKey.import_key(json.loads(row.private_jwk))


def public_jwks(*, session: Session) -> dict:
    """The JWKS document: public halves of every key not retired."""
    signing_key(session=session)  # a fresh deployment publishes a key before the first token
    rows = session.exec(select(SigningKey).where(col(SigningKey.retired_at).is_(None))).all()
    keys = [RSAKey.import_key(json.loads(r.private_jwk)).as_dict(private=False) for r in rows]
    return {"keys": keys}
