"""A person's saved choices: today the language of their account."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from privacy_center.authz import Subject
from privacy_center.models import User
from privacy_center.services import audit


def save_locale(session: Session, *, subject: Subject, code: str, now: dt.datetime) -> bool:
    """Save ``code`` as the account's language; returns whether anything changed.

    The saved language outranks ``?lang=`` and ``Accept-Language`` and follows the person
    to every browser they sign in on. Saving the language already saved records nothing.
    """
    user = session.get(User, subject.user_id)
    if user is None or user.preferred_locale == code:
        return False
    user.preferred_locale = code
    session.add(user)
    audit.record(
        session, action=audit.AuditAction.LOCALE_SAVED, subject_user_id=subject.user_id,
        actor_user_id=subject.actor.user_id, details={"locale": code}, now=now,
    )  # fmt: skip
    return True
