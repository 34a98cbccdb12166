"""Dates and times in the reader's locale, through Babel's CLDR data."""

from __future__ import annotations

import datetime as dt

from babel import dates

from privacy_center.i18n.locales import UiLocale


def format_date(value: dt.date, locale: UiLocale, *, form: str = "long") -> str:
    """A calendar date: ``May 9, 2025`` / ``2025年5月9日``."""
    return dates.format_date(value, format=form, locale=locale.babel)


def format_datetime(value: dt.datetime, locale: UiLocale, *, tz: str = "UTC") -> str:
    """A moment, shown in the reader's time zone (UTC until they set one)."""
    return dates.format_datetime(value, format="medium", tzinfo=dates.get_timezone(tz), locale=locale.babel)
