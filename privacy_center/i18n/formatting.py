"""Dates and times in the reader's locale and time zone, through Babel's CLDR data.

The reader's zone comes from one place: the cookie ``pc_tz``, which the early script
in every page's ``<head>`` sets to the browser's IANA zone. A cookie is whatever the
client sends, so :func:`viewer_zone` accepts only a name from the zone database
(never a path or a server-local zone) and falls back to UTC. When the zone is not
known, a moment says "UTC" next to it (:func:`format_moment`), so nobody reads a UTC
time as their own.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from urllib.parse import unquote

from babel import dates
from babel.core import get_global

from privacy_center.caches import process_wide
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale

TZ_COOKIE = "pc_tz"
UTC = "UTC"
# The longest IANA name is 32 characters (America/Argentina/ComodRivadavia).
_MAX_ZONE = 64
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,2}")
# Names in the zone database that are not a place: the server's own zone, a placeholder.
_NOT_A_PLACE = frozenset({"localtime", "Factory", "posixrules"})
# Other names of UTC itself: shown, and labelled, as plain UTC.
# CLDR's territory of a zone that belongs to no country (unknown, "world").
_NO_COUNTRY = frozenset({None, "ZZ", "001"})
_UTC_NAMES = frozenset(
    {"Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu", "GMT", "Etc/GMT", "Etc/GMT0"}
    | {"Etc/GMT+0", "Etc/GMT-0", "GMT0", "GMT+0", "GMT-0", "Etc/Greenwich", "Greenwich"}
)


@process_wide
def _known_zones() -> frozenset[str]:
    """Every zone name the installed zone database has (a filesystem scan: once per process)."""
    return frozenset(zoneinfo.available_timezones()) - _NOT_A_PLACE


def _cookie_value(cookie_header: str, name: str) -> str | None:
    """The first value of cookie ``name``; a malformed header is read as far as it goes, never raised on."""
    for part in cookie_header.split(";"):
        key, sep, value = part.partition("=")
        if sep and key.strip() == name:
            return unquote(value.strip().strip('"'))
    return None


def viewer_zone(cookie_header: str | None) -> str:
    """The reader's IANA time zone from the ``pc_tz`` cookie; ``"UTC"`` when absent, unknown or malformed."""
    value = _cookie_value(cookie_header, TZ_COOKIE) if cookie_header else None
    if not value or len(value) > _MAX_ZONE or not _ZONE_NAME.fullmatch(value):
        return UTC
    if value in _UTC_NAMES or value not in _known_zones():
        return UTC
    return value


def format_date(value: dt.date, locale: UiLocale, *, form: str = "long") -> str:
    """A calendar date: ``May 9, 2025`` / ``2025年5月9日``."""
    return dates.format_date(value, format=form, locale=locale.babel)


def _local(value: dt.datetime, tz: str) -> dt.datetime:
    # Stored moments read back aware (UTCDateTime); a naive one can only be UTC here.
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(dates.get_timezone(tz))


def format_datetime(value: dt.datetime, locale: UiLocale, *, tz: str) -> str:
    """A moment in zone ``tz``, to the minute: ``May 9, 2025, 6:30 PM`` / ``2025年5月9日 18:30``.

    Seconds say nothing to a person reading a history, so the locale's medium date and
    short time are joined with the locale's own pattern (Babel has no such named format).
    """
    local = _local(value, tz)
    pattern = str(locale.babel.datetime_formats["medium"]).replace("'", "")
    time = dates.format_time(local, format="short", locale=locale.babel)
    date = dates.format_date(local, format="medium", locale=locale.babel)
    return pattern.replace("{0}", time).replace("{1}", date)


def format_moment(value: dt.datetime, locale: UiLocale, *, tz: str) -> str:
    """A moment on its own: in the reader's zone, or followed by "UTC" when that zone is not known."""
    shown = format_datetime(value, locale, tz=tz)
    if tz != UTC:
        return shown
    _ = gettext_for(locale)
    return _("%(time)s UTC") % {"time": shown}


def format_day(value: dt.datetime, locale: UiLocale, *, tz: str) -> str:
    """The reader's calendar day of a moment (it may be another day than in UTC)."""
    return format_date(_local(value, tz).date(), locale, form="medium")


def zone_label(tz: str, locale: UiLocale) -> str:
    """The zone in words for a line such as "Times are in China Time": ``UTC`` for UTC.

    CLDR's generic name ("China Time", "Central European Time", "India Time") fits every
    moment of a list, summer or winter. A zone of no country (``Etc/GMT+5``) or one CLDR
    only half knows shows its ID: clearer than Babel's "Unknown Region (GMT+5) Time".
    """
    if tz == UTC:
        return UTC
    canonical = get_global("zone_aliases").get(tz, tz)
    name = dates.get_timezone_name(dates.get_timezone(tz), width="long", locale=locale.babel)
    if get_global("zone_territories").get(canonical) in _NO_COUNTRY or "/" in name:
        return tz
    return name
