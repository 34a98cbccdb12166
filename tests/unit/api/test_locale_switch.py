"""The language switcher saves the choice in an HttpOnly cookie and never redirects off-site."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from privacy_center.api.routes import build_api


@pytest.fixture
def client() -> TestClient:
    return TestClient(build_api(), follow_redirects=False)


def test_switch_sets_cookie_and_goes_back(client: TestClient) -> None:
    response = client.get("/locale", params={"to": "zh_CN", "next": "/zh-cn/guidelines/"})
    assert response.status_code == 303
    assert response.headers["location"] == "/zh-cn/guidelines/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("pc_locale=zh_CN;")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # the demo runs on http://localhost


@pytest.mark.parametrize(
    "target", ["//evil.example/x", "https://evil.example", "/\\evil.example", "", "javascript:alert(1)"]
)
def test_no_open_redirect(client: TestClient, target: str) -> None:
    response = client.get("/locale", params={"to": "en", "next": target})
    assert response.headers["location"] == "/"


def test_unknown_locale_sets_no_cookie(client: TestClient) -> None:
    response = client.get("/locale", params={"to": "xx", "next": "/en/"})
    assert response.status_code == 303
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize(
    "target",
    [
        "/zh-cn/collected/user.device.model/",
        "/en/shared/weather-sdk/?scenario=nearby",
        "/zh-cn/guidelines/history/?from=1.0&to=2.0#diff",
        "/en/guidelines/versions/v2-0/#rights-apps",
    ],
)
def test_the_place_is_kept(client: TestClient, target: str) -> None:
    response = client.get("/locale", params={"to": "en", "next": target})
    assert response.headers["location"] == target


@pytest.mark.parametrize(
    "target",
    [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\x00x",
        "//evil.example/zh-cn/",
        "https://evil.example/zh-cn/",
        "/\\evil.example",
        "zh-cn/",
        "\t//evil.example",
    ],
)
def test_spellings_of_another_origin_go_to_the_start_page(client: TestClient, target: str) -> None:
    response = client.get("/locale", params={"to": "en", "next": target})
    assert response.headers["location"] == "/"
