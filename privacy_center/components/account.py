"""The header's account menu, and the notices the shell shows about the person's session.

The account area is a fixed-size slot in the first HTML: what arrives over the websocket
(the name, or "Sign in") fills it without moving anything. The notices (the guidelines
changed; signed out everywhere) dock at the bottom of the page: they arrive at the end
of the document, so nothing above them moves, and stay in view while the page scrolls.
"""

from __future__ import annotations

import json

import reflex as rx
from reflex.vars.base import Var, VarData

from privacy_center.components.feedback import notice
from privacy_center.components.icons import icon
from privacy_center.components.links import anchor, page_href
from privacy_center.components.overlays import confirm_dialog, menu, menu_item, open_dialog
from privacy_center.content.guidelines import Kind
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.state.session import SIGNED_OUT_PARAM, SessionState

ACCOUNT_MENU_ID = "account-menu"
SIGN_OUT_EVERYWHERE_DIALOG = "sign-out-everywhere"


def _post(path: str) -> rx.event.EventSpec:
    """Submit a same-origin POST form (sign-out must not be a link a third party can trigger).

    It comes back to the page the person is on, query string included.
    """
    # run_script compiles the code into the page; call_script would eval() it (refused by our CSP).
    return rx.run_script(
        "(()=>{const f=document.createElement('form');f.method='post';"
        f"f.action={json.dumps(path + '?next=')}+encodeURIComponent(location.pathname+location.search);"
        "document.body.appendChild(f);f.submit()})()"
    )


def _account_menu(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    return rx.fragment(
        menu(
            label=_("Account"),
            trigger=rx.fragment(
                icon("user"),
                rx.el.span(SessionState.display_name, class_name="account-name"),
                icon("chevron-down", size=16),
            ),
            heading=SessionState.display_name,
            items=[
                menu_item(_("Sign out"), icon="log-out", on_click=_post("/auth/logout")),
                menu_item(
                    _("Sign out everywhere"),
                    icon="shield",
                    on_click=open_dialog(SIGN_OUT_EVERYWHERE_DIALOG),
                    danger=True,
                ),
            ],
            menu_id=ACCOUNT_MENU_ID,
            close_label=_("Close"),
        ),
        confirm_dialog(
            dialog_id=SIGN_OUT_EVERYWHERE_DIALOG,
            title=_("Sign out everywhere?"),
            text=_(
                "You will be signed out on every phone, computer and browser where you are signed in, "
                "this one included. You can sign in again at any time."
            ),
            confirm_label=_("Sign out everywhere"),
            cancel_label=_("Cancel"),
            on_confirm=_post("/auth/logout-everywhere"),
            danger=True,
        ),
    )


def account_area(locale: UiLocale, path: str) -> rx.Component:
    """Sign in, or the account menu; an empty slot of the same size until the session is known."""
    _ = gettext_for(locale)
    here = page_href(locale, path)
    signed_out = anchor(_("Sign in"), href=f"/auth/login?next={here}", class_name="button account-sign-in")
    return rx.el.div(
        rx.cond(SessionState.loaded, rx.cond(SessionState.signed_in, _account_menu(locale), signed_out)),
        class_name="account-slot",
    )


def _around(text: str, placeholder: str, value: rx.Var) -> list[rx.Var | str]:
    """A translated sentence with a run-time value where its ``%(placeholder)s`` stands."""
    before, marker, after = text.partition(f"%({placeholder})s")
    if not marker:
        raise ValueError(f"the translation {text!r} lost its %({placeholder})s")
    return [part for part in (before, value, after) if not isinstance(part, str) or part]


def acknowledgment_notice(locale: UiLocale) -> rx.Component:
    """The notice "Our guidelines changed on …": see what changed, or say you read it (once per version)."""
    _ = gettext_for(locale)
    is_children = SessionState.pending_kind == Kind.CHILDREN.value
    full_changed = _around(_("Our guidelines changed on %(date)s."), "date", SessionState.pending_effective)
    children_changed = _around(
        _("The Children's Privacy Statement changed on %(date)s."), "date", SessionState.pending_effective
    )
    diff = (
        page_href(locale, "/guidelines/history")
        + "?from="
        + SessionState.pending_previous
        + "&to="
        + SessionState.pending_version
        + "#diff"
    )
    # Only one children's statement exists per version: it is read whole, there is no diff.
    where = rx.cond(is_children, page_href(locale, "/guidelines/children"), diff)
    return rx.cond(
        SessionState.pending_version != "",
        rx.el.section(
            notice(
                rx.el.p(
                    rx.cond(is_children, rx.fragment(*children_changed), rx.fragment(*full_changed)),
                    id="policy-update-text",
                ),
                tone="info",
                compact=True,
                id="policy-update",
                actions=[
                    rx.el.a(_("See what changed"), href=where, class_name="button"),
                    rx.el.button(
                        _("I have read this"),
                        type="button",
                        class_name="button primary",
                        on_click=SessionState.acknowledge,
                    ),
                ],
            ),
            aria_labelledby="policy-update-text",
            class_name="dock-item",
        ),
    )


# The confirmation is said once: after it shows, the marker leaves the address (a reload
# or a copied link does not repeat it), keeping the rest of the query, the hash and the
# router's history state. An effect compiled into the page: the CSP forbids eval().
_SIGNED_OUT = SessionState.signed_out_everywhere
_FORGET_MARKER = (
    f"useEffect(() => {{ if ({_SIGNED_OUT!s}) {{ const u = new URL(window.location.href); "
    f"u.searchParams.delete({json.dumps(SIGNED_OUT_PARAM)}); "
    "window.history.replaceState(window.history.state, '', u.pathname + u.search + u.hash); } }, "
    f"[{_SIGNED_OUT!s}]);"
)
_signed_out_shown: Var = Var(
    _js_expr=str(_SIGNED_OUT),
    _var_type=bool,
    _var_data=VarData.merge(
        _SIGNED_OUT._get_all_var_data(), VarData(imports={"react": ["useEffect"]}, hooks={_FORGET_MARKER: None})
    ),
)


def signed_out_notice(locale: UiLocale) -> rx.Component:
    """After "Sign out everywhere": it worked (a status, so screen readers hear it too)."""
    _ = gettext_for(locale)
    return notice(
        rx.el.p(_("You are signed out on every device.")),
        tone="success",
        compact=True,
        role="status",
        id="signed-out-everywhere",
        hidden=~_signed_out_shown,
        actions=[
            rx.el.button(
                icon("x"),
                type="button",
                aria_label=_("Close"),
                title=_("Close"),
                class_name="button",
                on_click=SessionState.dismiss_signed_out,
            )
        ],
    )


def shell_dock(locale: UiLocale) -> rx.Component:
    """The bottom of the page where the shell's notices arrive without moving anything."""
    return rx.el.div(acknowledgment_notice(locale), signed_out_notice(locale), class_name="shell-dock")
