"""``/apps``: the apps the person authorized through the built-in provider.

One row per app: its name, developer, when it was granted and last used (in the
person's time zone) and how often it used the access in the last 30 days; each row
opens the app's own page, where access is withdrawn or disabled. The list is read for
the person behind the connection's cookie (capability MANAGE_APPS), never for anyone
the browser names; until it arrives, grey rows hold its place.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.authz import Capability
from privacy_center.components.controls import signed_in_only
from privacy_center.components.feedback import badge, empty_state
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.rows import row, row_group
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.formatting import viewer_zone
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.app_views import LIST_PATH, AppRow, app_row
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services.app_access import authorized_apps
from privacy_center.state import context
from privacy_center.state.binding import SessionBound


class AppsState(SessionBound, rx.State):
    """The person's authorized apps, already in words; empty when signed out."""

    loaded: bool = False
    signed_in: bool = False
    apps: list[AppRow] = []

    @rx.event
    async def load(self) -> None:
        """Read the apps of whoever the cookie names (nobody: no list, no query)."""
        tz = viewer_zone(self.router.headers.cookie)

        def work(ctx: context.Context) -> list[AppRow] | None:
            if ctx.subject is None:
                return None
            found = authorized_apps(ctx.session, subject=ctx.subject, now=ctx.now)
            return [app_row(app, ctx.locale, tz=tz) for app in found]

        if await context.event_viewer(self.router.headers.cookie) is None:
            shown = None
        else:
            shown = await context.run(self, Capability.MANAGE_APPS, work)
        self.signed_in, self.apps = shown is not None, shown or []
        self.loaded = True


def _app_row(locale: UiLocale, app: AppRow) -> rx.Component:
    _ = gettext_for(locale)
    return row(
        app["name"],
        href=app["href"],
        icon="app-window",
        secondary=rx.el.span(
            rx.el.span(app["developer"], class_name="app-developer"),
            rx.el.span(app["granted"], " · ", app["last_used"], class_name="app-moments"),
            rx.cond(app["disabled"], badge(_("Access disabled"), tone="warning")),
            class_name="app-secondary",
        ),
        value=app["uses"],
    )


def _list(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    return rx.cond(
        AppsState.apps.length() > 0,
        row_group(
            rx.foreach(AppsState.apps, lambda app: _app_row(locale, app)),
            title=_("Apps you allowed"),
            footer=_("Uses: how often each app read your information or renewed its access in the last 30 days."),
            id="apps",
        ),
        empty_state(
            _("No apps yet"),
            text=_("When you allow an app to use your account, it appears here, and you can withdraw that access."),
            icon="app-window",
        ),
    )


def build(locale: UiLocale) -> BuiltPage:
    """The list for a signed-in person; why and where to sign in for anyone else."""
    _ = gettext_for(locale)
    title = _("Authorized apps")
    lead = _("Apps you allowed to use your account, what they can see, and how often they used it.")
    component = page_shell(
        locale,
        LIST_PATH,
        rx.el.h1(title),
        rx.el.p(lead, class_name="lead"),
        signed_in_only(
            locale,
            LIST_PATH,
            signed_in=AppsState.signed_in,
            loaded=AppsState.loaded,
            body=_list(locale),
            prompt=_("Sign in to see the apps you allowed and to withdraw their access."),
        ),
        back=back_link(locale),
    )
    return BuiltPage(component=component, title=title, description=lead)


PAGE = PageSpec(path=LIST_PATH, build=build, on_load=AppsState.load)
