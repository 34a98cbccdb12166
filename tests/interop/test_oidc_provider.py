"""Interoperability: sign in to the center through the certified npm oidc-provider.

The center is pointed at it with the three PC_OIDC_* variables only; its real login and
consent forms are submitted as a browser would.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest

from privacy_center.auth.guard import current_viewer
from tests.interop.conftest import CENTER, CLIENT_ID, CLIENT_SECRET, center_for, free_port, node_provider, to_center

pytestmark = pytest.mark.interop


def _submit(browser: httpx.Client, page: httpx.Response, fields: dict[str, str]) -> httpx.Response:
    action = re.search(r'<form[^>]*action="([^"]+)"', page.text)
    assert action, page.text
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    return browser.post(urljoin(str(page.url), action.group(1)), data={**hidden, **fields})


def _follow(browser: httpx.Client, response: httpx.Response) -> httpx.Response:
    """Follow redirects inside the provider until it sends the browser back to the center."""
    while response.is_redirect:
        location = urljoin(str(response.url), response.headers["location"])
        if location.startswith(CENTER):
            return response
        response = browser.get(location)
    return response


def test_sign_in_through_oidc_provider(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()
    provider = node_provider("oidc_provider.mjs", str(port), f"{CENTER}/auth/callback", CLIENT_ID, CLIENT_SECRET)
    with provider as issuer, center_for(issuer, tmp_path, monkeypatch) as center, httpx.Client() as browser:
        start = center.get("/auth/login", params={"next": "/en/guidelines/"})
        assert start.status_code == 302
        page = _follow(browser, browser.get(start.headers["location"]))
        assert 'name="login"' in page.text  # the provider's own sign-in form
        page = _follow(browser, _submit(browser, page, {"login": "ada", "password": "any"}))
        if not page.is_redirect:  # the provider's consent form
            page = _follow(browser, _submit(browser, page, {}))
        assert page.is_redirect
        done = to_center(center, page.headers["location"])
        assert done.status_code == 303, done.text
        assert done.headers["location"] == "/en/guidelines/"
        viewer = current_viewer(f"pc_session={center.cookies.get('pc_session')}")
        assert viewer is not None
        assert viewer.display_name == "Interop ada"
