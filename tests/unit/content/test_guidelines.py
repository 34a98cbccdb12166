"""Loading guideline files: what loads, which version is current, and errors naming file and field."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from privacy_center.content.errors import ContentError
from privacy_center.content.guidelines import Kind, load_library, version_key
from privacy_center.i18n.locales import KNOWN_LOCALES, by_code
from tests.unit.factories import edit, write_guideline

EN, ZH = by_code("en"), by_code("zh_CN")
REAL_CONTENT = Path(__file__).parents[3] / "content"
LATER = dt.date(2026, 11, 22)


def _error(content: Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_library(content)
    return caught.value


def _assert_names(error: ContentError, path: Path, field: str) -> None:
    assert error.path == path
    assert error.field == field
    assert str(error).startswith(f"{path}: {field}: ")


def test_fixture_content_loads(fixture_content_dir: Path) -> None:
    library = load_library(fixture_content_dir)
    assert sorted(library.documents) == sorted((kind, loc.code) for kind in Kind for loc in KNOWN_LOCALES)
    for locale in KNOWN_LOCALES:
        assert [d.version for d in library.versions(Kind.FULL, locale)] == ["1.0", "2.0"]
        assert all(d.locale == locale for d in library.versions(Kind.FULL, locale))


def test_document_structure(fixture_content_dir: Path) -> None:
    document = load_library(fixture_content_dir).version(Kind.FULL, ZH, "2.0")
    assert document is not None
    assert (document.kind, document.meta.title, document.version_slug) == (Kind.FULL, "Test Guidelines", "v2-0")
    assert [s.anchor for s in document.sections] == [
        "collect", "storage", "security", "sharing", "rights", "amendments", "minors", "contact",
    ]  # fmt: skip
    assert document.section("rights").title == "5. Section rights"
    assert document.section("rights").text == "5. Section rights Text about rights in zh_CN. Shared sentence."
    assert document.section("nope") is None
    # The table of contents lists levels 2 and 3; the level-3 heading stays inside its section.
    assert [(h.level, h.anchor) for h in document.toc][3:5] == [(2, "sharing"), (3, "sharing-partners")]
    assert 'id="sharing-partners"' in document.section("sharing").html
    assert document.preamble_html.startswith("<p>Preamble for version 2.0.")
    assert document.sha256 == hashlib.sha256(document.path.read_bytes()).hexdigest()


def test_version_lookup(fixture_content_dir: Path) -> None:
    library = load_library(fixture_content_dir)
    assert library.version(Kind.FULL, EN, "1.0").meta.effective_on == dt.date(2025, 5, 9)
    assert library.version(Kind.FULL, EN, "3.0") is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(dt.date(2025, 5, 8), "1.0", id="before-any-version-the-oldest"),
        pytest.param(dt.date(2025, 5, 9), "1.0", id="on-1.0-effective-day"),
        pytest.param(dt.date(2026, 8, 31), "1.0", id="day-before-2.0"),
        pytest.param(dt.date(2026, 9, 1), "2.0", id="on-2.0-effective-day"),
        pytest.param(dt.date(2030, 1, 1), "2.0", id="long-after"),
    ],
)
def test_current_is_the_version_in_effect(fixture_content_dir: Path, day: dt.date, expected: str) -> None:
    library = load_library(fixture_content_dir)
    for locale in KNOWN_LOCALES:
        assert library.current(Kind.FULL, locale, today=day).version == expected


def test_versions_sort_by_number_not_text(content_copy: Path) -> None:
    source = (content_copy / "guidelines" / "en" / "full" / "2.0.md").read_text(encoding="utf-8")
    later = source.replace('version: "2.0"', 'version: "10.0"').replace("2026-09-01", "2027-01-01")
    (content_copy / "guidelines" / "en" / "full" / "10.0.md").write_text(later, encoding="utf-8")
    library = load_library(content_copy)
    assert [d.version for d in library.versions(Kind.FULL, EN)] == ["1.0", "2.0", "10.0"]
    assert library.current(Kind.FULL, EN, today=dt.date(2027, 1, 1)).version == "10.0"
    assert library.current(Kind.FULL, EN, today=dt.date(2026, 12, 31)).version == "2.0"
    assert version_key("1.10") > version_key("1.9")


@pytest.mark.parametrize("missing", ["children.md", "summary.md", "full"])
def test_locale_without_a_document_falls_back_to_english(content_copy: Path, missing: str) -> None:
    target = content_copy / "guidelines" / "zh_CN" / missing
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    library = load_library(content_copy)
    for kind in Kind:
        document = library.current(kind, ZH, today=LATER)
        assert document.locale == (EN if kind.value in missing else ZH)


def test_a_locale_folder_may_be_absent(content_copy: Path) -> None:
    shutil.rmtree(content_copy / "guidelines" / "zh_CN")
    library = load_library(content_copy)
    assert library.current(Kind.SUMMARY, ZH, today=LATER).locale == EN


GUIDELINES = Path("guidelines")


@pytest.mark.parametrize(
    ("file", "old", "new", "field"),
    [
        pytest.param("en/summary.md", "---\ntitle", "title", "front matter", id="no-front-matter"),
        pytest.param("en/full/2.0.md", "title: Test Guidelines", "title: [unclosed", "front matter", id="bad-yaml"),
        pytest.param("en/full/2.0.md", "last_updated: 2026-09-01", "last_updated: 2026-02-30", "front matter",
                     id="date-that-does-not-exist"),
        pytest.param("en/full/2.0.md", "effective_on: 2026-09-01\n", "", "effective_on", id="missing-effective_on"),
        pytest.param("en/full/2.0.md", "effective_on: 2026-09-01", "effective_on: soon", "effective_on",
                     id="effective_on-not-a-date"),
        pytest.param("en/full/2.0.md", "title: Test Guidelines", "title: Test Guidelines\nauthor: me", "author",
                     id="unknown-key"),
        pytest.param("en/full/2.0.md", "title: Test Guidelines", "title: ''", "title", id="empty-title"),
        pytest.param("en/full/2.0.md", 'version: "2.0"', 'version: "two"', "version", id="bad-version"),
        pytest.param("en/full/2.0.md", 'version: "2.0"', 'version: "2.0.0.1"', "version", id="four-part-version"),
        pytest.param("en/full/2.0.md", "last_updated: 2026-09-01", "last_updated: 2026-10-01", "effective_on",
                     id="effective-before-last-updated"),
        pytest.param("en/full/2.0.md", "  - Change in 2.0.", "  - ' '", "what_changed", id="blank-what_changed"),
        pytest.param("en/full/2.0.md", "what_changed:\n  - Change in 2.0.", "what_changed: []", "what_changed",
                     id="no-what_changed"),
        pytest.param("en/full/2.0.md", "  - Change in 2.0.", "  - Change in 2.0.\n  -", "what_changed.1",
                     id="null-what_changed-item"),
        pytest.param("en/full/2.0.md", "## 2. Section storage {#storage}", "## 2. Section storage",
                     "heading '2. Section storage'", id="h2-without-anchor"),
        pytest.param("en/full/2.0.md", "### 4.1 Partners {#sharing-partners}", "### 4.1 Partners",
                     "heading '4.1 Partners'", id="h3-without-anchor"),
        pytest.param("en/full/2.0.md", "{#storage}", "{#collect}", "heading '2. Section storage'",
                     id="duplicate-anchor"),
        pytest.param("en/full/2.0.md", "{#sharing-partners}", "{#rights}", "heading '5. Section rights'",
                     id="duplicate-anchor-across-levels"),
        pytest.param("en/full/2.0.md", "Preamble for version", "# Title\n\nPreamble for version", "heading 'Title'",
                     id="level-1-heading"),
        pytest.param("en/full/2.0.md", "Preamble for version", "Title\n=====\n\nPreamble for version",
                     "heading 'Title'", id="setext-level-1-heading"),
        pytest.param("en/full/2.0.md", 'version: "2.0"', 'version: "3.0"', "version", id="file-name-not-version"),
        pytest.param("en/full/2.0.md", "{#rights}", "{#your-rights}", "sections", id="missing-rights"),
        pytest.param("zh_CN/full/1.0.md", "{#contact}", "{#contact-us}", "sections", id="missing-section-in-zh"),
        pytest.param("en/summary.md", "{#sharing}", "{#not-in-full}", "section #not-in-full",
                     id="summary-anchor-not-in-full"),
        pytest.param("en/children.md", "## Scope {#scope}", "No sections at all.", "body", id="no-section"),
    ],
)  # fmt: skip
def test_errors_name_file_and_field(content_copy: Path, file: str, old: str, new: str, field: str) -> None:
    path = edit(content_copy / GUIDELINES / file, old, new)
    _assert_names(_error(content_copy), path, field)


def test_unreadable_file(content_copy: Path) -> None:
    path = content_copy / GUIDELINES / "zh_CN" / "children.md"
    path.write_bytes(b"---\ntitle: \xff\xfe\n---\n")
    error = _error(content_copy)
    _assert_names(error, path, "file")
    assert "UTF-8" in error.problem


def test_summary_is_checked_against_its_own_version(content_copy: Path) -> None:
    # An anchor only 1.0 has: a 1.0 summary may use it, the 2.0 summary may not.
    edit(content_copy / GUIDELINES / "en" / "full" / "1.0.md", "Old paragraph removed later.", "## Gone {#gone}")
    summary = edit(content_copy / GUIDELINES / "en" / "summary.md", "## Summary sharing", "## Gone {#gone}\n\n## S")
    _assert_names(_error(content_copy), summary, "section #gone")
    edit(summary, 'version: "2.0"', 'version: "1.0"')
    assert load_library(content_copy).current(Kind.SUMMARY, EN, today=LATER).section("gone") is not None


@pytest.mark.parametrize(
    ("remove", "expected", "kind"),
    [
        ("summary.md", "summary.md", "summary"),
        ("children.md", "children.md", "children"),
        ("full", "full/<version>.md", "full"),
    ],
)
def test_default_locale_must_have_every_kind(content_copy: Path, remove: str, expected: str, kind: str) -> None:
    target = content_copy / GUIDELINES / "en" / remove
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    error = _error(content_copy)
    _assert_names(error, content_copy / GUIDELINES / "en" / expected, "file")
    assert f"must have a {kind} document" in error.problem


def test_empty_content_folder(tmp_path: Path) -> None:
    _assert_names(_error(tmp_path), tmp_path / GUIDELINES / "en" / "summary.md", "file")


def test_a_written_file_loads_with_its_front_matter(content_copy: Path) -> None:
    path = content_copy / GUIDELINES / "zh_CN" / "children.md"
    write_guideline(path, "## 范围 {#scope}\n\n儿童。\n", title="儿童个人信息保护规则", version="1.1")
    document = load_library(content_copy).current(Kind.CHILDREN, ZH, today=LATER)
    assert (document.meta.title, document.version, document.section("scope").text) == (
        "儿童个人信息保护规则",
        "1.1",
        "范围 儿童。",
    )


def test_shipped_content_loads_and_locales_share_anchors() -> None:
    """The content the center ships: valid, and a deep link works in every locale."""
    library = load_library(REAL_CONTENT)
    for kind in Kind:
        english = library.current(kind, EN, today=LATER)
        for locale in KNOWN_LOCALES:
            document = library.current(kind, locale, today=LATER)
            assert document.locale == locale
            assert [h.anchor for h in document.toc] == [h.anchor for h in english.toc]
