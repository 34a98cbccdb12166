"""``/``: the privacy center, as a phone's settings screen: the person's own entries, then the guidelines.

Each entry is one :func:`~privacy_center.components.rows.row` line in :func:`build`, so
the pages still to come (settings, apps, export, family, deleting the account) are added
with one line each. A signed-in person also sees, on the right of the first two rows,
how often their information was collected this week and how many partners received it;
the numbers come from the daily rollups, for the person behind the connection's cookie.
"""

from __future__ import annotations

import reflex as rx
from babel.numbers import format_decimal

from privacy_center.authz import Capability
from privacy_center.components.feedback import placeholder
from privacy_center.components.layout import page_shell
from privacy_center.components.links import page_href
from privacy_center.components.rows import row, row_group
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services.overview import WeekOverview, week_overview
from privacy_center.state import context
from privacy_center.state.binding import SessionBound


class HomeState(SessionBound, rx.State):
    """The week's numbers, already in the reader's words ("12 times"); empty when signed out."""

    loaded: bool = False
    collected_this_week: str = ""
    partners_this_week: str = ""

    @rx.event
    async def load(self) -> None:
        """Count this week's events for whoever the cookie names (nobody: no numbers, no query)."""

        def overview(ctx: context.Context) -> tuple[UiLocale, WeekOverview | None]:
            if ctx.subject is None:
                return ctx.locale, None
            return ctx.locale, week_overview(session=ctx.session, subject=ctx.subject, today=ctx.now.date())

        # Signed out: no transaction at all (the viewer look-up is the event's own, reused).
        if await context.event_viewer(self.router.headers.cookie) is None:
            self.collected_this_week, self.partners_this_week = "", ""
        else:
            locale, week = await context.run(self, Capability.VIEW_FACTS, overview)
            self.collected_this_week, self.partners_this_week = _in_words(week, locale)
        self.loaded = True


def _in_words(week: WeekOverview | None, locale: UiLocale) -> tuple[str, str]:
    """The two counts as the rows show them, in ``locale`` (plural rules and digit grouping)."""
    if week is None:
        return "", ""
    ngettext = ngettext_for(locale)
    collected, partners = week.collected_events, week.partners_shared_with
    return (
        ngettext("%(num)s time", "%(num)s times", collected) % {"num": format_decimal(collected, locale=locale.babel)},
        ngettext("%(num)s partner", "%(num)s partners", partners)
        % {"num": format_decimal(partners, locale=locale.babel)},
    )


def _week_count(locale: UiLocale, text: rx.Var) -> rx.Component:
    """A count on the right of a row: grey until it arrives, nothing when signed out.

    Its box keeps the same width in all three cases, so the row's text never reflows.
    """
    _ = gettext_for(locale)
    return rx.el.span(
        rx.cond(
            HomeState.loaded,
            rx.cond(
                text != "",
                rx.fragment(
                    rx.el.span(text, class_name="count-number"),
                    # The daily rollups count by UTC day: said, not implied to be the reader's week.
                    rx.el.span(_("last 7 days (UTC)"), class_name="count-caption"),
                ),
            ),
            placeholder(label=_("Loading…")),
        ),
        class_name="week-count",
    )


def build(locale: UiLocale) -> BuiltPage:
    """The person's own entries first (what they came for), then the guidelines."""
    _ = gettext_for(locale)

    def to(path: str) -> str:
        return page_href(locale, path)

    yours = row_group(
        row(_("Collected Personal Information"), href=to("/collected"), icon="database", id="home-collected",
            secondary=_("What we collect, why, and how often we collected yours."),
            value=_week_count(locale, HomeState.collected_this_week)),
        row(_("Shared with Third Parties"), href=to("/shared"), icon="share", id="home-shared",
            secondary=_("Who receives personal information, and whether yours went to them."),
            value=_week_count(locale, HomeState.partners_this_week)),
        row(_("Access history"), href=to("/access-history"), icon="history", id="home-access-history",
            secondary=_("What was done with your information, by whom and from where.")),
        row(_("Privacy settings"), href=to("/settings"), icon="settings", id="home-settings",
            secondary=_("Choose how your information is used. Each change is saved at once.")),
        row(_("Authorized apps"), href=to("/apps"), icon="app-window", id="home-apps",
            secondary=_("Apps you allowed to use your account, and taking that access back.")),
        row(_("Your mailbox"), href=to("/account/mailbox"), icon="mail", id="home-mailbox",
            secondary=_("Confirm the address where exports and deletion receipts will be sent.")),
        title=_("Your information"),
        id="home-yours",
    )  # fmt: skip
    guidelines = row_group(
        row(_("Privacy Guidelines Summary"), href=to("/guidelines/summary"), icon="file-text",
            secondary=_("The key points in a few minutes.")),
        row(_("Privacy Guidelines"), href=to("/guidelines"), icon="shield",
            secondary=_("The full text: what we collect, why, and your rights.")),
        row(_("Children's Privacy Statement"), href=to("/guidelines/children"), icon="baby",
            secondary=_("How we protect children under 14, for parents and guardians.")),
        row(_("Version history"), href=to("/guidelines/history"), icon="clock",
            secondary=_("Earlier versions, what changed, and a comparison of any two.")),
        title=_("Privacy Guidelines"),
        id="home-guidelines",
    )  # fmt: skip
    component = page_shell(
        locale,
        "/",
        rx.el.h1(_("Privacy Center")),
        rx.el.p(_("See what we hold about you and why, and exercise your rights."), class_name="lead"),
        rx.el.div(yours, guidelines, class_name="home-groups"),
    )
    return BuiltPage(
        component=component,
        title=_("Privacy Center"),
        description=_("See what we hold about you and why, and exercise your rights."),
    )


PAGE = PageSpec(path="/", build=build, on_load=HomeState.load)
