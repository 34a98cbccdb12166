"""``/collected``: the personal information we collect, by business scenario.

Everyone sees the operator's inventory; a signed-in user also sees their own (masked)
value and how often each type was collected in the last 7 days (the same window as
``/shared``). Each type is a row under its scenario: how long it is kept on the second
line, the count on the right. Filtering, search and paging run on the server: the
browser never holds more than one page of rows.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.controls import search_field, sign_in_prompt
from privacy_center.components.feedback import badge
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.rows import row, row_group
from privacy_center.content.inventory import InventoryFile, get_inventory
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.pages.fact_list import ListMixin, list_results
from privacy_center.pages.fact_views import ItemRow, ScenarioGroup, count_window, grouped
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


def _row(locale: UiLocale, item: ItemRow) -> rx.Component:
    _ = gettext_for(locale)
    second_line = rx.fragment(
        item["kept"],
        rx.cond(item["sensitive"], badge(_("Sensitive"), tone="warning")),
        rx.cond(item["value"] != "", rx.el.span(_("Yours:"), " ", item["value"], class_name="fact-value")),
    )
    return row(item["name"], href=item["href"], secondary=second_line, value=item["count_7"])


def _group(locale: UiLocale, group: ScenarioGroup) -> rx.Component:
    return row_group(rx.foreach(group["rows"], lambda item: _row(locale, item)), title=group["name"])


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
    above = rx.cond(
        CollectedState.personal,
        rx.el.p(
            _("Sensitive values are partly hidden."),
            " ",
            rx.el.span(count_window(locale), class_name="count-legend"),
            class_name="doc-meta list-legend",
        ),
        sign_in_prompt(locale, PATH, _("Sign in to see your own information and how often it was collected.")),
    )
    component = page_shell(
        locale,
        PATH,
        rx.el.h1(_("Collected Personal Information")),
        rx.el.p(
            _("What we collect in each part of Lattice, why, and how long we keep it."),
            class_name="lead",
        ),
        filters,
        list_results(
            locale,
            CollectedState,
            rx.foreach(CollectedState.groups, lambda group: _group(locale, group)),
            above=above,
            empty_title=_("Nothing matches your search"),
            empty_text=_("Try other words, or choose all scenarios."),
        ),
        back=back_link(locale),
    )
    return BuiltPage(
        component=component,
        title=_("Collected Personal Information"),
        description=_("What we collect in each part of Lattice, why, and how long we keep it."),
    )


PAGE = PageSpec(path=PATH, build=build, on_load=CollectedState.load)
