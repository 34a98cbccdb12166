"""What an authorized app's own pages share: the frame, the withdrawal's words, refusals shown.

``/apps/<client_id>`` and its guideline both name the app by the tab's URL and the person
by the cookie, show "not among your apps" for anyone else, and let the person withdraw a
permission. Those parts are written once here; each page keeps what it alone shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx

from privacy_center.authz import Capability, Subject
from privacy_center.components.controls import sign_in_prompt
from privacy_center.components.feedback import notice, skeleton
from privacy_center.components.layout import back_link, page_shell
from privacy_center.errors import DomainError, SignInRequiredError
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.pages.access_history import WEB_CLIENT
from privacy_center.pages.app_views import LIST_PATH
from privacy_center.pages.registry import BuiltPage
from privacy_center.services import app_access
from privacy_center.services.scopes import describe
from privacy_center.state import context

# Longer than any client id the provider registers: not looked up at all.
CLIENT_ID_MAX_LENGTH = 64
T = TypeVar("T")


# The app pages' states (each its own rx.State) share these vars: loaded, signed_in, found,
# here, page_title, done, problem, and a ``_client_id()`` read from the tab's URL.
AppPageState = Any


def subject_of(ctx: context.Context) -> Subject:
    """The person acting, or the localized "sign in first" (a forged event while signed out)."""
    if ctx.subject is None:
        raise SignInRequiredError
    return ctx.subject


def page_locale(state: AppPageState) -> UiLocale:
    """The locale of the tab's address."""
    return from_path(state.router.url.path)


async def attempt(state: AppPageState, work: Callable[[context.Context], T]) -> T | None:
    """``work`` for the person behind the cookie; a refusal is put on the page in its language."""
    try:
        return await context.run(state, Capability.MANAGE_APPS, work)
    except DomainError as error:
        state.problem = error.message(page_locale(state))
        return None


async def withdraw(state: AppPageState, scope: str) -> None:
    """Take ``scope`` back from the app the tab's URL names; say what happened."""
    state.done, state.problem = "", ""
    scope = str(scope)[:64]
    client_id = state._client_id()

    def work(ctx: context.Context) -> app_access.AuthorizedApp:
        return app_access.withdraw_scope(
            ctx.session, subject=subject_of(ctx), client_id=client_id, scope=scope, client=WEB_CLIENT, now=ctx.now
        )

    app = await attempt(state, work)
    if app is not None:
        locale = page_locale(state)
        _ = gettext_for(locale)
        titles = {s.name: s.title for s in describe([scope], locale)}
        state.done = _("%(app)s no longer has this permission: %(permission)s.") % {
            "app": app.name,
            "permission": titles.get(scope, scope),
        }


def app_frame(
    locale: UiLocale,
    state: AppPageState,
    *,
    title: str,
    signed_out_text: str,
    details: rx.Component,
    placeholder_rows: int,
    id_prefix: str,
) -> BuiltPage:
    """The page around ``details``: "not among your apps", why to sign in, a skeleton until loaded."""
    _ = gettext_for(locale)
    not_found = rx.fragment(
        rx.el.h1(_("Not found")),
        rx.el.p(_("This app is not among the apps you allowed."), role="alert", id=f"{id_prefix}-not-found"),
    )
    signed_out = rx.fragment(rx.el.h1(title), sign_in_prompt(locale, state.here, signed_out_text))
    body = rx.cond(
        state.loaded,
        rx.cond(state.signed_in, rx.cond(state.found, details, not_found), signed_out),
        rx.fragment(rx.el.h1(title), skeleton(placeholder_rows, label=_("Loading…"))),
    )
    component = page_shell(
        locale,
        LIST_PATH,
        # Refusals stay in the page from the start (a live region), shown when there is one.
        notice(state.problem, tone="danger", role="alert", hidden=state.problem == "", id=f"{id_prefix}-problem"),
        body,
        back=back_link(locale, to=LIST_PATH, label=_("Authorized apps")),
    )
    page_title = rx.cond(state.page_title != "", state.page_title, title)
    return BuiltPage(component=component, title=page_title)
