"""The inventory holds to what the pages promise; each refusal names file, entry and field.

Coherence rules beside the shape (test_inventory.py): an item that is not stored shows
no value, every address of an item (its key included) reaches it, the text is
typographic, and "where to change it" links only to a page of this app.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privacy_center.content.errors import ContentError
from privacy_center.content.inventory import MaskStyle, check_page_links, load_inventory, slug
from privacy_center.i18n.locales import by_code

REAL = Path(__file__).parents[3] / "content"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(REAL / "inventory", tmp_path / "inventory")
    return tmp_path


def _edit(content: Path, locale: str, old: str, new: str) -> Path:
    path = content / "inventory" / f"{locale}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _refused(content: Path, locale: str, old: str, new: str) -> ContentError:
    path = _edit(content, locale, old, new)
    with pytest.raises(ContentError) as caught:
        load_inventory(content)
    assert caught.value.path == path
    return caught.value


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_an_item_not_stored_may_not_promise_a_value_to_show(content: Path, locale: str) -> None:
    error = _refused(content, locale, "stored: false, change_in:", "stored: false, mask: partial, change_in:")
    assert error.field == "scenarios[3] (contacts).items[1] (user.device.address_book)"
    assert "not stored has no value to show" in error.problem


@pytest.mark.parametrize(
    ("locale", "old"),
    [
        ("en", "retention: Not stored after use, stored: false,"),
        ("zh_CN", "retention: 使用后不保存, stored: false,"),
    ],
)
def test_text_that_says_not_stored_needs_the_flag(content: Path, locale: str, old: str) -> None:
    error = _refused(content, locale, old, old.replace(" stored: false,", ""))
    assert error.field == "scenarios[5].items[0] (user.location.approximate).stored"
    assert "add stored: false" in error.problem


def test_locales_agree_on_what_is_stored(content: Path) -> None:
    # Both texts say nothing about it, so only the cross-locale check can catch the difference.
    _edit(content, "zh_CN", "retention: 90 天, change_in: 小格", "retention: 90 天, stored: false, change_in: 小格")
    with pytest.raises(ContentError) as caught:
        load_inventory(content)
    assert caught.value.field == "items (user.apps.usage)"
    assert "stored" in caught.value.problem


@pytest.mark.parametrize(
    ("old", "new", "field", "hint"),
    [
        ("purpose: Show who you are to your contacts,", 'purpose: "Show who you are to your \\"contacts\\"",',
         "scenarios[0] (account).items[1] (user.name.nickname).purpose", "“ ”"),
        ("name: Profile photo,", "name: Profile's photo,", "scenarios[1] (profile).items[0] (user.profile.avatar).name", "’"),
        ("retention: 72 hours on our servers, change_in: Chats › delete a message",
         "retention: 72 hours -- on our servers, change_in: Chats › delete a message",
         "scenarios[2] (chats).items[1] (user.chat.voice).retention", "–"),
        ("change_in: Contacts › a friend › Delete", "change_in: Contacts > a friend > Delete",
         "scenarios[3] (contacts).items[0] (user.social.friends).change_in", "›"),
        ("company: PushWave Inc.,", "company: PushWave Inc...,", "partners[1] (pushwave).company", "…"),
    ],
)  # fmt: skip
def test_typewriter_quotes_and_dashes_are_refused(content: Path, old: str, new: str, field: str, hint: str) -> None:
    error = _refused(content, "en", old, new)
    assert error.field == field
    assert hint in error.problem


def test_the_shipped_text_is_typographic() -> None:
    inventory = load_inventory(REAL)
    for code in ("en", "zh_CN"):
        texts = [
            text
            for _, item in inventory.by_locale[code].items()
            for text in (item.name, item.purpose, item.retention, item.change_in)
        ]
        assert not [t for t in texts if '"' in t or "'" in t or " > " in t]
        assert any("›" in t for t in texts)


def test_a_partner_receives_only_collected_items(content: Path) -> None:
    error = _refused(content, "en", "shares: [user.contact.email]", "shares: [user.contact.email, user.contact.fax]")
    assert error.field == "partners[7] (mailrelay).shares"
    assert "not a collected item of this inventory: user.contact.fax" in error.problem


def test_every_key_and_address_reaches_its_item() -> None:
    inventory = load_inventory(REAL).for_locale(by_code("zh_CN"))
    for _, item in inventory.items():
        assert item.slug == slug(item.key)
        assert "_" not in item.slug
        assert "." not in item.slug
        for address in (item.key, item.slug, item.key.replace(".", "-")):
            found = inventory.item(address)
            assert found is not None
            assert found[1].key == item.key
    # The item the newcomer hit: its key, its old and its new address.
    book = inventory.item("user.device.address_book")
    assert book is not None
    assert book[1].addresses == ("user-device-address-book", "user.device.address_book", "user-device-address_book")
    for partner in inventory.partners:
        assert inventory.partner(partner.key) == inventory.partner(partner.slug) == partner


def test_two_keys_may_not_share_any_address(content: Path) -> None:
    # user.profile.region's address once hyphens replace underscores too: user-profile-region.
    error = _refused(content, "en", "{key: user.profile.avatar,", "{key: user.profile_region,")
    assert error.field == "scenarios[1].items[2] (user.profile.region)"
    assert "same address" in error.problem


def test_items_not_stored_are_never_shown() -> None:
    inventory = load_inventory(REAL).for_locale(by_code("en"))
    hidden = [item.key for _, item in inventory.items() if not item.stored]
    assert hidden == ["user.device.address_book", "user.location.approximate"]
    for key in hidden:
        found = inventory.item(key)
        assert found is not None
        assert found[1].mask_style is MaskStyle.HIDDEN


def test_where_to_change_links_only_to_pages_of_this_app(content: Path) -> None:
    inventory = load_inventory(content)
    targets = {item.change_page for _, item in inventory.by_locale["en"].items() if item.change_page}
    assert "/access-history" in targets
    check_page_links(inventory, ["/", *targets], content)
    with pytest.raises(ContentError) as caught:
        check_page_links(inventory, ["/", *(targets - {"/access-history"})], content)
    assert caught.value.path == content / "inventory" / "en.yaml"
    assert caught.value.field == "scenarios[11].items[1] (user.support.agent_access).change_page"
    assert "not a page of this app: /access-history" in caught.value.problem


@pytest.mark.parametrize("target", ["https://evil.example/", "access-history", "/Access", "/a//b", "/a/"])
def test_a_change_page_is_a_plain_path(content: Path, target: str) -> None:
    error = _refused(content, "en", "change_page: /access-history}", f'change_page: "{target}"}}')
    assert error.field == "scenarios[11] (support).items[1] (user.support.agent_access).change_page"
