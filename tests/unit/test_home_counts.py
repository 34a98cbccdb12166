"""The home page's counts in the reader's words: plural rules and digit grouping per locale."""

from __future__ import annotations

from privacy_center.i18n.locales import by_code
from privacy_center.pages.home import _in_words
from privacy_center.services.overview import WeekOverview


def test_counts_follow_each_locales_plural_rules_and_grouping() -> None:
    en, zh = by_code("en"), by_code("zh_CN")
    assert _in_words(WeekOverview(1, 1), en) == ("1 time", "1 partner")
    assert _in_words(WeekOverview(1234, 0), en) == ("1,234 times", "0 partners")
    assert _in_words(WeekOverview(1234, 6), zh) == ("1,234 次", "6 个合作方")


def test_signed_out_there_are_no_numbers() -> None:
    assert _in_words(None, by_code("en")) == ("", "")
