"""The language switcher: the current page in every other locale."""

from __future__ import annotations

import reflex as rx

from privacy_center.components.links import page_href
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import KNOWN_LOCALES, UiLocale


def language_switcher(locale: UiLocale, path: str) -> rx.Component:
    """The current page in every other locale: a small same-origin POST form per language.

    A form, not a link: ``/locale`` saves the choice to the account only on a POST from
    our own pages, so a link on another site cannot write to anyone's account.
    """
    _ = gettext_for(locale)
    items = []
    for other in KNOWN_LOCALES:
        if other == locale:
            items.append(rx.el.li(rx.el.span(other.native_name, aria_current="true", lang=other.tag)))
            continue
        choice = rx.el.form(
            rx.el.input(type="hidden", name="to", value=other.code),
            rx.el.input(type="hidden", name="next", value=page_href(other, path)),
            rx.el.button(other.native_name, type="submit", lang=other.tag, class_name="lang-choice"),
            method="post",
            action="/locale",
            on_submit=None,  # a real form submission, not Reflex's prevent-default handler
        )
        items.append(rx.el.li(choice))
    return rx.el.nav(rx.el.ul(*items, class_name="lang-list"), aria_label=_("Language"), class_name="lang-switcher")
