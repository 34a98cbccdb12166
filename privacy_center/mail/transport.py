"""Handing a message over: to an SMTP server (``PC_SMTP_URL``) or into the outbox folder.

``smtp://user:pass@host:port`` (``?starttls=1`` or ``smtp+starttls://`` to upgrade the
connection), ``smtps://`` for implicit TLS. The user name and password are URL-decoded
and never appear in an error or a log line. A refusal the server calls temporary (4xx)
or a lost connection raises :class:`TransientMailError` so the job retries later; a
permanent refusal (5xx) raises :class:`PermanentMailError`.

Without ``PC_SMTP_URL`` (the embedded default) each message is written as an ``.eml``
file to ``data/outbox/``: 0600 files in a 0700 folder, since they carry codes.
"""

from __future__ import annotations

import os
import secrets
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from privacy_center.clock import now

SMTP_TIMEOUT_SECONDS = 30
_DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
_TRUE = ("1", "true", "yes", "on")


class MailError(Exception):
    """The message was not handed over; the text is safe to keep as the job's reason."""


class TransientMailError(MailError):
    """The server refused for now (4xx) or could not be reached: try again later."""


class PermanentMailError(MailError):
    """The server refused for good (5xx), or the setting is unusable."""


@dataclass(frozen=True)
class SmtpTarget:
    """Where and how to connect, parsed from ``PC_SMTP_URL``."""

    host: str
    port: int
    implicit_tls: bool = False
    starttls: bool = False
    username: str | None = None
    password: str | None = field(default=None, repr=False)


def parse_smtp_url(url: str) -> SmtpTarget:
    """The target named by ``url``; :class:`PermanentMailError` (never echoing the URL) if unusable."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise PermanentMailError("PC_SMTP_URL is not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise PermanentMailError("PC_SMTP_URL must be smtp://, smtp+starttls:// or smtps:// with a host")
    query = parse_qs(parts.query)
    starttls = scheme == "smtp+starttls" or query.get("starttls", [""])[0].lower() in _TRUE
    return SmtpTarget(
        host=parts.hostname,
        port=port or _DEFAULT_PORTS[scheme],
        implicit_tls=scheme == "smtps",
        starttls=starttls and scheme != "smtps",
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def _refusal(code: int, reply: bytes | str) -> MailError:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    reason = f"the mail server answered {code}: {text}"[:300]
    return TransientMailError(reason) if 400 <= code < 500 else PermanentMailError(reason)


def send_smtp(target: SmtpTarget, message: EmailMessage) -> None:
    """Hand ``message`` to the server; errors say what happened, never the credentials."""
    context = ssl.create_default_context()  # verifies the server's certificate and name
    try:
        client: smtplib.SMTP
        if target.implicit_tls:
            client = smtplib.SMTP_SSL(target.host, target.port, timeout=SMTP_TIMEOUT_SECONDS, context=context)
        else:
            client = smtplib.SMTP(target.host, target.port, timeout=SMTP_TIMEOUT_SECONDS)
        with client:
            if target.starttls:
                client.starttls(context=context)
            if target.username is not None:
                client.login(target.username, target.password or "")
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as refused:
        code, reply = next(iter(refused.recipients.values()))
        raise _refusal(code, reply) from None
    except smtplib.SMTPResponseException as refused:
        raise _refusal(refused.smtp_code, refused.smtp_error) from None
    except (smtplib.SMTPException, OSError) as failed:
        # A lost connection, a refused port or a TLS failure: worth another try later.
        raise TransientMailError(f"could not reach the mail server: {type(failed).__name__}") from None


def write_outbox(folder: Path, message: EmailMessage) -> Path:
    """Write ``message`` as ``<UTC time>-<random>.eml`` (the name sorts by time), 0600 in a 0700 folder.

    Written under a temporary name and renamed, so a reader never sees half a message.
    """
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    name = f"{now().strftime('%Y%m%dT%H%M%S%fZ')}-{secrets.token_hex(4)}.eml"
    partial = folder / f".{name}.partial"
    descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(message.as_bytes())
    final = folder / name
    partial.replace(final)
    return final


def deliver(message: EmailMessage, *, smtp_url: str | None, outbox_dir: Path) -> None:
    """Send over SMTP when a server is configured, else write to the outbox folder."""
    if smtp_url:
        send_smtp(parse_smtp_url(smtp_url), message)
    else:
        write_outbox(outbox_dir, message)
