"""A user's facts next to the inventory: own values only, counts, filters, keyset paging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import Session

from privacy_center.authz import Capability, Subject, Viewer, act_for
from privacy_center.content.inventory import InventoryFile, load_inventory
from privacy_center.db import session_scope
from privacy_center.i18n.locales import by_code
from privacy_center.models import EventKind
from privacy_center.services.personal_facts import (
    MAX_QUERY_LENGTH,
    QueryTooLongError,
    collected_item,
    collected_list,
    occurrences,
    shared_list,
    shared_partner,
)
from privacy_center.settings import PROJECT_ROOT
from tests.conftest import configured_database
from tests.unit.factories import make_person, report

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
TODAY = NOW.date()
DAY = dt.timedelta(days=1)
PHONE = "user.contact.phone"


@dataclass(frozen=True)
class People:
    alice: Subject
    grace: Subject


def _subject(user_id: int) -> Subject:
    viewer = Viewer(user_id, "x", "user", NOW, 1, None)
    return act_for(viewer, user_id, Capability.VIEW_FACTS, viewer.auth_time)


@pytest.fixture
def inventory() -> InventoryFile:
    return load_inventory(PROJECT_ROOT / "content").for_locale(by_code("en"))


@pytest.fixture
def people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[People]:
    """Alice and Grace with different values and counts for the same items."""
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'facts.db'}"), session_scope() as session:
        alice = make_person(session, "alice")
        grace = make_person(session, "grace")
        report(session, alice, PHONE, [NOW - DAY, NOW - 2 * DAY, NOW - 10 * DAY], value="13800001234", now=NOW)
        report(session, grace, PHONE, [NOW - 20 * DAY], value="13800005678", now=NOW)
        report(session, alice, "user.identity.id_number", [NOW - DAY], value="310101199001011234", now=NOW)
        report(session, alice, "skycast", [NOW - DAY, NOW - 3 * DAY], kind=EventKind.SHARED, now=NOW)
        report(session, grace, "skycast", [NOW - 12 * DAY], kind=EventKind.SHARED, now=NOW)
        session.commit()
        yield People(_subject(alice.id or 0), _subject(grace.id or 0))


def _row(session: Session, subject: Subject | None, inventory: InventoryFile, key: str):
    rows = collected_list(session=session, subject=subject, inventory=inventory, today=TODAY, query="").rows
    return next(r for r in rows if r.item.key == key)


def test_each_user_sees_only_their_own_values_and_counts(people: People, inventory: InventoryFile) -> None:
    with session_scope() as session:
        alice, grace = _row(session, people.alice, inventory, PHONE), _row(session, people.grace, inventory, PHONE)
        nobody = _row(session, None, inventory, PHONE)
    assert (alice.value, alice.counts.last_7_days, alice.counts.last_30_days) == ("138****1234", 2, 3)
    assert (grace.value, grace.counts.last_7_days, grace.counts.last_30_days) == ("138****5678", 0, 1)
    assert (nobody.value, nobody.counts.last_30_days) == ("", 0)


def test_sensitive_values_never_leave_unmasked(people: People, inventory: InventoryFile) -> None:
    with session_scope() as session:
        facts = collected_item(
            session=session, subject=people.alice, inventory=inventory, key="user-identity-id_number", today=TODAY
        )
    assert facts is not None
    assert facts.value == "3****************4"
    assert "1990" not in facts.value


def test_items_by_key_or_address_and_unknown_ones(people: People, inventory: InventoryFile) -> None:
    with session_scope() as session:
        by_key = collected_item(session=session, subject=people.alice, inventory=inventory, key=PHONE, today=TODAY)
        by_slug = collected_item(
            session=session, subject=people.alice, inventory=inventory, key="user-contact-phone", today=TODAY
        )
        unknown = collected_item(session=session, subject=None, inventory=inventory, key="user.nope", today=TODAY)
    assert by_key == by_slug
    assert by_key is not None
    assert by_key.scenario.key == "account"
    assert unknown is None


def test_filter_search_and_pages(people: People, inventory: InventoryFile) -> None:
    with session_scope() as session:
        everything = collected_list(session=session, subject=people.alice, inventory=inventory, today=TODAY)
        pay = collected_list(session=session, subject=people.alice, inventory=inventory, today=TODAY, scenario="pay")
        phone = collected_list(session=session, subject=None, inventory=inventory, today=TODAY, query="  PHONE  number")
        first = collected_list(session=session, subject=None, inventory=inventory, today=TODAY, limit=12)
        last = collected_list(session=session, subject=None, inventory=inventory, today=TODAY, offset=24, limit=12)
    assert everything.total == len(inventory.items()) == 30
    assert {r.scenario.key for r in pay.rows} == {"pay"}
    assert pay.total == 4
    assert [r.item.key for r in phone.rows] == [PHONE]
    assert (len(first.rows), first.has_next, len(last.rows), last.has_next) == (12, True, 6, False)
    assert not {r.item.key for r in first.rows} & {r.item.key for r in last.rows}


def test_a_search_too_long_is_refused(inventory: InventoryFile) -> None:
    with pytest.raises(QueryTooLongError), session_scope() as session:
        collected_list(
            session=session, subject=None, inventory=inventory, today=TODAY, query="x" * (MAX_QUERY_LENGTH + 1)
        )


def test_shared_counts_are_per_user(people: People, inventory: InventoryFile) -> None:
    with session_scope() as session:
        alice = shared_list(session=session, subject=people.alice, inventory=inventory, today=TODAY)
        grace = shared_partner(session=session, subject=people.grace, inventory=inventory, key="skycast", today=TODAY)
        weather = shared_list(session=session, subject=None, inventory=inventory, today=TODAY, query="location")
    skycast = next(r for r in alice.rows if r.partner.key == "skycast")
    assert (skycast.counts.last_7_days, skycast.counts.last_30_days) == (2, 2)
    assert grace is not None
    assert (grace.counts.last_7_days, grace.counts.last_30_days) == (0, 1)
    assert [i.key for i in grace.shares] == ["user.location.approximate"]
    assert {r.partner.key for r in weather.rows} == {"mapleaf", "skycast"}  # found by the information they receive


def test_occurrences_page_by_keyset_without_gaps_or_repeats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 45 events, several at the very same moment: ties are broken by id, never skipped.
    moments = [NOW - dt.timedelta(hours=n // 3) for n in range(45)]
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'keyset.db'}"), session_scope() as session:
        alice, grace = make_person(session, "alice"), make_person(session, "grace")
        report(session, alice, PHONE, moments, now=NOW)
        report(session, grace, PHONE, [NOW - DAY], now=NOW)
        subject = _subject(alice.id or 0)
        seen, cursor, sizes = [], None, []
        while True:
            page = occurrences(session=session, subject=subject, kind=EventKind.COLLECTED, key=PHONE, before=cursor)
            seen += page.rows
            sizes.append(len(page.rows))
            assert page.total == 45
            cursor = page.next_cursor
            if cursor is None:
                break
    assert sizes == [20, 20, 5]
    assert len({o.event_id for o in seen}) == 45
    assert [o.occurred_at for o in seen] == sorted((o.occurred_at for o in seen), reverse=True)
    assert {o.source for o in seen} == {"test-service"}
