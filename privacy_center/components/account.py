"""The header's account area and the banner that shows what changed in the guidelines."""

from __future__ import annotations

import json

import reflex as rx

from privacy_center.components.links import anchor, page_href
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.state.session import SessionState


def _post(path: str, next_url: str) -> rx.event.EventSpec:
    """Submit a same-origin POST form (sign-out must not be a link a third party can trigger)."""
    action = json.dumps(f"{path}?next={next_url}")
    # run_script compiles the code into the page; call_script would eval() it (refused by our CSP).
    return rx.run_script(
        f"(()=>{{const f=document.createElement('form');f.method='post';f.action={action};"
        "document.body.appendChild(f);f.submit()})()"
    )


def account_area(locale: UiLocale, path: str) -> rx.Component:
    """Sign in, or the signed-in name with sign-out buttons; nothing until the session is known."""
    _ = gettext_for(locale)
    here = page_href(locale, path)
    signed_in = rx.el.div(
        rx.el.span(SessionState.display_name, class_name="account-name"),
        rx.el.button(_("Sign out"), type="button", class_name="button", on_click=_post("/auth/logout", here)),
        rx.el.button(
            _("Sign out everywhere"),
            type="button",
            class_name="button",
            on_click=_post("/auth/logout-everywhere", here),
        ),
        class_name="account",
    )
    signed_out = anchor(_("Sign in"), href=f"/auth/login?next={here}", class_name="button")
    return rx.cond(SessionState.loaded, rx.cond(SessionState.signed_in, signed_in, signed_out), rx.el.span())


def acknowledgment_banner(locale: UiLocale) -> rx.Component:
    """Shown once per new version to a signed-in person who knew an earlier one."""
    _ = gettext_for(locale)
    return rx.cond(
        SessionState.pending_version != "",
        rx.el.section(
            rx.el.h2(_("Our privacy guidelines have changed"), id="policy-update", class_name="box-title"),
            rx.el.p(
                _("Version"),
                " ",
                SessionState.pending_version,
                " · ",
                _("Effective"),
                " ",
                SessionState.pending_effective,
            ),
            rx.el.ul(rx.foreach(SessionState.pending_changes, lambda item: rx.el.li(item))),
            rx.el.div(
                rx.el.a(
                    _("See exactly what changed"),
                    href=page_href(locale, "/guidelines/history")
                    + "?from="
                    + SessionState.pending_previous
                    + "&to="
                    + SessionState.pending_version,
                ),
                rx.el.button(
                    _("I have read this"), type="button", class_name="button", on_click=SessionState.acknowledge
                ),
                class_name="doc-tools",
            ),
            role="region",
            aria_labelledby="policy-update",
            class_name="box what-changed notice",
        ),
    )
