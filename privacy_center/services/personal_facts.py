"""A user's own facts next to the operator's inventory: values, counts, occurrences.

Every function that reads personal data takes the :class:`Subject` that authz granted,
so whose data is read is decided in one place. Without a subject (signed out) the
lists are the public inventory alone. Lists read the daily rollups, never the events;
occurrences are read a page at a time with a keyset cursor (the events index is
``user_id, kind, key, occurred_at``), so a deep page costs the same as the first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, TypeVar

import sqlalchemy as sa
from sqlmodel import Session, col

from privacy_center.authz import Subject
from privacy_center.content.inventory import InventoryFile, Item, Partner, Scenario
from privacy_center.models import DailyCount, EventKind, PersonalDataEvent, PersonalValue
from privacy_center.services.events import KeyCounts, counts
from privacy_center.services.masking import mask

LIST_PAGE_SIZE = 100
OCCURRENCE_PAGE_SIZE = 20
MAX_QUERY_LENGTH = 100
NO_COUNTS = KeyCounts(0, 0, None)
Row = TypeVar("Row")


class QueryTooLongError(ValueError):
    """A search longer than :data:`MAX_QUERY_LENGTH` characters."""


@dataclass(frozen=True)
class ItemFacts:
    """An information type, and for a signed-in user their (masked) value and counts."""

    scenario: Scenario
    item: Item
    value: str
    counts: KeyCounts


@dataclass(frozen=True)
class PartnerFacts:
    """A partner, the information types it receives, and how often the user's went to it."""

    partner: Partner
    shares: list[Item]
    counts: KeyCounts


@dataclass(frozen=True)
class Page(Generic[Row]):
    """One page of a filtered list: at most ``limit`` rows from ``offset`` of ``total``."""

    rows: list[Row]
    total: int
    offset: int
    limit: int

    @property
    def has_next(self) -> bool:
        """More rows after this page."""
        return self.offset + len(self.rows) < self.total


@dataclass(frozen=True)
class Occurrence:
    """One collection or sharing event."""

    event_id: int
    occurred_at: dt.datetime
    source: str


@dataclass(frozen=True)
class Cursor:
    """Where the next page of occurrences starts: strictly older than this event."""

    occurred_at: dt.datetime
    event_id: int


@dataclass(frozen=True)
class OccurrencePage:
    """Occurrences, newest first, and the cursor of the next (older) page if any."""

    rows: list[Occurrence]
    total: int
    next_cursor: Cursor | None


def _matches(query: str, *texts: str) -> bool:
    return not query or any(query in text.casefold() for text in texts)


def _normalized(query: str) -> str:
    text = " ".join(query.split()).casefold()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLongError(text)
    return text


def _values(session: Session, subject: Subject) -> dict[str, str]:
    rows = session.execute(
        sa.select(col(PersonalValue.key), col(PersonalValue.value)).where(col(PersonalValue.user_id) == subject.user_id)
    ).all()
    return dict(rows)


def _tally(
    session: Session, subject: Subject | None, kind: EventKind, today: dt.date, key: str | None = None
) -> dict[str, KeyCounts]:
    """The subject's counts per key (one key's only, for a detail page); none when signed out."""
    if subject is None:
        return {}
    return counts(session=session, user_id=subject.user_id, kind=kind, today=today, key=key)


def _item_facts(scenario: Scenario, item: Item, values: dict[str, str], tally: dict[str, KeyCounts]) -> ItemFacts:
    # "Not stored after use": whatever a service reported, the page never shows a stored value.
    raw = values.get(item.key, "") if item.stored else ""
    return ItemFacts(scenario, item, mask(raw, item.mask_style) if raw else "", tally.get(item.key, NO_COUNTS))


def collected_list(
    *,
    session: Session,
    subject: Subject | None,
    inventory: InventoryFile,
    today: dt.date,
    scenario: str = "",
    query: str = "",
    offset: int = 0,
    limit: int = LIST_PAGE_SIZE,
) -> Page[ItemFacts]:
    """The inventory's information types, filtered by scenario key and search text."""
    text = _normalized(query)
    chosen = [
        (s, i)
        for s, i in inventory.items()
        if (not scenario or s.key == scenario) and _matches(text, i.name, i.purpose, s.name, i.key)
    ]
    shown = chosen[max(offset, 0) : max(offset, 0) + limit]
    values = _values(session, subject) if subject is not None else {}
    tally = _tally(session, subject, EventKind.COLLECTED, today)
    rows = [_item_facts(s, i, values, tally) for s, i in shown]
    return Page(rows=rows, total=len(chosen), offset=max(offset, 0), limit=limit)


def collected_item(
    *, session: Session, subject: Subject | None, inventory: InventoryFile, key: str, today: dt.date
) -> ItemFacts | None:
    """One information type by key or URL slug; ``None`` if the inventory has no such item."""
    found = inventory.item(key)
    if found is None:
        return None
    scenario, item = found
    row = session.get(PersonalValue, (subject.user_id, item.key)) if subject is not None else None
    values = {item.key: row.value} if row else {}
    return _item_facts(scenario, item, values, _tally(session, subject, EventKind.COLLECTED, today, item.key))


def _partner_facts(partner: Partner, inventory: InventoryFile, tally: dict[str, KeyCounts]) -> PartnerFacts:
    shares = [found[1] for key in partner.shares if (found := inventory.item(key))]
    return PartnerFacts(partner, shares, tally.get(partner.key, NO_COUNTS))


def shared_list(
    *,
    session: Session,
    subject: Subject | None,
    inventory: InventoryFile,
    today: dt.date,
    query: str = "",
    offset: int = 0,
    limit: int = LIST_PAGE_SIZE,
) -> Page[PartnerFacts]:
    """The partners, filtered by search text (name, company, purpose, information shared)."""
    text = _normalized(query)
    tally = _tally(session, subject, EventKind.SHARED, today)
    chosen = [
        facts
        for facts in (_partner_facts(p, inventory, tally) for p in inventory.partners)
        if _matches(
            text, facts.partner.name, facts.partner.company, facts.partner.purpose, *(i.name for i in facts.shares)
        )
    ]
    start = max(offset, 0)
    return Page(rows=chosen[start : start + limit], total=len(chosen), offset=start, limit=limit)


def shared_partner(
    *, session: Session, subject: Subject | None, inventory: InventoryFile, key: str, today: dt.date
) -> PartnerFacts | None:
    """One partner by key or URL slug; ``None`` if the inventory has no such partner."""
    partner = inventory.partner(key)
    if partner is None:
        return None
    return _partner_facts(partner, inventory, _tally(session, subject, EventKind.SHARED, today, partner.key))


def occurrences(
    *,
    session: Session,
    subject: Subject,
    kind: EventKind,
    key: str,
    before: Cursor | None = None,
    limit: int = OCCURRENCE_PAGE_SIZE,
) -> OccurrencePage:
    """The subject's events of one kind and key, newest first, ``limit`` at a time."""
    event = PersonalDataEvent.__table__  # type: ignore[attr-defined]  # SQLModel's types declare no __table__
    statement = (
        sa.select(event.c.id, event.c.occurred_at, event.c.source)
        .where(event.c.user_id == subject.user_id, event.c.kind == kind.value, event.c.key == key)
        .order_by(event.c.occurred_at.desc(), event.c.id.desc())
        .limit(limit + 1)
    )
    if before is not None:
        statement = statement.where(
            sa.or_(
                event.c.occurred_at < before.occurred_at,
                sa.and_(event.c.occurred_at == before.occurred_at, event.c.id < before.event_id),
            )
        )
    found = [Occurrence(row.id, row.occurred_at, row.source) for row in session.execute(statement)]
    rows = found[:limit]
    daily = DailyCount.__table__  # type: ignore[attr-defined]  # SQLModel's types declare no __table__
    total = session.execute(
        sa.select(sa.func.coalesce(sa.func.sum(daily.c.count), 0)).where(
            daily.c.user_id == subject.user_id, daily.c.kind == kind.value, daily.c.key == key
        )
    ).scalar_one()
    more = len(found) > limit
    return OccurrencePage(
        rows=rows,
        total=int(total),
        next_cursor=Cursor(rows[-1].occurred_at, rows[-1].event_id) if more and rows else None,
    )
