"""Dates and times are formatted by Babel for the reader's locale."""

from __future__ import annotations

import datetime as dt

import pytest

from privacy_center.i18n.formatting import format_date, format_datetime
from privacy_center.i18n.locales import by_code

EN, ZH = by_code("en"), by_code("zh_CN")


@pytest.mark.parametrize(
    ("locale", "form", "expected"),
    [
        (EN, "long", "May 9, 2025"),
        (ZH, "long", "2025年5月9日"),
        (EN, "short", "5/9/25"),
        (ZH, "short", "2025/5/9"),
    ],
)
def test_dates(locale, form: str, expected: str) -> None:
    assert format_date(dt.date(2025, 5, 9), locale, form=form) == expected


def test_long_is_the_default_form() -> None:
    assert format_date(dt.date(2025, 5, 9), EN) == "May 9, 2025"
    assert format_date(dt.date(2025, 5, 9), ZH) == "2025年5月9日"


def test_datetimes_in_the_readers_time_zone() -> None:
    moment = dt.datetime(2025, 5, 9, 18, 30, tzinfo=dt.UTC)
    assert format_datetime(moment, ZH) == "2025年5月9日 18:30:00"
    # Shanghai is eight hours ahead: already the next day there.
    assert format_datetime(moment, ZH, tz="Asia/Shanghai") == "2025年5月10日 02:30:00"
    assert format_datetime(moment, EN).replace("\u202f", " ") == "May 9, 2025, 6:30:00 PM"
