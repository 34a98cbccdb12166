"""Dates and times are formatted by Babel for the reader's locale, in the reader's time zone."""

from __future__ import annotations

import datetime as dt

import pytest

from privacy_center.i18n.formatting import (
    format_date,
    format_datetime,
    format_day,
    format_moment,
    viewer_zone,
    zone_label,
)
from privacy_center.i18n.locales import by_code

EN, ZH = by_code("en"), by_code("zh_CN")
MOMENT = dt.datetime(2025, 5, 9, 18, 30, 59, tzinfo=dt.UTC)


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


def test_datetimes_in_the_readers_time_zone_to_the_minute() -> None:
    assert format_datetime(MOMENT, ZH, tz="UTC") == "2025年5月9日 18:30"
    # Shanghai is eight hours ahead: already the next day there.
    assert format_datetime(MOMENT, ZH, tz="Asia/Shanghai") == "2025年5月10日 02:30"
    assert format_datetime(MOMENT, EN, tz="UTC").replace("\u202f", " ") == "May 9, 2025, 6:30 PM"
    assert format_datetime(MOMENT, EN, tz="America/New_York").replace("\u202f", " ") == "May 9, 2025, 2:30 PM"


@pytest.mark.parametrize("locale", [EN, ZH])
def test_no_seconds_are_shown(locale) -> None:
    shown = format_datetime(MOMENT, locale, tz="Europe/Berlin")
    assert "59" not in shown
    assert ":30" in shown


def test_a_naive_moment_is_read_as_utc() -> None:
    naive = MOMENT.replace(tzinfo=None)
    assert format_datetime(naive, ZH, tz="Asia/Shanghai") == "2025年5月10日 02:30"


def test_a_moment_says_utc_only_when_the_zone_is_not_known() -> None:
    assert format_moment(MOMENT, EN, tz="UTC").replace("\u202f", " ") == "May 9, 2025, 6:30 PM UTC"
    assert format_moment(MOMENT, ZH, tz="UTC") == "2025年5月9日 18:30（UTC）"
    assert format_moment(MOMENT, ZH, tz="Asia/Shanghai") == "2025年5月10日 02:30"


def test_the_day_is_the_readers_day() -> None:
    assert format_day(MOMENT, EN, tz="UTC") == "May 9, 2025"
    assert format_day(MOMENT, ZH, tz="Asia/Shanghai") == "2025年5月10日"


@pytest.mark.parametrize(
    ("cookie", "zone"),
    [
        ("pc_tz=Asia/Shanghai", "Asia/Shanghai"),
        ("pc_session=abc; pc_tz=Europe/Berlin; theme=dark", "Europe/Berlin"),
        ("pc_tz=America%2FArgentina%2FBuenos_Aires", "America/Argentina/Buenos_Aires"),  # encodeURIComponent
        ('pc_tz="Asia/Tokyo"', "Asia/Tokyo"),
        ("pc_tz=Asia/Calcutta", "Asia/Calcutta"),  # an older name some browsers still report
        ("pc_tz=Etc/GMT-8", "Etc/GMT-8"),
    ],
)
def test_a_known_zone_is_taken_from_the_cookie(cookie: str, zone: str) -> None:
    assert viewer_zone(cookie) == zone


@pytest.mark.parametrize(
    "cookie",
    [
        None,
        "",
        "pc_session=abc",
        "pc_tz=",
        "pc_tz",
        "pc_tz=Mars/Olympus_Mons",
        "pc_tz=asia/shanghai",  # names are case-sensitive: an unknown name, not a guess
        "pc_tz=Etc/UTC",
        "pc_tz=Zulu",
        "pc_tz=localtime",  # the server's own zone: never the reader's
        "pc_tz=Factory",
        "pc_tz=../../../etc/passwd",
        "pc_tz=%2Fetc%2Flocaltime",
        "pc_tz=/usr/share/zoneinfo/Asia/Shanghai",
        "pc_tz=Asia/Shanghai%00",
        "pc_tz=Asia/Shanghai<script>alert(1)</script>",
        "pc_tz=Asia/Shanghai' OR '1'='1",
        "pc_tz=" + "A" * 5000,
        "pc_tz=%E4%B8%8A%E6%B5%B7",
        "pc_tz=%ZZ",
        ";;;=;pc_tz;=",
    ],
)
def test_anything_else_is_utc_and_never_an_error(cookie: str | None) -> None:
    assert viewer_zone(cookie) == "UTC"


def test_the_first_cookie_of_that_name_wins() -> None:
    assert viewer_zone("pc_tz=Asia/Shanghai; pc_tz=Europe/Paris") == "Asia/Shanghai"


@pytest.mark.parametrize(
    ("zone", "en", "zh"),
    [
        ("UTC", "UTC", "UTC"),
        ("Asia/Shanghai", "China Time", "中国时间"),
        ("Europe/Berlin", "Central European Time", "中欧时间"),
        ("Asia/Kolkata", "India Time", "印度时间"),
        ("Etc/GMT-8", "Etc/GMT-8", "Etc/GMT-8"),  # no country: the ID, not "Unknown Region (GMT-8) Time"
        ("Antarctica/Troll", "Antarctica/Troll", "Antarctica/Troll"),
    ],
)
def test_zone_labels(zone: str, en: str, zh: str) -> None:
    assert (zone_label(zone, EN), zone_label(zone, ZH)) == (en, zh)
