"""A person's facts on both databases, through the migrated schema: values, counts, keyset pages.

PostgreSQL compares timestamps with time zones, SQLite compares stored text: the
occurrence cursor (time, then id) must give the same pages on both.
"""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.config import Config

from alembic import command
from privacy_center.authz import Capability, Viewer, act_for
from privacy_center.content.inventory import load_inventory
from privacy_center.db import session_scope
from privacy_center.i18n.locales import by_code
from privacy_center.models import EventKind
from privacy_center.services.personal_facts import collected_list, occurrences, shared_list
from privacy_center.settings import PROJECT_ROOT
from tests.conftest import configured_database
from tests.unit.factories import make_person, report

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
PHONE = "user.contact.phone"


def test_facts_and_pages_on_both_databases(
    database_url: str, alembic_config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    command.upgrade(alembic_config, "head")
    inventory = load_inventory(PROJECT_ROOT / "content").for_locale(by_code("zh_CN"))
    # Three events an hour, so many share a timestamp: the id breaks the ties.
    moments = [NOW - dt.timedelta(hours=n // 3) for n in range(50)]
    with configured_database(monkeypatch, database_url, create_tables=False), session_scope() as session:
        alice, grace = make_person(session, "alice"), make_person(session, "grace")
        report(session, alice, PHONE, moments, value="13800001234", now=NOW)
        report(session, grace, PHONE, [NOW - dt.timedelta(days=9)], value="13800005678", now=NOW)
        report(session, grace, "pushwave", [NOW - dt.timedelta(days=1)], kind=EventKind.SHARED, now=NOW)
        session.flush()
        subjects = {
            name: act_for(Viewer(user.id or 0, name, "user", NOW, 1, None), user.id or 0, Capability.VIEW_FACTS, NOW)
            for name, user in (("alice", alice), ("grace", grace))
        }
        rows = {
            name: next(
                r
                for r in collected_list(session=session, subject=subject, inventory=inventory, today=NOW.date()).rows
                if r.item.key == PHONE
            )
            for name, subject in subjects.items()
        }
        pages, cursor = [], None
        while True:
            page = occurrences(
                session=session, subject=subjects["alice"], kind=EventKind.COLLECTED, key=PHONE, before=cursor
            )
            pages.append(page.rows)
            cursor = page.next_cursor
            if cursor is None:
                break
        shared = shared_list(session=session, subject=subjects["grace"], inventory=inventory, today=NOW.date())

    assert (rows["alice"].value, rows["alice"].counts.last_7_days, rows["alice"].counts.last_30_days) == (
        "138****1234",
        50,
        50,
    )
    assert (rows["grace"].value, rows["grace"].counts.last_7_days, rows["grace"].counts.last_30_days) == (
        "138****5678",
        0,
        1,
    )
    assert [len(p) for p in pages] == [20, 20, 10]
    seen = [o for p in pages for o in p]
    assert len({o.event_id for o in seen}) == 50
    assert [o.occurred_at for o in seen] == sorted((o.occurred_at for o in seen), reverse=True)
    assert {r.partner.key: r.counts.last_7_days for r in shared.rows}["pushwave"] == 1
