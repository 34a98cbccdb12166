"""What the two detail pages share: one thing from the URL, and its occurrences, a page at a time.

``/collected/<item>`` and ``/shared/<partner>`` read the key from the URL the tab is on,
the person from the cookie, and list that person's events newest first. A mixin, so
each page gets its own copy of the vars; the cursors live in backend-only vars, so the
browser never sees event ids.

Both routes are dynamic, so every item shares one prerendered HTML: the document title
is a state var (Reflex renders the page's ``<title>`` from it) and becomes the item's
or partner's name when the page's data arrives. An item reached by its key or an old
address moves to its canonical one, keeping the query (``?embedded=1``).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import reflex as rx

from privacy_center.authz import Capability, Subject
from privacy_center.components.controls import pager, sign_in_prompt
from privacy_center.components.feedback import skeleton
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.rows import row, row_group
from privacy_center.content.inventory import InventoryFile, get_inventory
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.formatting import viewer_zone
from privacy_center.i18n.locales import UiLocale
from privacy_center.models import EventKind
from privacy_center.pages.fact_views import OccurrenceRow, counts_text, moment, occurrence_rows
from privacy_center.pages.registry import last_segment
from privacy_center.services.events import KeyCounts
from privacy_center.services.personal_facts import Cursor, occurrences
from privacy_center.state import context
from privacy_center.state.binding import SessionBound


class DetailMixin(SessionBound, mixin=True):
    """A detail page: the thing on screen, and the page of occurrences with older and newer."""

    loaded: bool = False
    found: bool = False
    personal: bool = False
    here: str = ""
    # "Phone number – Collected Personal Information": the tab's title once the data is in.
    page_title: str = ""
    count_7: str = ""
    count_30: str = ""
    last_at: str = ""
    occurrences: list[OccurrenceRow] = []
    occurrences_label: str = ""
    has_older: bool = False
    has_newer: bool = False
    # Start of each page shown so far (ISO time, event id); the last one is the page on screen.
    _starts: list[tuple[str, int]] = []
    _next: tuple[str, int] | None = None

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        """Read the key from the URL; the person's facts if someone is signed in.

        Reached by another of its addresses (the key, an old one), the page takes its
        canonical address in place, so a shared or bookmarked link is the one we link to.
        """
        self._reset_occurrences()
        await self._refresh()
        if self.found and self.here and self.router.url.path.rstrip("/") != self.here.rstrip("/"):
            query = urlencode(dict(self.router.url.query_parameters))
            return rx.redirect(self.here + (f"?{query}" if query else ""), replace=True)
        return None

    @rx.event
    async def older(self) -> None:
        """The next page of older occurrences."""
        if self._step(older=True):
            await self._refresh()

    @rx.event
    async def newer(self) -> None:
        """Back to the page of newer occurrences."""
        if self._step(older=False):
            await self._refresh()

    def _show(
        self, ctx: context.Context, inventory: InventoryFile, key: str
    ) -> tuple[EventKind, str, KeyCounts] | None:
        """Fill the page's own vars; return the kind, key and counts to show, or ``None`` if unknown."""
        raise NotImplementedError

    async def _refresh(self) -> None:
        # Who is asking comes from the connection's cookie, never from the state.
        await context.run(self, Capability.VIEW_FACTS, self._fill)

    def _fill(self, ctx: context.Context) -> None:
        """The thing, its counts and a page of occurrences, read in one transaction."""
        locale, subject = ctx.locale, ctx.subject
        shown = self._show(ctx, get_inventory().for_locale(locale), last_segment(self.router.url.path))
        self.loaded, self.found, self.personal = True, shown is not None, subject is not None
        if shown is None:
            self.page_title = ""
            return
        kind, key, tally = shown
        self.count_7, self.count_30 = counts_text(tally, locale)
        self.last_at = moment(tally.last_at, locale, tz=viewer_zone(self.router.headers.cookie))
        if subject is None:  # signed out meanwhile: nothing personal stays on screen
            self._reset_occurrences()
        else:
            self._show_occurrences(ctx, subject=subject, kind=kind, key=key)

    def _show_occurrences(self, ctx: context.Context, *, subject: Subject, kind: EventKind, key: str) -> None:
        locale = ctx.locale
        start = self._starts[-1] if self._starts else None
        before = Cursor(dt.datetime.fromisoformat(start[0]), start[1]) if start else None
        page = occurrences(session=ctx.session, subject=subject, kind=kind, key=key, before=before)
        self.occurrences = occurrence_rows(page.rows, locale, tz=viewer_zone(self.router.headers.cookie))
        cursor = page.next_cursor
        self._next = (cursor.occurred_at.isoformat(), cursor.event_id) if cursor else None
        self.has_older, self.has_newer = cursor is not None, bool(self._starts)
        _ = gettext_for(locale)
        if page.total == 0:
            self.occurrences_label = _("Nothing recorded yet.")
        else:
            ngettext = ngettext_for(locale)
            self.occurrences_label = ngettext(
                "%(shown)d of %(num)d occurrence", "%(shown)d of %(num)d occurrences", page.total
            ) % {"shown": len(page.rows), "num": page.total}

    def _reset_occurrences(self) -> None:
        self.occurrences, self.occurrences_label, self.has_older, self.has_newer = [], "", False, False
        self._starts, self._next = [], None

    def _step(self, older: bool) -> bool:
        """Move the window; ``False`` when there is nowhere to go."""
        if older and self._next is not None:
            self._starts = [*self._starts, self._next]
            return True
        if not older and self._starts:
            self._starts = self._starts[:-1]
            return True
        return False


def occurrence_section(locale: UiLocale, state: type[DetailMixin]) -> rx.Component:
    """The table of recent occurrences with its pager."""
    _ = gettext_for(locale)
    return rx.el.section(
        rx.el.h2(_("Recent occurrences"), id="occurrences"),
        rx.el.div(
            rx.el.table(
                rx.el.thead(rx.el.tr(rx.el.th(_("When"), scope="col"), rx.el.th(_("Reported by"), scope="col"))),
                rx.el.tbody(
                    rx.foreach(state.occurrences, lambda row: rx.el.tr(rx.el.td(row["when"]), rx.el.td(row["source"])))
                ),
                class_name="occurrence-table",
            ),
            class_name="table-scroll",
            tab_index=0,
            role="region",
            aria_labelledby="occurrences",
        ),
        pager(
            locale,
            label=state.occurrences_label,
            previous=state.newer,
            following=state.older,
            has_previous=state.has_newer,
            has_following=state.has_older,
            aria_label=_("Pages of occurrences"),
            previous_text=_("Newer"),
            following_text=_("Older"),
        ),
        aria_labelledby="occurrences",
        class_name="box",
    )


def personal_part(
    locale: UiLocale,
    state: type[DetailMixin],
    *,
    values: tuple[rx.Component, ...],
    note: str,
    sign_in_text: str,
) -> rx.Component:
    """The signed-in person's value, counts and occurrences; or why and where to sign in.

    The counts come from daily counts kept per UTC day, so their labels say UTC.
    """
    _ = gettext_for(locale)
    return rx.cond(
        state.personal,
        rx.fragment(
            row_group(
                *values,
                row(_("Last 7 days (UTC)"), value=state.count_7),
                row(_("Last 30 days (UTC)"), value=state.count_30),
                rx.cond(state.last_at != "", row(_("Last time"), value=state.last_at)),
                title=_("Your information"),
                footer=note,
                id="yours",
            ),
            occurrence_section(locale, state),
        ),
        sign_in_prompt(locale, state.here, sign_in_text),
    )


def detail_title(state: type[DetailMixin], list_title: str) -> rx.Var:
    """The document title: the list's until the data arrives, then the thing's own."""
    return rx.cond(state.page_title != "", state.page_title, list_title)


def detail_page(
    locale: UiLocale, state: type[DetailMixin], details: rx.Component, *, list_path: str, list_title: str, missing: str
) -> rx.Component:
    """The page: a skeleton until the state has loaded, then the details or a clear "not found"."""
    _ = gettext_for(locale)
    not_found = rx.fragment(rx.el.h1(_("Not found")), rx.el.p(missing, role="alert"))
    loading = rx.fragment(rx.el.h1(list_title), skeleton(6, label=_("Loading…")))
    return page_shell(
        locale,
        list_path,
        rx.cond(state.loaded, rx.cond(state.found, details, not_found), loading),
        back=back_link(locale, to=list_path, label=list_title),
    )
