"""``/guidelines/children``: the children's privacy statement, for parents and guardians."""

from __future__ import annotations

import reflex as rx

from privacy_center import clock
from privacy_center.components.document import document_body, document_meta, table_of_contents
from privacy_center.components.layout import back_link, page_shell
from privacy_center.content.guidelines import Kind, get_library
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.registry import BuiltPage, PageSpec


def build(locale: UiLocale) -> BuiltPage:
    """The statement in effect, with its contents."""
    document = get_library().current(Kind.CHILDREN, locale, today=clock.today())
    component = page_shell(
        locale,
        "/guidelines/children",
        rx.el.h1(document.meta.title),
        document_meta(locale, document),
        table_of_contents(locale, document),
        document_body(document),
        back=back_link(locale),
    )
    return BuiltPage(component=component, title=document.meta.title)


PAGE = PageSpec(path="/guidelines/children", build=build)
