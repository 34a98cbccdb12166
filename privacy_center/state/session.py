"""Who is signed in, for the header's account menu and the guidelines notice.

Identity comes from the HttpOnly session cookie on every call (never from a flag the
client could set); the vars here are only what the screen shows. The cookie is read
from the websocket handshake, so a sign-in or sign-out is seen after a page load.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.authz import Capability
from privacy_center.content.guidelines import Document, get_library
from privacy_center.i18n.formatting import format_date
from privacy_center.i18n.locales import from_path
from privacy_center.services import acknowledgments
from privacy_center.state import context
from privacy_center.state.binding import SessionBound

# Added by /auth/logout-everywhere to the page it returns to, so that page can say it
# worked (the route imports nothing of Reflex, so the name is spelt there too).
SIGNED_OUT_PARAM = "signed_out"
SIGNED_OUT_EVERYWHERE = "everywhere"


class SessionState(SessionBound, rx.State):
    """Display-only facts about the signed-in person."""

    loaded: bool = False
    signed_in: bool = False
    display_name: str = ""
    # The guidelines text waiting to be acknowledged: "full" or "children" ("" for none).
    pending_kind: str = ""
    pending_version: str = ""
    pending_previous: str = ""
    pending_effective: str = ""
    # The page was reached right after signing out everywhere (and nobody is signed in).
    signed_out_everywhere: bool = False

    @rx.event
    async def load(self) -> None:
        """Resolve the viewer from the cookie; find a guidelines version to acknowledge."""

        def pending(ctx: context.Context) -> Document | None:
            if ctx.subject is None:
                return None
            return acknowledgments.pending(
                session=ctx.session, subject=ctx.subject, library=get_library(), locale=ctx.locale, today=ctx.now.date()
            )

        viewer = await context.event_viewer(self.router.headers.cookie)
        # Signed out: no transaction at all.
        document = await context.run(self, Capability.VIEW_FACTS, pending) if viewer else None
        self.loaded = True
        self.signed_in = viewer is not None
        self.display_name = viewer.display_name if viewer else ""
        self._clear_pending()
        # Only believed while nobody is signed in: a crafted link cannot make a signed-in
        # person think their sessions ended.
        said = self.router.url.query_parameters.get(SIGNED_OUT_PARAM) == SIGNED_OUT_EVERYWHERE
        self.signed_out_everywhere = said and viewer is None
        if document is not None:
            locale = from_path(self.router.url.path)
            versions = [d.version for d in get_library().versions(document.kind, locale)]
            index = versions.index(document.version)
            self.pending_kind = document.kind.value
            self.pending_version = document.version
            self.pending_previous = versions[index - 1] if index > 0 else document.version
            self.pending_effective = format_date(document.meta.effective_on, locale)

    @rx.event
    def dismiss_signed_out(self) -> None:
        """The person read that they are signed out everywhere."""
        self.signed_out_everywhere = False

    @rx.event
    async def acknowledge(self) -> None:
        """Record that the signed-in person read what changed (the version in effect, by the server's UTC clock)."""

        def record(ctx: context.Context) -> None:
            if ctx.subject is None:  # signed out meanwhile: nothing to record, the banner goes
                self.signed_in = False
                return
            library = get_library()
            # The version in effect now (by the one UTC clock) of the text that concerns them.
            document = acknowledgments.pending(
                session=ctx.session, subject=ctx.subject, library=library, locale=ctx.locale, today=ctx.now.date()
            )
            if document is None:  # already acknowledged (another tab), or nothing concerns them
                return
            acknowledgments.acknowledge(
                session=ctx.session, subject=ctx.subject, version=document.version, library=library,
                locale=ctx.locale, now=ctx.now,
            )  # fmt: skip

        try:
            await context.run(self, Capability.CHANGE_SETTINGS, record)
        finally:
            self._clear_pending()

    def _clear_pending(self) -> None:
        self.pending_kind = self.pending_version = self.pending_previous = self.pending_effective = ""
