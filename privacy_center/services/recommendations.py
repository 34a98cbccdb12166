"""The demo platform's recommendations: personalized only while the person's toggle is on.

A stand-in for one of the platform's services, so that a setting can be seen to govern:
with ``recommendations.<feature>`` on, the items are ranked by how often the person's own
information of each item's kind was collected; off, every person gets the same, newest-first
list and the ranking reads nothing about them.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, select

from privacy_center.content.settings_catalogue import CatalogueFile
from privacy_center.models.events import DailyCount, EventKind
from privacy_center.services.privacy_settings import UnknownSettingError, settings_for_platform

# What each demo item is about, as an information key of the inventory, newest first.
_ITEMS: tuple[tuple[str, str], ...] = (
    ("weekend-hike-photos", "user.content.posts"),
    ("street-food-nearby", "user.location.approximate"),
    ("cooking-channel-episode", "user.content.watch_history"),
    ("split-the-bill-tile", "user.apps.usage"),
    ("group-chat-stickers", "user.chat.participants"),
    ("budget-planner", "user.financial.transactions"),
)


@dataclass(frozen=True)
class Recommendations:
    """What the demo service would show, and whether it used the person's data to choose."""

    feature: str
    personalized: bool
    items: tuple[str, ...]


def _interest(session: Session, user_id: int) -> dict[str, int]:
    rows = session.exec(
        select(DailyCount.key, sa.func.sum(DailyCount.count))
        .where(col(DailyCount.user_id) == user_id, col(DailyCount.kind) == EventKind.COLLECTED.value)
        .group_by(col(DailyCount.key))
    ).all()
    return {key: int(total) for key, total in rows}


def recommend(session: Session, *, user_id: int, feature: str, catalogue: CatalogueFile) -> Recommendations:
    """The demo items for ``feature`` as the person's setting allows; an unknown feature is refused."""
    key = f"recommendations.{feature}"
    values = settings_for_platform(session, user_id=user_id, catalogue=catalogue)
    if key not in values:
        raise UnknownSettingError()
    newest_first = tuple(item for item, _ in _ITEMS)
    if values[key].value != "on":
        return Recommendations(feature=feature, personalized=False, items=newest_first)
    interest = _interest(session, user_id)
    ranked = sorted(_ITEMS, key=lambda item: -interest.get(item[1], 0))  # stable: ties stay newest first
    return Recommendations(feature=feature, personalized=True, items=tuple(item for item, _ in ranked))
