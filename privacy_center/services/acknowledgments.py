"""Policy acknowledgment: a signed-in user sees what changed in a new version, once.

Users who joined after a version took effect agreed to that version when they joined,
so only people who knew an earlier version are asked. Not everyone is asked about the
same text: staff accounts acknowledge the guidelines on their own terms (their
employment), and a child under 14 is governed by the children's statement, so the
full guidelines' notice would speak to the wrong reader (see :func:`concerned_kind`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from privacy_center.authz import Subject
from privacy_center.content.guidelines import Document, GuidelineLibrary, Kind
from privacy_center.db import savepoint
from privacy_center.i18n.locales import UiLocale
from privacy_center.models import PolicyAcknowledgment, Role, User

# Under this age the children's statement governs the account (guardian consent).
CHILD_AGE = 14


class UnknownVersionError(LookupError):
    """The version to acknowledge is not the one in effect (stale tab, forged call)."""


def age_on(birth_date: dt.date, today: dt.date) -> int:
    """Whole years from ``birth_date`` to ``today`` (a 29 February birthday counts on 1 March)."""
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


def concerned_kind(*, role: str, birth_date: dt.date | None, today: dt.date) -> Kind | None:
    """Which guidelines text a person is asked to acknowledge; ``None`` for nobody's notice.

    Staff (agents, operators) are bound by their employment terms, not by the banner;
    a child reads the children's statement; everyone else the full guidelines. A missing
    birth date counts as an adult: the platform asks for it at registration, and an
    account without one was never flagged as a child anywhere else either.
    """
    if role in (Role.AGENT.value, Role.OPERATOR.value):
        return None
    if birth_date is not None and age_on(birth_date, today) < CHILD_AGE:
        return Kind.CHILDREN
    return Kind.FULL


def _concerned(user: User, today: dt.date) -> Kind | None:
    return concerned_kind(role=user.role, birth_date=user.birth_date, today=today)


def pending(
    *, session: Session, subject: Subject, library: GuidelineLibrary, locale: UiLocale, today: dt.date
) -> Document | None:
    """The version in effect of the text that concerns the subject, if yet to be acknowledged, else ``None``."""
    user = session.get(User, subject.user_id)
    if user is None:
        return None
    kind = _concerned(user, today)
    if kind is None or not library.versions(kind, locale):
        return None
    current = library.current(kind, locale, today=today)
    if len(library.versions(kind, locale)) < 2 or user.created_at.date() >= current.meta.effective_on:
        return None
    done = session.exec(
        select(PolicyAcknowledgment.id).where(
            PolicyAcknowledgment.user_id == user.id,
            PolicyAcknowledgment.kind == kind.value,
            PolicyAcknowledgment.version == current.version,
        )
    ).first()
    return None if done else current


def acknowledge(
    *, session: Session, subject: Subject, version: str, library: GuidelineLibrary, locale: UiLocale, now: dt.datetime
) -> PolicyAcknowledgment:
    """Record that the subject acknowledged ``version`` (the one in effect), once; repeats are no-ops.

    The text is the one that concerns the subject (:func:`concerned_kind`); someone no
    notice concerns has nothing to acknowledge here (a forged call): refused like a
    stale version.
    """
    user = session.get(User, subject.user_id)
    kind = _concerned(user, now.date()) if user is not None else None
    if kind is None or not library.versions(kind, locale):
        raise UnknownVersionError(version)
    current = library.current(kind, locale, today=now.date())
    if version != current.version:
        raise UnknownVersionError(version)
    mine = select(PolicyAcknowledgment).where(
        PolicyAcknowledgment.user_id == subject.user_id,
        PolicyAcknowledgment.kind == kind.value,
        PolicyAcknowledgment.version == version,
    )
    existing = session.exec(mine).first()
    if existing:
        return existing
    record = PolicyAcknowledgment(
        user_id=subject.user_id, kind=kind.value, version=version, locale=locale.code, acknowledged_at=now
    )
    try:
        with savepoint(session):  # a savepoint: a race with another tab loses nothing else
            session.add(record)
    except IntegrityError:
        return session.exec(mine).one()
    return record
