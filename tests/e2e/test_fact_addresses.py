"""Every item and partner of the inventory has an address that works, in every locale.

The pages link to the canonical address (``Item.slug``: hyphens only); the key the
platform reports with (``user.device.address_book``) and the address of the first
releases (``user-device-address_book``) reach the same page, which then shows the
canonical address. ``user.device.address_book`` was a 404: the locale router only knew
the slugs, and took any dotted path for a file.
"""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, expect

from privacy_center.content.inventory import InventoryFile, load_inventory
from privacy_center.settings import get_settings
from tests.e2e.conftest import LOCALES, Server

pytestmark = pytest.mark.e2e


def _inventory() -> InventoryFile:
    return load_inventory(get_settings().content_dir).by_locale["en"]


def test_every_item_and_partner_page_answers_200_in_both_locales(server: Server) -> None:
    inventory = _inventory()
    paths = [f"/collected/{item.slug}/" for _, item in inventory.items()]
    paths += [f"/shared/{partner.slug}/" for partner in inventory.partners]
    failed = []
    with httpx.Client(base_url=server.url, timeout=10) as client:
        for locale in LOCALES:
            for path in paths:
                status = client.get(f"/{locale}{path}").status_code
                if status != 200:
                    failed.append(f"/{locale}{path}: {status}")
    assert failed == []


def test_every_key_is_an_address_too(server: Server) -> None:
    inventory = _inventory()
    aliases = [f"/collected/{address}" for _, item in inventory.items() for address in item.addresses[1:]]
    aliases += [f"/shared/{address}" for partner in inventory.partners for address in partner.addresses[1:]]
    assert "/collected/user.device.address_book" in aliases
    failed = []
    with httpx.Client(base_url=server.url, timeout=10, headers={"accept-language": "zh-CN"}) as client:
        for path in aliases:
            unprefixed = client.get(path)
            if unprefixed.status_code != 302 or unprefixed.headers["location"] != f"/zh-cn{path}/":
                failed.append(f"{path}: {unprefixed.status_code} {unprefixed.headers.get('location')}")
            for locale in LOCALES:
                status = client.get(f"/{locale}{path}/").status_code
                if status != 200:
                    failed.append(f"/{locale}{path}/: {status}")
    assert failed == []


@pytest.mark.parametrize(
    ("path", "canonical", "title"),
    [
        ("/collected/user.device.address_book", "/en/collected/user-device-address-book/", "Phone address book"),
        ("/collected/user-device-address_book", "/en/collected/user-device-address-book/", "Phone address book"),
    ],
)
def test_a_key_opens_the_item_at_its_canonical_address(
    page: Page, server: Server, path: str, canonical: str, title: str
) -> None:
    page.goto(f"{server.url}{path}?lang=en")
    page.wait_for_url(f"{server.url}{canonical}?lang=en")
    expect(page.locator("h1")).to_contain_text(title)
