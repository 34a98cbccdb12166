"""``/collected/<item>``: one type of personal information in full, and its occurrences.

One page per locale serves every item (a dynamic route); the item comes from the URL
the tab is on. The locale middleware knows the inventory's item addresses, so an
unknown one is answered with status 404, and the page says so in words.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.feedback import badge
from privacy_center.components.links import page_href
from privacy_center.components.rows import row, row_group
from privacy_center.content.inventory import InventoryFile, get_inventory
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import DEFAULT_LOCALE, UiLocale
from privacy_center.models import EventKind
from privacy_center.pages.detail import DetailMixin, detail_page, detail_title, personal_part
from privacy_center.pages.fact_views import LinkView, method_label
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services.events import KeyCounts
from privacy_center.services.personal_facts import collected_item
from privacy_center.state.context import Context

PATH = "/collected/[collected_item]"


class CollectedItemState(DetailMixin, rx.State):
    """The information type on screen."""

    name: str = ""
    purpose: str = ""
    scenario: str = ""
    scenario_href: str = ""
    method: str = ""
    sensitive: bool = False
    retention: str = ""
    change_in: str = ""
    # The page of this center where it is changed, when there is one ("" otherwise).
    change_href: str = ""
    value: str = ""
    partners: list[LinkView] = []

    def _show(self, ctx: Context, inventory: InventoryFile, key: str) -> tuple[EventKind, str, KeyCounts] | None:
        facts = collected_item(
            session=ctx.session, subject=ctx.subject, inventory=inventory, key=key, today=ctx.now.date()
        )
        locale = ctx.locale
        if facts is None:
            return None
        item = facts.item
        _ = gettext_for(locale)
        self.here = page_href(locale, f"/collected/{item.slug}")
        self.page_title = _("%(name)s – %(list)s") % {"name": item.name, "list": _("Collected Personal Information")}
        self.name, self.purpose, self.scenario = item.name, item.purpose, facts.scenario.name
        self.scenario_href = page_href(locale, "/collected") + f"?scenario={facts.scenario.key}"
        self.method, self.sensitive = method_label(item.method, locale), item.sensitive
        self.retention, self.change_in, self.value = item.retention, item.change_in, facts.value
        self.change_href = page_href(locale, item.change_page) if item.change_page else ""
        self.partners = [
            LinkView(name=p.name, href=page_href(locale, f"/shared/{p.slug}"))
            for p in inventory.partners_sharing(item.key)
        ]
        return EventKind.COLLECTED, item.key, facts.counts


def _details(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = CollectedItemState
    where_title = _("Where to change it")
    return rx.fragment(
        rx.el.h1(state.name, rx.cond(state.sensitive, badge(_("Sensitive"), tone="warning"))),
        row_group(
            row(_("Why we need it"), secondary=state.purpose),
            row(_("How"), value=state.method),
            row(_("How long we keep it"), secondary=state.retention),
            # A link only where this center has the page; else the way there in the app, as text.
            rx.cond(
                state.change_href != "",
                row(where_title, secondary=state.change_in, href=state.change_href),
                row(where_title, secondary=state.change_in),
            ),
            row(_("Scenario"), value=state.scenario, href=state.scenario_href),
            title=_("About this information"),
            id="about",
        ),
        rx.cond(
            state.partners.length() > 0,
            row_group(
                rx.foreach(state.partners, lambda p: row(p["name"], href=p["href"], icon="share")),
                title=_("Shared with"),
                id="shared-with",
            ),
        ),
        personal_part(
            locale,
            state,
            values=(rx.cond(state.value != "", row(_("Your value"), value=state.value)),),
            note=_("Counts are by day in UTC. Sensitive values are partly hidden."),
            sign_in_text=_("Sign in to see your own information and how often it was collected."),
        ),
    )


def build(locale: UiLocale) -> BuiltPage:
    """The facts, the person's part, the occurrences; a clear message for an unknown item."""
    _ = gettext_for(locale)
    title = _("Collected Personal Information")
    component = detail_page(
        locale,
        CollectedItemState,
        _details(locale),
        list_path="/collected",
        list_title=title,
        missing=_("There is no such type of information in our inventory."),
    )
    return BuiltPage(component=component, title=detail_title(CollectedItemState, title))


def item_paths() -> tuple[str, ...]:
    """Every address of every item, for the locale middleware: the canonical one, the key, the old one."""
    items = get_inventory().for_locale(DEFAULT_LOCALE).items()
    return tuple(f"/collected/{address}" for _, item in items for address in item.addresses)


PAGE = PageSpec(path=PATH, build=build, on_load=CollectedItemState.load, known_paths=item_paths)
