"""Pieces for showing a guideline document: dates line, what changed, contents, body."""

from __future__ import annotations

import reflex as rx

from privacy_center.components.links import anchor
from privacy_center.content.guidelines import Document
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.formatting import format_date
from privacy_center.i18n.locales import UiLocale


def document_meta(locale: UiLocale, document: Document) -> rx.Component:
    """Version, last-updated and effective dates, formatted for the reader's locale."""
    _ = gettext_for(locale)
    meta = document.meta
    return rx.el.p(
        rx.el.span(_("Version %(version)s") % {"version": meta.version}),
        rx.el.span(_("Last updated: %(date)s") % {"date": format_date(meta.last_updated, locale)}),
        rx.el.span(_("Effective: %(date)s") % {"date": format_date(meta.effective_on, locale)}),
        class_name="doc-meta",
    )


def what_changed(locale: UiLocale, document: Document, *, heading_level: str = "h2") -> rx.Component:
    """The change notes of this version."""
    _ = gettext_for(locale)
    heading = getattr(rx.el, heading_level)
    return rx.el.section(
        heading(_("What changed in this version"), class_name="box-title"),
        rx.el.ul(*(rx.el.li(item) for item in document.meta.what_changed)),
        class_name="box what-changed",
    )


def table_of_contents(locale: UiLocale, document: Document) -> rx.Component:
    """Numbered sections and their subsections, each a link to its anchor."""
    _ = gettext_for(locale)
    items = [
        rx.el.li(anchor(h.title, href=f"#{h.anchor}"), class_name=f"toc-level-{h.level}")
        for h in document.toc
        if h.anchor
    ]
    return rx.el.nav(
        rx.el.h2(_("Contents"), id="contents", class_name="box-title"),
        rx.el.ul(*items, class_name="toc-list"),
        aria_labelledby="contents",
        class_name="box toc",
    )


def document_body(document: Document) -> rx.Component:
    """The rendered text: a preamble, then every section with its anchor."""
    parts = []
    if document.preamble_html:
        parts.append(rx.html(document.preamble_html, class_name="prose preamble"))
    parts.extend(rx.html(s.html, class_name="prose section") for s in document.sections)
    return rx.el.div(*parts, class_name="document")
