"""Webhook secrets: sealed for one app under the deployment's key, and the signature developers check."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from privacy_center.caches import reset_caches
from privacy_center.security.webhook_secrets import (
    WebhookSecretUnreadableError,
    new_webhook_secret,
    seal,
    signature,
    unseal,
)
from privacy_center.services.apps import AppError, check_deletion_webhook


def test_a_sealed_secret_opens_for_its_app_only(fresh_settings: pytest.MonkeyPatch) -> None:
    secret = new_webhook_secret()
    sealed = seal(secret, client_id="app-notes")
    assert secret not in sealed
    assert seal(secret, client_id="app-notes") != sealed  # a fresh nonce each time
    assert unseal(sealed, client_id="app-notes") == secret
    with pytest.raises(WebhookSecretUnreadableError, match="app-other"):
        unseal(sealed, client_id="app-other")  # moved to another app's row: refused
    with pytest.raises(WebhookSecretUnreadableError):
        unseal(secret, client_id="app-notes")  # a secret stored in clear is not accepted either


def test_another_deployment_key_cannot_open_it(fresh_settings: pytest.MonkeyPatch) -> None:
    sealed = seal("whsec_example", client_id="app-notes")
    fresh_settings.setenv("PC_SECRET_KEY", "another-deployment-key-" + "x" * 32)
    reset_caches()
    with pytest.raises(WebhookSecretUnreadableError, match="PC_SECRET_KEY"):
        unseal(sealed, client_id="app-notes")


def test_the_signature_is_hmac_sha256_over_timestamp_dot_body() -> None:
    body = b'{"type":"user.deletion_requested"}'
    expected = hmac.new(b"whsec_k", b"1764579600." + body, hashlib.sha256).hexdigest()
    assert signature("whsec_k", timestamp="1764579600", body=body) == f"v1={expected}"
    assert signature("whsec_k", timestamp="1764579601", body=body) != f"v1={expected}"
    assert signature("whsec_j", timestamp="1764579600", body=body) != f"v1={expected}"


def test_secrets_are_new_each_time_and_recognisable() -> None:
    made = {new_webhook_secret() for _ in range(50)}
    assert len(made) == 50
    assert all(s.startswith("whsec_") and len(s) >= 48 for s in made)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765/deletions", "http://localhost/deletions"])
def test_plain_http_is_refused_outside_the_demo_even_on_this_machine(url: str) -> None:
    check_deletion_webhook(url, demo=True)
    with pytest.raises(AppError, match=r"must be https$"):
        check_deletion_webhook(url, demo=False)


def test_https_is_accepted_in_production() -> None:
    check_deletion_webhook("https://notes.example/privacy/deletions?tenant=7", demo=False)
