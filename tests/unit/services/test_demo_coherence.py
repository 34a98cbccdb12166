"""The demo people's story holds together as the inventory tells it.

A newcomer reads the demo as the product: if Alice's location went to a weather
partner, her location was collected; if the inventory says "not stored after use",
no value of hers is on screen for it.
"""

from __future__ import annotations

from pathlib import Path

from privacy_center.content.inventory import load_inventory
from privacy_center.models import EventKind
from privacy_center.services.demo import DEMO_FACTS

INVENTORY = load_inventory(Path(__file__).parents[3] / "content").by_locale["en"]


def test_every_key_the_demo_reports_is_in_the_inventory() -> None:
    items = {item.key for _, item in INVENTORY.items()}
    partners = {partner.key for partner in INVENTORY.partners}
    for plan in DEMO_FACTS.values():
        for facts in plan:
            assert facts.key in (items if facts.kind is EventKind.COLLECTED else partners), facts


def test_what_went_to_a_partner_was_collected_from_that_person() -> None:
    for person, plan in DEMO_FACTS.items():
        collected = {f.key for f in plan if f.kind is EventKind.COLLECTED and f.recent + f.older + f.old > 0}
        for facts in plan:
            if facts.kind is EventKind.SHARED:
                partner = INVENTORY.partner(facts.key)
                assert partner is not None
                missing = set(partner.shares) - collected
                assert not missing, f"{person} shared with {partner.key} but was never asked for {missing}"


def test_items_not_stored_carry_no_value_in_the_demo() -> None:
    not_stored = {item.key for _, item in INVENTORY.items() if not item.stored}
    assert not_stored
    for person, plan in DEMO_FACTS.items():
        for facts in plan:
            if facts.key in not_stored:
                assert facts.value is None, f"{person}'s {facts.key} is not stored, yet the demo gives it a value"
