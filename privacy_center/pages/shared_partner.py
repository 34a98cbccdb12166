"""``/shared/<partner>``: one partner in full, and when the user's information went to it."""

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
from privacy_center.pages.fact_views import LinkView, counts_text, moment, sharing_label
from privacy_center.pages.occurrences import OccurrencesMixin, occurrence_section
from privacy_center.pages.registry import BuiltPage, PageSpec, last_segment
from privacy_center.services.personal_facts import shared_partner

PATH = "/shared/[shared_partner]"


class SharedPartnerState(OccurrencesMixin, rx.State):
    """The partner on screen; identity re-derived from the cookie in every handler."""

    loaded: bool = False
    found: bool = False
    personal: bool = False
    here: str = ""
    name: str = ""
    company: str = ""
    purpose: str = ""
    method: str = ""
    policy_url: str = ""
    shares: list[LinkView] = []
    count_7: str = ""
    count_30: str = ""
    last_at: str = ""

    @rx.event
    def load(self) -> None:
        """Read the partner from the URL; the user's facts if someone is signed in."""
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
            facts = shared_partner(
                session=session,
                subject=subject,
                inventory=inventory,
                key=last_segment(path),
                today=dt.datetime.now(dt.UTC).date(),
            )
        self.loaded, self.found, self.personal = True, facts is not None, subject is not None
        if facts is None:
            return
        partner = facts.partner
        self.here = page_href(locale, f"/shared/{partner.slug}")
        self.name, self.company, self.purpose = partner.name, partner.company, partner.purpose
        self.method, self.policy_url = sharing_label(partner.method, locale), str(partner.policy_url)
        self.shares = [LinkView(name=i.name, href=page_href(locale, f"/collected/{i.slug}")) for i in facts.shares]
        self.count_7, self.count_30 = counts_text(facts.counts, locale)
        self.last_at = moment(facts.counts.last_at, locale)
        if subject is not None:
            self._show_occurrences(subject=subject, kind=EventKind.SHARED, key=partner.key, locale=locale)


def _details(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = SharedPartnerState
    return rx.fragment(
        rx.el.h1(state.name),
        rx.el.dl(
            fact(_("Provided by"), state.company),
            fact(_("Why they receive it"), state.purpose),
            fact(_("How"), state.method),
            fact(
                _("Information shared"),
                rx.el.ul(
                    rx.foreach(state.shares, lambda item: rx.el.li(nav_link(item["name"], href=item["href"]))),
                    class_name="inline-list",
                ),
            ),
            fact(_("Their privacy policy"), anchor(state.policy_url, href=state.policy_url, rel="noopener noreferrer")),
            class_name="facts box",
        ),
        rx.cond(
            state.personal,
            rx.fragment(
                rx.el.section(
                    rx.el.h2(_("Your information"), id="yours"),
                    rx.el.dl(
                        fact(_("Last 7 days"), state.count_7),
                        fact(_("Last 30 days"), state.count_30),
                        rx.cond(state.last_at != "", fact(_("Last time"), state.last_at)),
                        class_name="facts",
                    ),
                    rx.el.p(_("Counts are by day in UTC."), class_name="doc-meta"),
                    aria_labelledby="yours",
                    class_name="box",
                ),
                occurrence_section(locale, state, older=state.older, newer=state.newer),
            ),
            sign_in_prompt(locale, state.here, _("Sign in to see whether and how often your information was shared.")),
        ),
    )


def build(locale: UiLocale) -> BuiltPage:
    """The partner, the user's part, the occurrences; a clear message for an unknown partner."""
    _ = gettext_for(locale)
    missing = rx.fragment(
        rx.el.h1(_("Not found")),
        rx.el.p(_("There is no such partner in our list."), role="alert"),
    )
    component = page_shell(
        locale,
        "/shared",
        rx.cond(
            SharedPartnerState.loaded,
            rx.cond(SharedPartnerState.found, _details(locale), missing),
            rx.el.h1(_("Shared with Third Parties")),
        ),
        back=back_link(locale, to="/shared", label=_("Shared with Third Parties")),
    )
    return BuiltPage(component=component, title=_("Shared with Third Parties"))


def partner_paths() -> tuple[str, ...]:
    """Every partner's stable path, for the locale middleware."""
    return tuple(f"/shared/{p.slug}" for p in get_inventory().for_locale(DEFAULT_LOCALE).partners)


PAGE = PageSpec(path=PATH, build=build, on_load=SharedPartnerState.load, known_paths=partner_paths)
