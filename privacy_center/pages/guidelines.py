"""``/guidelines``: the full guidelines in effect, decided when the person asks, not at start-up.

Every published version is its own compiled page (``/guidelines/versions/v2-0``, with
contents, find and print view). ``/guidelines`` leads to the one in effect at that
moment: the locale router answers a page load with a redirect, and in-app navigation
reaches :class:`InEffectState`, so a version published ahead of time takes effect on
its date without a restart.
"""

from __future__ import annotations

from typing import TypedDict
from urllib.parse import urlencode

import reflex as rx

from privacy_center import clock
from privacy_center.components.document import document_body, document_meta, table_of_contents, what_changed
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import anchor, nav_link, page_href
from privacy_center.content.guidelines import Document, Kind, get_library
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.locales import DEFAULT_LOCALE, UiLocale, from_path
from privacy_center.pages.registry import BuiltPage, PageSpec, last_segment
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
    """Find-in-document for a guidelines page (public content: no identity needed)."""

    hits: list[FindHit] = []
    status: str = ""

    @rx.event
    def find(self, value: str) -> None:
        """Search the version on the page (the one in effect elsewhere) in the page's own locale."""
        path = self.router.url.path
        locale = from_path(path)
        _ = gettext_for(locale)
        # The field is uncontrolled: echoing a debounced value back would drop keystrokes.
        text = str(value)[: MAX_QUERY_LENGTH * 2]
        document = version_on(path, locale) or in_effect(locale)
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


class InEffectState(SessionBound, rx.State):
    """``/guidelines`` opened inside the app (no page load): on to the version in effect now."""

    @rx.event
    def open(self) -> rx.event.EventSpec:
        """Decided when the person arrives, by the clock, not when the server started."""
        locale = from_path(self.router.url.path)
        query = urlencode(self.router.url.query_parameters)
        return rx.redirect(page_href(locale, in_effect_path(locale)) + (f"?{query}" if query else ""))


def version_path(document: Document) -> str:
    """The stable path of a version's page."""
    return f"/guidelines/versions/{document.version_slug}"


def in_effect(locale: UiLocale) -> Document:
    """The full guidelines in effect today (UTC), asked at each request."""
    return get_library().current(Kind.FULL, locale, today=clock.today())


def in_effect_path(locale: UiLocale) -> str:
    """Where ``/guidelines`` leads right now: the page of the version in effect."""
    return version_path(in_effect(locale))


def version_on(path: str, locale: UiLocale) -> Document | None:
    """The version whose page ``path`` is (``/en/guidelines/versions/v2-0/``), if it is one."""
    slug = last_segment(path)
    library = get_library()
    for candidates in (library.versions(Kind.FULL, locale), library.versions(Kind.FULL, DEFAULT_LOCALE)):
        found = next((d for d in candidates if d.version_slug == slug), None)
        if found is not None:
            return found
    return None


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


def reading_page(locale: UiLocale, document: Document, notice: rx.Component) -> rx.Component:
    """A version of the full guidelines with contents, find, print view and history."""
    _ = gettext_for(locale)
    return page_shell(
        locale,
        version_path(document),
        rx.el.h1(document.meta.title),
        notice,
        document_meta(locale, document),
        document_tools(locale),
        what_changed(locale, document),
        table_of_contents(locale, document),
        find_box(locale),
        document_body(document),
        back=back_link(locale, to="/guidelines/history", label=_("Version history")),
    )


def build(locale: UiLocale) -> BuiltPage:
    """A waypoint: a page load is sent on by the locale router, in-app navigation by on_load."""
    _ = gettext_for(locale)
    component = page_shell(
        locale,
        "/guidelines",
        rx.el.h1(_("Privacy Guidelines")),
        rx.el.p(anchor(_("Read the version in effect"), href=page_href(locale, "/guidelines"))),
        back=back_link(locale),
    )
    return BuiltPage(component=component, title=_("Privacy Guidelines"))


PAGE = PageSpec(path="/guidelines", build=build, on_load=InEffectState.open)
