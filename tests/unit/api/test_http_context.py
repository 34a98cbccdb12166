"""HTTP routes: one context (viewer, subject, locale, now, one transaction) and one error mapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from privacy_center import clock
from privacy_center.api.context import EXCEPTION_HANDLERS, domain_error_response, run_for_request
from privacy_center.api.routes import build_api
from privacy_center.authz import Capability
from privacy_center.db import session_scope
from privacy_center.errors import DomainError, NotAllowedError
from privacy_center.services import sessions
from privacy_center.state.context import Context
from tests.conftest import configured_database
from tests.unit.factories import make_person


async def _refuse(request: Request) -> Response:
    raise NotAllowedError


async def _whose(request: Request) -> Response:
    def work(ctx: Context) -> str:
        if ctx.subject is None:
            return f"nobody {ctx.locale.code}"
        return f"{ctx.subject.user_id} self={ctx.subject.is_self} {ctx.locale.code}"

    return PlainTextResponse(await run_for_request(request, Capability.VIEW_FACTS, work))


def _client() -> TestClient:
    routes = [Route("/page", _refuse), Route("/api/thing", _refuse), Route("/whose", _whose)]
    return TestClient(Starlette(routes=routes, exception_handlers=EXCEPTION_HANDLERS))


def test_the_api_app_maps_domain_errors() -> None:
    assert build_api().exception_handlers[DomainError] is domain_error_response


def test_a_domain_error_is_a_page_or_json_in_the_readers_language() -> None:
    client = _client()
    page = client.get("/page", headers={"accept-language": "zh-CN"})
    assert page.status_code == 403
    assert "您无权执行此操作。" in page.text
    assert "请求未完成" in page.text
    api = client.get("/api/thing", headers={"accept-language": "en"})
    assert (api.status_code, api.json()) == (403, {"error": "You are not allowed to do this."})


def test_the_request_context_resolves_the_viewer_and_grants_self(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'http.db'}"):
        with session_scope() as session:
            alice = make_person(session, "alice")
            token = sessions.create(session=session, user=alice, auth_time=clock.now(), now=clock.now())
        client = _client()
        signed_in = client.get("/whose", headers={"cookie": f"{sessions.COOKIE}={token}", "accept-language": "zh-CN"})
        assert signed_in.text == f"{alice.id} self=True zh_CN"
        assert client.get("/whose", headers={"cookie": f"{sessions.COOKIE}=forged"}).text == "nobody en"
