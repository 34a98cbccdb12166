"""``/guidelines/versions/v1-0``: every published version of the full text.

The version in effect is read here too (``/guidelines`` leads to its page); whether a
version is in effect, not yet or no longer is decided when the page is opened.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from privacy_center import clock
from privacy_center.components.feedback import notice
from privacy_center.components.links import anchor, page_href
from privacy_center.content.guidelines import Document, Kind, get_library
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import DEFAULT_LOCALE, KNOWN_LOCALES, UiLocale, from_path
from privacy_center.pages.guidelines import in_effect, reading_page, version_on, version_path
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.state.binding import SessionBound


def standing_of(document: Document, locale: UiLocale) -> str:
    """Where ``document`` stands today (UTC): ``current``, ``future`` or ``past``."""
    if document.version == in_effect(locale).version:
        return "current"
    return "future" if document.meta.effective_on > clock.today() else "past"


class VersionState(SessionBound, rx.State):
    """Whether the version on the page is in effect, said when the page is opened (not at start-up)."""

    # The version the standing below was decided for: the state is shared by every
    # version page of the tab, so a page shows it only for its own version.
    version: str = ""
    # "current", "future" or "past"; "" until the page has loaded.
    standing: str = ""

    @rx.event
    def load(self) -> None:
        """Compare the page's version with the one in effect today (UTC)."""
        path = self.router.url.path
        locale = from_path(path)
        document = version_on(path, locale)
        if document is None:
            self.version, self.standing = "", ""
            return
        self.version, self.standing = document.version, standing_of(document, locale)


def standing_notice(locale: UiLocale, document: Document) -> rx.Component:
    """Where this version stands, and the way to the one in effect.

    The first HTML already says where the version stood when the page was compiled, and
    the page load confirms it (or corrects it, once a version published ahead of time has
    taken effect since): a sentence arriving late into an empty line moved everything
    below it on a phone (CLS 0.19 on ``/en/guidelines/``).
    """
    _ = gettext_for(locale)
    sentences = {
        "current": _("This is the version in effect."),
        "future": _("This version is not in effect yet."),
        "past": _("This version is no longer in effect."),
    }
    compiled = sentences[standing_of(document, locale)]
    return notice(
        rx.el.p(
            rx.cond(
                VersionState.version == document.version,
                rx.match(VersionState.standing, *sentences.items(), compiled),
                compiled,  # before the load, or still another version's answer
            ),
            " ",
            anchor(_("Read the version in effect"), href=page_href(locale, "/guidelines")),
        ),
        tone="info",
        role="note",
        compact=True,
    )


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
        component = reading_page(locale, document, standing_notice(locale, document))
        title = _("%(title)s, version %(version)s") % {"title": document.meta.title, "version": document.version}
        return BuiltPage(component=component, title=title)

    return build


def pages() -> list[PageSpec]:
    """One page per version published in any locale."""
    library = get_library()
    versions = {d.version: d for loc in KNOWN_LOCALES for d in library.versions(Kind.FULL, loc)}
    return [
        PageSpec(path=version_path(doc), build=_builder(version), on_load=VersionState.load)
        for version, doc in versions.items()
    ]
