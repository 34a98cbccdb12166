"""``app.deletion_webhook``: tell an app's developer, over their signed webhook, to delete a person's data.

The job's payload names only the deletion request; everything else (the URL, the pairwise
subject, the secret) is read when the attempt runs. A 2xx answer delivers the request;
anything else (another status, a refused connection, a timeout) is recorded on the
request as its last reason and retried with exponential back-off (30 s, 1 min, 2 min ...)
until ``MAX_ATTEMPTS``, then the request has failed. The reason is a status code or an
error class: never the endpoint's body, never the secret.

Every attempt of one request sends the same body, ``request_id`` and ``Idempotency-Key``
(only the timestamp and its signature change), so a developer who sees it twice (a
worker killed after sending, before recording) deletes once. docs/webhooks.md is the
developer's side of this.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import httpx
from sqlmodel import Session

from privacy_center import clock
from privacy_center.db import get_engine, session_scope
from privacy_center.jobs.context import JobContext, RetryLater
from privacy_center.jobs.registry import handler
from privacy_center.models.deletion import AppWebhookSecret, DeletionRequest, DeletionState
from privacy_center.models.oauth import OAuthClient
from privacy_center.security.webhook_secrets import signature, unseal

DELETION_WEBHOOK = "app.deletion_webhook"
EVENT_TYPE = "user.deletion_requested"
MAX_ATTEMPTS = 8  # 30 s, 1, 2, 4, 8, 16, 32 min apart: a developer's endpoint gets about an hour
RETRY_DELAY_SECONDS = 30.0
TIMEOUT_SECONDS = 10.0
USER_AGENT = "privacy-center-webhook/1"


@dataclass(frozen=True)
class Delivery:
    """What one attempt sends: read in one short transaction, posted outside it."""

    url: str
    secret: str
    request_id: str
    body: bytes


def payload_of(request: DeletionRequest, client: OAuthClient) -> dict[str, str]:
    """The JSON the developer receives (docs/webhooks.md documents each field)."""
    return {
        "type": EVENT_TYPE,
        "subject": request.app_subject,
        "client_id": client.client_id,
        "requested_at": request.requested_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "request_id": request.request_id,
    }


def _delivery(session: Session, request_row_id: int) -> Delivery | None:
    """The attempt to make, or None when the request is no longer pending (delivered, failed)."""
    request = session.get(DeletionRequest, request_row_id)
    if request is None or request.state != DeletionState.PENDING:
        return None
    client = session.get(OAuthClient, request.client_id)
    sealed = session.get(AppWebhookSecret, request.client_id)
    if client is None or not client.webhook_url or sealed is None:
        # The operator removed the endpoint since the request was made: nothing more can be sent.
        request.state, request.updated_at = DeletionState.NOT_POSSIBLE, clock.now()
        session.add(request)
        return None
    body = json.dumps(payload_of(request, client), separators=(",", ":"), sort_keys=True).encode("utf-8")
    secret = unseal(sealed.encrypted_secret, client_id=client.client_id)
    return Delivery(url=client.webhook_url, secret=secret, request_id=request.request_id, body=body)


def post(delivery: Delivery) -> str | None:
    """Send one attempt; None when the endpoint took it (2xx), else the reason to show."""
    timestamp = str(int(clock.now().timestamp()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Idempotency-Key": delivery.request_id,
        "X-Privacy-Center-Timestamp": timestamp,
        "X-Privacy-Center-Signature": signature(delivery.secret, timestamp=timestamp, body=delivery.body),
    }
    try:
        # No redirects: the signed request goes where the developer registered, nowhere else.
        response = httpx.post(
            delivery.url, content=delivery.body, headers=headers, timeout=TIMEOUT_SECONDS, follow_redirects=False
        )
    except httpx.HTTPError as exc:  # refused, timed out, TLS failed: the class names it, the text may hold the URL
        return type(exc).__name__
    if response.is_success:
        return None
    return f"HTTP {response.status_code}"


def _record(request_row_id: int, *, attempt: int, reason: str | None) -> None:
    """Write the attempt's outcome on the request the person sees."""
    with session_scope(get_engine()) as session:
        request = session.get(DeletionRequest, request_row_id)
        if request is None or request.state != DeletionState.PENDING:
            return
        request.attempts = max(request.attempts, attempt)
        request.updated_at = clock.now()
        if reason is None:
            request.state = DeletionState.DELIVERED
            request.last_reason = None
        else:
            request.last_reason = reason
            if attempt >= request.max_attempts:
                request.state = DeletionState.FAILED
        session.add(request)


@handler(DELETION_WEBHOOK, max_attempts=MAX_ATTEMPTS, retry_delay_seconds=RETRY_DELAY_SECONDS)
def notify_developer(ctx: JobContext) -> None:
    """One attempt at delivering ``payload["deletion_request"]``; RetryLater when it was not taken."""
    request_row_id = int(ctx.payload["deletion_request"])
    with session_scope(get_engine()) as session:
        delivery = _delivery(session, request_row_id)
    if delivery is None:
        return
    reason = post(delivery)
    _record(request_row_id, attempt=ctx.job.attempts, reason=reason)
    if reason is not None:
        raise RetryLater(reason)
