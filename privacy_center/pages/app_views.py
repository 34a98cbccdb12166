"""How an authorized app is put into words, for the list of apps and an app's own page.

Both pages show the same moments and counts, so they are worded in one place: in the
reader's language (plural rules, digit grouping) and in their time zone (the ``pc_tz``
cookie). What reaches the browser is these words, never the service's dataclasses.
"""

from __future__ import annotations

from typing import TypedDict

from babel.numbers import format_decimal

from privacy_center.components.links import page_href
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.formatting import format_day, format_moment
from privacy_center.i18n.locales import UiLocale
from privacy_center.services.app_access import AuthorizedApp

LIST_PATH = "/apps"


class AppRow(TypedDict):
    """One authorized app as a row of the list shows it."""

    client_id: str
    name: str
    developer: str
    href: str
    granted: str
    last_used: str
    uses: str
    disabled: bool


def app_href(locale: UiLocale, client_id: str, page: str = "") -> str:
    """The app's own page (``/zh-cn/apps/demo-readwell/``) or, with ``page="guideline"``, its guideline."""
    return page_href(locale, "/".join(p for p in (LIST_PATH, client_id, page) if p))


def granted_words(app: AuthorizedApp, locale: UiLocale, *, tz: str) -> str:
    """The reader's calendar day it was granted ("Granted on May 9, 2025"): a day is precise enough."""
    _ = gettext_for(locale)
    return _("Granted on %(date)s") % {"date": format_day(app.granted_at, locale, tz=tz)}


def last_used_words(app: AuthorizedApp, locale: UiLocale, *, tz: str) -> str:
    """When the app last used its access ("Last used May 9, 2025, 6:30 PM"), or that it has not yet."""
    _ = gettext_for(locale)
    if app.last_used_at is None:
        return _("Not used yet")
    return _("Last used %(moment)s") % {"moment": format_moment(app.last_used_at, locale, tz=tz)}


def uses_words(app: AuthorizedApp, locale: UiLocale) -> str:
    """How often the app used its access in the last 30 days ("12 uses"; the caption says the window)."""
    ngettext = ngettext_for(locale)
    count = app.uses_last_30_days
    return ngettext("%(num)s use", "%(num)s uses", count) % {"num": format_decimal(count, locale=locale.babel)}


def app_row(app: AuthorizedApp, locale: UiLocale, *, tz: str) -> AppRow:
    """The row of the list for ``app``."""
    return AppRow(
        client_id=app.client_id,
        name=app.name,
        developer=app.developer,
        href=app_href(locale, app.client_id),
        granted=granted_words(app, locale, tz=tz),
        last_used=last_used_words(app, locale, tz=tz),
        uses=uses_words(app, locale),
        disabled=app.disabled,
    )
