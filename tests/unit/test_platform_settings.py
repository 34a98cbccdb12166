"""The platform's name and logo settings: per-language names, and only logos that are safe to show."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from privacy_center.settings import Settings


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "http://cdn.example/logo.svg",  # would load over plain http
        "//cdn.example/logo.svg",  # protocol-relative: another host
        "/\\cdn.example/logo.svg",  # browsers read the backslash as a slash
        "https://user:pw@cdn.example/logo.svg",
        "https:///logo.svg",
        'https://cdn.example/logo.svg" onerror="alert(1)',
        "/logo one.svg",
        "logo.svg",
        "",
    ],
)
def test_a_logo_that_is_not_a_path_here_or_an_https_url_is_refused(url: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(platform_logo_url=url)
    assert "PC_PLATFORM_LOGO_URL" in str(refused.value)


@pytest.mark.parametrize("url", ["/platform-logo.svg", "/brand/logo.png?v=2", "https://cdn.acme.example/logo.svg"])
def test_a_path_here_or_an_https_url_is_a_logo(url: str) -> None:
    assert Settings(platform_logo_url=url).platform_logo_url == url


def test_the_demo_platform_has_its_chinese_name() -> None:
    settings = Settings()
    assert settings.platform_name_in("en") == "Lattice"
    assert settings.platform_name_in("zh_CN") == "格子"


def test_an_operator_s_brand_is_used_where_it_has_no_name_of_its_own() -> None:
    settings = Settings(platform_name="Acme Social")
    assert settings.platform_name_in("zh_CN") == "Acme Social"  # never the demo's 格子
    named = Settings(platform_name="Acme Social", platform_name_zh_cn="艾克米")
    assert (named.platform_name_in("en"), named.platform_name_in("zh_CN")) == ("Acme Social", "艾克米")


def test_the_names_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PC_PLATFORM_NAME", "  Acme   Social ")
    monkeypatch.setenv("PC_PLATFORM_NAME_ZH_CN", "艾克米")
    settings = Settings()
    assert settings.platform_name == "Acme Social"  # spaces tidied
    assert settings.platform_name_in("zh_CN") == "艾克米"


@pytest.mark.parametrize(("field", "value"), [("platform_name", "   "), ("platform_name_zh_cn", "x" * 61),
                                              ("platform_name", "Acme\u0000")])  # fmt: skip
def test_a_blank_long_or_unprintable_name_is_refused(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(**{field: value})
    assert f"PC_{field.upper()}" in str(refused.value)
