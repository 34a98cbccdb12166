"""``/guidelines``: the full guidelines in effect, with contents, find and print view."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

import reflex as rx

from privacy_center.components.document import document_body, document_meta, table_of_contents, what_changed
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import anchor, nav_link, page_href
from privacy_center.content.guidelines import Kind, get_library
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services.guideline_search import MAX_QUERY_LENGTH, QueryTooLongError, find
from privacy_center.state.binding import SessionBound


class FindHit(TypedDict):
    """A matching section as the browser shows it."""

    anchor: str
    title: str
    before: str
    match: str
    after: str


class FindState(SessionBound, rx.State):
    """Find-in-document for the guidelines page (public content: no identity needed)."""

    hits: list[FindHit] = []
    status: str = ""

    @rx.event
    def find(self, value: str) -> None:
        """Search the current guidelines in the page's own locale."""
        locale = from_path(self.router.url.path)
        _ = gettext_for(locale)
        # The field is uncontrolled: echoing a debounced value back would drop keystrokes.
        text = str(value)[: MAX_QUERY_LENGTH * 2]
        document = get_library().current(Kind.FULL, locale, today=dt.date.today())
        try:
            result = find(document, text)
        except QueryTooLongError:
            self.hits = []
            self.status = _("Search for at most %(num)d characters.") % {"num": MAX_QUERY_LENGTH}
            return
        self.hits = [
            FindHit(anchor=h.anchor, title=h.title, before=h.before, match=h.match, after=h.after) for h in result.hits
        ]
        ngettext = ngettext_for(locale)
        if not text.strip():
            self.status = ""
        elif result.total_matches == 0:
            self.status = _("No matches for “%(query)s”.") % {"query": text.strip()}
        else:
            sections = ngettext("%(num)d section", "%(num)d sections", len(result.hits)) % {"num": len(result.hits)}
            self.status = ngettext(
                "%(num)d match in %(sections)s", "%(num)d matches in %(sections)s", result.total_matches
            ) % {"num": result.total_matches, "sections": sections}


def find_box(locale: UiLocale) -> rx.Component:
    """A search field; results link to the sections that match."""
    _ = gettext_for(locale)
    return rx.el.section(
        rx.el.label(_("Find in this document"), html_for="find-input", class_name="find-label"),
        rx.el.input(
            id="find-input",
            type="search",
            on_change=FindState.find.debounce(200),
            max_length=MAX_QUERY_LENGTH,
            auto_complete="off",
            class_name="find-input",
        ),
        rx.el.p(FindState.status, aria_live="polite", role="status", class_name="find-status"),
        rx.el.ul(
            rx.foreach(
                FindState.hits,
                lambda hit: rx.el.li(
                    anchor(hit["title"], href="#" + hit["anchor"], class_name="find-hit-title"),
                    rx.el.p(hit["before"], rx.el.mark(hit["match"]), hit["after"], class_name="find-snippet"),
                ),
            ),
            class_name="find-results",
        ),
        role="search",
        class_name="box find no-print",
    )


def document_tools(locale: UiLocale) -> rx.Component:
    """Print view, history and summary, next to the text."""
    _ = gettext_for(locale)
    return rx.el.div(
        rx.el.button(_("Print"), type="button", on_click=rx.run_script("window.print()"), class_name="button"),
        nav_link(_("Version history"), href=page_href(locale, "/guidelines/history"), class_name="button"),
        nav_link(_("Summary"), href=page_href(locale, "/guidelines/summary"), class_name="button"),
        class_name="doc-tools no-print",
    )


def build(locale: UiLocale) -> BuiltPage:
    """The version in effect today."""
    document = get_library().current(Kind.FULL, locale, today=dt.date.today())
    component = page_shell(
        locale,
        "/guidelines",
        rx.el.h1(document.meta.title),
        document_meta(locale, document),
        document_tools(locale),
        what_changed(locale, document),
        table_of_contents(locale, document),
        find_box(locale),
        document_body(document),
        back=back_link(locale),
    )
    return BuiltPage(component=component, title=document.meta.title)


PAGE = PageSpec(path="/guidelines", build=build)
