"""Policy acknowledgment: a signed-in user sees what changed in a new version, once.

Users who joined after a version took effect agreed to that version when they joined,
so only people who knew an earlier version are asked.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from privacy_center.authz import Subject
from privacy_center.content.guidelines import Document, GuidelineLibrary, Kind
from privacy_center.i18n.locales import UiLocale
from privacy_center.models import PolicyAcknowledgment, User


class UnknownVersionError(LookupError):
    """The version to acknowledge is not the one in effect (stale tab, forged call)."""


def pending(
    *, session: Session, subject: Subject, library: GuidelineLibrary, locale: UiLocale, today: dt.date
) -> Document | None:
    """The version in effect if the subject has yet to acknowledge it, else ``None``."""
    current = library.current(Kind.FULL, locale, today=today)
    user = session.get(User, subject.user_id)
    if user is None:
        return None
    if len(library.versions(Kind.FULL, locale)) < 2 or user.created_at.date() >= current.meta.effective_on:
        return None
    done = session.exec(
        select(PolicyAcknowledgment.id).where(
            PolicyAcknowledgment.user_id == user.id,
            PolicyAcknowledgment.kind == Kind.FULL.value,
            PolicyAcknowledgment.version == current.version,
        )
    ).first()
    return None if done else current


def acknowledge(
    *, session: Session, subject: Subject, version: str, library: GuidelineLibrary, locale: UiLocale, now: dt.datetime
) -> PolicyAcknowledgment:
    """Record that the subject acknowledged ``version`` (the one in effect), once; repeats are no-ops."""
    current = library.current(Kind.FULL, locale, today=now.date())
    if version != current.version:
        raise UnknownVersionError(version)
    mine = select(PolicyAcknowledgment).where(
        PolicyAcknowledgment.user_id == subject.user_id,
        PolicyAcknowledgment.kind == Kind.FULL.value,
        PolicyAcknowledgment.version == version,
    )
    existing = session.exec(mine).first()
    if existing:
        return existing
    record = PolicyAcknowledgment(
        user_id=subject.user_id, kind=Kind.FULL.value, version=version, locale=locale.code, acknowledged_at=now
    )
    try:
        with session.begin_nested():  # a savepoint: a race with another tab loses nothing else
            session.add(record)
    except IntegrityError:
        return session.exec(mine).one()
    return record
