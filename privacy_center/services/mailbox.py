"""A verified mailbox: ask for a code, confirm it, change or remove the address.

Rules, all decided here for the subject the caller's context granted (MANAGE_MAILBOX):

- the address is validated with ``email-validator`` (syntax only: the code proves delivery);
- a code has 6 digits, is valid :data:`CODE_MINUTES` minutes and :data:`MAX_TRIES` tries;
  only its HMAC is stored; a new code replaces the one waiting;
- sending is limited per person and per address over :data:`SEND_WINDOW`; the refusal
  says until when;
- replacing or removing a confirmed address needs a recent sign-in (``authz.is_fresh``);
- every step is written to the access history in the same transaction.

Confirming reports a wrong or expired code as an outcome rather than an exception, so the
wrong try it counts is committed with the answer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, col, select

from privacy_center.authz import Subject, is_fresh
from privacy_center.content.inventory import MaskStyle
from privacy_center.i18n.formatting import UTC, format_moment
from privacy_center.i18n.locales import UiLocale
from privacy_center.models.mailbox import ADDRESS_MAX_LENGTH, ChallengeState, MailboxAddress, MailboxChallenge
from privacy_center.models.user import User
from privacy_center.services import audit, mailbox_errors
from privacy_center.services.mail_delivery import queue_mail
from privacy_center.services.masking import mask
from privacy_center.settings import get_settings

CODE_MINUTES = 10
MAX_TRIES = 5
SEND_WINDOW = dt.timedelta(hours=1)
SENDS_PER_PERSON = 5
SENDS_PER_ADDRESS = 3


class Outcome(StrEnum):
    """How a confirmation attempt ended."""

    CONFIRMED = "confirmed"
    WRONG = "wrong"
    EXHAUSTED = "exhausted"  # the last try was wrong: a new code is needed
    EXPIRED = "expired"
    NO_CODE = "no_code"


@dataclass(frozen=True)
class MailboxStatus:
    """What the page shows: addresses masked, never in full."""

    confirmed: str  # masked, "" when none
    pending: str  # masked address waiting for its code, "" when none
    pending_expires_at: dt.datetime | None
    tries_left: int


@dataclass(frozen=True)
class Confirmation:
    """The outcome of one attempt and what is left of the code."""

    outcome: Outcome
    tries_left: int = 0


def mask_email(address: str) -> str:
    """An address as the page and the access history show it: ``a****@example.org``."""
    return mask(address, MaskStyle.EMAIL)


def _key(purpose: str) -> bytes:
    secret = get_settings().secret_key.get_secret_value().encode("utf-8")
    return hmac.new(secret, purpose.encode("utf-8"), hashlib.sha256).digest()


def address_digest(address: str) -> str:
    """The HMAC of a normalized address: the per-address limit without keeping a list of addresses."""
    return hmac.new(_key("mailbox-address"), address.lower().encode("utf-8"), hashlib.sha256).hexdigest()


def _code_hash(user_id: int, address: str, code: str) -> str:
    message = f"{user_id}\x00{address.lower()}\x00{code}".encode()
    return hmac.new(_key("mailbox-code"), message, hashlib.sha256).hexdigest()


def normalized_address(address: str) -> str:
    """The address as it will be stored, or a localized :class:`DomainError` saying what is wrong."""
    address = address.strip()
    if not address:
        raise mailbox_errors.AddressMissingError
    if len(address) > ADDRESS_MAX_LENGTH:
        raise mailbox_errors.AddressTooLongError
    if "@" not in address:
        raise mailbox_errors.AddressWithoutAtError
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        raise mailbox_errors.AddressInvalidError from None


def _confirmed(session: Session, user_id: int) -> MailboxAddress | None:
    return session.exec(select(MailboxAddress).where(MailboxAddress.user_id == user_id)).first()


def _pending(session: Session, user_id: int, *, lock: bool = False) -> MailboxChallenge | None:
    query = (
        select(MailboxChallenge)
        .where(MailboxChallenge.user_id == user_id, MailboxChallenge.state == ChallengeState.PENDING)
        .order_by(col(MailboxChallenge.id).desc())
    )
    return session.exec(query.with_for_update() if lock else query).first()


def status(session: Session, *, subject: Subject, now: dt.datetime) -> MailboxStatus:
    """The confirmed address and any code still waiting, masked."""
    confirmed = _confirmed(session, subject.user_id)
    pending = _pending(session, subject.user_id)
    live = pending is not None and pending.expires_at > now
    return MailboxStatus(
        confirmed=mask_email(confirmed.address) if confirmed else "",
        pending=mask_email(pending.address) if live and pending else "",
        pending_expires_at=pending.expires_at if live and pending else None,
        tries_left=MAX_TRIES - pending.attempts if live and pending else 0,
    )


def _require_fresh(subject: Subject, now: dt.datetime) -> None:
    if not is_fresh(subject.actor, now, get_settings().reauth_max_age_seconds):
        raise mailbox_errors.RecentSignInRequiredError


def _limit_until(
    session: Session, condition: sa.ColumnElement[bool], limit: int, now: dt.datetime
) -> dt.datetime | None:
    """When the oldest send in the window leaves it, if ``limit`` sends are in the window."""
    since = now - SEND_WINDOW
    query = (
        select(MailboxChallenge.created_at)
        .where(condition, MailboxChallenge.created_at > since)
        .order_by(col(MailboxChallenge.created_at).desc())
        .limit(limit)
    )
    recent = list(session.exec(query))
    return recent[-1] + SEND_WINDOW if len(recent) >= limit else None


def request_code(
    session: Session, *, subject: Subject, address: str, locale: UiLocale, now: dt.datetime, tz: str = UTC
) -> str:
    """Send a code to ``address`` (in ``locale``); returns the address masked for the page.

    ``tz`` is the reader's time zone, for the time a refusal names (UTC, said so, if unknown).
    """
    normalized = normalized_address(address)
    # One request per person at a time (PostgreSQL row lock): two at once cannot both pass the limit.
    session.exec(select(User.id).where(col(User.id) == subject.user_id).with_for_update()).first()
    if _confirmed(session, subject.user_id) is not None:
        _require_fresh(subject, now)
    digest = address_digest(normalized)
    limits = (
        _limit_until(session, col(MailboxChallenge.user_id) == subject.user_id, SENDS_PER_PERSON, now),
        _limit_until(session, col(MailboxChallenge.address_digest) == digest, SENDS_PER_ADDRESS, now),
    )
    until = max((moment for moment in limits if moment is not None), default=None)
    if until is not None:
        raise mailbox_errors.TooManyCodesError(until=format_moment(until, locale, tz=tz))
    session.execute(
        sa.update(MailboxChallenge)
        .where(col(MailboxChallenge.user_id) == subject.user_id, col(MailboxChallenge.state) == ChallengeState.PENDING)
        .values(state=ChallengeState.REPLACED)
    )
    code = f"{secrets.randbelow(10**6):06d}"
    session.add(
        MailboxChallenge(
            user_id=subject.user_id,
            address=normalized,
            address_digest=digest,
            code_hash=_code_hash(subject.user_id, normalized, code),
            created_at=now,
            expires_at=now + dt.timedelta(minutes=CODE_MINUTES),
        )
    )
    params = {"code": code, "minutes": str(CODE_MINUTES)}
    queue_mail(
        session, to=normalized, locale=locale, template="mailbox_code", params=params, subject_user_id=subject.user_id
    )
    masked = mask_email(normalized)
    _record(session, audit.AuditAction.MAILBOX_CODE_SENT, subject, now, masked)
    return masked


def confirm(session: Session, *, subject: Subject, code: str, now: dt.datetime) -> Confirmation:
    """Check ``code`` against the subject's waiting code; a match makes its address the confirmed one."""
    challenge = _pending(session, subject.user_id, lock=True)
    if challenge is None:
        return Confirmation(Outcome.NO_CODE)
    if challenge.expires_at <= now:
        return Confirmation(Outcome.EXPIRED)
    expected = _code_hash(subject.user_id, challenge.address, "".join(code.split()))
    if not hmac.compare_digest(expected, challenge.code_hash):
        challenge.attempts += 1
        if challenge.attempts >= MAX_TRIES:
            challenge.state = ChallengeState.EXHAUSTED
        session.add(challenge)
        left = MAX_TRIES - challenge.attempts
        return Confirmation(Outcome.WRONG if left else Outcome.EXHAUSTED, tries_left=left)
    challenge.state = ChallengeState.CONFIRMED
    session.add(challenge)
    mailbox = _confirmed(session, subject.user_id) or MailboxAddress(
        user_id=subject.user_id, address="", verified_at=now
    )
    mailbox.address, mailbox.verified_at = challenge.address, now
    session.add(mailbox)
    _record(session, audit.AuditAction.MAILBOX_VERIFIED, subject, now, mask_email(challenge.address))
    return Confirmation(Outcome.CONFIRMED)


def remove(session: Session, *, subject: Subject, now: dt.datetime) -> None:
    """Forget the confirmed address (a recent sign-in is required)."""
    _require_fresh(subject, now)
    mailbox = _confirmed(session, subject.user_id)
    if mailbox is None:
        raise mailbox_errors.NothingToRemoveError
    masked = mask_email(mailbox.address)
    session.delete(mailbox)
    _record(session, audit.AuditAction.MAILBOX_REMOVED, subject, now, masked)


def _record(session: Session, action: audit.AuditAction, subject: Subject, now: dt.datetime, masked: str) -> None:
    audit.record(
        session,
        action=action,
        subject_user_id=subject.user_id,
        actor_user_id=subject.actor.user_id,
        details={"address": masked},
        now=now,
    )
