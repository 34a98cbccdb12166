"""The supported locales: their tags and prefixes, matching what clients send, and URL prefixes."""

from __future__ import annotations

import pytest

from privacy_center.i18n.locales import DEFAULT_LOCALE, KNOWN_LOCALES, by_code, by_prefix, from_path, match

EN, ZH = by_code("en"), by_code("zh_CN")


def test_known_locales() -> None:
    assert DEFAULT_LOCALE == EN
    assert [(loc.code, loc.tag, loc.prefix) for loc in KNOWN_LOCALES] == [
        ("en", "en", "en"),
        ("zh_CN", "zh-CN", "zh-cn"),
    ]
    assert ZH.babel.language == "zh"
    assert ZH.native_name == "简体中文"


def test_lookups() -> None:
    assert by_code("zh_cn") == ZH
    assert by_prefix("zh-cn") == ZH
    assert by_prefix("ZH-CN") == ZH
    assert by_prefix("zh_CN") is None
    assert by_prefix("") is None
    with pytest.raises(KeyError):
        by_code("fr")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("zh", ZH),
        ("zh-CN", ZH),
        ("zh_cn", ZH),
        ("zh_CN", ZH),
        ("ZH-cn", ZH),
        ("zh-Hans-CN", ZH),
        ("zh-Hans", ZH),
        ("zh-TW", ZH),  # the only Chinese we have beats falling back to English
        (" zh-CN ", ZH),
        ("en", EN),
        ("en-GB", EN),
        ("en_US", EN),
        ("EN", EN),
        ("fr", None),
        ("fr-FR", None),
        ("xx", None),
        ("", None),
        ("   ", None),
        (None, None),
        ("!!", None),
        ("zh-", None),
        ("-", None),
        ("x" * 100, None),
        ("zh-CN" + "-x" * 20, None),
    ],
)
def test_match(value: str | None, expected) -> None:
    assert match(value) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/zh-cn/guidelines/", ZH),
        ("/zh-cn/guidelines/v1-0/", ZH),
        ("/zh-cn", ZH),
        ("zh-cn/x", ZH),
        ("/ZH-CN/", ZH),
        ("/en/", EN),
        ("/en/guidelines", EN),
        ("/fr/guidelines", EN),
        ("/guidelines/zh-cn/", EN),
        ("/zh-cnx/", EN),
        ("/", EN),
        ("", EN),
    ],
)
def test_from_path(path: str, expected) -> None:
    assert from_path(path) == expected
