"""Dates and numbers are formatted by Babel for the reader's locale."""

from __future__ import annotations

import datetime as dt

from privacy_center.i18n.formatting import format_date, format_number, format_relative
from privacy_center.i18n.locales import by_code

EN, ZH = by_code("en"), by_code("zh_CN")


def test_long_dates() -> None:
    assert format_date(dt.date(2025, 5, 9), EN) == "May 9, 2025"
    assert format_date(dt.date(2025, 5, 9), ZH) == "2025年5月9日"


def test_relative_and_numbers() -> None:
    now = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
    assert format_relative(now - dt.timedelta(days=3), EN, now=now) == "3 days ago"
    assert format_relative(now - dt.timedelta(days=3), ZH, now=now) == "3天前"
    assert format_number(12345, EN) == "12,345"
