"""Small controls the list and detail pages share: pager, search field, facts, sign-in prompt."""

from __future__ import annotations

import reflex as rx

from privacy_center.components.feedback import skeleton
from privacy_center.components.icons import icon
from privacy_center.components.links import anchor, page_href
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale


def pager(
    locale: UiLocale,
    *,
    label: rx.Var | str,
    previous: rx.event.EventSpec,
    following: rx.event.EventSpec,
    has_previous: rx.Var,
    has_following: rx.Var,
    aria_label: str,
    previous_text: str = "",
    following_text: str = "",
) -> rx.Component:
    """Previous / label / next buttons on one line; a button with nothing behind it is disabled.

    The buttons keep their size and the label between them takes what is left (and
    wraps inside itself if it must), so at 360 px the pager never breaks into two rows.
    """
    _ = gettext_for(locale)

    def button(*content: rx.Component | str, on_click: rx.event.EventSpec, enabled: rx.Var) -> rx.Component:
        return rx.el.button(*content, type="button", on_click=on_click, disabled=~enabled, class_name="button")

    return rx.el.nav(
        button(icon("chevron-left"), previous_text or _("Previous"), on_click=previous, enabled=has_previous),
        rx.el.span(label, aria_live="polite", class_name="pager-label"),
        button(following_text or _("Next"), icon("chevron-right"), on_click=following, enabled=has_following),
        aria_label=aria_label,
        class_name="pager",
    )


def search_field(*, field_id: str, label: str, on_change: rx.EventHandler, max_length: int) -> rx.Component:
    """A search box that asks the server as the reader types (uncontrolled: no lost keys)."""
    return rx.el.div(
        rx.el.label(label, html_for=field_id, class_name="find-label"),
        rx.el.input(
            id=field_id,
            type="search",
            on_change=on_change.debounce(250),
            max_length=max_length,
            auto_complete="off",
            class_name="find-input",
        ),
        class_name="field",
    )


def fact(term: str, value: rx.Var | str | rx.Component) -> rx.Component:
    """One term and its value in a ``<dl>``."""
    return rx.el.div(rx.el.dt(term), rx.el.dd(value), class_name="fact-pair")


def sign_in_prompt(locale: UiLocale, path: str | rx.Var, text: str) -> rx.Component:
    """Why signing in helps on this page, with the way back to it after signing in.

    ``path`` is the page's stable path, or a Var holding the URL of a page whose
    address is only known at run time (a detail page).
    """
    _ = gettext_for(locale)
    here = page_href(locale, path) if isinstance(path, str) else path
    return rx.el.p(
        text,
        " ",
        anchor(_("Sign in"), href="/auth/login?next=" + here),
        class_name="notice",
        role="note",
    )


def signed_in_only(
    locale: UiLocale, path: str, *, signed_in: rx.Var, loaded: rx.Var, body: rx.Component, prompt: str
) -> rx.Component:
    """``body`` for a signed-in person; else, once the state has loaded, why and where to sign in.

    Until the first load answers, grey rows hold the place (no flash of the prompt, and
    a screen reader hears "Loading…").
    """
    _ = gettext_for(locale)
    return rx.cond(
        signed_in,
        body,
        rx.cond(loaded, sign_in_prompt(locale, path, prompt), skeleton(3, label=_("Loading…"))),
    )
