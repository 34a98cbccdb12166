"""``/collected``: the personal information we collect, by business scenario.

Everyone sees the operator's inventory; a signed-in user also sees their own (masked)
value and how often each type was collected in the last 7 days. Filtering, search and
paging run on the server: the browser never holds more than one page of rows.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.controls import search_field, sign_in_prompt
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import nav_link
from privacy_center.content.inventory import InventoryFile, get_inventory
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.pages.fact_list import ListMixin, list_results
from privacy_center.pages.fact_views import ItemRow, ScenarioGroup, grouped
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services.personal_facts import MAX_QUERY_LENGTH, ItemFacts, Page, collected_list
from privacy_center.state.context import Context

PATH = "/collected"


class CollectedState(ListMixin, rx.State):
    """One page of the filtered list."""

    groups: list[ScenarioGroup] = []
    scenario: str = ""

    @rx.event
    async def load(self) -> None:
        """Start from ``?scenario=`` (a deep link from an item's page) or everything."""
        self.scenario = self._known_scenario(self.router.url.query_parameters.get("scenario", ""))
        self._query, self._offset = "", 0
        await self._refresh()

    @rx.event
    async def choose_scenario(self, value: str) -> None:
        """Show one scenario, or all of them for an empty value."""
        self.scenario, self._offset = self._known_scenario(str(value)), 0
        await self._refresh()

    def _known_scenario(self, key: str) -> str:
        scenarios = get_inventory().for_locale(from_path(self.router.url.path)).scenarios
        return key if key in {s.key for s in scenarios} else ""

    def _show(self, ctx: Context, inventory: InventoryFile) -> Page[ItemFacts]:
        page = collected_list(
            session=ctx.session,
            subject=ctx.subject,
            inventory=inventory,
            today=ctx.now.date(),
            scenario=self.scenario,
            query=self._query,
            offset=self._offset,
            limit=self.page_size,
        )
        locale = ctx.locale
        self.groups = grouped(page.rows, locale, personal=ctx.subject is not None)
        _ = gettext_for(locale)
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
        return page


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
        list_results(locale, CollectedState, rx.foreach(CollectedState.groups, lambda group: _group(locale, group))),
        back=back_link(locale),
    )
    return BuiltPage(
        component=component,
        title=_("Collected Personal Information"),
        description=_("What we collect in each part of Lattice, why, and how long we keep it."),
    )


PAGE = PageSpec(path=PATH, build=build, on_load=CollectedState.load)
