"""Authorized-app flows the app tests share: a person allowing an app in the browser, an operator registering one.

The app's own server is the test: its callback is answered in the browser, its token
requests are made with httpx.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import subprocess
import sys
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from playwright.sync_api import Page

from tests.e2e.conftest import ROOT, Server

CLIENT_ID = "demo-readwell"
CALLBACK = "http://localhost:8702/callback"


def token_for(server: Server, code: str, verifier: str, secret: str) -> dict:
    """The app exchanges the code for its tokens, as a confidential client."""
    issued = httpx.post(
        f"{server.url}/oauth/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK, "code_verifier": verifier},
        auth=(CLIENT_ID, secret),
    )
    assert issued.status_code == 200, issued.text
    return issued.json()


def authorize(page: Page, server: Server, username: str, scope: str, client_id: str = CLIENT_ID) -> tuple[str, str]:
    """The person signs in and allows the app in the browser; returns the code and the PKCE verifier."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state = secrets.token_urlsafe(8)
    query = {
        "response_type": "code", "client_id": client_id, "redirect_uri": CALLBACK, "scope": scope,
        "state": state, "nonce": secrets.token_urlsafe(8), "code_challenge": challenge,
        "code_challenge_method": "S256",
    }  # fmt: skip
    # The app's own server is not running: the browser's visit to the callback is answered here.
    page.route(f"{CALLBACK}**", lambda route: route.fulfill(status=200, content_type="text/html", body="<p>app</p>"))
    page.goto(f"{server.url}/oauth/authorize?{urlencode(query)}")
    page.fill("#login", username)
    page.fill("#password", "lattice-demo")
    page.locator("form button[type=submit]").first.click()
    page.locator("button[name=decision][value=allow]").click()
    page.wait_for_url(f"{CALLBACK}**")
    answer = parse_qs(urlsplit(page.url).query)
    assert answer["state"] == [state]
    return answer["code"][0], verifier


def sign_in_to_the_center(page: Page, server: Server, path: str, username: str | None = None) -> None:
    """Open ``path`` signed out and use its own sign-in link, back to ``path``.

    Without ``username`` the provider already knows the person (they signed in to allow the
    app) and signs them in to the center without asking again.
    """
    page.goto(f"{server.url}{path}")
    page.locator("main a[href^='/auth/login']").click()
    if username is not None:
        page.wait_for_url("**/oauth/authorize**")
        page.fill("#login", username)
        page.fill("#password", "lattice-demo")
        page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{server.url}{path}")


def register_with_deletion_endpoint(server: Server, endpoint: str) -> dict[str, str]:
    """``apps register --deletion-webhook`` as an operator runs it, on the server's database."""
    env = {**os.environ, "PC_DATABASE_URL": server.database_url}
    shown = subprocess.run(
        [sys.executable, "-m", "privacy_center", "apps", "register", "--name", "Tidy Notes",
         "--developer", "Tidy Labs", "--redirect-uri", CALLBACK, "--scope", "openid profile",
         "--deletion-webhook", endpoint],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(shown.stdout)
