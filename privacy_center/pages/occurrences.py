"""Recent occurrences on a detail page: a table of events, a page at a time, newest first.

A mixin, so the collected and the shared detail pages each get their own copy of the
vars. The cursors live in a backend-only var: the browser never sees event ids.
"""

from __future__ import annotations

import datetime as dt

import reflex as rx

from privacy_center.auth.guard import Subject
from privacy_center.components.controls import pager
from privacy_center.db import session_scope
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.models import EventKind
from privacy_center.pages.fact_views import OccurrenceRow, occurrence_rows
from privacy_center.services.personal_facts import Cursor, occurrences


class OccurrencesMixin(rx.State, mixin=True):
    """The page of occurrences on screen and the way to older and newer ones."""

    occurrences: list[OccurrenceRow] = []
    occurrences_label: str = ""
    has_older: bool = False
    has_newer: bool = False
    # Start of each page shown so far (ISO time, event id); the last one is the page on screen.
    _starts: list[tuple[str, int]] = []
    _next: tuple[str, int] | None = None

    def _show_occurrences(self, *, subject: Subject, kind: EventKind, key: str, locale: UiLocale) -> None:
        start = self._starts[-1] if self._starts else None
        before = Cursor(dt.datetime.fromisoformat(start[0]), start[1]) if start else None
        with session_scope() as session:
            page = occurrences(session=session, subject=subject, kind=kind, key=key, before=before)
        self.occurrences = occurrence_rows(page.rows, locale)
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


def occurrence_section(
    locale: UiLocale, state: type[OccurrencesMixin], *, older: rx.event.EventSpec, newer: rx.event.EventSpec
) -> rx.Component:
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
            previous=newer,
            following=older,
            has_previous=state.has_newer,
            has_following=state.has_older,
            aria_label=_("Pages of occurrences"),
            previous_text=_("Newer"),
            following_text=_("Older"),
        ),
        aria_labelledby="occurrences",
        class_name="box",
    )
