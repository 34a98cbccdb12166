"""``/``: the privacy center's entry list. An entry appears once its page works."""

from __future__ import annotations

import reflex as rx

from privacy_center.components.layout import page_shell
from privacy_center.components.links import nav_link, page_href
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.registry import BuiltPage, PageSpec


def _entry(locale: UiLocale, path: str, title: str, description: str) -> rx.Component:
    return rx.el.li(
        nav_link(
            rx.el.span(title, class_name="entry-title"),
            rx.el.span(description, class_name="entry-description"),
            href=page_href(locale, path),
            class_name="entry",
        )
    )


def build(locale: UiLocale) -> BuiltPage:
    """The entry list, in the order a reader needs them (as in the seeds)."""
    _ = gettext_for(locale)
    entries = [
        (
            "/collected",
            _("Collected Personal Information"),
            _("What we collect, why, and how often we collected yours."),
        ),
        (
            "/shared",
            _("Shared with Third Parties"),
            _("Who receives personal information, and whether yours went to them."),
        ),
        ("/guidelines/summary", _("Privacy Guidelines Summary"), _("The key points in a few minutes.")),
        ("/guidelines", _("Privacy Guidelines"), _("The full text: what we collect, why, and your rights.")),
        (
            "/guidelines/children",
            _("Children's Privacy Statement"),
            _("How we protect children under 14, for parents and guardians."),
        ),
        (
            "/account/mailbox",
            _("Your mailbox"),
            _("Confirm the address where exports and deletion receipts will be sent."),
        ),
        (
            "/access-history",
            _("Access history"),
            _("What was done with your information, by whom and from where."),
        ),
        (
            "/guidelines/history",
            _("Version history"),
            _("Earlier versions, what changed, and a comparison of any two."),
        ),
    ]
    component = page_shell(
        locale,
        "/",
        rx.el.h1(_("Privacy Center")),
        rx.el.p(_("See what we hold about you and why, and exercise your rights."), class_name="lead"),
        rx.el.ul(*(_entry(locale, *entry) for entry in entries), class_name="entry-list"),
    )
    return BuiltPage(
        component=component,
        title=_("Privacy Center"),
        description=_("See what we hold about you and why, and exercise your rights."),
    )


PAGE = PageSpec(path="/", build=build)
