"""The home page's week numbers: the subject's own events only, the same 7 days as the lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from privacy_center.authz import Capability, Subject, Viewer, act_for
from privacy_center.db import session_scope
from privacy_center.models import EventKind
from privacy_center.services.overview import WeekOverview, week_overview
from tests.conftest import configured_database
from tests.unit.factories import make_person, report

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def _subject(user_id: int) -> Subject:
    viewer = Viewer(user_id, "x", "user", NOW, 1, None)
    return act_for(viewer, user_id, Capability.VIEW_FACTS, viewer.auth_time)


def test_counts_this_weeks_events_and_the_partners_they_went_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'o.db'}"), session_scope() as session:
        alice, grace = make_person(session, "alice"), make_person(session, "grace")
        # Inside the week: today and six days ago; outside: seven and twenty days ago.
        report(session, alice, "user.contact.phone", [NOW, NOW - 6 * DAY, NOW - 7 * DAY], now=NOW)
        report(session, alice, "user.device.model", [NOW - DAY, NOW - 20 * DAY], now=NOW)
        report(session, alice, "skycast", [NOW - DAY, NOW - 2 * DAY], kind=EventKind.SHARED, now=NOW)
        report(session, alice, "pushwave", [NOW - 10 * DAY], kind=EventKind.SHARED, now=NOW)
        report(session, grace, "user.contact.phone", [NOW, NOW], now=NOW)
        report(session, grace, "mapleaf", [NOW], kind=EventKind.SHARED, now=NOW)
        session.flush()
        alice_week = week_overview(session=session, subject=_subject(alice.id or 0), today=NOW.date())
        grace_week = week_overview(session=session, subject=_subject(grace.id or 0), today=NOW.date())
    # pushwave got Alice's information only ten days ago: not a partner of this week.
    assert alice_week == WeekOverview(collected_events=3, partners_shared_with=1)
    assert grace_week == WeekOverview(collected_events=2, partners_shared_with=1)


def test_a_person_with_nothing_reported_gets_zeros(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'o.db'}"), session_scope() as session:
        leo = make_person(session, "leo")
        session.flush()
        week = week_overview(session=session, subject=_subject(leo.id or 0), today=NOW.date())
    assert week == WeekOverview(collected_events=0, partners_shared_with=0)
