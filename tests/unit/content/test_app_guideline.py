"""An app's guideline files: the demo apps' load; every broken file is refused naming file, entry and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privacy_center.content.app_guideline import ContactKind, load_guideline, load_guideline_folder
from privacy_center.content.errors import ContentError
from privacy_center.i18n.locales import KNOWN_LOCALES

APPS = Path(__file__).parents[3] / "content" / "apps"
READWELL_SCOPES = ("openid", "profile", "email", "phone", "offline_access")


@pytest.fixture
def readwell(tmp_path: Path) -> Path:
    """A copy of the demo app Readwell's guideline that a test may break."""
    target = tmp_path / "demo-readwell"
    shutil.copytree(APPS / "demo-readwell", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer has {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _refused(folder: Path, scopes: tuple[str, ...] = READWELL_SCOPES) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_guideline_folder(folder, registered_scopes=scopes)
    return caught.value


def test_the_demo_guidelines_load_in_every_locale() -> None:
    sunny = load_guideline_folder(APPS / "demo-sunny-weather", registered_scopes=("openid", "profile", "location"))
    readwell = load_guideline_folder(APPS / "demo-readwell", registered_scopes=READWELL_SCOPES)
    assert set(sunny.by_locale) == set(readwell.by_locale) == {locale.code for locale in KNOWN_LOCALES}
    assert sunny.scopes == ("openid", "profile", "location")
    english = readwell.for_locale(KNOWN_LOCALES[0])
    phone = english.item("phone")
    assert phone is not None
    assert english.storage_of(phone).startswith("3 years")  # its own period
    reading = english.item("reading")
    assert reading is not None
    assert english.storage_of(reading) == english.storage  # the overall one
    assert english.scope("offline_access") is not None
    assert [c.kind for c in english.developer.contacts] == [ContactKind.EMAIL, ContactKind.PHONE, ContactKind.ADDRESS]


@pytest.mark.parametrize(
    ("locale", "old", "new", "field", "problem"),
    [
        ("en", "  name: Readwell Ltd.\n", "", "developer.name", "Field required"),
        (
            "en",
            "value: privacy@readwell.example",
            "value: privacy-at-readwell",
            "developer.contacts[0]",
            "not an email",
        ),
        ("en", "kind: phone", "kind: fax", "developer.contacts[1].kind", "Input should be"),
        ("en", "  - key: reading\n", "  - key: Reading!\n", "items[4] (Reading!).key", "String should match pattern"),
        ("en", "purpose: To confirm orders", "purpose: To “confirm” orders", None, None),
        ("en", "purpose: To confirm orders", 'purpose: To "confirm" orders', "items[3] (phone).purpose", "write “ ”"),
        (
            "en",
            "    items: [email]\n",
            "    items: [emails]\n",
            "scopes[2] (email).items",
            "not an item of this guideline: emails",
        ),
        (
            "en",
            "  - scope: phone\n    purpose: Confirms deliveries.\n    items: [phone]\n",
            "  - scope: phone\n    purpose: Confirms deliveries.\n",
            "scopes[3]",
            "name the items",
        ),
        ("en", "  - scope: phone\n", "  - scope: location\n", "scopes[3] (location).scope", "not registered for it"),
        (
            "en",
            "      - item: phone\n",
            "      - item: address\n",
            "plugins[0] (paylink).processes[1].item",
            "not an item of this guideline: address",
        ),
        (
            "en",
            "effective_on: 2026-09-01",
            "effective_on: 2026-09-01\nupdated_on: 2026-08-01",
            "file",
            "updated_on: earlier",
        ),
        ("en", "effective_on: 2026-09-01", "effective_on: soon", "effective_on", "valid date"),
        ("en", "storage: Until you delete", "retention: Until you delete", "retention", "Extra inputs"),
        ("en", "  - key: nickname\n", "  - key: account_id\n", "items[1] (account_id)", "key: used twice"),
        ("zh_CN", "    items: [nickname]\n", "    items: [account_id]\n", "scopes", "must match en.yaml"),
        ("zh_CN", "effective_on: 2026-09-01", "effective_on: 2026-09-02", "effective_on", "must match en.yaml"),
        ("zh_CN", "kind: address", "kind: web", "developer.contacts[2]", "must be an https"),
    ],
)
def test_a_broken_file_is_named_with_its_entry_and_field(
    readwell: Path, locale: str, old: str, new: str, field: str | None, problem: str | None
) -> None:
    path = readwell / f"{locale}.yaml"
    _edit(path, old, new)
    if field is None:  # typographic quotes are what the rule asks for: accepted
        load_guideline_folder(readwell, registered_scopes=READWELL_SCOPES)
        return
    error = _refused(readwell)
    assert error.path == path
    assert error.field.startswith(field), error
    assert problem is not None
    assert problem in error.problem or problem in str(error), error


def test_an_item_without_a_storage_period_needs_an_overall_one(readwell: Path) -> None:
    for locale in ("en", "zh_CN"):
        text = (readwell / f"{locale}.yaml").read_text(encoding="utf-8")
        kept = [line for line in text.splitlines(keepends=True) if not line.startswith("storage:")]
        (readwell / f"{locale}.yaml").write_text("".join(kept), encoding="utf-8")
    error = _refused(readwell)
    assert error.path == readwell / "en.yaml"
    assert error.field == "items[0] (account_id).storage"
    assert "overall storage period" in error.problem


def test_files_are_named_after_their_locale_and_the_default_one_is_needed(readwell: Path, tmp_path: Path) -> None:
    odd = tmp_path / "english.yaml"
    shutil.copy(readwell / "en.yaml", odd)
    with pytest.raises(ContentError, match="name it after its locale"):
        load_guideline([odd], registered_scopes=READWELL_SCOPES)
    (readwell / "en.yaml").unlink()
    error = _refused(readwell)
    assert (error.path, error.field, error.problem) == (readwell / "en.yaml", "file", "the default locale needs one")


def test_a_file_that_is_not_yaml_is_named(readwell: Path) -> None:
    (readwell / "zh_CN.yaml").write_text("developer: [unclosed\n", encoding="utf-8")
    error = _refused(readwell)
    assert (error.path, error.field) == (readwell / "zh_CN.yaml", "file")
    assert error.problem.startswith("cannot be read as YAML")
