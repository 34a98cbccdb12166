"""``/apps/<client_id>``: one authorized app, what it can see, and taking that back.

The page shows the app's permissions and the information each releases, when it was
granted and last used, and how often it used its access in the last 30 days; the person
can withdraw one permission, disable the app's access altogether, or ask its developer
to delete their data, whose delivery the page follows while it is open.

Which app comes from the URL the tab is on and whose from the connection's cookie, at
every event: a forged event naming another person's app, an unknown one or a permission
the app does not hold gets the services' refusal, in the page's language, and changes
nothing. Another person's app and an unknown one read the same ("not among your apps").

The route is dynamic, so one prerendered HTML serves every app: the document title is a
state var that becomes the app's name once it is known.
"""

from __future__ import annotations

import asyncio
import time
from typing import TypeVar

import reflex as rx

from privacy_center.authz import Capability
from privacy_center.components.feedback import badge, notice
from privacy_center.components.overlays import confirm_dialog, open_dialog
from privacy_center.components.rows import row, row_group
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.formatting import viewer_zone
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.access_history import WEB_CLIENT
from privacy_center.pages.app_deletion import deletion_notice, deletion_words
from privacy_center.pages.app_frame import (
    CLIENT_ID_MAX_LENGTH,
    app_frame,
    attempt,
    page_locale,
    subject_of,
    withdraw,
)
from privacy_center.pages.app_views import LIST_PATH, app_href, granted_words, last_used_words, uses_words
from privacy_center.pages.registry import BuiltPage, PageSpec, last_segment
from privacy_center.services import app_access, deletion_requests
from privacy_center.services.scopes import SUPPORTED, describe
from privacy_center.state import context
from privacy_center.state.binding import SessionBound

PATH = f"{LIST_PATH}/[client_id]"
# The one permission that cannot be withdrawn alone (the services refuse it too).
REQUIRED_SCOPE = app_access.REQUIRED_SCOPE
# How the page follows a deletion request while it is open: often at first, then less,
# and not forever (the webhook's back-off can take longer; a reload shows where it is).
WATCH_FIRST_INTERVAL = 2.0
WATCH_MAX_INTERVAL = 30.0
WATCH_SECONDS = 30 * 60
T = TypeVar("T")


class AppDetailState(SessionBound, rx.State):
    """The app on screen, in words; what the last action did or why it was refused."""

    loaded: bool = False
    found: bool = False
    signed_in: bool = False
    # The page's own address, for the sign-in link's way back.
    here: str = ""
    page_title: str = ""
    client_id: str = ""
    name: str = ""
    # "By Sunny Apps Co.": who made the app, in the page's language.
    by_line: str = ""
    disabled: bool = False
    granted: str = ""
    last_used: str = ""
    uses: str = ""
    scopes: list[str] = []
    guideline_href: str = ""
    deletion_state: str = ""
    deletion_text: str = ""
    done: str = ""
    problem: str = ""
    _watching: bool = False

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        """The app named by the URL, for the person the cookie names; follow a deletion on its way."""
        self.done, self.problem = "", ""
        await self._refresh()
        return AppDetailState.watch_deletion if self.deletion_state == "pending" else None

    @rx.event
    async def withdraw(self, scope: str) -> None:
        """Take the permission ``scope`` back from the app on screen (its live tokens lose it at once)."""
        await withdraw(self, scope)
        await self._refresh()

    @rx.event
    async def disable(self) -> None:
        """Stop every token the app holds now; its next sign-in asks the person again."""
        self.done, self.problem = "", ""

        def work(ctx: context.Context) -> bool:
            app_access.disable_access(
                ctx.session, subject=subject_of(ctx), client_id=self._client_id(), client=WEB_CLIENT, now=ctx.now
            )
            return True

        if await attempt(self, work):
            _ = gettext_for(page_locale(self))
            self.done = _(
                "Access disabled: the app can no longer use your account. If you use it again, it will ask you first."
            )
        await self._refresh()

    @rx.event
    async def ask_deletion(self) -> rx.event.EventSpec | None:
        """Ask the app's developer to delete the person's data (sent by a job; the page follows it)."""
        self.done, self.problem = "", ""

        def work(ctx: context.Context) -> deletion_requests.DeletionStatus:
            return deletion_requests.request_deletion(
                ctx.session, subject=subject_of(ctx), client_id=self._client_id(), client=WEB_CLIENT, now=ctx.now
            )

        status = await attempt(self, work)
        if status is not None and status.state != "not_possible":
            _ = gettext_for(page_locale(self))
            self.done = _("Your request was recorded. Its progress is shown below.")
        await self._refresh()
        return AppDetailState.watch_deletion if self.deletion_state == "pending" else None

    @rx.event(background=True)
    async def watch_deletion(self) -> None:
        """Follow a pending deletion request until it is delivered or failed, or the page is left.

        Each look is a fresh read for whoever the cookie names then (a person who signed
        out meanwhile sees nothing more); one watcher per tab.
        """
        async with self:
            if self._watching or self.deletion_state != "pending":
                return
            self._watching, watched = True, self.client_id
        try:
            interval, deadline = WATCH_FIRST_INTERVAL, time.monotonic() + WATCH_SECONDS
            while time.monotonic() < deadline:
                await asyncio.sleep(interval)
                interval = min(interval * 1.5, WATCH_MAX_INTERVAL)
                async with self:
                    if self.client_id != watched or self._client_id() != watched:
                        return  # another app, or another page of this tab
                    # Whoever the cookie names now, not the viewer of the event that started the watch.
                    await context.run_fresh(
                        self.router.headers.cookie, self.router.url.path, Capability.MANAGE_APPS, self._fill
                    )
                    if self.deletion_state != "pending":
                        return
        finally:
            async with self:
                self._watching = False

    async def _refresh(self) -> None:
        await context.run(self, Capability.MANAGE_APPS, self._fill)

    def _fill(self, ctx: context.Context) -> None:
        """The app, its permissions and the latest deletion request, read in one transaction."""
        locale, client_id = ctx.locale, self._client_id()
        self.here = app_href(locale, client_id)
        self.loaded, self.signed_in = True, ctx.subject is not None
        app, status = None, None
        if ctx.subject is not None and 0 < len(client_id) <= CLIENT_ID_MAX_LENGTH:
            try:
                app = app_access.authorized_app(ctx.session, subject=ctx.subject, client_id=client_id, now=ctx.now)
                status = deletion_requests.deletion_status(ctx.session, subject=ctx.subject, client_id=client_id)
            except app_access.AppNotAuthorizedError:
                app = None
        self.found = app is not None
        if app is None:
            self._clear()
            return
        _ = gettext_for(locale)
        tz = viewer_zone(self.router.headers.cookie)
        self.client_id, self.name, self.disabled = app.client_id, app.name, app.disabled
        self.by_line = _("By %(developer)s") % {"developer": app.developer}
        self.page_title = _("%(app)s – %(list)s") % {"app": app.name, "list": _("Authorized apps")}
        self.granted, self.last_used = granted_words(app, locale, tz=tz), last_used_words(app, locale, tz=tz)
        self.uses = uses_words(app, locale)
        self.scopes = [s.scope for s in app.scopes]
        self.guideline_href = app_href(locale, client_id, "guideline")
        self.deletion_state = status.state if status else ""
        self.deletion_text = deletion_words(status, app, locale, tz=tz) if status else ""

    def _clear(self) -> None:
        """Nothing of an app stays on screen once it is not the person's (or nobody is signed in)."""
        self.client_id = self.name = self.by_line = self.page_title = ""
        self.granted = self.last_used = self.uses = self.guideline_href = ""
        self.deletion_state = self.deletion_text = ""
        self.scopes, self.disabled = [], False

    def _client_id(self) -> str:
        """The app the tab's URL names (``/en/apps/<client_id>/``): never a value the browser set in the state."""
        return last_segment(self.router.url.path)


def _withdraw_dialog_id(scope: str) -> str:
    return f"withdraw-{scope}"


def _permissions(locale: UiLocale) -> rx.Component:
    """Each permission the app holds, what it releases, and (but the account one) a Withdraw button."""
    _ = gettext_for(locale)
    state = AppDetailState
    rows, dialogs = [], []
    for scope in describe(list(SUPPORTED), locale):
        withdraw = None
        if scope.name != REQUIRED_SCOPE:
            withdraw = rx.cond(
                state.disabled,
                rx.fragment(),
                rx.el.button(
                    _("Withdraw"),
                    type="button",
                    class_name="button",
                    on_click=open_dialog(_withdraw_dialog_id(scope.name)),
                    aria_label=_("Withdraw: %(permission)s") % {"permission": scope.title},
                    id=f"withdraw-button-{scope.name}",
                ),
            )
            dialogs.append(
                confirm_dialog(
                    dialog_id=_withdraw_dialog_id(scope.name),
                    title=_("Withdraw this permission: %(permission)s?") % {"permission": scope.title},
                    text=_("The app loses it at once, also for the access it already holds: %(releases)s.")
                    % {"releases": "; ".join(scope.releases)},
                    confirm_label=_("Withdraw"),
                    cancel_label=_("Cancel"),
                    on_confirm=state.withdraw(scope.name),
                )
            )
        shown = row(scope.title, secondary="; ".join(scope.releases), value=withdraw, id=f"scope-{scope.name}")
        rows.append(rx.cond(state.scopes.contains(scope.name), shown))
    return rx.fragment(
        row_group(
            *rows,
            title=_("What it can see"),
            footer=_("The account permission only ends with Disable access: without it the app cannot sign you in."),
            id="permissions",
        ),
        *dialogs,
    )


def _access(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = AppDetailState
    return row_group(
        row(_("Granted"), value=state.granted),
        row(_("Last used"), value=state.last_used),
        row(_("Last 30 days"), value=state.uses),
        row(
            _("The app's privacy guideline"),
            href=state.guideline_href,
            icon="file-text",
            secondary=_("What the app processes, why, and how to reach its developer."),
        ),
        title=_("About this access"),
        footer=_("Uses: how often the app read your information or renewed its access."),
        id="about-access",
    )


def _disable(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    return rx.cond(
        AppDetailState.disabled,
        notice(
            _("This app's access is disabled. If you use the app again, it will ask for your permission first."),
            tone="warning",
            id="access-disabled",
        ),
        rx.el.section(
            rx.el.h2(_("Stop this app"), class_name="row-group-title", id="stop-title"),
            rx.el.p(
                _("Every sign-in and token of the app stops working at once. It keeps only what it already copied."),
                class_name="app-action-text",
            ),
            rx.el.button(
                _("Disable access"),
                type="button",
                class_name="button danger",
                on_click=open_dialog("disable-access"),
                id="disable-access-button",
            ),
            confirm_dialog(
                dialog_id="disable-access",
                title=_("Disable this app's access?"),
                text=_(
                    "The app can no longer read your information or act for you. "
                    "If you use it again, it will ask for your permission first."
                ),
                confirm_label=_("Disable access"),
                cancel_label=_("Cancel"),
                on_confirm=AppDetailState.disable,
                danger=True,
            ),
            class_name="app-action",
            aria_labelledby="stop-title",
        ),
    )


def _deletion(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = AppDetailState
    return rx.el.section(
        rx.el.h2(_("Your data at the developer"), class_name="row-group-title", id="deletion-title"),
        deletion_notice(locale, state.deletion_state, state.deletion_text),
        rx.cond(
            state.deletion_state != "pending",
            rx.el.button(
                _("Ask the developer to delete my data"),
                type="button",
                class_name="button",
                on_click=open_dialog("ask-deletion"),
                id="ask-deletion-button",
            ),
        ),
        confirm_dialog(
            dialog_id="ask-deletion",
            title=_("Ask the developer to delete your data?"),
            text=_(
                "We send the app's developer a request to delete what the app holds about you. "
                "Its access stays as it is unless you disable it."
            ),
            confirm_label=_("Send the request"),
            cancel_label=_("Cancel"),
            on_confirm=state.ask_deletion,
        ),
        class_name="app-action",
        aria_labelledby="deletion-title",
    )


def _details(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = AppDetailState
    return rx.fragment(
        rx.el.h1(state.name, rx.cond(state.disabled, badge(_("Access disabled"), tone="warning"))),
        rx.el.p(state.by_line, class_name="lead"),
        notice(state.done, tone="success", role="status", hidden=state.done == "", id="app-done"),
        _access(locale),
        _permissions(locale),
        _disable(locale),
        _deletion(locale),
    )


def build(locale: UiLocale) -> BuiltPage:
    """The app for its person; "not among your apps" for anyone else; why to sign in when signed out."""
    _ = gettext_for(locale)
    return app_frame(
        locale,
        AppDetailState,
        title=_("Authorized apps"),
        signed_out_text=_("Sign in to see this app's access and to withdraw it."),
        details=_details(locale),
        placeholder_rows=6,
        id_prefix="app",
    )


PAGE = PageSpec(path=PATH, build=build, on_load=AppDetailState.load)
