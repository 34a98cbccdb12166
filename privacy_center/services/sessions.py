"""The center's sign-in sessions: created after a verified sign-in, checked on every use.

A session ends when the user signs out, after ``session_idle_minutes`` without use, or
``session_absolute_hours`` after sign-in, whichever comes first.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from privacy_center.models import CenterSession, User
from privacy_center.security.secrets import new_token, token_hash
from privacy_center.settings import get_settings

TOUCH_EVERY = dt.timedelta(minutes=1)
COOKIE = "pc_session"


def cookie_max_age(keep: bool) -> int | None:
    """The cookie's Max-Age: none (ends with the browser) unless the person asked to stay signed in.

    Either way the server-side idle and absolute limits still end the session.
    """
    return get_settings().session_absolute_hours * 3600 if keep else None


def create(*, session: Session, user: User, auth_time: dt.datetime, now: dt.datetime) -> str:
    """A new session; returns the cookie value (only its hash is stored, never the ID token)."""
    token = new_token()
    session.add(
        CenterSession(
            token_hash=token_hash(token),
            user_id=user.id or 0,
            auth_time=auth_time,
            last_seen_at=now,
            expires_at=now + dt.timedelta(hours=get_settings().session_absolute_hours),
        )
    )
    session.flush()
    return token


def resolve(*, session: Session, token: str | None, now: dt.datetime) -> CenterSession | None:
    """The live session behind a cookie value; expired or ended ones are closed and refused."""
    if not token:
        return None
    row = session.exec(select(CenterSession).where(CenterSession.token_hash == token_hash(token))).first()
    if row is None or row.ended_at is not None:
        return None
    idle = dt.timedelta(minutes=get_settings().session_idle_minutes)
    if row.expires_at <= now or now - row.last_seen_at > idle:
        row.ended_at = now
        session.add(row)
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        session.add(row)
    return row


def end(*, session: Session, token: str | None, now: dt.datetime) -> CenterSession | None:
    """Sign out this browser."""
    row = resolve(session=session, token=token, now=now)
    if row is not None:
        row.ended_at = now
        session.add(row)
    return row


def end_all_for_user(*, session: Session, user_id: int, now: dt.datetime) -> int:
    """Sign out everywhere; returns how many sessions were ended."""
    rows = session.exec(
        select(CenterSession).where(CenterSession.user_id == user_id, col(CenterSession.ended_at).is_(None))
    ).all()
    for row in rows:
        row.ended_at = now
        session.add(row)
    return len(rows)


def mark_reauthenticated(*, session: Session, row: CenterSession, auth_time: dt.datetime) -> None:
    """The person proved who they are again (for export, deletion, agent elevation)."""
    row.auth_time = auth_time
    session.add(row)
