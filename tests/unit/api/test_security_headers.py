"""Every response carries the security headers; codes, cookies and sign-in pages are never cached."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from privacy_center.api.security_headers import SecurityHeaders, inline_script_hashes
from privacy_center.caches import reset_caches
from privacy_center.settings import get_settings

INLINE = "window.__ctx = {};"
MODULE = 'import "/assets/a.js";'


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture
def static_dir(tmp_path: Path) -> Path:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(
        f'<html><head><script>{INLINE}</script><script src="/assets/x.js"></script></head>'
        f'<body><script type="module" async="">{MODULE}</script></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "404.html").write_text(f"<script>{INLINE}</script><SCRIPT id=a>$RC(1)</SCRIPT>", encoding="utf-8")
    return tmp_path


async def _page(_request: Request) -> Response:
    return PlainTextResponse("<h1>page</h1>", media_type="text/html")


async def _code_redirect(_request: Request) -> Response:
    return RedirectResponse("https://app.example/cb?code=abc&state=s", status_code=302)


async def _sets_cookie(_request: Request) -> Response:
    response = PlainTextResponse("ok", headers={"cache-control": "public, max-age=60"})
    response.set_cookie("pc_session", "x")
    return response


def _client(static_dir: Path | None, *, public_url: str = "http://localhost:3000", ancestors=()) -> TestClient:
    inner = Starlette(
        routes=[
            Route("/en/", _page),
            Route("/elsewhere/redirect", _code_redirect),
            Route("/elsewhere/cookie", _sets_cookie),
            Route("/oauth/authorize", _page),
            Route("/auth/login", _page),
            Route("/locale", _page),
        ]
    )
    app = SecurityHeaders(inner, public_url=public_url, frame_ancestors=tuple(ancestors), static_dir=static_dir)
    return TestClient(app, follow_redirects=False)


def test_inline_scripts_are_hashed_once_each(static_dir: Path) -> None:
    assert inline_script_hashes(static_dir) == sorted({_sha(INLINE), _sha(MODULE), _sha("$RC(1)")})


def test_scripts_inserted_at_run_time_are_hashed_too(static_dir: Path) -> None:
    app = SecurityHeaders(_page, public_url="http://localhost:3000", frame_ancestors=(), static_dir=static_dir,
                          extra_scripts=("early();",))  # fmt: skip
    assert _sha("early();") in app.policy


def test_an_https_logo_may_be_shown_and_nothing_else_from_elsewhere(
    static_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PC_PLATFORM_LOGO_URL", "https://cdn.example/brand/logo.svg")
    reset_caches()
    origins = get_settings().logo_origins
    assert origins == ("https://cdn.example",)
    app = SecurityHeaders(_page, public_url="http://localhost:3000", frame_ancestors=(), static_dir=static_dir,
                          image_origins=origins)  # fmt: skip
    assert "img-src 'self' data: https://cdn.example;" in app.policy
    monkeypatch.setenv("PC_PLATFORM_LOGO_URL", "/platform-logo.svg")
    reset_caches()
    assert get_settings().logo_origins == ()


def test_pages_get_csp_nosniff_and_referrer_policy(static_dir: Path) -> None:
    response = _client(static_dir).get("/en/")
    csp = response.headers["content-security-policy"]
    directives = dict(item.strip().split(" ", 1) for item in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert _sha(INLINE) in directives["script-src"]
    assert _sha(MODULE) in directives["script-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "ws://localhost:3000" in directives["connect-src"]
    assert directives["frame-ancestors"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "strict-transport-security" not in response.headers
    assert "no-store" not in response.headers.get("cache-control", "")


def test_configured_host_apps_may_frame(static_dir: Path) -> None:
    response = _client(static_dir, ancestors=["https://host.example", "https://other.example"]).get("/en/")
    assert (
        "frame-ancestors 'self' https://host.example https://other.example"
        in response.headers["content-security-policy"]
    )


def test_https_gets_hsts_and_a_wss_event_channel(static_dir: Path) -> None:
    response = _client(static_dir, public_url="https://privacy.example").get("/en/")
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert "wss://privacy.example" in response.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/oauth/authorize", "/auth/login", "/locale"])
def test_sign_in_consent_and_locale_are_never_cached(static_dir: Path, path: str) -> None:
    response = _client(static_dir).get(path)
    assert response.headers["cache-control"] == "no-store"


def test_oauth_sends_no_referrer_to_other_origins(static_dir: Path) -> None:
    # Not "no-referrer": that would make its own form posts arrive with "Origin: null".
    assert _client(static_dir).get("/oauth/authorize").headers["referrer-policy"] == "same-origin"


def test_a_redirect_carrying_a_code_is_never_cached(static_dir: Path) -> None:
    response = _client(static_dir).get("/elsewhere/redirect")
    assert response.status_code == 302
    assert response.headers["cache-control"] == "no-store"


def test_a_cookie_change_is_never_cached(static_dir: Path) -> None:
    response = _client(static_dir).get("/elsewhere/cookie")
    assert response.headers["cache-control"] == "no-store"


def test_a_routes_own_stricter_policy_is_kept(static_dir: Path) -> None:
    async def strict(_request: Request) -> Response:
        return PlainTextResponse("x", headers={"content-security-policy": "frame-ancestors 'none'"})

    app = SecurityHeaders(
        Starlette(routes=[Route("/oauth/x", strict)]), public_url="http://localhost:3000", frame_ancestors=(),
        static_dir=static_dir,
    )  # fmt: skip
    policies = TestClient(app).get("/oauth/x").headers.get_list("content-security-policy")
    assert "frame-ancestors 'none'" in policies
    assert any("script-src" in policy for policy in policies)


def test_without_a_build_no_inline_script_is_allowed(tmp_path: Path) -> None:
    csp = _client(tmp_path / "missing").get("/en/").headers["content-security-policy"]
    assert "script-src 'self';" in csp
