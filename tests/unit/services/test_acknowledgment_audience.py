"""Who the "guidelines changed" notice concerns: not staff, and a child reads the children's statement."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select

from privacy_center.authz import Capability, Subject, Viewer, act_for
from privacy_center.content.guidelines import GuidelineLibrary, Kind, load_library
from privacy_center.i18n.locales import by_code
from privacy_center.models import PolicyAcknowledgment, Role, User
from privacy_center.services.acknowledgments import (
    UnknownVersionError,
    acknowledge,
    age_on,
    concerned_kind,
    pending,
)
from tests.unit.factories import make_document

ZH = by_code("zh_CN")
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
TODAY = NOW.date()
JOINED_LONG_AGO = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _person(db_session: Session, *, role: Role = Role.USER, birth_date: dt.date | None = None) -> Subject:
    user = User(display_name="P", role=role.value, birth_date=birth_date, created_at=JOINED_LONG_AGO)
    db_session.add(user)
    db_session.flush()
    viewer = Viewer(
        user_id=user.id or 0, display_name="P", role=role.value, auth_time=NOW, session_id=1, preferred_locale=None
    )
    return act_for(viewer, user.id or 0, Capability.VIEW_FACTS, NOW)


def _with_two_children_statements(library: GuidelineLibrary, folder: Path) -> GuidelineLibrary:
    """The fixture library plus a second children's statement in effect since October."""
    first = make_document(folder / "1", "## Scope {#scope}\n\nIntro.\n", locale=ZH, kind=Kind.CHILDREN, version="1.0",
                          effective_on=dt.date(2025, 1, 1), last_updated=dt.date(2025, 1, 1))  # fmt: skip
    second = make_document(folder / "2", "## Scope {#scope}\n\nIntro, revised.\n", locale=ZH, kind=Kind.CHILDREN, version="2.0",
                           effective_on=dt.date(2026, 10, 1), last_updated=dt.date(2026, 10, 1))  # fmt: skip
    documents = {**library.documents, (Kind.CHILDREN, ZH.code): [first, second]}
    return dataclasses.replace(library, documents=documents)


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (dt.date(2012, 11, 23), 13),  # 14th birthday tomorrow
        (dt.date(2012, 11, 22), 14),  # 14th birthday today
        (dt.date(2012, 2, 29), 14),  # leap-day birthday, already past in November
        (dt.date(1990, 12, 31), 35),
    ],
)
def test_age_counts_whole_years(born: dt.date, expected: int) -> None:
    assert age_on(born, TODAY) == expected


@pytest.mark.parametrize(
    ("role", "born", "expected"),
    [
        (Role.USER, dt.date(1990, 1, 1), Kind.FULL),
        (Role.USER, None, Kind.FULL),  # no birth date given: treated as an adult
        (Role.USER, dt.date(2012, 11, 23), Kind.CHILDREN),  # 13 until tomorrow
        (Role.USER, dt.date(2012, 11, 22), Kind.FULL),  # 14 today
        (Role.AGENT, dt.date(1990, 1, 1), None),
        (Role.OPERATOR, None, None),
        (Role.AGENT, dt.date(2015, 1, 1), None),  # a staff account is never a child's notice either
    ],
)
def test_concerned_kind(role: Role, born: dt.date | None, expected: Kind | None) -> None:
    assert concerned_kind(role=role.value, birth_date=born, today=TODAY) is expected


@pytest.mark.parametrize("role", [Role.AGENT, Role.OPERATOR])
def test_staff_are_not_asked(db_session: Session, fixture_content_dir: Path, role: Role) -> None:
    library = load_library(fixture_content_dir)
    staff = _person(db_session, role=role, birth_date=dt.date(1990, 1, 1))
    adult = _person(db_session)
    assert pending(session=db_session, subject=staff, library=library, locale=ZH, today=TODAY) is None
    # The same history makes an ordinary user pending: the refusal is the role's doing.
    found = pending(session=db_session, subject=adult, library=library, locale=ZH, today=TODAY)
    assert found is not None
    assert found.version == "2.0"


def test_staff_cannot_record_an_acknowledgment(db_session: Session, fixture_content_dir: Path) -> None:
    agent = _person(db_session, role=Role.AGENT)
    with pytest.raises(UnknownVersionError):
        acknowledge(session=db_session, subject=agent, version="2.0",
                    library=load_library(fixture_content_dir), locale=ZH, now=NOW)  # fmt: skip
    assert db_session.exec(select(PolicyAcknowledgment)).all() == []


def test_a_child_is_not_shown_the_full_guidelines(db_session: Session, fixture_content_dir: Path) -> None:
    """One children's statement (as shipped): nothing changed for a child, so no notice."""
    library = load_library(fixture_content_dir)
    assert len(library.versions(Kind.CHILDREN, ZH)) == 1
    child = _person(db_session, birth_date=dt.date(2015, 6, 1))
    assert pending(session=db_session, subject=child, library=library, locale=ZH, today=TODAY) is None


def test_a_child_is_asked_about_a_new_childrens_statement(
    db_session: Session, fixture_content_dir: Path, tmp_path: Path
) -> None:
    library = _with_two_children_statements(load_library(fixture_content_dir), tmp_path)
    child = _person(db_session, birth_date=dt.date(2015, 6, 1))
    found = pending(session=db_session, subject=child, library=library, locale=ZH, today=TODAY)
    assert found is not None
    assert (found.kind, found.version) == (Kind.CHILDREN, "2.0")
    record = acknowledge(session=db_session, subject=child, version="2.0", library=library, locale=ZH, now=NOW)
    assert (record.kind, record.version) == (Kind.CHILDREN.value, "2.0")
    assert pending(session=db_session, subject=child, library=library, locale=ZH, today=TODAY) is None
    # The full guidelines' 2.0 is no acknowledgment of the child's: nothing recorded for it.
    kinds = db_session.exec(select(PolicyAcknowledgment.kind)).all()
    assert kinds == [Kind.CHILDREN.value]


def test_an_adult_acknowledges_the_full_guidelines_not_the_childrens(
    db_session: Session, fixture_content_dir: Path, tmp_path: Path
) -> None:
    library = _with_two_children_statements(load_library(fixture_content_dir), tmp_path)
    adult = _person(db_session, birth_date=dt.date(1990, 6, 1))
    found = pending(session=db_session, subject=adult, library=library, locale=ZH, today=TODAY)
    assert found is not None
    assert found.kind is Kind.FULL
    record = acknowledge(session=db_session, subject=adult, version="2.0", library=library, locale=ZH, now=NOW)
    assert record.kind == Kind.FULL.value
