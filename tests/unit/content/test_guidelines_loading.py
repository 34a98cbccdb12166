"""Loading guideline files: validation errors name the file and the field."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from privacy_center.content.errors import ContentError
from privacy_center.content.guidelines import Kind, load_library
from privacy_center.i18n.locales import by_code

EN, ZH = by_code("en"), by_code("zh_CN")


@pytest.fixture
def content(tmp_path: Path, fixture_content_dir: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(fixture_content_dir, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(content: Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_library(content)
    return caught.value


def test_fixture_content_loads(fixture_content_dir: Path) -> None:
    library = load_library(fixture_content_dir)
    versions = [d.version for d in library.versions(Kind.FULL, ZH)]
    assert versions == ["1.0", "2.0"]
    full = library.current(Kind.FULL, EN, today=dt.date(2026, 11, 22))
    assert [s.anchor for s in full.sections][:3] == ["collect", "storage", "security"]
    assert any(h.anchor == "sharing-partners" and h.level == 3 for h in full.toc)


def test_real_content_loads() -> None:
    library = load_library(Path(__file__).parents[3] / "content")
    for locale in (EN, ZH):
        assert library.current(Kind.FULL, locale, today=dt.date(2026, 11, 22)).version == "2.0"
        en_anchors = [h.anchor for h in library.current(Kind.FULL, EN, today=dt.date(2026, 11, 22)).toc]
        assert [h.anchor for h in library.current(Kind.FULL, locale, today=dt.date(2026, 11, 22)).toc] == en_anchors


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 5, 8), "1.0"),
        (dt.date(2025, 5, 9), "1.0"),
        (dt.date(2026, 8, 31), "1.0"),
        (dt.date(2026, 9, 1), "2.0"),
    ],
)
def test_current_is_the_version_in_effect(fixture_content_dir: Path, day: dt.date, expected: str) -> None:
    assert load_library(fixture_content_dir).current(Kind.FULL, EN, today=day).version == expected


def test_locale_without_document_falls_back_to_english(content: Path) -> None:
    (content / "guidelines" / "zh_CN" / "children.md").unlink()
    library = load_library(content)
    assert library.current(Kind.CHILDREN, ZH, today=dt.date(2026, 11, 22)).locale == EN


@pytest.mark.parametrize(
    ("file", "old", "new", "field"),
    [
        ("en/summary.md", "---\ntitle", "title", "front matter"),
        ("en/full/2.0.md", "title: Test Guidelines", "title: [unclosed", "front matter"),
        ("en/full/2.0.md", "effective_on: 2026-09-01\n", "", "effective_on"),
        ("en/full/2.0.md", "title: Test Guidelines", "title: Test Guidelines\nauthor: me", "author"),
        ("en/full/2.0.md", 'version: "2.0"', 'version: "two"', "version"),
        ("en/full/2.0.md", "last_updated: 2026-09-01", "last_updated: 2026-10-01", "effective_on"),
        ("en/full/2.0.md", "  - Change in 2.0.", "  - ' '", "what_changed"),
        ("en/full/2.0.md", "## 2. Section storage {#storage}", "## 2. Section storage", "heading '2. Section storage'"),
        ("en/full/2.0.md", "{#storage}", "{#collect}", "heading '2. Section storage'"),
        ("en/full/2.0.md", "Preamble for version", "# Title\n\nPreamble for version", "heading 'Title'"),
        ("en/full/2.0.md", 'version: "2.0"', 'version: "3.0"', "version"),
        ("en/full/2.0.md", "{#rights}", "{#your-rights}", "sections"),
        ("en/summary.md", "{#sharing}", "{#not-in-full}", "section #not-in-full"),
    ],
)
def test_errors_name_file_and_field(content: Path, file: str, old: str, new: str, field: str) -> None:
    path = content / "guidelines" / file
    _edit(path, old, new)
    error = _error(content)
    assert error.path == path
    assert error.field == field
    assert str(path) in str(error)
    assert field in str(error)


def test_default_locale_must_have_every_kind(content: Path) -> None:
    (content / "guidelines" / "en" / "children.md").unlink()
    assert "children" in str(_error(content))


def test_rendering_anchors_links_and_escaping(content: Path) -> None:
    path = content / "guidelines" / "zh_CN" / "full" / "2.0.md"
    _edit(
        path,
        "New paragraph added in two.",
        "See [rights](/guidelines#rights), [mail](mailto:a@b.example), [ext](https://example.org). <script>x()</script>",
    )
    document = load_library(content).version(Kind.FULL, ZH, "2.0")
    assert document is not None
    html = document.section("contact").html
    assert 'href="/zh-cn/guidelines/#rights"' in html
    assert 'href="mailto:a@b.example"' in html
    assert 'href="https://example.org"' in html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<h2 id="contact">' in html
    assert "<table>" in document.section("sharing").html
    assert 'href="/zh-cn/guidelines/summary/"' in document.preamble_html
