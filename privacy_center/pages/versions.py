"""``/guidelines/versions/v1-0``: every published version of the full text, for the record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import reflex as rx

from privacy_center.components.document import document_body, document_meta, table_of_contents, what_changed
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import nav_link, page_href
from privacy_center.content.guidelines import Document, Kind, get_library
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import DEFAULT_LOCALE, KNOWN_LOCALES, UiLocale
from privacy_center.pages.registry import BuiltPage, PageSpec


def version_path(document: Document) -> str:
    """The stable path of a version's page."""
    return f"/guidelines/versions/{document.version_slug}"


def _document(locale: UiLocale, version: str) -> Document:
    library = get_library()
    found = library.version(Kind.FULL, locale, version) or library.version(Kind.FULL, DEFAULT_LOCALE, version)
    if found is None:  # the spec list is built from the same library: cannot happen
        msg = f"no version {version}"
        raise LookupError(msg)
    return found


def _builder(version: str) -> Callable[[UiLocale], BuiltPage]:
    def build(locale: UiLocale) -> BuiltPage:
        _ = gettext_for(locale)
        document = _document(locale, version)
        current = get_library().current(Kind.FULL, locale, today=dt.date.today())
        if document.version == current.version:
            notice = _("This is the version in effect.")
        elif document.meta.effective_on > dt.date.today():
            notice = _("This version is not in effect yet.")
        else:
            notice = _("This version is no longer in effect.")
        component = page_shell(
            locale,
            version_path(document),
            rx.el.h1(document.meta.title),
            rx.el.p(
                notice,
                " ",
                nav_link(_("Read the version in effect"), href=page_href(locale, "/guidelines")),
                class_name="notice",
                role="note",
            ),
            document_meta(locale, document),
            what_changed(locale, document),
            table_of_contents(locale, document),
            document_body(document),
            back=back_link(locale, to="/guidelines/history", label=_("Version history")),
        )
        title = _("%(title)s, version %(version)s") % {"title": document.meta.title, "version": document.version}
        return BuiltPage(component=component, title=title)

    return build


def pages() -> list[PageSpec]:
    """One page per version published in any locale."""
    library = get_library()
    versions = {d.version: d for loc in KNOWN_LOCALES for d in library.versions(Kind.FULL, loc)}
    return [PageSpec(path=version_path(doc), build=_builder(version)) for version, doc in versions.items()]
