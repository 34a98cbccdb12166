"""``/collected``: the personal information we collect, by business scenario.

Everyone sees the operator's inventory; a signed-in user also sees their own (masked)
value and how often each type was collected in the last 7 days. Filtering, search and
paging run on the server: the browser never holds more than one page of rows.
"""

from __future__ import annotations

import datetime as dt

import reflex as rx

from privacy_center.auth.guard import own_subject
from privacy_center.components.controls import pager, search_field, sign_in_prompt
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import nav_link
from privacy_center.content.inventory import get_inventory
from privacy_center.db import session_scope
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.pages.fact_views import ItemRow, ScenarioGroup, grouped
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services.personal_facts import LIST_PAGE_SIZE, MAX_QUERY_LENGTH, QueryTooLongError, collected_list

PATH = "/collected"


class CollectedState(rx.State):
    """One page of the filtered list; who is asking is re-derived from the cookie each time."""

    groups: list[ScenarioGroup] = []
    scenario: str = ""
    personal: bool = False
    status: str = ""
    error: str = ""
    has_previous: bool = False
    has_next: bool = False
    _query: str = ""
    _offset: int = 0

    @rx.event
    def load(self) -> None:
        """Start from ``?scenario=`` (a deep link from another page) or everything."""
        wanted = self.router.url.query_parameters.get("scenario", "")
        keys = {s.key for s in get_inventory().for_locale(from_path(self.router.url.path)).scenarios}
        self.scenario = wanted if wanted in keys else ""
        self._query, self._offset = "", 0
        self._refresh()

    @rx.event
    def choose_scenario(self, value: str) -> None:
        """Show one scenario, or all of them for an empty value."""
        keys = {s.key for s in get_inventory().for_locale(from_path(self.router.url.path)).scenarios}
        self.scenario = str(value) if str(value) in keys else ""
        self._offset = 0
        self._refresh()

    @rx.event
    def search(self, value: str) -> None:
        """Narrow the list to types whose name, purpose or scenario contains the text."""
        self._query, self._offset = str(value)[: MAX_QUERY_LENGTH * 2], 0
        self._refresh()

    @rx.event
    def turn_page(self, delta: int) -> None:
        """The next or previous page of rows."""
        step = LIST_PAGE_SIZE if int(delta) > 0 else -LIST_PAGE_SIZE
        self._offset = max(0, self._offset + step)
        self._refresh()

    def _refresh(self) -> None:
        locale = from_path(self.router.url.path)
        _ = gettext_for(locale)
        subject = own_subject(self.router.headers.cookie)
        self.error = ""
        try:
            with session_scope() as session:
                page = collected_list(
                    session=session,
                    subject=subject,
                    inventory=get_inventory().for_locale(locale),
                    today=dt.datetime.now(dt.UTC).date(),
                    scenario=self.scenario,
                    query=self._query,
                    offset=self._offset,
                )
        except QueryTooLongError:
            self.error = _("Search for at most %(num)d characters.") % {"num": MAX_QUERY_LENGTH}
            return
        self.personal = subject is not None
        self.groups = grouped(page.rows, locale, personal=self.personal)
        self.has_previous, self.has_next = page.offset > 0, page.has_next
        ngettext = ngettext_for(locale)
        if page.total == 0:
            self.status = _("No type of information matches.")
        elif page.total <= page.limit:
            self.status = ngettext("%(num)d type of information", "%(num)d types of information", page.total) % {
                "num": page.total
            }
        else:
            self.status = _("%(first)d to %(last)d of %(total)d types of information") % {
                "first": page.offset + 1,
                "last": page.offset + len(page.rows),
                "total": page.total,
            }


def _row(locale: UiLocale, row: ItemRow) -> rx.Component:
    _ = gettext_for(locale)
    return rx.el.li(
        rx.el.h3(nav_link(row["name"], href=row["href"]), class_name="fact-title"),
        rx.cond(row["sensitive"], rx.el.span(_("Sensitive"), class_name="badge")),
        rx.el.p(row["purpose"], class_name="fact-purpose"),
        rx.el.dl(
            rx.el.div(rx.el.dt(_("How")), rx.el.dd(row["method"]), class_name="fact-pair"),
            rx.cond(
                CollectedState.personal,
                rx.el.div(rx.el.dt(_("Last 7 days")), rx.el.dd(row["count_7"]), class_name="fact-pair"),
            ),
            rx.cond(
                row["value"] != "",
                rx.el.div(rx.el.dt(_("Your information")), rx.el.dd(row["value"]), class_name="fact-pair"),
            ),
            class_name="facts",
        ),
        class_name="fact-card",
    )


def _group(locale: UiLocale, group: ScenarioGroup) -> rx.Component:
    return rx.el.section(
        rx.el.h2(group["name"], class_name="group-title"),
        rx.el.ul(rx.foreach(group["rows"], lambda row: _row(locale, row)), class_name="fact-list"),
        class_name="fact-group",
    )


def build(locale: UiLocale) -> BuiltPage:
    """Filters first (they are what a reader with a question reaches for), then the groups."""
    _ = gettext_for(locale)
    scenarios = get_inventory().for_locale(locale).scenarios
    filters = rx.el.div(
        rx.el.div(
            rx.el.label(_("Scenario"), html_for="scenario-filter"),
            rx.el.select(
                rx.el.option(_("All scenarios"), value=""),
                *(rx.el.option(s.name, value=s.key) for s in scenarios),
                id="scenario-filter",
                value=CollectedState.scenario,
                on_change=CollectedState.choose_scenario,
            ),
            class_name="field",
        ),
        search_field(
            field_id="collected-search",
            label=_("Search"),
            on_change=CollectedState.search,
            max_length=MAX_QUERY_LENGTH,
        ),
        role="search",
        class_name="field-row box no-print",
    )
    component = page_shell(
        locale,
        PATH,
        rx.el.h1(_("Collected Personal Information")),
        rx.el.p(
            _("What we collect in each part of Lattice, why, and how long we keep it."),
            class_name="lead",
        ),
        rx.cond(
            CollectedState.personal,
            rx.el.p(
                _("Counts are by day in UTC. Sensitive values are partly hidden."),
                class_name="doc-meta",
            ),
            sign_in_prompt(locale, PATH, _("Sign in to see your own information and how often it was collected.")),
        ),
        filters,
        rx.el.p(CollectedState.error, role="alert", class_name="error", hidden=CollectedState.error == ""),
        rx.el.p(CollectedState.status, role="status", class_name="find-status"),
        rx.foreach(CollectedState.groups, lambda group: _group(locale, group)),
        rx.cond(
            CollectedState.has_previous | CollectedState.has_next,
            pager(
                locale,
                label=CollectedState.status,
                previous=CollectedState.turn_page(-1),
                following=CollectedState.turn_page(1),
                has_previous=CollectedState.has_previous,
                has_following=CollectedState.has_next,
                aria_label=_("Pages of the list"),
            ),
        ),
        back=back_link(locale),
    )
    return BuiltPage(
        component=component,
        title=_("Collected Personal Information"),
        description=_("What we collect in each part of Lattice, why, and how long we keep it."),
    )


PAGE = PageSpec(path=PATH, build=build, on_load=CollectedState.load)
