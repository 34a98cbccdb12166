"""Dates, times and numbers are formatted by Babel for the reader's locale."""

from __future__ import annotations

import datetime as dt

import pytest

from privacy_center.i18n.formatting import format_date, format_datetime, format_number, format_relative
from privacy_center.i18n.locales import by_code

EN, ZH = by_code("en"), by_code("zh_CN")
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)


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


@pytest.mark.parametrize(
    ("delta", "english", "chinese"),
    [
        (dt.timedelta(days=-3), "3 days ago", "3天前"),
        (dt.timedelta(minutes=-1), "1 minute ago", "1分钟前"),
        (dt.timedelta(days=-400), "1 year ago", "1年前"),
        (dt.timedelta(hours=2), "in 2 hours", "2小时后"),
    ],
)
def test_relative_times(delta: dt.timedelta, english: str, chinese: str) -> None:
    assert format_relative(NOW + delta, EN, now=NOW) == english
    assert format_relative(NOW + delta, ZH, now=NOW) == chinese


@pytest.mark.parametrize(
    ("value", "english", "chinese"),
    [
        (12345, "12,345", "12,345"),
        (1234567.891, "1,234,567.891", "1,234,567.891"),
        (0.5, "0.5", "0.5"),
        (-42, "-42", "-42"),
    ],
)
def test_numbers(value: float, english: str, chinese: str) -> None:
    assert format_number(value, EN) == english
    assert format_number(value, ZH) == chinese
