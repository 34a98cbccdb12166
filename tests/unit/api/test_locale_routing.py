"""Unprefixed page URLs redirect to the reader's locale; unknown pages are 404."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from privacy_center.api.locale_routing import LocaleRouting

PAGES = frozenset({"/", "/guidelines", "/guidelines/summary"})


async def _echo(request) -> PlainTextResponse:
    return PlainTextResponse(f"{request.method} {request.url.path}")


def _client() -> httpx.AsyncClient:
    downstream = Starlette(routes=[Route("/{path:path}", _echo, methods=["GET", "POST", "HEAD"])])
    app = LocaleRouting(downstream, page_paths=PAGES)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def _get(path: str, **kwargs) -> httpx.Response:
    async with _client() as client:
        return await client.get(path, **kwargs)


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("path", "headers", "location"),
    [
        ("/", {}, "/en/"),
        ("/guidelines", {"accept-language": "zh-CN,zh;q=0.9"}, "/zh-cn/guidelines/"),
        ("/guidelines/", {"accept-language": "fr"}, "/en/guidelines/"),
        ("/guidelines?lang=zh_CN&embedded=1", {"accept-language": "en"}, "/zh-cn/guidelines/?lang=zh_CN&embedded=1"),
        ("/guidelines?lang=xx", {}, "/en/guidelines/?lang=xx"),
        ("/guidelines?lang=zh_CN", {"cookie": "pc_locale=en"}, "/en/guidelines/?lang=zh_CN"),
        ("/guidelines", {"cookie": "other=1; pc_locale=zh_CN"}, "/zh-cn/guidelines/"),
        ("/no/such/page", {}, "/en/no/such/page/"),
    ],
)
async def test_redirects(path: str, headers: dict, location: str) -> None:
    response = await _get(path, headers=headers)
    assert response.status_code == 302
    assert response.headers["location"] == location
    assert response.headers["vary"] == "Cookie, Accept-Language"
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.anyio
async def test_prefixed_pages_pass_through_and_unknown_are_404() -> None:
    assert (await _get("/zh-cn/guidelines/")).status_code == 200
    assert (await _get("/en")).status_code == 200
    unknown = await _get("/zh-cn/nope/")
    assert unknown.status_code == 404
    assert unknown.text == "GET /zh-cn/nope/"  # the localized not-found page is still served


@pytest.mark.anyio
@pytest.mark.parametrize(
    "path", ["/_event/", "/ping", "/assets/app.js", "/styles.css", "/api/events", "/auth/login", "/locale"]
)
async def test_non_pages_pass_through(path: str) -> None:
    response = await _get(path)
    assert response.status_code == 200
    assert response.text == f"GET {path}"


@pytest.mark.anyio
async def test_post_passes_through() -> None:
    async with _client() as client:
        response = await client.post("/guidelines")
    assert response.status_code == 200
