"""The shared fallback HTML gets the address's language, and a not-found answer its title."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from privacy_center.api.fallback_html import FallbackHtml, localize, static_file_check
from privacy_center.api.locale_routing import LocaleRouting
from privacy_center.i18n.locales import by_code

FALLBACK = b'<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><meta name="x"/></head><body></body></html>'
PRERENDERED = b'<!DOCTYPE html><html lang="zh-CN"><head><title>\xe7\x89\x88</title></head><body></body></html>'


def test_localize_sets_lang_and_title_first_in_head() -> None:
    html = localize(FALLBACK, locale=by_code("zh_CN"), title="找不到<页面>")
    assert html.startswith(b'<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/><title ')
    assert "<title data-pc-fallback>找不到&lt;页面&gt;</title>".encode() in html


def test_localize_keeps_an_existing_title() -> None:
    assert localize(PRERENDERED, locale=by_code("zh_CN"), title="x") == PRERENDERED


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    (tmp_path / "zh-cn" / "guidelines").mkdir(parents=True)
    (tmp_path / "zh-cn" / "guidelines" / "index.html").write_bytes(PRERENDERED)

    async def static(request: Request) -> Response:
        # As Reflex's static server: the prerendered file, else the shared fallback (200).
        if static_file_check(tmp_path)(request.url.path):
            return HTMLResponse(PRERENDERED, headers={"etag": '"p"'})
        assert "accept-encoding" not in request.headers  # else it would send a .br sidecar
        return HTMLResponse(FALLBACK, headers={"etag": '"f"', "cache-control": "max-age=60"})

    inner = Starlette(routes=[Route("/{path:path}", static)])
    routed = LocaleRouting(inner, page_paths=frozenset({"/guidelines", "/collected/x"}))
    app = FallbackHtml(routed, prerendered=static_file_check(tmp_path))
    return TestClient(app, follow_redirects=False)


def test_unknown_page_is_a_localized_404_before_scripts(client: TestClient) -> None:
    response = client.get("/zh-cn/no-such-page/", headers={"accept-encoding": "br"})
    assert response.status_code == 404
    assert '<html lang="zh-CN">' in response.text
    assert "<title data-pc-fallback>页面不存在</title>" in response.text
    assert "etag" not in response.headers
    assert response.headers["cache-control"] == "no-cache"
    assert int(response.headers["content-length"]) == len(response.content)


def test_english_404_title(client: TestClient) -> None:
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.text
    assert "<title data-pc-fallback>Page not found</title>" in response.text


def test_a_detail_page_gets_its_language_but_no_not_found_title(client: TestClient) -> None:
    response = client.get("/zh-cn/collected/x/")
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in response.text
    assert "<title>" not in response.text


def test_prerendered_pages_pass_untouched(client: TestClient) -> None:
    response = client.get("/zh-cn/guidelines/")
    assert response.content == PRERENDERED
    assert response.headers["etag"] == '"p"'


def test_unprefixed_addresses_are_left_to_the_locale_router(client: TestClient) -> None:
    response = client.get("/guidelines")
    assert response.status_code == 302


def test_a_file_handed_over_by_path_is_read_and_rewritten(tmp_path: Path) -> None:
    """Granian's pathsend: the server would send the file itself, unrewritten; the bytes are asked for."""
    (tmp_path / "404.html").write_bytes(FALLBACK)
    seen: dict[str, object] = {}

    async def static(scope, receive, send) -> None:
        seen["extensions"] = dict(scope.get("extensions", {}))
        await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.pathsend", "path": str(tmp_path / "404.html")})

    sent: list[dict] = []

    async def send(message) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request"}

    app = FallbackHtml(static, prerendered=lambda _path: False)
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/zh-cn/x/",
        "headers": [],
        "extensions": {"http.response.pathsend": {}},
    }
    asyncio.run(app(scope, receive, send))
    assert "http.response.pathsend" not in seen["extensions"]
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert b'<html lang="zh-CN">' in sent[1]["body"]
