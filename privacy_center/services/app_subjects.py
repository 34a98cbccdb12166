"""The ``sub`` each app knows a person by: public for the center, pairwise for the rest.

Two third-party apps comparing notes cannot join a person by subject (OpenID Connect Core
8.1). The center itself keeps the public subject: it finds its users by it.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from privacy_center.db import savepoint
from privacy_center.models import OAuthClient, PairwiseSubject, User
from privacy_center.services.identity import public_subject
from privacy_center.settings import get_settings


def is_first_party(client: OAuthClient) -> bool:
    """The privacy center itself: no consent screen, and the public subject."""
    return client.client_id == get_settings().oidc_client_id


def subject_for(*, session: Session, user: User, client: OAuthClient) -> str:
    """The subject ``client`` knows ``user`` by; created (random, stored) on first use."""
    if is_first_party(client):
        return public_subject(session, user.id or 0)
    known = session.exec(_query(user, client)).first()
    if known is not None:
        return known
    try:
        # A savepoint: a parallel first sign-in at the same app may insert the row first.
        with savepoint(session):
            session.add(PairwiseSubject(user_id=user.id or 0, client_id=client.id or 0, subject=secrets.token_hex(16)))
    except sa.exc.IntegrityError:
        pass
    return session.exec(_query(user, client)).one()


def _query(user: User, client: OAuthClient) -> SelectOfScalar[str]:
    return select(PairwiseSubject.subject).where(
        PairwiseSubject.user_id == user.id, PairwiseSubject.client_id == client.id
    )
