"""Gettext catalogs, read from the ``.po`` files in ``locales/`` at import.

The ``.po`` files are the single source: they are compiled in memory, so a catalog
can never be stale against a forgotten ``.mo`` build.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from privacy_center.i18n.locales import UiLocale
from privacy_center.settings import PROJECT_ROOT

LOCALES_DIR = PROJECT_ROOT / "locales"
DOMAIN = "messages"


def po_path(locale: UiLocale) -> Path:
    """Where the catalog of ``locale`` lives."""
    return LOCALES_DIR / locale.code / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(locale: UiLocale) -> NullTranslations:
    """The compiled catalog of ``locale``; the msgids themselves where none exists."""
    path = po_path(locale)
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale.code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def gettext_for(locale: UiLocale):  # noqa: ANN201 - a bound method of Babel's Translations
    """The ``gettext`` of ``locale``; bind it to ``_`` so pybabel extracts the calls."""
    return translations(locale).gettext


def ngettext_for(locale: UiLocale):  # noqa: ANN201 - a bound method of Babel's Translations
    """The ``ngettext`` of ``locale``, for counts."""
    return translations(locale).ngettext
