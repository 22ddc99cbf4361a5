"""The domain clock: real by default, movable for demo seeding and tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.timeutil import local_today, travel_to, utcnow


def test_now_is_aware_utc():
    assert utcnow().tzinfo is UTC


def test_travel_to_moves_now_and_local_dates_then_comes_back():
    before = utcnow()
    with travel_to(datetime(2026, 3, 12, 23, 30, tzinfo=UTC)):
        assert utcnow().date() == date(2026, 3, 12)
        # Half past eleven in London is already the 13th in Tokyo.
        assert local_today("Asia/Tokyo") == date(2026, 3, 13)
        assert local_today("Europe/London") == date(2026, 3, 12)
    assert abs((utcnow() - before).total_seconds()) < 60


def test_travel_to_refuses_a_naive_moment():
    with pytest.raises(ValueError):
        with travel_to(datetime(2026, 3, 12, 12, 0)):
            pass
