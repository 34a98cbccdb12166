"""Choosing the locale: saved choice > ?lang= > Accept-Language > default; never an error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy_center.i18n.locales import KNOWN_LOCALES, by_code
from privacy_center.i18n.negotiation import negotiate, parse_accept_language

EN, ZH = by_code("en"), by_code("zh_CN")


@pytest.mark.parametrize(
    ("saved", "query", "accept_language", "expected"),
    [
        pytest.param("en", "zh_CN", "zh-CN", EN, id="saved-beats-all"),
        pytest.param("zh_CN", "en", "en", ZH, id="saved-beats-all-zh"),
        pytest.param(None, "zh_CN", "en", ZH, id="query-beats-header"),
        pytest.param(None, "en", "zh-CN", EN, id="query-beats-header-en"),
        pytest.param(None, None, "zh-CN,zh;q=0.9,en;q=0.8", ZH, id="header"),
        pytest.param("xx", "yy", "fr, zh;q=0.5", ZH, id="unknown-fall-through-to-header"),
        pytest.param("", "", "zh", ZH, id="empty-falls-through"),
        pytest.param(None, "xx", None, EN, id="unknown-query-gives-default"),
        pytest.param(None, None, "fr, de;q=0.5", EN, id="unsupported-header-gives-default"),
        pytest.param(None, None, None, EN, id="nothing-gives-default"),
    ],
)
def test_precedence(saved: str | None, query: str | None, accept_language: str | None, expected) -> None:
    assert negotiate(saved=saved, query=query, accept_language=accept_language) == expected


def test_default_is_a_parameter() -> None:
    assert negotiate(accept_language="fr", default=ZH) == ZH
    assert negotiate(accept_language="en", default=ZH) == EN


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en;q=0.3, zh-CN;q=0.9, fr", ["fr", "zh-CN", "en"]),
        ("zh-CN,zh;q=0.9,en;q=0.8", ["zh-CN", "zh", "en"]),
        ("en, zh", ["en", "zh"]),  # equal quality keeps the header's order
        ("zh;q=0.5 , en", ["en", "zh"]),
        ("en; q = 0.5, zh;q=0.6", ["zh", "en"]),
        ("en;Q=0.1, zh;q=0.5", ["zh", "en"]),  # parameter names are case-insensitive
        ("zh;level=1;q=0.4, en;q=0.3", ["zh", "en"]),
        ("en;q=1e-1, zh;q=0.2", ["zh", "en"]),
    ],
)
def test_quality_order(header: str, expected: list[str]) -> None:
    assert parse_accept_language(header) == expected


@pytest.mark.parametrize(
    "header",
    [
        "",
        None,
        ",,,",
        ";q=0.5",
        "*",
        "*;q=0.9",
        "en;q=0",
        "en;q=-1",
        "en;q=1.5",
        "en;q=bad",
        "en;q=",
        "en;q=nan",
        "en;q=inf",
    ],
)
def test_malformed_items_are_skipped(header: str | None) -> None:
    assert parse_accept_language(header) == []


def test_only_the_first_items_count() -> None:
    # A hostile header costs nothing: a supported language past the cap is not even read.
    header = ", ".join(["fr"] * 20 + ["zh"])
    assert "zh" not in parse_accept_language(header)
    assert negotiate(accept_language=header) == EN
    assert negotiate(accept_language=", ".join(["fr"] * 19 + ["zh"])) == ZH


# Text made of what locale tags and headers are made of reaches far more of the parser
# than arbitrary Unicode does.
_header_text = st.text(alphabet=st.sampled_from(list("zhenCNGBHansTW-_;=q.,@* 0123456789é中\x00")), max_size=80)
_any_text = st.one_of(st.none(), st.text(max_size=300), _header_text)


@settings(deadline=None, max_examples=300)
@given(saved=_any_text, query=_any_text, header=_any_text)
def test_negotiation_never_raises_and_gives_a_known_locale(saved, query, header) -> None:
    assert negotiate(saved=saved, query=query, accept_language=header) in KNOWN_LOCALES


@settings(deadline=None, max_examples=300)
@given(header=_any_text)
def test_parse_accept_language_never_raises(header) -> None:
    tags = parse_accept_language(header)
    assert len(tags) <= 20
    assert all(isinstance(tag, str) and tag and tag == tag.strip() for tag in tags)
