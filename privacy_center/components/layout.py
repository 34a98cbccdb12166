"""The page shell every page shares: a one-row header, the page, a footer, a notice dock.

On a phone the page's own content must start on the first screen, so the header is one
compact row: the center's name and the account menu. Language and theme, which a person
changes rarely, live in the footer (signed in or not). Notices about the session dock at
the bottom (see :mod:`components.account`), never above the content.

In a webview (``?embedded=1``) the host app has its own chrome, so the header and the
footer are hidden by CSS, and a back link inside the page stays the way home.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.account import account_area, shell_dock
from privacy_center.components.connection import connection_notice
from privacy_center.components.icons import icon
from privacy_center.components.language_switch import language_switcher
from privacy_center.components.links import anchor, nav_link, page_href
from privacy_center.components.notice import error_notice
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale

_TOGGLE_THEME = (
    "(()=>{const d=document.documentElement;"
    "const dark=d.dataset.theme?d.dataset.theme==='dark':matchMedia('(prefers-color-scheme: dark)').matches;"
    "const next=dark?'light':'dark';d.dataset.theme=next;"
    "try{localStorage.setItem('pc_theme',next);sessionStorage.removeItem('pc_theme')}catch(e){}})()"
)


def site_header(locale: UiLocale, path: str) -> rx.Component:
    """One row: the center's name (the way home) and the account slot."""
    _ = gettext_for(locale)
    return rx.el.header(
        rx.el.div(
            nav_link(
                icon("shield"),
                rx.el.span(_("Privacy Center"), class_name="brand-name"),
                href=page_href(locale, "/"),
                class_name="brand",
            ),
            account_area(locale, path),
            class_name="header-inner",
        ),
        class_name="site-header",
    )


def site_footer(locale: UiLocale, path: str) -> rx.Component:
    """Links every page offers at its foot, and the language and theme choices."""
    _ = gettext_for(locale)
    return rx.el.footer(
        rx.el.nav(
            nav_link(_("Privacy Guidelines"), href=page_href(locale, "/guidelines")),
            nav_link(_("Children's Privacy Statement"), href=page_href(locale, "/guidelines/children")),
            nav_link(_("Version history"), href=page_href(locale, "/guidelines/history")),
            aria_label=_("Footer"),
            class_name="footer-links",
        ),
        rx.el.div(
            language_switcher(locale, path),
            rx.el.button(
                icon("contrast"),
                _("Dark or light theme"),
                type="button",
                title=_("Switch between dark and light theme"),
                class_name="button theme-toggle",
                on_click=rx.run_script(_TOGGLE_THEME),
            ),
            class_name="footer-tools",
        ),
        class_name="site-footer",
    )


def back_link(locale: UiLocale, *, to: str = "/", label: str | None = None) -> rx.Component:
    """The way back, inside the page (a webview has no browser back button to show)."""
    _ = gettext_for(locale)
    return nav_link("← ", label or _("Privacy Center"), href=page_href(locale, to), class_name="back-link")


def page_shell(locale: UiLocale, path: str, *children: rx.Component, back: rx.Component | None = None) -> rx.Component:
    """A whole page: skip link, header, the page's content in ``<main>``, footer, notice dock."""
    _ = gettext_for(locale)
    return rx.el.div(
        anchor(_("Skip to content"), href="#main", class_name="skip-link"),
        site_header(locale, path),
        rx.el.main(
            *(c for c in (back, error_notice(locale), connection_notice(locale), *children) if c is not None),
            id="main",
            class_name="page",
            tab_index=-1,
        ),
        site_footer(locale, path),
        shell_dock(locale),
        class_name="shell",
        lang=locale.tag,
    )
