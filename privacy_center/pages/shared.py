"""``/shared``: the partners and SDKs that receive personal information, and how often yours went.

Everyone sees the partner list; a signed-in user also sees, per partner, how many
times their information was shared in the last 7 days: the same window as
``/collected``, so the two lists can be read side by side (a partner's page shows 30
days too). Each partner is a row; search and paging run on the server.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.controls import search_field, sign_in_prompt
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.rows import row, row_group
from privacy_center.content.inventory import InventoryFile
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.fact_list import ListMixin, list_results
from privacy_center.pages.fact_views import PartnerRow, count_window, partner_row
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services.personal_facts import MAX_QUERY_LENGTH, Page, PartnerFacts, shared_list
from privacy_center.state.context import Context

PATH = "/shared"


class SharedState(ListMixin, rx.State):
    """One page of partners."""

    partners: list[PartnerRow] = []

    @rx.event
    async def load(self) -> None:
        """Every partner, first page."""
        self._query, self._offset = "", 0
        await self._refresh()

    def _show(self, ctx: Context, inventory: InventoryFile) -> Page[PartnerFacts]:
        page = shared_list(
            session=ctx.session,
            subject=ctx.subject,
            inventory=inventory,
            today=ctx.now.date(),
            query=self._query,
            offset=self._offset,
            limit=self.page_size,
        )
        locale = ctx.locale
        self.partners = [partner_row(facts, locale, personal=ctx.subject is not None) for facts in page.rows]
        _ = gettext_for(locale)
        ngettext = ngettext_for(locale)
        if page.total == 0:
            self.status = _("No partner matches.")
        else:
            self.status = ngettext("%(num)d partner", "%(num)d partners", page.total) % {"num": page.total}
        return page


def _partner(partner: PartnerRow) -> rx.Component:
    return row(partner["name"], href=partner["href"], secondary=partner["about"], value=partner["count_7"])


def build(locale: UiLocale) -> BuiltPage:
    """Search, then one row per partner."""
    _ = gettext_for(locale)
    above = rx.cond(
        SharedState.personal,
        rx.el.p(rx.el.span(count_window(locale), class_name="count-legend"), class_name="doc-meta list-legend"),
        sign_in_prompt(locale, PATH, _("Sign in to see whether and how often your information was shared.")),
    )
    component = page_shell(
        locale,
        PATH,
        rx.el.h1(_("Shared with Third Parties")),
        rx.el.p(
            _("The partners and SDKs that receive personal information, what they receive and why."),
            class_name="lead",
        ),
        rx.el.div(
            search_field(
                field_id="shared-search", label=_("Search"), on_change=SharedState.search, max_length=MAX_QUERY_LENGTH
            ),
            role="search",
            class_name="box no-print",
        ),
        list_results(
            locale,
            SharedState,
            row_group(rx.foreach(SharedState.partners, _partner), title=_("Partners and SDKs"), id="partners"),
            above=above,
            empty_title=_("Nothing matches your search"),
            empty_text=_("Try other words: a partner’s name, company or what it receives."),
            skeleton_rows=8,
        ),
        back=back_link(locale),
    )
    return BuiltPage(
        component=component,
        title=_("Shared with Third Parties"),
        description=_("The partners and SDKs that receive personal information, what they receive and why."),
    )


PAGE = PageSpec(path=PATH, build=build, on_load=SharedState.load)
