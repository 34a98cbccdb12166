"""The data inventory: the demo content loads; every mistake names file, entry and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privacy_center.content.errors import ContentError
from privacy_center.content.inventory import MaskStyle, Method, load_inventory
from privacy_center.i18n.locales import by_code

REAL = Path(__file__).parents[3] / "content"


def test_demo_inventory_meets_the_minimums() -> None:
    inventory = load_inventory(REAL)
    for code in ("en", "zh_CN"):
        parsed = inventory.for_locale(by_code(code))
        assert len(parsed.scenarios) >= 12
        assert sum(len(s.items) for s in parsed.scenarios) >= 30
        assert len(parsed.partners) >= 8
    items = {i.key: i for s in inventory.for_locale(by_code("zh_CN")).scenarios for i in s.items}
    assert items["user.contact.phone"].name == "手机号码"
    assert items["user.identity.id_number"].sensitive
    assert items["user.device.model"].method is Method.COLLECTED


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(REAL / "inventory", tmp_path / "inventory")
    return tmp_path


def _break(content: Path, locale: str, old: str, new: str) -> ContentError:
    path = content / "inventory" / f"{locale}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_inventory(content)
    assert caught.value.path == path
    return caught.value


@pytest.mark.parametrize(
    ("old", "new", "where", "what"),
    [
        ("method: provided, sensitive: false, retention: As long as your account exists, change_in: Me › Profile › Nickname",
         "method: maybe, sensitive: false, retention: As long as your account exists, change_in: Me › Profile › Nickname",
         "scenarios[0] (account).items[1] (user.name.nickname).method", "Input should be"),
        ("{key: user.profile.gender, name: Gender, ", "{key: user.profile.gender, ", "scenarios[1] (profile).items[1] (user.profile.gender).name", "Field required"),
        ("shares: [user.device.identifier]", "shares: [user.device.fingerprint]", "partners[1] (pushwave).shares", "not a collected item"),
        ("{key: user.profile.region,", "{key: user.profile.avatar,", "scenarios[1].items[2] (user.profile.avatar)", "used twice"),
        ('policy_url: "https://mailrelay.example/privacy"', "policy_url: not a url", "partners[7] (mailrelay).policy_url", "URL"),
    ],
)  # fmt: skip
def test_errors_name_file_entry_and_field(content: Path, old: str, new: str, where: str, what: str) -> None:
    error = _break(content, "en", old, new)
    assert error.field == where
    assert what in error.problem


def test_locales_must_share_keys(content: Path) -> None:
    path = content / "inventory" / "zh_CN.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("key: skycast", "key: skycast-cn"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_inventory(content)
    assert caught.value.path == path
    assert caught.value.field == "partner keys"


def test_two_items_may_not_share_an_address(content: Path) -> None:
    # user.profile.region and user-profile.region would both live at /collected/user-profile-region.
    error = _break(content, "en", "{key: user.profile.avatar,", "{key: user-profile.region,")
    assert error.field == "scenarios[1].items[2] (user.profile.region)"
    assert "same address" in error.problem


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("mask: phone}", "mask: none}", "items (user.contact.phone)"),
        ("method: sdk, policy_url: \"https://pushwave.example/privacy\"", "method: server, policy_url: \"https://pushwave.example/privacy\"", "partners (pushwave)"),
    ],
)  # fmt: skip
def test_locales_must_agree_on_everything_but_words(content: Path, old: str, new: str, where: str) -> None:
    error = _break(content, "zh_CN", old, new)
    assert error.field == where
    assert "must match en.yaml" in error.problem


def test_mask_styles_and_addresses() -> None:
    inventory = load_inventory(REAL).for_locale(by_code("en"))
    scenario, phone = inventory.item("user-contact-phone") or (None, None)
    assert scenario is not None
    assert phone is not None
    assert (scenario.key, phone.mask_style, phone.slug) == ("account", MaskStyle.PHONE, "user-contact-phone")
    assert inventory.item("user.identity.id_number")[1].mask_style is MaskStyle.PARTIAL  # sensitive: partly hidden
    assert inventory.item("user.profile.region")[1].mask_style is MaskStyle.NONE
    assert [p.key for p in inventory.partners_sharing("user.location.approximate")] == ["mapleaf", "skycast"]
    assert inventory.partner("nope") is None
