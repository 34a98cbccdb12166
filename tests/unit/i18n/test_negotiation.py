"""Choosing the locale: saved choice > ?lang= > Accept-Language > default; never an error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy_center.i18n.locales import KNOWN_LOCALES, by_code, from_path, match
from privacy_center.i18n.negotiation import negotiate, parse_accept_language

EN, ZH = by_code("en"), by_code("zh_CN")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("zh", ZH),
        ("zh-CN", ZH),
        ("zh_cn", ZH),
        ("zh-Hans-CN", ZH),
        ("zh-TW", ZH),
        ("ZH-cn", ZH),
        ("en", EN),
        ("en-GB", EN),
        ("fr", None),
        ("", None),
        (None, None),
        ("!!", None),
        ("x" * 100, None),
    ],
)
def test_match(value: str | None, expected) -> None:
    assert match(value) == expected


def test_precedence() -> None:
    assert negotiate(saved="en", query="zh_CN", accept_language="zh-CN") == EN
    assert negotiate(saved=None, query="zh_CN", accept_language="en") == ZH
    assert negotiate(saved="xx", query="yy", accept_language="fr, zh;q=0.5") == ZH
    assert negotiate(accept_language="fr") == EN
    assert negotiate() == EN


def test_accept_language_quality_order() -> None:
    assert parse_accept_language("en;q=0.3, zh-CN;q=0.9, fr") == ["fr", "zh-CN", "en"]
    assert parse_accept_language("en;q=0, zh;q=bad, *") == []
    assert negotiate(accept_language="en;q=0.3, zh-CN;q=0.9") == ZH


def test_from_path() -> None:
    assert from_path("/zh-cn/guidelines/") == ZH
    assert from_path("/zh-cn") == ZH
    assert from_path("/en/") == EN
    assert from_path("/fr/x") == EN
    assert from_path("") == EN


@given(st.text(max_size=300), st.text(max_size=40), st.text(max_size=40))
def test_negotiation_never_raises(header: str, saved: str, query: str) -> None:
    assert negotiate(saved=saved, query=query, accept_language=header) in KNOWN_LOCALES
    assert all(isinstance(tag, str) for tag in parse_accept_language(header))
