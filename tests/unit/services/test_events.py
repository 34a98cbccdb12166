"""Ingesting events: whole batches or nothing, idempotent, counts from the daily rollups."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from privacy_center.models import DailyCount, EventKind, PersonalDataEvent, PersonalValue, User
from privacy_center.services.events import MAX_BATCH, BatchRejectedError, counts, ingest
from privacy_center.services.identity import user_at_sign_in, user_by_identity

ISSUER = "https://issuer.example"
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def _user(session: Session, subject: str) -> User:
    return user_at_sign_in(session, issuer=ISSUER, subject=subject, display_name=subject)


def _event(
    n: int, *, user: str = "u1", key: str = "phone", when: str = "2026-11-22T08:00:00+08:00", kind: str = "collected"
) -> dict:
    return {"event_id": f"e-{n}", "user": user, "kind": kind, "key": key, "occurred_at": when, "source": "chat"}


def test_accepts_and_counts(db_session: Session) -> None:
    user = _user(db_session, "u1")
    report = ingest(
        session=db_session, raw_events=[_event(1), _event(2), _event(3, key="location")], issuer=ISSUER, now=NOW
    )
    assert (report.accepted, report.duplicates) == (3, 0)
    result = counts(session=db_session, user_id=user.id, kind=EventKind.COLLECTED, today=NOW.date())
    assert result["phone"].last_7_days == 2
    assert result["location"].last_30_days == 1
    # 08:00 at +08:00 is 00:00 UTC: counted on the UTC day 2026-11-22
    assert db_session.exec(select(DailyCount.day).where(DailyCount.key == "phone")).one() == dt.date(2026, 11, 22)


def test_idempotent_by_event_id(db_session: Session) -> None:
    user = _user(db_session, "u1")
    ingest(session=db_session, raw_events=[_event(1)], issuer=ISSUER, now=NOW)
    again = ingest(session=db_session, raw_events=[_event(1), _event(1), _event(2)], issuer=ISSUER, now=NOW)
    assert (again.accepted, again.duplicates) == (1, 2)
    assert (
        counts(session=db_session, user_id=user.id, kind=EventKind.COLLECTED, today=NOW.date())["phone"].last_7_days
        == 2
    )


def test_whole_batch_refused_with_reasons(db_session: Session) -> None:
    _user(db_session, "u1")
    bad = [
        _event(1),
        {**_event(2), "user": "nobody"},
        {**_event(3), "occurred_at": "2026-11-22T08:00:00"},
        {**_event(4), "occurred_at": "2027-01-01T00:00:00Z"},
        {**_event(5), "kind": "sold"},
        {**_event(6), "key": "Bad Key!"},
        {**_event(7), "extra": 1},
        "not an object",
        {**_event(1), "key": "location"},
    ]
    with pytest.raises(BatchRejectedError) as caught:
        ingest(session=db_session, raw_events=bad, issuer=ISSUER, now=NOW)
    reasons = {r.index: " ".join(r.reasons) for r in caught.value.rejections}
    assert set(reasons) == {1, 2, 3, 4, 5, 6, 7, 8}
    assert "user: unknown" in reasons[1]
    assert "time zone" in reasons[2]
    assert "future" in reasons[3]
    assert "kind" in reasons[4]
    assert "key" in reasons[5]
    assert "extra" in reasons[6]
    assert "used twice" in reasons[8]
    assert db_session.exec(select(PersonalDataEvent)).all() == []  # nothing half-written


def test_oversized_batch(db_session: Session) -> None:
    with pytest.raises(BatchRejectedError):
        ingest(session=db_session, raw_events=[_event(n) for n in range(MAX_BATCH + 1)], issuer=ISSUER, now=NOW)


OFFSETS = [
    dt.UTC,
    dt.timezone(dt.timedelta(hours=8)),
    dt.timezone(dt.timedelta(hours=-11)),
    dt.timezone(dt.timedelta(hours=14)),
]
# Minutes before NOW, dense around the 7- and 30-day edges, shown in assorted offsets.
moments = st.builds(
    lambda minutes, tz: (NOW - dt.timedelta(minutes=minutes)).astimezone(tz),
    st.one_of(
        st.integers(0, 40 * 24 * 60),
        st.sampled_from([d * 24 * 60 + m for d in (6, 7, 29, 30) for m in (-721, -1, 0, 1, 719, 721)]),
    ),
    st.sampled_from(OFFSETS),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(moments, st.sampled_from(["phone", "location"])),
        max_size=60,
    )
)
def test_rollup_counts_equal_a_naive_count(db_session: Session, events: list[tuple[dt.datetime, str]]) -> None:
    """Across day boundaries, the 7/30-day edges and any offsets, rollups match counting events."""
    db_session.rollback()
    subject = f"u-{len(events)}-{hash(tuple(events)) & 0xFFFF}"
    user = user_by_identity(db_session, issuer=ISSUER, subject=subject) or _user(db_session, subject)
    raw = [
        {"event_id": f"{subject}-{i}", "user": subject, "kind": "collected", "key": key, "occurred_at": when.isoformat(), "source": "s"}
        for i, (when, key) in enumerate(events)
    ]  # fmt: skip
    ingest(session=db_session, raw_events=raw, issuer=ISSUER, now=NOW)
    result = counts(session=db_session, user_id=user.id, kind=EventKind.COLLECTED, today=NOW.date())
    for key in ("phone", "location"):
        days = [when.astimezone(dt.UTC).date() for when, k in events if k == key]
        naive_7 = sum(1 for d in days if (NOW.date() - d).days < 7)
        naive_30 = sum(1 for d in days if (NOW.date() - d).days < 30)
        got = result.get(key)
        assert (got.last_7_days if got else 0) == naive_7
        assert (got.last_30_days if got else 0) == naive_30
    db_session.rollback()


def test_keys_outside_the_inventory_are_refused(db_session: Session) -> None:
    _user(db_session, "u1")
    known = {EventKind.COLLECTED: frozenset({"phone"}), EventKind.SHARED: frozenset({"paylink"})}
    with pytest.raises(BatchRejectedError) as caught:
        ingest(session=db_session, raw_events=[_event(1), _event(2, key="dna"), _event(3, kind="shared", key="phone")],
               issuer=ISSUER, now=NOW, known_keys=known)  # fmt: skip
    assert [r.index for r in caught.value.rejections] == [1, 2]
    assert "not in the data inventory" in caught.value.rejections[0].reasons[0]


def _values(session: Session) -> dict[tuple[int, str], tuple[str, dt.datetime]]:
    return {(v.user_id, v.key): (v.value, v.observed_at) for v in session.exec(select(PersonalValue)).all()}


def test_values_keep_the_latest_report(db_session: Session) -> None:
    user = _user(db_session, "u1")
    ingest(
        session=db_session,
        raw_events=[
            {**_event(1, when="2026-11-20T08:00:00Z"), "value": "+86 138 0000 0001"},
            {**_event(2, when="2026-11-21T08:00:00Z"), "value": "+86 138 0000 0002"},  # newest in the batch
            {**_event(3, when="2026-11-19T08:00:00Z"), "value": "+86 138 0000 0003"},
            _event(4, when="2026-11-22T00:00:00Z"),  # no value: leaves the stored one alone
            {**_event(5, key="location"), "value": "Shanghai"},
        ],
        issuer=ISSUER,
        now=NOW,
    )
    assert _values(db_session) == {
        (user.id, "phone"): ("+86 138 0000 0002", dt.datetime(2026, 11, 21, 8, tzinfo=dt.UTC)),
        (user.id, "location"): ("Shanghai", dt.datetime(2026, 11, 22, 0, tzinfo=dt.UTC)),
    }
    # A later batch: a newer report replaces the value, an older one does not.
    ingest(
        session=db_session,
        raw_events=[
            {**_event(6, when="2026-11-22T09:00:00+08:00"), "value": "+86 138 0000 0006"},
            {**_event(7, key="location", when="2026-11-01T00:00:00Z"), "value": "Beijing"},
        ],
        issuer=ISSUER,
        now=NOW,
    )
    assert _values(db_session) == {
        (user.id, "phone"): ("+86 138 0000 0006", dt.datetime(2026, 11, 22, 1, tzinfo=dt.UTC)),
        (user.id, "location"): ("Shanghai", dt.datetime(2026, 11, 22, 0, tzinfo=dt.UTC)),
    }
    assert "value" not in PersonalDataEvent.model_fields  # the event row never keeps the value


def test_a_replayed_event_does_not_restore_its_value(db_session: Session) -> None:
    user = _user(db_session, "u1")
    old = {**_event(1, when="2026-11-20T08:00:00Z"), "value": "old"}
    ingest(session=db_session, raw_events=[old], issuer=ISSUER, now=NOW)
    ingest(session=db_session, raw_events=[{**_event(2, when="2026-11-20T08:00:00Z"), "value": "same time, later"}],
           issuer=ISSUER, now=NOW)  # fmt: skip
    assert _values(db_session)[(user.id, "phone")][0] == "same time, later"  # a tie goes to the later report
    same_time = [{**_event(n, key="location"), "value": f"report {n}"} for n in (3, 4)]
    ingest(session=db_session, raw_events=same_time, issuer=ISSUER, now=NOW)
    assert _values(db_session)[(user.id, "location")][0] == "report 4"  # within a batch too
    assert ingest(session=db_session, raw_events=[old], issuer=ISSUER, now=NOW).duplicates == 1
    assert _values(db_session)[(user.id, "phone")][0] == "same time, later"


def test_bad_values_refuse_the_batch(db_session: Session) -> None:
    _user(db_session, "u1")
    bad = [
        {**_event(1), "value": "fine"},
        {**_event(2, kind="shared", key="paylink"), "value": "+86 138 0000 0001"},
        {**_event(3), "value": "x" * 501},
        {**_event(4), "value": ""},
        {**_event(5), "value": 42},
    ]
    with pytest.raises(BatchRejectedError) as caught:
        ingest(session=db_session, raw_events=bad, issuer=ISSUER, now=NOW)
    reasons = {r.index: r.reasons for r in caught.value.rejections}
    assert reasons[1] == ["value: only collected events carry a value"]
    assert set(reasons) == {1, 2, 3, 4}
    assert all(r[0].startswith("value: ") for r in reasons.values()), reasons
    assert "500" in reasons[2][0]
    assert db_session.exec(select(PersonalValue)).all() == []  # nothing written, not even the good value
    assert db_session.exec(select(PersonalDataEvent)).all() == []
    ingest(session=db_session, raw_events=[{**_event(1, user="u1"), "value": "x" * 500}], issuer=ISSUER, now=NOW)
    assert len(db_session.exec(select(PersonalValue)).one().value) == 500


def test_counts_for_one_key_read_only_that_key(db_session: Session) -> None:
    user = _user(db_session, "u1")
    events = [_event(1), _event(2, when="2026-11-10T08:00:00Z"), _event(3, key="location")]
    ingest(session=db_session, raw_events=events, issuer=ISSUER, now=NOW)
    every = counts(session=db_session, user_id=user.id, kind=EventKind.COLLECTED, today=NOW.date())
    phone = counts(session=db_session, user_id=user.id, kind=EventKind.COLLECTED, today=NOW.date(), key="phone")
    assert set(every) == {"phone", "location"}
    assert phone == {"phone": every["phone"]}
    assert (phone["phone"].last_7_days, phone["phone"].last_30_days) == (1, 2)
