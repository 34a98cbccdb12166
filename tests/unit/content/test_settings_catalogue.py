"""The settings catalogue: the shipped files load, and a broken file names where it is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privacy_center.content.errors import ContentError
from privacy_center.content.settings_catalogue import SettingKind, load_catalogue
from privacy_center.i18n.locales import by_code

CONTENT = Path(__file__).parents[3] / "content"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the shipped settings that a test may break."""
    shutil.copytree(CONTENT / "settings", tmp_path / "settings")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_catalogue_has_what_the_issue_asks_for() -> None:
    catalogue = load_catalogue(CONTENT)
    keys = [setting.key for setting in catalogue.default.settings()]
    assert "ads.personalized" in keys
    assert len([key for key in keys if key.startswith("recommendations.")]) >= 6
    assert {"friends.require_request", "friends.find_by_phone", "friends.find_by_qr_code"} <= set(keys)
    device = [s for s in catalogue.default.settings() if s.kind is SettingKind.SYSTEM]
    assert {s.key.split(".")[1] for s in device} >= {"location", "camera", "microphone", "contacts", "photos"}
    zh = catalogue.for_locale(by_code("zh_CN"))
    assert zh.setting("ads.personalized").title == "个性化广告"  # type: ignore[union-attr]
    assert [s.key for s in zh.settings()] == keys


def test_a_default_that_is_not_a_value_is_named(content: Path) -> None:
    _edit(content / "settings" / "en.yaml", "default: everyone", "default: nobody")
    with pytest.raises(ContentError) as raised:
        load_catalogue(content)
    message = str(raised.value)
    assert "en.yaml" in message
    assert "friends.posts_visible_for" in message
    assert "'nobody' is not one of" in message


def test_a_system_setting_with_a_default_is_refused(content: Path) -> None:
    _edit(content / "settings" / "zh_CN.yaml", "      - key: device.camera\n        kind: system\n",
          "      - key: device.camera\n        kind: system\n        default: \"on\"\n")  # fmt: skip
    with pytest.raises(ContentError, match=r"zh_CN\.yaml.*device\.camera.*the device decides"):
        load_catalogue(content)


def test_a_locale_with_another_default_is_refused(content: Path) -> None:
    _edit(
        content / "settings" / "zh_CN.yaml", 'default: "off"\n        title: 附近', 'default: "on"\n        title: 附近'
    )
    with pytest.raises(ContentError, match=r"zh_CN\.yaml: settings \(recommendations\.nearby\): kind, default"):
        load_catalogue(content)


def test_a_key_used_twice_is_refused(content: Path) -> None:
    _edit(content / "settings" / "en.yaml", "key: recommendations.games", "key: recommendations.video")
    with pytest.raises(ContentError, match=r"en\.yaml: groups\[1\]\.settings\[\d\] \(recommendations\.video\): key"):
        load_catalogue(content)


def test_an_unknown_field_is_named(content: Path) -> None:
    _edit(content / "settings" / "en.yaml", '        gpc: "off"\n', '        gpc: "off"\n        colour: red\n')
    with pytest.raises(
        ContentError, match=r"en\.yaml: groups\[0\] \(ads\)\.settings\[0\] \(ads\.personalized\)\.colour"
    ):
        load_catalogue(content)


def test_the_default_locale_is_required(content: Path) -> None:
    (content / "settings" / "en.yaml").unlink()
    with pytest.raises(ContentError, match="the default locale needs one"):
        load_catalogue(content)
