"""A page whose address holds a dot (an item's key) is a page, not a file.

``/collected/user.device.address_book`` was a 404: the router passed every dotted last
segment to the static files untouched. Only paths that are not pages may do so.
"""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from privacy_center.api.locale_routing import LocaleRouting

PAGES = frozenset({"/collected", "/collected/user-device-address-book", "/collected/user.device.address_book"})


async def _echo(request) -> PlainTextResponse:
    return PlainTextResponse(f"{request.method} {request.url.path}")


async def _get(path: str, **kwargs) -> httpx.Response:
    downstream = Starlette(routes=[Route("/{path:path}", _echo, methods=["GET"])])
    app = LocaleRouting(downstream, page_paths=PAGES)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        return await client.get(path, **kwargs)


@pytest.mark.anyio
async def test_a_dotted_page_address_goes_to_the_readers_locale() -> None:
    response = await _get("/collected/user.device.address_book", headers={"accept-language": "zh-CN"})
    assert response.status_code == 302
    assert response.headers["location"] == "/zh-cn/collected/user.device.address_book/"
    assert (await _get("/zh-cn/collected/user.device.address_book/")).status_code == 200


@pytest.mark.anyio
async def test_other_dotted_paths_are_still_files() -> None:
    for path in ("/favicon.ico", "/collected/user.device.fax"):
        response = await _get(path)
        assert (response.status_code, response.text) == (200, f"GET {path}")
