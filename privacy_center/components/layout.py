"""The page shell every page shares: header with language and theme switchers, footer.

In a webview (``?embedded=1``) the host app has its own chrome, so the header and the
footer are hidden by CSS, and a back link inside the page stays the way home.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.account import account_area, acknowledgment_banner
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
    """Brand, language switcher and theme toggle."""
    _ = gettext_for(locale)
    return rx.el.header(
        rx.el.div(
            nav_link(_("Privacy Center"), href=page_href(locale, "/"), class_name="brand"),
            rx.el.div(
                account_area(locale, path),
                language_switcher(locale, path),
                rx.el.button(
                    "◐",
                    type="button",
                    aria_label=_("Switch between dark and light theme"),
                    title=_("Switch between dark and light theme"),
                    class_name="theme-toggle",
                    on_click=rx.run_script(_TOGGLE_THEME),
                ),
                class_name="header-tools",
            ),
            class_name="header-inner",
        ),
        class_name="site-header",
    )


def site_footer(locale: UiLocale) -> rx.Component:
    """Links every page offers at its foot."""
    _ = gettext_for(locale)
    return rx.el.footer(
        rx.el.nav(
            nav_link(_("Privacy Guidelines"), href=page_href(locale, "/guidelines")),
            nav_link(_("Children's Privacy Statement"), href=page_href(locale, "/guidelines/children")),
            nav_link(_("Version history"), href=page_href(locale, "/guidelines/history")),
            aria_label=_("Footer"),
            class_name="footer-links",
        ),
        class_name="site-footer",
    )


def back_link(locale: UiLocale, *, to: str = "/", label: str | None = None) -> rx.Component:
    """The way back, inside the page (a webview has no browser back button to show)."""
    _ = gettext_for(locale)
    return nav_link("← ", label or _("Privacy Center"), href=page_href(locale, to), class_name="back-link")


def page_shell(locale: UiLocale, path: str, *children: rx.Component, back: rx.Component | None = None) -> rx.Component:
    """A whole page: skip link, header, the page's content in ``<main>``, footer."""
    _ = gettext_for(locale)
    return rx.el.div(
        anchor(_("Skip to content"), href="#main", class_name="skip-link"),
        site_header(locale, path),
        rx.el.main(
            *(c for c in (back, error_notice(locale), acknowledgment_banner(locale), *children) if c is not None),
            id="main",
            class_name="page",
            tab_index=-1,
        ),
        site_footer(locale),
        class_name="shell",
        lang=locale.tag,
    )
