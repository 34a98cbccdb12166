"""Find-in-document: counts, snippets, limits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from privacy_center.content.guidelines import Document, Kind, load_library
from privacy_center.i18n.locales import by_code
from privacy_center.services.guideline_search import MAX_QUERY_LENGTH, QueryTooLongError, find

REAL_CONTENT = Path(__file__).parents[3] / "content"


def _document(code: str) -> Document:
    return load_library(REAL_CONTENT).current(Kind.FULL, by_code(code), today=dt.date(2026, 11, 22))


def test_hits_and_counts_are_case_insensitive() -> None:
    result = find(_document("en"), "LATTICE PAY")
    anchors = [h.anchor for h in result.hits]
    assert "collect" in anchors
    assert "rights" in anchors
    assert result.total_matches == sum(h.count for h in result.hits)
    hit = result.hits[0]
    assert hit.match.lower() == "lattice pay"


def test_snippet_has_ellipses_when_cut() -> None:
    hit = find(_document("en"), "cooling-off").hits[0]
    assert hit.anchor == "rights"
    assert hit.before.startswith("…")
    assert hit.after.endswith("…")
    assert len(hit.before) <= 61


def test_chinese_text() -> None:
    result = find(_document("zh_CN"), "冷静期")
    assert [h.anchor for h in result.hits] == ["rights"]
    assert result.hits[0].match == "冷静期"


def test_empty_and_missing() -> None:
    assert find(_document("en"), "   ").total_matches == 0
    assert find(_document("en"), "zebra crossing").hits == []


def test_too_long_query() -> None:
    with pytest.raises(QueryTooLongError):
        find(_document("en"), "x" * (MAX_QUERY_LENGTH + 1))


def test_regex_characters_are_literal() -> None:
    assert find(_document("en"), "(.*)").total_matches == 0
    assert find(_document("en"), "138****1234").total_matches == 1
