"""Ingesting collection and sharing events, idempotently, a whole batch or nothing.

Each accepted event also adds to its user's per-key, per-day count, in the same
transaction, so a user's lists read a few dozen count rows instead of their events.
Days are UTC days; timestamps with any offset are normalized to UTC first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from privacy_center.models import DailyCount, EventKind, PersonalDataEvent, User

MAX_BATCH = 1000
MAX_AGE = dt.timedelta(days=400)
MAX_CLOCK_SKEW = dt.timedelta(minutes=5)
KEY_PATTERN = r"^[a-z][a-z0-9_.-]{0,63}$"


class EventIn(BaseModel):
    """One reported event, as a platform service sends it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")
    user: str = Field(min_length=1, max_length=255, description="the user's subject")
    kind: EventKind
    key: str = Field(pattern=KEY_PATTERN)
    occurred_at: dt.datetime
    source: str = Field(min_length=1, max_length=64)

    @field_validator("occurred_at")
    @classmethod
    def _aware_utc(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            msg = "needs a time zone offset, e.g. 2026-11-22T08:00:00+08:00"
            raise ValueError(msg)
        return value.astimezone(dt.UTC)


@dataclass(frozen=True)
class Rejection:
    """Why one event of a batch cannot be accepted."""

    index: int
    event_id: str | None
    reasons: list[str]


class BatchRejectedError(Exception):
    """The batch was refused as a whole; nothing was written."""

    def __init__(self, rejections: list[Rejection]) -> None:
        self.rejections = rejections
        super().__init__(f"{len(rejections)} event(s) rejected")


@dataclass
class IngestReport:
    """What a batch did."""

    accepted: int = 0
    duplicates: int = 0
    counts_touched: int = field(default=0)


def _validate(raw_events: list[object], now: dt.datetime) -> tuple[list[tuple[int, EventIn]], list[Rejection]]:
    events: list[tuple[int, EventIn]] = []
    rejections: list[Rejection] = []
    for index, raw in enumerate(raw_events):
        event_id = raw.get("event_id") if isinstance(raw, dict) else None
        try:
            event = EventIn.model_validate(raw)
        except ValidationError as exc:
            reasons = [f"{'.'.join(str(p) for p in e['loc']) or 'event'}: {e['msg']}" for e in exc.errors()]
            rejections.append(Rejection(index, event_id if isinstance(event_id, str) else None, reasons))
            continue
        if event.occurred_at > now + MAX_CLOCK_SKEW:
            rejections.append(Rejection(index, event.event_id, ["occurred_at: is in the future"]))
        elif event.occurred_at < now - MAX_AGE:
            rejections.append(Rejection(index, event.event_id, ["occurred_at: is older than 400 days"]))
        else:
            events.append((index, event))
    return events, rejections


def ingest(
    *,
    session: Session,
    raw_events: list[object],
    issuer: str,
    now: dt.datetime,
    known_keys: Mapping[EventKind, frozenset[str]] | None = None,
) -> IngestReport:
    """Validate and store a batch; raises :class:`BatchRejectedError` listing every bad event.

    ``known_keys`` are the inventory's information types (collected) and partners
    (shared); an event with another key is refused.
    """
    if len(raw_events) > MAX_BATCH:
        raise BatchRejectedError([Rejection(-1, None, [f"batch: at most {MAX_BATCH} events"])])
    events, rejections = _validate(raw_events, now)
    users = dict(
        session.exec(
            select(User.subject, User.id).where(
                User.issuer == issuer, col(User.subject).in_({e.user for _, e in events})
            )
        ).all()
    )
    seen: dict[str, EventIn] = {}
    unique: list[EventIn] = []
    for index, event in events:
        if known_keys is not None and event.key not in known_keys[event.kind]:
            rejections.append(
                Rejection(index, event.event_id, [f"key: not in the data inventory for {event.kind.value}"])
            )
        elif event.user not in users:
            rejections.append(Rejection(index, event.event_id, ["user: unknown"]))
        elif event.event_id in seen:
            if seen[event.event_id] != event:
                rejections.append(Rejection(index, event.event_id, ["event_id: used twice for different events"]))
        else:
            seen[event.event_id] = event
            unique.append(event)
    if rejections:
        raise BatchRejectedError(sorted(rejections, key=lambda r: r.index))
    existing = set(
        session.exec(
            select(PersonalDataEvent.event_id).where(col(PersonalDataEvent.event_id).in_([e.event_id for e in unique]))
        ).all()
    )
    fresh = [e for e in unique if e.event_id not in existing]
    report = IngestReport(accepted=len(fresh), duplicates=len(events) - len(fresh))
    if not fresh:
        return report
    session.execute(
        sa.insert(PersonalDataEvent),
        [
            {"event_id": e.event_id, "user_id": users[e.user], "kind": e.kind.value, "key": e.key,
             "occurred_at": e.occurred_at, "source": e.source, "received_at": now}
            for e in fresh
        ],
    )  # fmt: skip
    report.counts_touched = _add_counts(session, fresh, users)
    return report


def _add_counts(session: Session, events: list[EventIn], users: dict[str, int]) -> int:
    increments: dict[tuple[int, str, str, dt.date], list] = defaultdict(lambda: [0, None])
    for e in events:
        slot = increments[(users[e.user], e.kind.value, e.key, e.occurred_at.date())]
        slot[0] += 1
        slot[1] = e.occurred_at if slot[1] is None or e.occurred_at > slot[1] else slot[1]
    rows = [
        {"user_id": u, "kind": k, "key": key, "day": day, "count": n, "last_at": last}
        for (u, k, key, day), (n, last) in increments.items()
    ]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = DailyCount.__table__
    statement = dialect.insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=["user_id", "kind", "key", "day"],
        set_={
            "count": table.c.count + statement.excluded.count,
            "last_at": sa.case(
                (statement.excluded.last_at > table.c.last_at, statement.excluded.last_at), else_=table.c.last_at
            ),
        },
    )
    session.execute(statement, rows)
    return len(rows)


@dataclass(frozen=True)
class KeyCounts:
    """A key's counts over the last 7 and 30 days (today included) and its last time."""

    last_7_days: int
    last_30_days: int
    last_at: dt.datetime | None


def counts(*, session: Session, user_id: int, kind: EventKind, today: dt.date) -> dict[str, KeyCounts]:
    """Per-key counts for one user from the daily counts: at most 30 rows per key are read."""
    since_30, since_7 = today - dt.timedelta(days=29), today - dt.timedelta(days=6)
    table = DailyCount.__table__
    rows = session.execute(
        sa.select(
            table.c.key,
            sa.func.sum(sa.case((table.c.day >= since_7, table.c.count), else_=0)),
            sa.func.sum(table.c.count),
            sa.func.max(table.c.last_at),
        )
        .where(table.c.user_id == user_id, table.c.kind == kind.value, table.c.day >= since_30, table.c.day <= today)
        .group_by(table.c.key)
    ).all()
    return {key: KeyCounts(int(c7 or 0), int(c30 or 0), last) for key, c7, c30, last in rows}
