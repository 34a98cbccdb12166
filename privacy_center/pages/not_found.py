"""The localized not-found page, for any unknown path under a locale prefix.

Its first HTML (the shared fallback file) gets the title and ``lang`` from
``api/fallback_html.py``; the words here are the same, so nothing changes on hydration.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.layout import page_shell
from privacy_center.components.links import nav_link, page_href
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.registry import BuiltPage, PageSpec

CATCH_ALL = "/[[...splat]]"


def build(locale: UiLocale) -> BuiltPage:
    """What the reader can do next: go to the center's start page."""
    _ = gettext_for(locale)
    component = page_shell(
        locale,
        "/",
        rx.el.h1(_("Page not found")),
        rx.el.p(_("There is no page at this address. It may have moved, or the link may be mistyped.")),
        rx.el.p(nav_link(_("Go to the Privacy Center"), href=page_href(locale, "/"), class_name="button primary")),
    )
    return BuiltPage(component=component, title=_("Page not found"))


PAGE = PageSpec(path=CATCH_ALL, build=build)
