"""``/guidelines/summary``: the short version; every section links to its full text."""

from __future__ import annotations

import reflex as rx

from privacy_center import clock
from privacy_center.components.document import document_meta
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import anchor, page_href
from privacy_center.content.guidelines import Kind, get_library
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.registry import BuiltPage, PageSpec


def build(locale: UiLocale) -> BuiltPage:
    """Each section of the summary, with "More..." to the same anchor of the full text."""
    _ = gettext_for(locale)
    document = get_library().current(Kind.SUMMARY, locale, today=clock.today())
    sections = [
        rx.el.section(
            rx.html(section.html, class_name="prose"),
            anchor(  # a page load: the locale router keeps the #section on the way to the version in effect
                _("More…"),
                href=page_href(locale, "/guidelines", section.anchor),
                class_name="more-link",
                aria_label=_("More about: %(section)s") % {"section": section.title},
            ),
            class_name="summary-section",
        )
        for section in document.sections
    ]
    component = page_shell(
        locale,
        "/guidelines/summary",
        rx.el.h1(document.meta.title),
        document_meta(locale, document),
        rx.el.div(*sections, class_name="document"),
        rx.el.p(anchor(_("Read the full guidelines"), href=page_href(locale, "/guidelines")), class_name="after-doc"),
        back=back_link(locale),
    )
    return BuiltPage(component=component, title=document.meta.title)


PAGE = PageSpec(path="/guidelines/summary", build=build)
