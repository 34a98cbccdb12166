"""Pages whose instances live in the database (an app registered while the server runs).

``/apps/[client_id]`` cannot list its addresses at start: any one segment there is the page
(status 200, whatever the id: the page itself says "not among your apps", so the status
reveals nothing); a deeper or unrelated address is still a 404.
"""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from privacy_center.api.locale_routing import LocaleRouting

PAGES = frozenset({"/apps", "/apps/[client_id]", "/apps/[client_id]/guideline"})


async def _echo(request) -> PlainTextResponse:
    return PlainTextResponse(f"{request.method} {request.url.path}")


async def _get(path: str) -> httpx.Response:
    downstream = Starlette(routes=[Route("/{path:path}", _echo, methods=["GET"])])
    app = LocaleRouting(downstream, page_paths=PAGES)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        return await client.get(path)


@pytest.mark.anyio
@pytest.mark.parametrize(
    "path", ["/en/apps/demo-readwell/", "/zh-cn/apps/registered-later/guideline/", "/en/apps/someone-elses/"]
)
async def test_any_one_segment_is_the_page(path: str) -> None:
    assert (await _get(path)).status_code == 200


@pytest.mark.anyio
@pytest.mark.parametrize(
    "path", ["/en/apps/a/b/", "/en/apps/a/guideline/more/", "/en/apps//guideline/", "/en/apps/[client_id]x/elsewhere/"]
)
async def test_other_addresses_are_not_found(path: str) -> None:
    assert (await _get(path)).status_code == 404


@pytest.mark.anyio
async def test_an_unprefixed_app_address_goes_to_the_readers_locale() -> None:
    response = await _get("/apps/demo-readwell")
    assert (response.status_code, response.headers["location"]) == (302, "/en/apps/demo-readwell/")
