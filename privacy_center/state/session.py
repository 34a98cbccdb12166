"""Who is signed in, for the header and the policy-acknowledgment banner.

Identity comes from the HttpOnly session cookie on every call (never from a flag the
client could set); the vars here are only what the screen shows. The cookie is read
from the websocket handshake, so a sign-in or sign-out is seen after a page load.
"""

from __future__ import annotations

import datetime as dt

import reflex as rx

from privacy_center.auth.guard import NotSignedInError, current_viewer, require_user
from privacy_center.content.guidelines import Kind, get_library
from privacy_center.db import session_scope
from privacy_center.i18n.formatting import format_date
from privacy_center.i18n.locales import from_path
from privacy_center.models import User
from privacy_center.services import acknowledgments
from privacy_center.state.binding import SessionBound


class SessionState(SessionBound, rx.State):
    """Display-only facts about the signed-in person."""

    loaded: bool = False
    signed_in: bool = False
    display_name: str = ""
    pending_version: str = ""
    pending_previous: str = ""
    pending_effective: str = ""
    pending_changes: list[str] = []

    @rx.event
    def load(self) -> None:
        """Resolve the viewer from the cookie; find a guidelines version to acknowledge."""
        viewer = current_viewer(self.router.headers.cookie)
        self.loaded = True
        self.signed_in = viewer is not None
        self.display_name = viewer.display_name if viewer else ""
        self._clear_pending()
        if viewer is None:
            return
        locale = from_path(self.router.url.path)
        library = get_library()
        with session_scope() as session:
            user = session.get(User, viewer.user_id)
            document = acknowledgments.pending(
                session=session, user=user, library=library, locale=locale, today=dt.date.today()
            )
        if document is None:
            return
        versions = [d.version for d in library.versions(Kind.FULL, locale)]
        index = versions.index(document.version)
        self.pending_version = document.version
        self.pending_previous = versions[index - 1] if index > 0 else document.version
        self.pending_effective = format_date(document.meta.effective_on, locale)
        self.pending_changes = list(document.meta.what_changed)

    @rx.event
    def acknowledge(self) -> None:
        """Record that the signed-in person read what changed (the version in effect, by the server)."""
        try:
            viewer = require_user(self.router.headers.cookie)
        except NotSignedInError:
            self.signed_in = False
            self._clear_pending()
            return
        locale = from_path(self.router.url.path)
        with session_scope() as session:
            user = session.get(User, viewer.user_id)
            current = get_library().current(Kind.FULL, locale, today=dt.date.today())
            acknowledgments.acknowledge(
                session=session, user=user, version=current.version, library=get_library(), locale=locale,
                now=dt.datetime.now(dt.UTC),
            )  # fmt: skip
        self._clear_pending()

    def _clear_pending(self) -> None:
        self.pending_version = self.pending_previous = self.pending_effective = ""
        self.pending_changes = []
