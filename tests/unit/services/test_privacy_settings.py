"""Privacy settings: defaults, a change recorded with old and new value, stale writers told, GPC."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select

from privacy_center.authz import Capability, Subject, Viewer, act_for
from privacy_center.content.settings_catalogue import CatalogueFile, load_catalogue
from privacy_center.models import AuditEntry, PrivacySetting, User
from privacy_center.services import privacy_settings as settings
from privacy_center.services.privacy_settings import (
    InvalidSettingValueError,
    StaleSettingError,
    UnknownSettingError,
)
from tests.unit.factories import make_person

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
CONTENT = Path(__file__).parents[3] / "content"


@pytest.fixture
def catalogue() -> CatalogueFile:
    return load_catalogue(CONTENT).default


def _subject(user: User) -> Subject:
    viewer = Viewer(
        user_id=user.id or 0, display_name="A", role="user", auth_time=NOW, session_id=1, preferred_locale=None
    )
    return act_for(viewer, user.id or 0, Capability.CHANGE_SETTINGS, NOW)


def _change(db: Session, who: Subject, catalogue: CatalogueFile, key: str, value: str, version: int, **kw: object):
    return settings.change(
        db, subject=who, catalogue=catalogue, key=key, value=value, expected_version=version, client="web", now=NOW,
        **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _history(db: Session) -> list[dict]:
    return [entry.details for entry in db.exec(select(AuditEntry).order_by(AuditEntry.id)).all()]


def test_defaults_until_changed_and_device_permissions_are_not_served(db_session: Session, catalogue) -> None:
    who = _subject(make_person(db_session, "ana"))
    values = settings.settings_of(db_session, subject=who, catalogue=catalogue)
    assert values["ads.personalized"].value == "on"
    assert values["ads.personalized"].version == 0
    assert values["recommendations.nearby"].value == "off"
    assert "device.camera" not in values


def test_a_change_is_kept_and_goes_to_the_access_history(db_session: Session, catalogue) -> None:
    who = _subject(make_person(db_session, "ana"))
    changed = _change(db_session, who, catalogue, "recommendations.feed", "off", 0)
    assert (changed.value, changed.version, changed.source) == ("off", 1, "person")
    again = _change(db_session, who, catalogue, "friends.posts_visible_for", "last_3_days", 0)
    assert again.value == "last_3_days"
    assert settings.settings_of(db_session, subject=who, catalogue=catalogue)["recommendations.feed"].value == "off"
    assert _history(db_session) == [
        {"setting": "recommendations.feed", "old": "on", "new": "off", "by": "person"},
        {"setting": "friends.posts_visible_for", "old": "everyone", "new": "last_3_days", "by": "person"},
    ]


def test_a_stale_writer_is_told_and_gets_the_current_value(db_session: Session, catalogue) -> None:
    who = _subject(make_person(db_session, "ana"))
    _change(db_session, who, catalogue, "ads.personalized", "off", 0)  # the first tab
    _change(db_session, who, catalogue, "friends.find_by_phone", "off", 0)  # the second: another setting, fine
    with pytest.raises(StaleSettingError) as raised:  # the second tab still saw ads at version 0, "on"
        _change(db_session, who, catalogue, "ads.personalized", "on", 0)
    assert (raised.value.current.value, raised.value.current.version) == ("off", 1)
    assert db_session.get(PrivacySetting, (who.user_id, "ads.personalized")).value == "off"  # type: ignore[union-attr]


def test_asking_for_the_value_it_already_has_changes_and_records_nothing(db_session: Session, catalogue) -> None:
    who = _subject(make_person(db_session, "ana"))
    _change(db_session, who, catalogue, "ads.personalized", "off", 0)
    same = _change(db_session, who, catalogue, "ads.personalized", "off", 0)  # another tab, same wish
    assert same.version == 1
    assert len(_history(db_session)) == 1


@pytest.mark.parametrize(
    ("key", "value", "error"),
    [
        ("ads.unknown", "on", UnknownSettingError),
        ("device.camera", "on", UnknownSettingError),  # the phone decides, not the center
        ("ads.personalized", "maybe", InvalidSettingValueError),
        ("friends.posts_visible_for", "on", InvalidSettingValueError),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    db_session: Session, catalogue, key: str, value: str, error: type
) -> None:
    who = _subject(make_person(db_session, "ana"))
    with pytest.raises(error):
        _change(db_session, who, catalogue, key, value, 0)
    assert db_session.exec(select(PrivacySetting)).all() == []
    assert _history(db_session) == []


def test_gpc_opts_out_once_and_is_recorded_as_the_browsers(db_session: Session, catalogue) -> None:
    who = _subject(make_person(db_session, "ana"))
    changed = settings.apply_gpc(db_session, subject=who, catalogue=catalogue, client="web", now=NOW)
    assert {c.key for c in changed} == {"ads.personalized", "ads.share_for_advertising"}
    values = settings.settings_of(db_session, subject=who, catalogue=catalogue)
    assert settings.honours_gpc(values, catalogue)
    assert {d["by"] for d in _history(db_session)} == {"gpc"}
    assert settings.apply_gpc(db_session, subject=who, catalogue=catalogue, client="web", now=NOW) == []


def test_a_choice_made_against_gpc_is_not_undone_by_it(db_session: Session, catalogue) -> None:
    who = _subject(make_person(db_session, "ana"))
    settings.apply_gpc(db_session, subject=who, catalogue=catalogue, client="web", now=NOW)
    _change(db_session, who, catalogue, "ads.personalized", "on", 1, gpc=True)
    assert settings.apply_gpc(db_session, subject=who, catalogue=catalogue, client="web", now=NOW) == []
    values = settings.settings_of(db_session, subject=who, catalogue=catalogue)
    assert values["ads.personalized"].value == "on"
    assert not settings.honours_gpc(values, catalogue)


def test_one_persons_change_is_not_anothers(db_session: Session, catalogue) -> None:
    ana, bo = _subject(make_person(db_session, "ana")), _subject(make_person(db_session, "bob"))
    _change(db_session, ana, catalogue, "recommendations.video", "off", 0)
    assert settings.settings_of(db_session, subject=bo, catalogue=catalogue)["recommendations.video"].value == "on"
