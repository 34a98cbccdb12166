"""The privacy center's front page numbers: how much of a person's information moved this week.

Read from the daily rollups (:func:`privacy_center.services.events.counts`), never the
events: the home page is the most visited one, so it costs a few dozen count rows.
"This week" is the same window as the lists' "Last 7 days" (today and the six UTC
days before), so the home page and /collected never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from privacy_center.authz import Subject
from privacy_center.models import EventKind
from privacy_center.services.events import counts


@dataclass(frozen=True)
class WeekOverview:
    """How often the subject's information was collected, and how many partners received it, in 7 days."""

    collected_events: int
    partners_shared_with: int


def week_overview(*, session: Session, subject: Subject, today: dt.date) -> WeekOverview:
    """The subject's collection events and the partners their information went to, in the last 7 days."""
    collected = counts(session=session, user_id=subject.user_id, kind=EventKind.COLLECTED, today=today)
    shared = counts(session=session, user_id=subject.user_id, kind=EventKind.SHARED, today=today)
    return WeekOverview(
        collected_events=sum(c.last_7_days for c in collected.values()),
        partners_shared_with=sum(1 for c in shared.values() if c.last_7_days > 0),
    )
