"""Signing in at the provider: password check with rate limiting, the SSO session, CSRF.

A failed sign-in creates no session. Attempts are throttled per account and address, per
address, and slowed down per account (see throttle.py); a locked person is told until when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlmodel import Session, select

from privacy_center.auth.provider import throttle
from privacy_center.models import PlatformAccount, ProviderSession, User
from privacy_center.security.passwords import verify_password
from privacy_center.security.secrets import new_token, same, token_hash
from privacy_center.services.accounts import find_account
from privacy_center.settings import get_settings

SESSION_LIFETIME = dt.timedelta(hours=12)
SESSION_COOKIE = "pc_op_session"
CSRF_COOKIE = "pc_op_csrf"
CSRF_MAX_AGE = 3600


class BadCredentialsError(Exception):
    """Unknown account or wrong password (deliberately not told apart)."""


def _throttle_account(session: Session, login: str) -> tuple[str, PlatformAccount | None]:
    """The key failures on ``login`` count under (the account's id when it exists), and the account."""
    account = find_account(session=session, login=login)
    return (f"id:{account.id}" if account else f"login:{login.strip().lower()}"), account


def sign_in_delay(*, session: Session, login: str, now: dt.datetime) -> float:
    """Seconds the next attempt on ``login`` waits (the caller sleeps without holding a thread)."""
    key, _account = _throttle_account(session, login)
    return throttle.delay_seconds(session, key, now=now)


def check_password(*, session: Session, login: str, password: str, client_ip: str, now: dt.datetime) -> User:
    """The user if ``login``/``password`` are right and the attempt is within the limits.

    The attempt is counted before the password is checked (``throttle.begin``, which
    commits the session), so parallel guesses never get more checks than the limit;
    ``LockedOutError`` says until when.
    """
    key, account = _throttle_account(session, login)
    attempt = throttle.Attempt(account=key, address=client_ip)
    ticket = throttle.begin(session, attempt, now=now)
    right = verify_password(account.password_hash if account else None, password)
    user = session.get(User, account.user_id) if right and account else None
    if user is not None:
        throttle.succeeded(session, attempt)
        return user
    throttle.failed(session, attempt, ticket, now=now)
    raise BadCredentialsError


@dataclass(frozen=True)
class SignedIn:
    """Who is signed in at the provider, since when, and whether they asked to stay signed in."""

    user: User
    auth_time: dt.datetime
    keep: bool = False


def session_cookie_max_age(keep: bool) -> int | None:
    """The provider cookie's Max-Age: none (ends with the browser) unless "Keep me signed in"."""
    return int(SESSION_LIFETIME.total_seconds()) if keep else None


def start_session(
    *, session: Session, user: User, now: dt.datetime, keep: bool = False, previous_cookie: str | None = None
) -> str:
    """A provider session for ``user``; returns the cookie value (only its hash is stored).

    The session behind ``previous_cookie`` ends first, whoever it belonged to: a browser
    holds one sign-in at a time, so the person before leaves nothing usable behind.
    """
    if previous_cookie:
        end_one(session=session, cookie=previous_cookie, now=now)
    token = new_token()
    session.add(
        ProviderSession(
            token_hash=token_hash(token),
            user_id=user.id or 0,
            auth_time=now,
            expires_at=now + SESSION_LIFETIME,
            keep=keep,
        )
    )
    session.flush()
    return token


def current(*, session: Session, cookie: str | None, now: dt.datetime) -> SignedIn | None:
    """The provider session behind ``cookie`` if it is still valid."""
    if not cookie:
        return None
    row = session.exec(select(ProviderSession).where(ProviderSession.token_hash == token_hash(cookie))).first()
    if row is None or row.ended_at is not None or row.expires_at <= now:
        return None
    user = session.get(User, row.user_id)
    return SignedIn(user=user, auth_time=row.auth_time, keep=row.keep) if user else None


def end_sessions(*, session: Session, user_id: int, now: dt.datetime) -> None:
    """Sign the user out at the provider everywhere."""
    for row in session.exec(select(ProviderSession).where(ProviderSession.user_id == user_id)).all():
        if row.ended_at is None:
            row.ended_at = now
            session.add(row)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key.get_secret_value(), salt="provider-csrf")


def new_csrf() -> str:
    """A signed random value for the CSRF cookie and the form's hidden field."""
    return _serializer().dumps(new_token())


def csrf_ok(cookie: str | None, submitted: str | None) -> bool:
    """The form carries the same, untampered, recent value as the cookie."""
    if not cookie or not submitted or not same(cookie, submitted):
        return False
    try:
        _serializer().loads(submitted, max_age=CSRF_MAX_AGE)
    except (BadSignature, SignatureExpired):
        return False
    return True


def end_one(*, session: Session, cookie: str, now: dt.datetime) -> None:
    """Sign this browser out at the provider."""
    row = session.exec(select(ProviderSession).where(ProviderSession.token_hash == token_hash(cookie))).first()
    if row is not None and row.ended_at is None:
        row.ended_at = now
        session.add(row)
