"""``/shared``: the partners and SDKs that receive personal information, and how often yours went.

Everyone sees the partner list; a signed-in user also sees, per partner, how many
times their information was shared in the last 30 days. Search and paging run on the
server.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.controls import fact, search_field, sign_in_prompt
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import anchor, nav_link
from privacy_center.content.inventory import InventoryFile
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.fact_list import ListMixin, list_results
from privacy_center.pages.fact_views import PartnerRow, partner_row
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


def _partner(locale: UiLocale, row: PartnerRow) -> rx.Component:
    _ = gettext_for(locale)
    return rx.el.li(
        rx.el.h2(nav_link(row["name"], href=row["href"]), class_name="fact-title"),
        rx.el.p(row["purpose"], class_name="fact-purpose"),
        rx.el.dl(
            fact(_("Provided by"), row["company"]),
            fact(_("How"), row["method"]),
            fact(
                _("Information shared"),
                rx.el.ul(
                    rx.foreach(row["shares"], lambda item: rx.el.li(nav_link(item["name"], href=item["href"]))),
                    class_name="inline-list",
                ),
            ),
            rx.cond(SharedState.personal, fact(_("Your information, last 30 days"), row["count_30"])),
            fact(
                _("Their privacy policy"), anchor(row["policy_url"], href=row["policy_url"], rel="noopener noreferrer")
            ),
            class_name="facts",
        ),
        class_name="fact-card",
    )


def build(locale: UiLocale) -> BuiltPage:
    """Search, then one card per partner."""
    _ = gettext_for(locale)
    component = page_shell(
        locale,
        PATH,
        rx.el.h1(_("Shared with Third Parties")),
        rx.el.p(
            _("The partners and SDKs that receive personal information, what they receive and why."),
            class_name="lead",
        ),
        rx.cond(
            SharedState.personal,
            rx.el.p(_("Counts are by day in UTC."), class_name="doc-meta"),
            sign_in_prompt(locale, PATH, _("Sign in to see whether and how often your information was shared.")),
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
            rx.el.ul(rx.foreach(SharedState.partners, lambda row: _partner(locale, row)), class_name="fact-list"),
        ),
        back=back_link(locale),
    )
    return BuiltPage(
        component=component,
        title=_("Shared with Third Parties"),
        description=_("The partners and SDKs that receive personal information, what they receive and why."),
    )


PAGE = PageSpec(path=PATH, build=build, on_load=SharedState.load)
