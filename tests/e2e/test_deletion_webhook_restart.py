"""A deletion request survives a restart of the server and of its worker, end to end.

The person asks in Chromium while the developer's endpoint is down: the first attempt
fails and the retry waits its back-off. Server and worker are then stopped, the endpoint
comes up, and a new server and worker start on the same database and queue: the retry is
made, signed with the secret the registration printed, and the page shows it delivered.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from privacy_center.db import make_engine
from tests.e2e.apps_flow import authorize, register_with_deletion_endpoint, sign_in_to_the_center
from tests.e2e.conftest import _free_port, _serve
from tests.integration.webhook_receiver import free_port_url, running_receiver

pytestmark = pytest.mark.e2e
WAIT_SECONDS = 180  # the retry waits 30 s; a loaded machine gets the rest


def _request(database_url: str) -> tuple[str, int, str | None]:
    """The one deletion request's state, attempts and last reason, read from the server's database."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(sa.text("SELECT state, attempts, last_reason FROM deletion_request")).one()
    finally:
        engine.dispose()
    return row[0], row[1], row[2]


def _wait_for(database_url: str, wanted: tuple[str, int, str | None]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while (seen := _request(database_url)) != wanted:
        if time.monotonic() > deadline:
            pytest.fail(f"the request stayed {seen}, never {wanted}")
        time.sleep(0.5)


def test_a_request_waiting_for_its_retry_is_delivered_after_server_and_worker_restart(
    phone: Page, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp: Path = tmp_path_factory.mktemp("deletion-restart")
    port, endpoint = _free_port(), free_port_url()  # nothing listens at the endpoint yet
    with _serve(tmp, "deletion-restart", {}, port=port) as first:
        registered = register_with_deletion_endpoint(first, endpoint)
        client_id, secret = registered["client_id"], registered["deletion_webhook_secret"]
        authorize(phone, first, "alice", "openid profile", client_id=client_id)
        app_page = f"/en/apps/{client_id}/"
        sign_in_to_the_center(phone, first, app_page)
        phone.locator("#ask-deletion-button").click()
        phone.locator("#ask-deletion").get_by_role("button", name="Send the request").click()
        expect(phone.locator("#deletion-pending")).to_be_visible()
        _wait_for(first.database_url, ("pending", 1, "ConnectError"))
        expect(phone.locator("#deletion-pending")).to_contain_text("ConnectError", timeout=WAIT_SECONDS * 1000)
        phone.goto("about:blank")  # left before each stop: an open tab would log its refused reconnects

    with running_receiver(port=urlsplit(endpoint).port or 0) as receiver:
        with _serve(tmp, "deletion-restart", {}, port=port) as second:  # same database, queue and address
            _wait_for(second.database_url, ("delivered", 2, None))
            phone.goto(f"{second.url}{app_page}")  # the person's session outlived the restart too
            expect(phone.locator("#deletion-delivered")).to_contain_text("Tidy Labs received your request")
            phone.goto("about:blank")
        (sent,) = receiver.wait_for(1)

    timestamp = sent.headers["x-privacy-center-timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + sent.body, hashlib.sha256).hexdigest()
    assert sent.headers["x-privacy-center-signature"] == f"v1={expected}"
    body = json.loads(sent.body)
    assert (body["type"], body["client_id"]) == ("user.deletion_requested", client_id)
    assert sent.headers["idempotency-key"] == body["request_id"]
