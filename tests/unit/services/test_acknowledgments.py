"""Acknowledging a new guidelines version: who is asked, once, and which version counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, SQLModel, select

from privacy_center.content.guidelines import load_library
from privacy_center.db import make_engine
from privacy_center.i18n.locales import by_code
from privacy_center.models import PolicyAcknowledgment, User
from privacy_center.services.acknowledgments import UnknownVersionError, acknowledge, pending

ZH = by_code("zh_CN")
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'ack.db'}")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as db:
        yield db
    engine.dispose()


def _user(session: Session, joined: dt.datetime) -> User:
    user = User(issuer="https://issuer.example", subject=str(joined.timestamp()), display_name="U", created_at=joined)
    session.add(user)
    session.flush()
    return user


def test_existing_user_is_asked_once(session: Session, fixture_content_dir: Path) -> None:
    library = load_library(fixture_content_dir)
    user = _user(session, dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    document = pending(session=session, user=user, library=library, locale=ZH, today=NOW.date())
    assert document is not None
    assert document.version == "2.0"
    record = acknowledge(session=session, user=user, version="2.0", library=library, locale=ZH, now=NOW)
    assert (record.version, record.locale, record.user_id) == ("2.0", "zh_CN", user.id)
    again = acknowledge(session=session, user=user, version="2.0", library=library, locale=ZH, now=NOW)
    assert again.id == record.id
    assert len(session.exec(select(PolicyAcknowledgment)).all()) == 1
    assert pending(session=session, user=user, library=library, locale=ZH, today=NOW.date()) is None


def test_user_who_joined_under_the_current_version_is_not_asked(session: Session, fixture_content_dir: Path) -> None:
    user = _user(session, dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    assert (
        pending(session=session, user=user, library=load_library(fixture_content_dir), locale=ZH, today=NOW.date())
        is None
    )


def test_only_the_version_in_effect_can_be_acknowledged(session: Session, fixture_content_dir: Path) -> None:
    user = _user(session, dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(UnknownVersionError):
        acknowledge(
            session=session, user=user, version="1.0", library=load_library(fixture_content_dir), locale=ZH, now=NOW
        )
