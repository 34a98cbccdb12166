"""Who is signed in: the viewer behind a raw Cookie header (no Reflex, no decision here).

Reflex state and HTTP routes pass the Cookie header; the guard resolves the session
row and returns an :class:`~privacy_center.authz.Viewer`. What the viewer may do is
decided in :mod:`privacy_center.authz`, once.
"""

from __future__ import annotations

import datetime as dt
from http.cookies import CookieError, SimpleCookie

from sqlmodel import Session

from privacy_center import clock
from privacy_center.authz import Viewer
from privacy_center.db import session_scope
from privacy_center.models import User
from privacy_center.services import sessions


def cookie_value(cookie_header: str | None, name: str = sessions.COOKIE) -> str | None:
    """One cookie from a raw Cookie header; malformed headers count as absent."""
    if not cookie_header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(cookie_header)
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def viewer_in(session: Session, cookie_header: str | None, now: dt.datetime) -> Viewer | None:
    """The person signed in with this cookie header, read in the caller's transaction."""
    token = cookie_value(cookie_header)
    if not token:
        return None
    row = sessions.resolve(session=session, token=token, now=now)
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None:
        return None
    return Viewer(
        user_id=user.id or 0,
        display_name=user.display_name,
        role=user.role,
        auth_time=row.auth_time,
        session_id=row.id or 0,
        preferred_locale=user.preferred_locale,
    )


def current_viewer(cookie_header: str | None, *, now: dt.datetime | None = None) -> Viewer | None:
    """The person signed in with this cookie header, or ``None`` (a transaction of its own)."""
    if not cookie_value(cookie_header):
        return None
    with session_scope() as session:
        return viewer_in(session, cookie_header, now or clock.now())
