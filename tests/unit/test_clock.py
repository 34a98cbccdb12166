"""One clock, aware UTC, that tests can move for every module at once."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from privacy_center import clock


def test_now_is_aware_utc_and_today_is_the_utc_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: the local date is a day ahead near midnight
    time.tzset()
    try:
        moment = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)
        with clock.frozen_at(moment):
            assert clock.now() == moment
            assert clock.today() == dt.date(2026, 11, 30)
        assert clock.now().utcoffset() == dt.timedelta(0)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_frozen_at_refuses_naive_moments_and_restores() -> None:
    naive = dt.datetime(2026, 1, 1)
    with pytest.raises(ValueError, match="aware"), clock.frozen_at(naive):
        pass
    outer = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with clock.frozen_at(outer):
        with clock.frozen_at(outer + dt.timedelta(days=1)):
            assert clock.today() == dt.date(2026, 1, 2)
        assert clock.now() == outer
