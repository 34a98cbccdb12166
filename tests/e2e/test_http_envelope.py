"""The HTTP envelope of the real app in production mode: CORS, security headers, CSP, framing, /locale.

Over HTTP (httpx) for what the server answers, and in Chromium for what the browser
does with it: every page runs under the CSP with no violation, a foreign site cannot
frame the pages, a configured host app can.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.server
import secrets
import threading
from collections.abc import Iterator
from urllib.parse import urlencode, urlsplit

import httpx
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from privacy_center.db import make_engine
from tests.e2e.conftest import HOST_APP, LOCALES, Server, _free_port, watch
from tests.e2e.test_pages import PAGES
from tests.e2e.test_sign_in import sign_in

pytestmark = pytest.mark.e2e

SUNNY_CALLBACK = "http://localhost:8701/callback"
# Records every CSP violation the page reports, from the first script on.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


def _foreign_origins(server: Server) -> list[str]:
    port = urlsplit(server.url).port or 80
    return [f"http://127.0.0.1:{port + 1}", f"http://evil.localhost:{port}", "https://evil.example", "null"]


def _authorize_url(server: Server) -> str:
    verifier = secrets.token_urlsafe(32)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = {
        "response_type": "code", "client_id": "demo-sunny-weather", "redirect_uri": SUNNY_CALLBACK,
        "scope": "openid profile", "state": "st", "nonce": "n", "code_challenge": challenge,
        "code_challenge_method": "S256",
    }  # fmt: skip
    return f"{server.url}/oauth/authorize?{urlencode(query)}"


def _routes(server: Server) -> list[tuple[str, str]]:
    """A page, Reflex's own routes, ours: the consent page, sign-in, events, the event channel."""
    return [
        ("GET", f"{server.url}/en/guidelines/"),
        ("GET", f"{server.url}/zh-cn/"),
        ("GET", _authorize_url(server)),
        ("GET", f"{server.url}/auth/login?next=/en/"),
        ("POST", f"{server.url}/api/events"),
        ("GET", f"{server.url}/_event/?EIO=4&transport=polling"),
        ("GET", f"{server.url}/ping"),
        ("GET", f"{server.url}/.well-known/openid-configuration"),
    ]


def _violations(page: Page) -> list[str]:
    return page.evaluate("window.__csp || []")


@pytest.fixture
def csp_page(page: Page) -> Page:
    """The watched page (console errors fail the test), also recording CSP violations."""
    page.add_init_script(RECORD_VIOLATIONS)
    return page


# --- CORS -----------------------------------------------------------------------------


def test_foreign_origins_get_no_cors_grant(server: Server) -> None:
    for method, url in _routes(server):
        for origin in _foreign_origins(server):
            response = httpx.request(method, url, headers={"origin": origin}, timeout=10)
            assert "access-control-allow-origin" not in response.headers, (method, url, origin)
            preflight = httpx.options(
                url, headers={"origin": origin, "access-control-request-method": "POST"}, timeout=10
            )
            assert "access-control-allow-origin" not in preflight.headers, ("preflight", url, origin)


@pytest.mark.parametrize("origin", ["public", HOST_APP])
def test_the_public_origin_and_host_apps_keep_their_grant(server: Server, origin: str) -> None:
    origin = server.url if origin == "public" else origin
    response = httpx.get(f"{server.url}/en/guidelines/", headers={"origin": origin}, timeout=10)
    assert response.headers["access-control-allow-origin"] == origin
    assert response.headers["access-control-allow-credentials"] == "true"


# --- Headers --------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_carries_the_security_headers(server: Server, locale: str) -> None:
    for path in PAGES:
        # /guidelines leads to the version in effect: the page reached must carry them.
        response = httpx.get(f"{server.url}/{locale}{path.rstrip('/')}/", timeout=10, follow_redirects=True)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        assert "script-src 'self' 'sha256-" in csp
        assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
        assert f"frame-ancestors 'self' {HOST_APP}" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "strict-transport-security" not in response.headers  # http here


@pytest.mark.parametrize("path", ["/auth/login?next=/en/", "/locale?to=en&next=/en/"])
def test_sign_in_and_language_routes_are_not_cached(server: Server, path: str) -> None:
    response = httpx.get(f"{server.url}{path}", timeout=10)
    assert response.headers["cache-control"] == "no-store"
    assert "content-security-policy" in response.headers


# --- The browser under the CSP ----------------------------------------------------------


def test_every_page_runs_without_a_csp_violation_signed_out(csp_page: Page, server: Server) -> None:
    for locale in LOCALES:
        for path in PAGES:
            csp_page.goto(f"{server.url}/{locale}{path.rstrip('/')}/")
            expect(csp_page.locator("h1")).to_have_count(1)
            assert _violations(csp_page) == [], path


def test_signed_in_pages_themes_webview_and_tools_run_without_a_csp_violation(csp_page: Page, server: Server) -> None:
    sign_in(csp_page, server, "en", "alice")
    for locale in LOCALES:
        for path in PAGES:
            csp_page.goto(f"{server.url}/{locale}{path.rstrip('/')}/")
            expect(csp_page.locator(".account-name")).to_be_visible()
            assert _violations(csp_page) == [], path
    csp_page.goto(f"{server.url}/en/guidelines/?theme=dark&embedded=1")
    expect(csp_page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(csp_page.locator("html")).to_have_attribute("data-embedded", "1")
    csp_page.goto(f"{server.url}/zh-cn/guidelines/?embedded=0")
    csp_page.locator(".theme-toggle").click()  # an on_click script: compiled in, never eval()ed
    expect(csp_page.locator("html")).to_have_attribute("data-theme", "light")
    assert _violations(csp_page) == []


def test_oauth_sign_in_and_consent_pages_run_without_a_csp_violation(csp_page: Page, server: Server) -> None:
    codes: list[httpx.Headers] = []
    csp_page.route(
        f"{SUNNY_CALLBACK}**", lambda route: route.fulfill(status=200, content_type="text/html", body="<p>app</p>")
    )
    csp_page.on(
        "response",
        lambda response: (
            codes.append(response.all_headers()) if "code=" in (response.header_value("location") or "") else None
        ),
    )
    csp_page.goto(_authorize_url(server))
    csp_page.fill("#login", "grace")
    csp_page.fill("#password", "lattice-demo")
    csp_page.locator("form button[type=submit]").first.click()
    allow = csp_page.locator("button[name=decision][value=allow]")
    expect(allow).to_be_visible()
    assert _violations(csp_page) == []
    allow.click()
    csp_page.wait_for_url(f"{SUNNY_CALLBACK}**")
    assert codes, "the 302 carrying the code was not seen"
    assert codes[0]["cache-control"] == "no-store"
    assert codes[0]["referrer-policy"] == "same-origin"


# --- Framing --------------------------------------------------------------------------


@contextlib.contextmanager
def _host_page(origin: str, body: str) -> Iterator[str]:
    """A real page on another local origin (the same address space, as a webview's host app)."""
    page_body = body.encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(page_body)))
            self.end_headers()
            self.wfile.write(page_body)

        def log_message(self, *_args: object) -> None:
            pass

    host = http.server.ThreadingHTTPServer(("127.0.0.1", urlsplit(origin).port or 80), Handler)
    thread = threading.Thread(target=host.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{origin}/embed"
    finally:
        host.shutdown()
        host.server_close()


@pytest.mark.parametrize("configured", [True, False])
def test_only_configured_host_apps_may_frame_the_pages(browser: Browser, server: Server, configured: bool) -> None:
    target = f"{server.url}/en/guidelines/summary/"
    origin = HOST_APP if configured else f"http://127.0.0.1:{_free_port()}"
    body = f'<title>host</title><iframe src="{target}" onload="document.title=\'loaded\'"></iframe>'
    context = browser.new_context()
    try:
        host_page = context.new_page()
        console = watch(host_page)  # the host's own console: a refused frame is reported there
        with _host_page(origin, body) as url:
            host_page.goto(url)
            host_page.wait_for_function("document.title === 'loaded'")
            framed = host_page.frames[1]
            if configured:
                assert framed.url == target
                expect(host_page.frame_locator("iframe").locator("h1")).to_have_count(1)
                assert console == []
            else:
                # Chromium replaces a frame refused by frame-ancestors with its error page.
                assert framed.url != target
                assert any("frame-ancestors" in line for line in console), console
    finally:
        context.close()


# --- Language switcher ------------------------------------------------------------------


def _saved_locale(server: Server, username: str) -> str | None:
    engine = make_engine(server.database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(
                sa.text(
                    "SELECT u.preferred_locale FROM user_account u JOIN platform_account p ON p.user_id = u.id"
                    " WHERE p.username = :name"
                ),
                {"name": username},
            ).scalar_one()
    finally:
        engine.dispose()


def test_switching_language_in_the_page_works_both_ways_and_saves_it(page: Page, server: Server) -> None:
    sign_in(page, server, "en", "leo")
    page.get_by_role("link", name="简体中文").first.focus()
    page.keyboard.press("Enter")  # keyboard reachable
    page.wait_for_url(f"{server.url}/zh-cn/guidelines/versions/v2-0/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    assert _saved_locale(server, "leo") == "zh_CN"
    box = page.get_by_role("link", name="English").first.bounding_box()
    assert box is not None
    assert box["width"] >= 24
    assert box["height"] >= 24
    page.get_by_role("link", name="English").first.click()
    page.wait_for_url(f"{server.url}/en/guidelines/versions/v2-0/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert _saved_locale(server, "leo") == "en"


def test_a_cross_site_link_does_not_change_the_accounts_language(page: Page, server: Server) -> None:
    sign_in(page, server, "en", "olivia")
    before = _saved_locale(server, "olivia")
    link = f'<a id="go" href="{server.url}/locale?to=zh_CN&amp;next=/">x</a>'
    with _host_page(f"http://127.0.0.1:{_free_port()}", link) as url:
        page.goto(url)
        page.click("#go")
        page.wait_for_url(f"{server.url}/zh-cn/")
    assert _saved_locale(server, "olivia") == before
