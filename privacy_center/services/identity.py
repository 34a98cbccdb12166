"""Who a person is, whatever URL or provider signed them in.

A user is an internal id; each (issuer, subject) that signs them in is a
:class:`UserIdentity` row linked to it. The built-in provider's issuer is fixed for the
life of the installation (``PC_ISSUER``, else the public URL at first set-up, stored in
the database), so serving the same database under another URL finds the same people.
Every lookup of a person by issuer and subject goes through this module.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

import sqlalchemy as sa
from sqlmodel import Session, col, select

from privacy_center.db import savepoint
from privacy_center.models import InstallationSetting, User, UserIdentity
from privacy_center.settings import get_settings

ISSUER_KEY = "builtin_issuer"


def builtin_issuer(session: Session) -> str:
    """The built-in provider's issuer: ``PC_ISSUER``, else the one fixed at first set-up.

    A database set up before this rule (or by ``create_all`` in a test) fixes it now, on
    first use, to the current public URL: from then on it no longer follows the URL.
    """
    configured = get_settings().builtin_issuer
    if configured:
        return configured
    return fix_builtin_issuer(session)


def fix_builtin_issuer(session: Session) -> str:
    """Store the built-in issuer if none is stored yet; returns the stored one. Idempotent.

    An operator who sets ``PC_ISSUER`` on an installation that already has people renames
    the issuer: their identities at the built-in provider move to the new name here (at
    set-up), so they stay who they are.
    """
    configured = get_settings().builtin_issuer
    stored = session.get(InstallationSetting, ISSUER_KEY)
    if stored is not None and configured and stored.value != configured:
        session.execute(
            sa.update(UserIdentity).where(col(UserIdentity.issuer) == stored.value).values(issuer=configured)
        )
        stored.value = configured
        session.add(stored)
        session.flush()
    if stored is not None:
        return stored.value
    value = configured or get_settings().public_url
    try:
        with savepoint(session):  # a parallel first set-up may store it first
            session.add(InstallationSetting(key=ISSUER_KEY, value=value))
    except sa.exc.IntegrityError:
        pass
    stored = session.get(InstallationSetting, ISSUER_KEY, populate_existing=True)
    return stored.value if stored is not None else value


def user_by_identity(session: Session, *, issuer: str, subject: str) -> User | None:
    """The person ``subject`` at ``issuer`` signs in as, if known."""
    return session.exec(
        select(User).join(UserIdentity).where(UserIdentity.issuer == issuer, UserIdentity.subject == subject)
    ).first()


def user_ids_by_subject(session: Session, *, issuer: str, subjects: Iterable[str]) -> dict[str, int]:
    """Subject -> user id for those of ``subjects`` known at ``issuer`` (one query)."""
    rows = session.exec(
        select(UserIdentity.subject, UserIdentity.user_id).where(
            UserIdentity.issuer == issuer, col(UserIdentity.subject).in_(set(subjects))
        )
    ).all()
    return dict(rows)


def user_at_sign_in(session: Session, *, issuer: str, subject: str, display_name: str) -> User:
    """The person signing in, created with their identity at their first sign-in."""
    user = user_by_identity(session, issuer=issuer, subject=subject)
    if user is not None:
        return user
    user = User(display_name=display_name[:120])
    session.add(user)
    session.flush()
    link(session, user_id=user.id or 0, issuer=issuer, subject=subject)
    return user


def link(session: Session, *, user_id: int, issuer: str, subject: str) -> UserIdentity:
    """Attach one more identity to a person."""
    identity = UserIdentity(user_id=user_id, issuer=issuer, subject=subject)
    session.add(identity)
    session.flush()
    return identity


def new_builtin_identity(session: Session, *, user_id: int) -> UserIdentity:
    """A fresh, random, never reused subject at the built-in provider for a new account."""
    return link(session, user_id=user_id, issuer=builtin_issuer(session), subject=secrets.token_hex(16))


def public_subject(session: Session, user_id: int) -> str:
    """The person's subject at the built-in issuer: what the center and the events API know them by."""
    subject = session.exec(
        select(UserIdentity.subject)
        .where(UserIdentity.user_id == user_id, UserIdentity.issuer == builtin_issuer(session))
        .order_by(col(UserIdentity.id))
    ).first()
    if subject is None:
        msg = f"user {user_id} has no identity at the built-in provider"
        raise LookupError(msg)
    return subject
