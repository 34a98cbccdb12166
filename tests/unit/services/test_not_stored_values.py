"""An item the inventory says is "not stored after use" never shows a stored value.

A platform service may still send a value with such an event (an old client, a
mistake): the lists and the item's page show the count, never the value.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from privacy_center.authz import Capability, Viewer, act_for
from privacy_center.content.inventory import load_inventory
from privacy_center.db import session_scope
from privacy_center.i18n.locales import by_code
from privacy_center.services.personal_facts import collected_item, collected_list
from privacy_center.settings import PROJECT_ROOT
from tests.conftest import configured_database
from tests.unit.factories import make_person, report

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
LOCATION = "user.location.approximate"


def test_a_reported_value_of_an_item_not_stored_is_not_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inventory = load_inventory(PROJECT_ROOT / "content").for_locale(by_code("en"))
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'facts.db'}"), session_scope() as session:
        alice = make_person(session, "alice")
        report(session, alice, LOCATION, [NOW - dt.timedelta(days=1)], value="Xuhui, Shanghai", now=NOW)
        report(session, alice, "user.profile.region", [NOW - dt.timedelta(days=1)], value="Shanghai", now=NOW)
        session.commit()
        viewer = Viewer(alice.id or 0, "x", "user", NOW, 1, None)
        subject = act_for(viewer, alice.id or 0, Capability.VIEW_FACTS, viewer.auth_time)
        rows = collected_list(session=session, subject=subject, inventory=inventory, today=NOW.date()).rows
        shown = {row.item.key: row for row in rows}
        assert (shown[LOCATION].value, shown[LOCATION].counts.last_7_days) == ("", 1)
        assert shown["user.profile.region"].value == "Shanghai"  # a stored item still shows its value
        detail = collected_item(session=session, subject=subject, inventory=inventory, key=LOCATION, today=NOW.date())
        assert detail is not None
        assert (detail.value, detail.counts.last_7_days) == ("", 1)
