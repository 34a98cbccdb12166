"""``/shared/<partner>``: one partner in full, and when the user's information went to it."""

from __future__ import annotations

import reflex as rx

from privacy_center.components.links import page_href
from privacy_center.components.rows import row, row_group
from privacy_center.content.inventory import InventoryFile, get_inventory
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import DEFAULT_LOCALE, UiLocale
from privacy_center.models import EventKind
from privacy_center.pages.detail import DetailMixin, detail_page, detail_title, personal_part
from privacy_center.pages.fact_views import LinkView, sharing_label
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services.events import KeyCounts
from privacy_center.services.personal_facts import shared_partner
from privacy_center.state.context import Context

PATH = "/shared/[shared_partner]"


class SharedPartnerState(DetailMixin, rx.State):
    """The partner on screen."""

    name: str = ""
    company: str = ""
    purpose: str = ""
    method: str = ""
    policy_url: str = ""
    shares: list[LinkView] = []

    def _show(self, ctx: Context, inventory: InventoryFile, key: str) -> tuple[EventKind, str, KeyCounts] | None:
        facts = shared_partner(
            session=ctx.session, subject=ctx.subject, inventory=inventory, key=key, today=ctx.now.date()
        )
        locale = ctx.locale
        if facts is None:
            return None
        partner = facts.partner
        _ = gettext_for(locale)
        self.here = page_href(locale, f"/shared/{partner.slug}")
        self.page_title = _("%(name)s – %(list)s") % {"name": partner.name, "list": _("Shared with Third Parties")}
        self.name, self.company, self.purpose = partner.name, partner.company, partner.purpose
        self.method, self.policy_url = sharing_label(partner.method, locale), str(partner.policy_url)
        self.shares = [LinkView(name=i.name, href=page_href(locale, f"/collected/{i.slug}")) for i in facts.shares]
        return EventKind.SHARED, partner.key, facts.counts


def _details(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = SharedPartnerState
    return rx.fragment(
        rx.el.h1(state.name),
        row_group(
            row(_("Provided by"), secondary=state.company),
            row(_("Why they receive it"), secondary=state.purpose),
            row(_("How"), value=state.method),
            # Their own site: a plain anchor (the client router knows only our pages).
            row(_("Their privacy policy"), secondary=state.policy_url, href=state.policy_url, reload=True),
            title=_("About this partner"),
            id="about",
        ),
        row_group(
            rx.foreach(state.shares, lambda item: row(item["name"], href=item["href"])),
            title=_("Information shared"),
            id="information-shared",
        ),
        personal_part(
            locale,
            state,
            values=(),
            note=_("Counts are by day in UTC."),
            sign_in_text=_("Sign in to see whether and how often your information was shared."),
        ),
    )


def build(locale: UiLocale) -> BuiltPage:
    """The partner, the person's part, the occurrences; a clear message for an unknown partner."""
    _ = gettext_for(locale)
    title = _("Shared with Third Parties")
    component = detail_page(
        locale,
        SharedPartnerState,
        _details(locale),
        list_path="/shared",
        list_title=title,
        missing=_("There is no such partner in our list."),
    )
    return BuiltPage(component=component, title=detail_title(SharedPartnerState, title))


def partner_paths() -> tuple[str, ...]:
    """Every address of every partner, for the locale middleware: the canonical one first."""
    partners = get_inventory().for_locale(DEFAULT_LOCALE).partners
    return tuple(f"/shared/{address}" for partner in partners for address in partner.addresses)


PAGE = PageSpec(path=PATH, build=build, on_load=SharedPartnerState.load, known_paths=partner_paths)
