"""Small controls the list and detail pages share: pager, search field, facts, sign-in prompt."""

from __future__ import annotations

import reflex as rx

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
    """Previous / label / next buttons; a button with nothing behind it is disabled."""
    _ = gettext_for(locale)

    def button(text: str, on_click: rx.event.EventSpec, enabled: rx.Var) -> rx.Component:
        return rx.el.button(text, type="button", on_click=on_click, disabled=~enabled, class_name="button")

    return rx.el.nav(
        button(previous_text or _("Previous"), previous, has_previous),
        rx.el.span(label, aria_live="polite"),
        button(following_text or _("Next"), following, has_following),
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

    Until the first load answers, a loading line holds the place (no flash of the prompt).
    """
    _ = gettext_for(locale)
    return rx.cond(
        signed_in,
        body,
        rx.cond(loaded, sign_in_prompt(locale, path, prompt), rx.el.p(_("Loading…"), class_name="doc-meta")),
    )
