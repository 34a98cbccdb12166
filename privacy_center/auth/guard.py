"""Who is asking, and for whom: the one place that decides (no Reflex here).

Reflex state and HTTP routes pass the raw Cookie header; the guard resolves the
session and returns a :class:`Viewer`. Every service that touches personal data takes
the :class:`Subject` that :func:`act_for` returns, so no handler repeats the check.
Agents (with the user's consent) and guardians (for a linked child) slot into
:func:`act_for` in later issues; today a viewer acts only for themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie

from privacy_center.db import session_scope
from privacy_center.models import Role, User
from privacy_center.models.base import as_utc
from privacy_center.services import sessions


class NotSignedInError(Exception):
    """No valid session: send the person to sign in."""


class ForbiddenError(Exception):
    """Signed in, but not allowed to do this."""


class ReauthRequiredError(Exception):
    """Signed in, but too long ago for a sensitive operation."""


@dataclass(frozen=True)
class Viewer:
    """The signed-in person."""

    user_id: int
    display_name: str
    role: str
    auth_time: dt.datetime
    session_id: int
    preferred_locale: str | None


@dataclass(frozen=True)
class Subject:
    """Whose data an action concerns, and who is acting."""

    user_id: int
    actor: Viewer

    @property
    def is_self(self) -> bool:
        """The person acts on their own data."""
        return self.user_id == self.actor.user_id


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


def current_viewer(cookie_header: str | None, *, now: dt.datetime | None = None) -> Viewer | None:
    """The person signed in with this cookie header, or ``None``."""
    token = cookie_value(cookie_header)
    if not token:
        return None
    moment = now or dt.datetime.now(dt.UTC)
    with session_scope() as session:
        row = sessions.resolve(session=session, token=token, now=moment)
        if row is None:
            return None
        user = session.get(User, row.user_id)
        if user is None:
            return None
        return Viewer(
            user_id=user.id or 0,
            display_name=user.display_name,
            role=user.role,
            auth_time=as_utc(row.auth_time),
            session_id=row.id or 0,
            preferred_locale=user.preferred_locale,
        )


def require_user(cookie_header: str | None) -> Viewer:
    """The signed-in person, or :class:`NotSignedInError`."""
    viewer = current_viewer(cookie_header)
    if viewer is None:
        raise NotSignedInError
    return viewer


def require_role(viewer: Viewer, *roles: Role) -> Viewer:
    """The viewer if they hold one of ``roles``."""
    if viewer.role not in {r.value for r in roles}:
        raise ForbiddenError(viewer.role)
    return viewer


def require_fresh_auth(viewer: Viewer, *, now: dt.datetime, max_age: int) -> Viewer:
    """The viewer if they signed in within ``max_age`` seconds."""
    if (now - viewer.auth_time).total_seconds() > max_age:
        raise ReauthRequiredError
    return viewer


def act_for(viewer: Viewer, user_id: int) -> Subject:
    """Permission for ``viewer`` to act on ``user_id``'s data: today, only their own."""
    if user_id != viewer.user_id:
        raise ForbiddenError("not your data")
    return Subject(user_id=user_id, actor=viewer)


def own_subject(cookie_header: str | None) -> Subject | None:
    """The signed-in person acting on their own data; ``None`` when nobody is signed in.

    For pages that show public content to everyone and personal facts to the signed-in.
    """
    viewer = current_viewer(cookie_header)
    return act_for(viewer, viewer.user_id) if viewer else None
