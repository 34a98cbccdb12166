"""Every UI string is in every catalog, translated, not fuzzy, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from privacy_center.i18n.catalogs import LOCALES_DIR, gettext_for, po_path
from privacy_center.i18n.locales import KNOWN_LOCALES, by_code
from privacy_center.settings import PROJECT_ROOT

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
PLACEHOLDER_RE = re.compile(r"%\((\w+)\)[sdif]")


def _code_messages() -> dict[str | tuple[str, str], str]:
    """msgid -> file, extracted from the code right now (as scripts/i18n.sh does)."""
    found: dict[str | tuple[str, str], str] = {}
    method_map = [("privacy_center/**.py", "python")]
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PROJECT_ROOT), method_map=method_map, keywords=KEYWORDS
    ):
        found.setdefault(message, filename)
    return found


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def code_messages() -> dict[str | tuple[str, str], str]:
    return _code_messages()


@pytest.mark.parametrize("locale", KNOWN_LOCALES, ids=lambda loc: loc.code)
def test_catalog_complete(locale, code_messages) -> None:
    catalog = _catalog(po_path(locale))
    problems: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
        source = message.id[1] if isinstance(message.id, tuple) else message.id
        for text in strings:
            if text and set(PLACEHOLDER_RE.findall(text)) != set(PLACEHOLDER_RE.findall(source)):
                problems.append(f"placeholders differ: {message.id!r} -> {text!r}")
    catalog_ids = {m.id for m in catalog if m.id}
    problems += [
        f"missing from catalog: {msgid!r} (used in {where})"
        for msgid, where in code_messages.items()
        if msgid not in catalog_ids
    ]
    assert not problems, f"{po_path(locale)}:\n" + "\n".join(problems)


def test_template_is_fresh(code_messages) -> None:
    template = {m.id for m in _catalog(LOCALES_DIR / "messages.pot") if m.id}
    assert template == set(code_messages), "locales/messages.pot is stale: run scripts/i18n.sh update"


def test_runtime_catalog_translates() -> None:
    assert gettext_for(by_code("zh_CN"))("Privacy Center") == "隐私中心"
    assert gettext_for(by_code("en"))("Privacy Center") == "Privacy Center"
