"""``/collected/<item>``: one type of personal information in full, and its occurrences.

One page per locale serves every item (a dynamic route); the item comes from the URL
the tab is on. The locale middleware knows the inventory's item addresses, so an
unknown one is answered with status 404, and the page says so in words.
"""

from __future__ import annotations

import datetime as dt

import reflex as rx

from privacy_center.auth.guard import own_subject
from privacy_center.components.controls import fact, sign_in_prompt
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import anchor, nav_link, page_href
from privacy_center.content.inventory import get_inventory
from privacy_center.db import session_scope
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import DEFAULT_LOCALE, UiLocale, from_path
from privacy_center.models import EventKind
from privacy_center.pages.fact_views import LinkView, counts_text, method_label, moment
from privacy_center.pages.occurrences import OccurrencesMixin, occurrence_section
from privacy_center.pages.registry import BuiltPage, PageSpec, last_segment
from privacy_center.services.personal_facts import collected_item

PATH = "/collected/[collected_item]"


class CollectedItemState(OccurrencesMixin, rx.State):
    """The item on screen; identity re-derived from the cookie in every handler."""

    loaded: bool = False
    found: bool = False
    personal: bool = False
    here: str = ""
    name: str = ""
    purpose: str = ""
    scenario: str = ""
    scenario_href: str = ""
    method: str = ""
    sensitive: bool = False
    retention: str = ""
    change_in: str = ""
    value: str = ""
    count_7: str = ""
    count_30: str = ""
    last_at: str = ""
    partners: list[LinkView] = []

    @rx.event
    def load(self) -> None:
        """Read the item from the URL; the user's facts if someone is signed in."""
        self._reset_occurrences()
        self._show()

    @rx.event
    def older(self) -> None:
        """The next page of older occurrences."""
        if self._step(older=True):
            self._show()

    @rx.event
    def newer(self) -> None:
        """Back to the page of newer occurrences."""
        if self._step(older=False):
            self._show()

    def _show(self) -> None:
        path = self.router.url.path
        locale = from_path(path)
        inventory = get_inventory().for_locale(locale)
        subject = own_subject(self.router.headers.cookie)
        with session_scope() as session:
            facts = collected_item(
                session=session,
                subject=subject,
                inventory=inventory,
                key=last_segment(path),
                today=dt.datetime.now(dt.UTC).date(),
            )
        self.loaded, self.found, self.personal = True, facts is not None, subject is not None
        if facts is None:
            return
        item = facts.item
        self.here = page_href(locale, f"/collected/{item.slug}")
        self.name, self.purpose, self.scenario = item.name, item.purpose, facts.scenario.name
        self.scenario_href = page_href(locale, "/collected") + f"?scenario={facts.scenario.key}"
        self.method, self.sensitive = method_label(item.method, locale), item.sensitive
        self.retention, self.change_in, self.value = item.retention, item.change_in, facts.value
        self.count_7, self.count_30 = counts_text(facts.counts, locale)
        self.last_at = moment(facts.counts.last_at, locale)
        self.partners = [
            LinkView(name=p.name, href=page_href(locale, f"/shared/{p.slug}"))
            for p in inventory.partners_sharing(item.key)
        ]
        if subject is not None:
            self._show_occurrences(subject=subject, kind=EventKind.COLLECTED, key=item.key, locale=locale)


def _details(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = CollectedItemState
    return rx.fragment(
        rx.el.h1(state.name),
        rx.cond(state.sensitive, rx.el.p(rx.el.span(_("Sensitive"), class_name="badge"))),
        rx.el.dl(
            fact(_("Why we need it"), state.purpose),
            fact(_("Scenario"), anchor(state.scenario, href=state.scenario_href)),
            fact(_("How"), state.method),
            fact(_("How long we keep it"), state.retention),
            fact(_("Where to change it"), state.change_in),
            rx.cond(
                state.partners.length() > 0,
                fact(
                    _("Shared with"),
                    rx.el.ul(
                        rx.foreach(state.partners, lambda p: rx.el.li(nav_link(p["name"], href=p["href"]))),
                        class_name="inline-list",
                    ),
                ),
            ),
            class_name="facts box",
        ),
        rx.cond(
            state.personal,
            rx.fragment(
                rx.el.section(
                    rx.el.h2(_("Your information"), id="yours"),
                    rx.el.dl(
                        rx.cond(state.value != "", fact(_("Your value"), state.value)),
                        fact(_("Last 7 days"), state.count_7),
                        fact(_("Last 30 days"), state.count_30),
                        rx.cond(state.last_at != "", fact(_("Last time"), state.last_at)),
                        class_name="facts",
                    ),
                    rx.el.p(_("Counts are by day in UTC. Sensitive values are partly hidden."), class_name="doc-meta"),
                    aria_labelledby="yours",
                    class_name="box",
                ),
                occurrence_section(locale, state, older=state.older, newer=state.newer),
            ),
            sign_in_prompt(
                locale, state.here, _("Sign in to see your own information and how often it was collected.")
            ),
        ),
    )


def build(locale: UiLocale) -> BuiltPage:
    """The facts, the user's part, the occurrences; a clear message for an unknown item."""
    _ = gettext_for(locale)
    missing = rx.fragment(
        rx.el.h1(_("Not found")),
        rx.el.p(_("There is no such type of information in our inventory."), role="alert"),
    )
    component = page_shell(
        locale,
        "/collected",
        rx.cond(
            CollectedItemState.loaded,
            rx.cond(CollectedItemState.found, _details(locale), missing),
            rx.el.h1(_("Collected Personal Information")),
        ),
        back=back_link(locale, to="/collected", label=_("Collected Personal Information")),
    )
    return BuiltPage(component=component, title=_("Collected Personal Information"))


def item_paths() -> tuple[str, ...]:
    """Every item's stable path, for the locale middleware."""
    return tuple(f"/collected/{i.slug}" for _, i in get_inventory().for_locale(DEFAULT_LOCALE).items())


PAGE = PageSpec(path=PATH, build=build, on_load=CollectedItemState.load, known_paths=item_paths)
