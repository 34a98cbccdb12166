"""Acknowledging a new guidelines version: who is asked, once, and which version counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select

from privacy_center.authz import Capability, Subject, Viewer, act_for
from privacy_center.content.guidelines import load_library
from privacy_center.i18n.locales import by_code
from privacy_center.models import PolicyAcknowledgment, User
from privacy_center.services.acknowledgments import UnknownVersionError, acknowledge, pending

ZH = by_code("zh_CN")
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)


def _subject(user: User) -> Subject:
    viewer = Viewer(
        user_id=user.id or 0, display_name="U", role="user", auth_time=NOW, session_id=1, preferred_locale=None
    )
    return act_for(viewer, user.id or 0, Capability.VIEW_FACTS, NOW)


def _user(db_session: Session, joined: dt.datetime) -> User:
    user = User(issuer="https://issuer.example", subject=str(joined.timestamp()), display_name="U", created_at=joined)
    db_session.add(user)
    db_session.flush()
    return user


def test_existing_user_is_asked_once(db_session: Session, fixture_content_dir: Path) -> None:
    library = load_library(fixture_content_dir)
    user = _user(db_session, dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    document = pending(session=db_session, subject=_subject(user), library=library, locale=ZH, today=NOW.date())
    assert document is not None
    assert document.version == "2.0"
    record = acknowledge(session=db_session, subject=_subject(user), version="2.0", library=library, locale=ZH, now=NOW)
    assert (record.version, record.locale, record.user_id) == ("2.0", "zh_CN", user.id)
    again = acknowledge(session=db_session, subject=_subject(user), version="2.0", library=library, locale=ZH, now=NOW)
    assert again.id == record.id
    assert len(db_session.exec(select(PolicyAcknowledgment)).all()) == 1
    assert pending(session=db_session, subject=_subject(user), library=library, locale=ZH, today=NOW.date()) is None


def test_user_who_joined_under_the_current_version_is_not_asked(db_session: Session, fixture_content_dir: Path) -> None:
    user = _user(db_session, dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    assert (
        pending(
            session=db_session,
            subject=_subject(user),
            library=load_library(fixture_content_dir),
            locale=ZH,
            today=NOW.date(),
        )
        is None
    )


def test_only_the_version_in_effect_can_be_acknowledged(db_session: Session, fixture_content_dir: Path) -> None:
    user = _user(db_session, dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(UnknownVersionError):
        acknowledge(
            session=db_session,
            subject=_subject(user),
            version="1.0",
            library=load_library(fixture_content_dir),
            locale=ZH,
            now=NOW,
        )
