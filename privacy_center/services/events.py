"""Ingesting collection and sharing events, idempotently, a whole batch or nothing.

Each accepted event also adds to its user's per-key, per-day count, in the same
transaction, so a user's lists read a few dozen count rows instead of their events; a
collected event may carry the value it saw, kept as the user's latest value for that key.
Days are UTC days; timestamps with any offset are normalized to UTC first.

The unique event id decides what is a duplicate: rows are inserted with ``ON CONFLICT
DO NOTHING`` and only the rows actually inserted are counted, so a concurrent batch
carrying the same ids waits for ours and counts none of them twice. On PostgreSQL each
statement sends its rows as a few arrays unnested on the server (one round trip per
statement, not per row); SQLite, in process, runs them as an executemany.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from privacy_center.models import DailyCount, EventKind, PersonalDataEvent, PersonalValue
from privacy_center.services.identity import user_ids_by_subject

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
    value: str | None = Field(default=None, min_length=1, max_length=500, description="what was collected")

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


_BATCH = TypeAdapter(list[EventIn])


def _validate(raw_events: Sequence[object], now: dt.datetime) -> tuple[list[tuple[int, EventIn]], list[Rejection]]:
    # The whole list in one call (the common, valid case); when it fails, the events its
    # errors do not name are validated one by one, so every other rule still gets checked.
    try:
        parsed = list(enumerate(_BATCH.validate_python(raw_events)))
        refused: dict[int, list[str]] = {}
    except ValidationError as exc:
        refused = defaultdict(list)
        for e in exc.errors():
            refused[int(e["loc"][0])].append(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'event'}: {e['msg']}")
        parsed = [(i, EventIn.model_validate(raw)) for i, raw in enumerate(raw_events) if i not in refused]
    rejections = [Rejection(i, _event_id(raw_events[i]), reasons) for i, reasons in refused.items()]
    events: list[tuple[int, EventIn]] = []
    for index, event in parsed:
        reasons = []
        if event.occurred_at > now + MAX_CLOCK_SKEW:
            reasons.append("occurred_at: is in the future")
        elif event.occurred_at < now - MAX_AGE:
            reasons.append("occurred_at: is older than 400 days")
        if event.value is not None and event.kind is not EventKind.COLLECTED:
            reasons.append("value: only collected events carry a value")
        if reasons:
            rejections.append(Rejection(index, event.event_id, reasons))
        else:
            events.append((index, event))
    return events, rejections


def _event_id(raw: object) -> str | None:
    event_id = raw.get("event_id") if isinstance(raw, dict) else None
    return event_id if isinstance(event_id, str) else None


def ingest(
    *,
    session: Session,
    raw_events: Sequence[object],
    issuer: str,
    now: dt.datetime,
    known_keys: Mapping[EventKind, frozenset[str]] | None = None,
    unstored_keys: frozenset[str] = frozenset(),
) -> IngestReport:
    """Validate and store a batch; raises :class:`BatchRejectedError` listing every bad event.

    ``known_keys`` are the inventory's information types (collected) and partners
    (shared); an event with another key is refused. ``unstored_keys`` are the types the
    inventory promises are "not stored after use": their events count, their values are
    dropped here, never written.
    """
    if len(raw_events) > MAX_BATCH:
        raise BatchRejectedError([Rejection(-1, None, [f"batch: at most {MAX_BATCH} events"])])
    events, rejections = _validate(raw_events, now)
    users = user_ids_by_subject(session, issuer=issuer, subjects={e.user for _, e in events})
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
    inserted = _insert_events(session, unique, users, now)
    fresh = [e for e in unique if e.event_id in inserted]
    report = IngestReport(accepted=len(fresh), duplicates=len(events) - len(fresh))
    if fresh:
        report.counts_touched = _add_counts(session, fresh, users)
        _keep_latest_values(session, [e for e in fresh if e.key not in unstored_keys], users)
    return report


Completion = Callable[[postgresql.Insert | sqlite.Insert], sa.Insert]


def _insert_rows(session: Session, table: sa.Table, rows: list[dict], complete: Completion) -> sa.CursorResult:
    """Run ``complete(INSERT INTO table)`` for ``rows`` (all with the same keys), in one round trip.

    ``complete`` adds the ON CONFLICT and RETURNING clauses, the same on both databases.
    Rows go in sorted, so concurrent batches take their row locks in the same order and
    do not deadlock each other.
    """
    rows = sorted(rows, key=lambda row: tuple(row.values()))
    dialect = session.get_bind().dialect
    if dialect.name != "postgresql":
        return cast("sa.CursorResult[Any]", session.execute(complete(sqlite.insert(table)), rows))
    columns = tuple(rows[0])
    sql = _unnest_insert_sql(dialect, table, columns, complete)
    return session.connection().exec_driver_sql(sql, {c: [row[c] for row in rows] for c in columns})


@functools.lru_cache(maxsize=32)  # a few statements per engine's dialect
def _unnest_insert_sql(dialect: sa.Dialect, table: sa.Table, columns: tuple[str, ...], complete: Completion) -> str:
    """``INSERT INTO table SELECT * FROM unnest(<one array per column>) ...``, compiled once."""
    arrays = [sa.bindparam(c, type_=postgresql.ARRAY(table.c[c].type)) for c in columns]
    unnested = sa.func.unnest(*arrays).table_valued(*columns).render_derived()
    statement = complete(postgresql.insert(table).from_select(columns, sa.select(unnested)))
    # SQLAlchemy has psycopg send parameters as text, which psycopg builds element by
    # element in Python for an array; as binary (%(name)b) an array costs a fifth.
    return str(statement.compile(dialect=dialect)).replace(")s::", ")b::")


def _insert_events(session: Session, events: list[EventIn], users: dict[str, int], now: dt.datetime) -> set[str]:
    """Insert the events whose id is not stored yet; returns the ids actually inserted."""
    if not events:
        return set()
    rows = [
        {"event_id": e.event_id, "user_id": users[e.user], "kind": e.kind.value, "key": e.key,
         "occurred_at": e.occurred_at, "source": e.source, "received_at": now}
        for e in events
    ]  # fmt: skip
    return set(_insert_rows(session, PersonalDataEvent.__table__, rows, _skip_stored_events).scalars())  # type: ignore[attr-defined]  # SQLModel's types declare no __table__


def _skip_stored_events(insert: postgresql.Insert | sqlite.Insert) -> sa.Insert:
    return insert.on_conflict_do_nothing(index_elements=["event_id"]).returning(insert.table.c.event_id)


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
    _insert_rows(session, DailyCount.__table__, rows, _add_to_stored_counts)  # type: ignore[attr-defined]  # SQLModel's types declare no __table__
    return len(rows)


def _add_to_stored_counts(insert: postgresql.Insert | sqlite.Insert) -> sa.Insert:
    table, new = insert.table, insert.excluded
    return insert.on_conflict_do_update(
        index_elements=["user_id", "kind", "key", "day"],
        set_={
            "count": table.c.count + new.count,
            "last_at": sa.case((new.last_at > table.c.last_at, new.last_at), else_=table.c.last_at),
        },
    )


def _keep_latest_values(session: Session, events: list[EventIn], users: dict[str, int]) -> None:
    """Store the newest reported value per user and key; an older report never replaces a newer one."""
    latest: dict[tuple[int, str], EventIn] = {}
    for e in events:
        if e.value is None:
            continue
        kept = latest.get((users[e.user], e.key))
        if kept is None or e.occurred_at >= kept.occurred_at:  # on a tie, the later report wins
            latest[(users[e.user], e.key)] = e
    rows = [
        {"user_id": u, "key": key, "value": e.value, "observed_at": e.occurred_at} for (u, key), e in latest.items()
    ]
    if rows:
        _insert_rows(session, PersonalValue.__table__, rows, _replace_older_values)  # type: ignore[attr-defined]  # SQLModel's types declare no __table__


def _replace_older_values(insert: postgresql.Insert | sqlite.Insert) -> sa.Insert:
    table, new = insert.table, insert.excluded
    return insert.on_conflict_do_update(
        index_elements=["user_id", "key"],
        set_={"value": new.value, "observed_at": new.observed_at},
        where=new.observed_at >= table.c.observed_at,
    )


@dataclass(frozen=True)
class KeyCounts:
    """A key's counts over the last 7 and 30 days (today included) and its last time."""

    last_7_days: int
    last_30_days: int
    last_at: dt.datetime | None


def counts(
    *, session: Session, user_id: int, kind: EventKind, today: dt.date, key: str | None = None
) -> dict[str, KeyCounts]:
    """Per-key counts for one user from the daily counts: at most 30 rows per key are read.

    ``key`` narrows it to one key (a detail page), so only that key's rows are read.
    """
    since_30, since_7 = today - dt.timedelta(days=29), today - dt.timedelta(days=6)
    table = DailyCount.__table__  # type: ignore[attr-defined]  # SQLModel's types declare no __table__
    statement = (
        sa.select(
            table.c.key,
            sa.func.sum(sa.case((table.c.day >= since_7, table.c.count), else_=0)),
            sa.func.sum(table.c.count),
            sa.func.max(table.c.last_at),
        )
        .where(table.c.user_id == user_id, table.c.kind == kind.value, table.c.day >= since_30, table.c.day <= today)
        .group_by(table.c.key)
    )
    if key is not None:
        statement = statement.where(table.c.key == key)
    rows = session.execute(statement).all()
    return {key: KeyCounts(int(c7 or 0), int(c30 or 0), last) for key, c7, c30, last in rows}
