"""Tape-chart placement and occupancy arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.frontdesk.rules import check_span, occupancy_percent, place_bar, stay_over

D = date(2026, 5, 10)


def test_a_stay_inside_the_chart_starts_at_its_arrival_column():
    bar = place_bar(date(2026, 5, 12), date(2026, 5, 15), D, 14)
    assert (bar.first_column, bar.span, bar.starts_before, bar.ends_after) == (2, 3, False, False)


def test_stays_crossing_the_edges_are_clipped_and_flagged():
    bar = place_bar(date(2026, 5, 8), date(2026, 5, 30), D, 14)
    assert (bar.first_column, bar.span, bar.starts_before, bar.ends_after) == (0, 14, True, True)


def test_stays_off_the_chart_are_not_drawn_and_day_use_takes_one_column():
    assert place_bar(date(2026, 5, 1), D, D, 14) is None
    assert place_bar(date(2026, 5, 24), date(2026, 5, 26), D, 14) is None
    assert place_bar(D, D, D, 14).span == 1


def test_occupancy_rounds_to_one_decimal_and_survives_no_sellable_rooms():
    assert occupancy_percent(1, 3) == Decimal("33.3")
    assert occupancy_percent(0, 0) == Decimal("0.0")


def test_only_known_spans_are_offered_and_stay_overs_exclude_arrival_and_departure_days():
    assert (check_span(30), check_span(99)) == (30, 14)
    assert stay_over(date(2026, 5, 9), date(2026, 5, 12), D)
    assert not stay_over(D, date(2026, 5, 12), D)
    assert not stay_over(date(2026, 5, 8), D, D)
