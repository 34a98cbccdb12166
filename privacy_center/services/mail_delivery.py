"""Mail leaves the center through a job: queued in the action's transaction, sent after it commits.

:func:`queue_mail` writes a ``mail.send`` job; the worker runs :func:`send` which composes
the message in the recipient's language and hands it over. A temporary refusal (4xx, a
lost connection) asks the job to be tried again with back-off; after the last attempt
the job fails with the server's answer as its reason.

What a message carries (a confirmation code) is sealed in the job's payload (AES-GCM
with a key derived from ``PC_SECRET_KEY``), so the job table never holds a code in clear.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlmodel import Session

from privacy_center.clock import now
from privacy_center.i18n.locales import UiLocale, by_code
from privacy_center.jobs import JobContext, RetryLater, enqueue, handler
from privacy_center.mail.compose import compose, render
from privacy_center.mail.transport import TransientMailError, deliver
from privacy_center.models.jobs import Job
from privacy_center.settings import get_settings

MAIL_SEND = "mail.send"
MAX_ATTEMPTS = 6
RETRY_DELAY_SECONDS = 30.0
_NONCE_BYTES = 12


def _cipher() -> AESGCM:
    secret = get_settings().secret_key.get_secret_value().encode("utf-8")
    return AESGCM(hashlib.sha256(secret + b"\x00mail-payload").digest())


def _seal(params: dict[str, str]) -> str:
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = _cipher().encrypt(nonce, json.dumps(params).encode("utf-8"), MAIL_SEND.encode())
    return base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def _unseal(token: str) -> dict[str, str]:
    raw = base64.urlsafe_b64decode(token.encode("ascii"))
    return json.loads(_cipher().decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], MAIL_SEND.encode()))


def queue_mail(
    session: Session, *, to: str, locale: UiLocale, template: str, params: dict[str, str], subject_user_id: int | None
) -> Job:
    """Queue one message in the caller's transaction: nothing is sent unless it commits."""
    payload = {"to": to, "locale": locale.code, "template": template, "sealed": _seal(params)}
    return enqueue(session, kind=MAIL_SEND, subject_user_id=subject_user_id, payload=payload)


@handler(MAIL_SEND, max_attempts=MAX_ATTEMPTS, retry_delay_seconds=RETRY_DELAY_SECONDS)
def send(ctx: JobContext) -> None:
    """Compose and hand over the job's message; a temporary refusal retries later."""
    payload = ctx.payload
    locale = by_code(payload["locale"])
    settings = get_settings()
    content = render(payload["template"], locale, _unseal(payload["sealed"]))
    message = compose(content, sender=settings.mail_from, to=payload["to"], locale=locale, sent_at=now())
    smtp_url = settings.smtp_url.get_secret_value() if settings.smtp_url else None
    try:
        deliver(message, smtp_url=smtp_url, outbox_dir=settings.outbox_dir)
    except TransientMailError as refused:
        raise RetryLater(str(refused)) from None
