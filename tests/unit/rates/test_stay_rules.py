"""Stay, guest, occupancy, derivation and restriction rules (pure, no database)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.errors import ValidationFailed
from core.rates import rules
from core.rates.rules import DayRestrictions, Occupancy

D = Decimal
ARR = date(2027, 3, 10)


def test_money_rounds_half_up_to_cents():
    assert rules.q("2.675") == D("2.68")
    assert rules.q("0.005") == D("0.01")
    assert rules.q("-1.005") == D("-1.01")
    assert rules.q(3) == D("3.00")


def test_a_stay_is_priced_per_night_and_the_departure_day_is_free():
    assert rules.stay_dates(ARR, ARR + timedelta(days=3)) == [
        ARR, ARR + timedelta(days=1), ARR + timedelta(days=2)]


@pytest.mark.parametrize("departure", [ARR, ARR - timedelta(days=1)])
def test_departure_not_after_arrival_is_refused_naming_departure(departure):
    with pytest.raises(ValidationFailed) as err:
        rules.stay_dates(ARR, departure)
    assert err.value.code == "invalid_dates"
    assert "departure" in err.value.fields
    assert "must be after arrival" in err.value.message


def test_day_use_is_priced_on_its_day_and_must_depart_the_same_day():
    assert rules.stay_dates(ARR, ARR, day_use=True) == [ARR]
    with pytest.raises(ValidationFailed) as err:
        rules.stay_dates(ARR, ARR + timedelta(days=1), day_use=True)
    assert err.value.code == "invalid_dates"


def test_very_long_stays_are_refused():
    with pytest.raises(ValidationFailed, match="at most 90 nights"):
        rules.stay_dates(ARR, ARR + timedelta(days=91))


def test_children_older_than_the_child_age_count_as_adults():
    assert rules.split_guests(2, [4, 13, 15], child_max_age=12) == (4, (4,))


@pytest.mark.parametrize("adults,ages,field", [(0, [], "adults"), (2, [18], "children_ages"),
                                               (2, [-1], "children_ages")])
def test_impossible_guest_numbers_are_refused(adults, ages, field):
    with pytest.raises(ValidationFailed) as err:
        rules.split_guests(adults, ages, child_max_age=12)
    assert err.value.code == "invalid_guests"
    assert field in err.value.fields


@pytest.mark.parametrize("adults,children,field", [(3, 0, "adults"), (1, 2, "children_ages"),
                                                   (2, 1, "adults")])
def test_more_guests_than_the_room_takes_is_too_many(adults, children, field):
    cap = rules.Capacity(max_occupancy=2, max_adults=2, max_children=1, name="Double")
    with pytest.raises(ValidationFailed) as err:
        rules.check_capacity(cap, adults, children)
    assert err.value.code == "too_many_guests"
    assert field in err.value.fields
    assert "Double" in err.value.message


def test_capacity_allows_a_full_room():
    rules.check_capacity(rules.Capacity(3, 2, 1), 2, 1)


OCC = Occupancy(base_occupancy=2, adult_prices={"1": "-20.00"}, extra_adult=D("30.00"),
                child_bands=[{"max_age": 2, "amount": "0"}, {"max_age": 12, "amount": "15.50"}])


@pytest.mark.parametrize("adults,ages,expected", [
    (2, [], "100.00"),  # base occupancy pays the date's price
    (1, [], "80.00"),  # single use: the plan's own price for 1 adult
    (3, [], "130.00"),  # one extra adult
    (4, [], "160.00"),
    (2, [1], "100.00"),  # infant band is free
    (2, [5, 12], "131.00"),  # two children in the 3-12 band
    (2, [14], "130.00"),  # older than every band: an extra adult
])
def test_occupancy_pricing_by_adults_and_child_age_band(adults, ages, expected):
    assert rules.occupancy_price(D("100.00"), OCC, adults, ages) == D(expected)


def test_occupancy_price_never_goes_below_zero():
    cheap = Occupancy(2, {"1": "-50"}, D("0"), [])
    assert rules.occupancy_price(D("30.00"), cheap, 1, []) == D("0.00")


@pytest.mark.parametrize("kind,value,expected", [
    ("amount", "-15", "85.00"), ("amount", "25.5", "125.50"), ("percent", "-10", "90.00"),
    ("percent", "12.5", "112.50"), ("percent", "-33.333", "66.67"), ("amount", "-150", "0.00"),
    ("percent", "-100", "0.00"),
])
def test_derived_plans_adjust_the_parent_price_by_amount_or_percent(kind, value, expected):
    assert rules.derive_price(D("100.00"), kind, D(value)) == D(expected)


def test_meals_are_priced_per_guest():
    assert rules.meal_amount(D("12.50"), D("6"), 2, 1) == D("31.00")


def _days(**by_offset):
    return {ARR + timedelta(days=int(k[1:])): v for k, v in by_offset.items()}


def test_closed_to_arrival_forbids_only_arriving_that_day():
    days = _days(d0=DayRestrictions(closed_to_arrival=True))
    with pytest.raises(ValidationFailed) as err:
        rules.check_restrictions(days, ARR, ARR + timedelta(days=2))
    assert err.value.code == "restricted"
    assert err.value.message == f"Closed to arrival on {ARR}."
    # A stay arriving the day before passes through the CTA date.
    rules.check_restrictions(days, ARR - timedelta(days=1), ARR + timedelta(days=2))


def test_closed_to_departure_forbids_only_leaving_that_day():
    days = _days(d2=DayRestrictions(closed_to_departure=True))
    with pytest.raises(ValidationFailed, match="Closed to departure on 2027-03-12") as err:
        rules.check_restrictions(days, ARR, ARR + timedelta(days=2))
    assert err.value.fields == {"departure": "closed to departure"}
    rules.check_restrictions(days, ARR, ARR + timedelta(days=3))


def test_a_closed_night_anywhere_in_the_stay_stops_the_sale():
    days = _days(d1=DayRestrictions(closed=True))
    with pytest.raises(ValidationFailed) as err:
        rules.check_restrictions(days, ARR, ARR + timedelta(days=3))
    assert err.value.code == "closed"
    # Departing on the closed date is fine: that night is not stayed.
    rules.check_restrictions(days, ARR, ARR + timedelta(days=1))


def test_min_stay_is_counted_from_the_arrival_date_only():
    days = _days(d0=DayRestrictions(min_los=3), d1=DayRestrictions(min_los=7))
    with pytest.raises(ValidationFailed) as err:
        rules.check_restrictions(days, ARR, ARR + timedelta(days=2))
    assert err.value.code == "min_stay"
    assert "at least 3 nights" in err.value.message
    # The 7-night minimum on the second date does not bind a stay arriving the day before.
    rules.check_restrictions(days, ARR, ARR + timedelta(days=3))


def test_max_stay_is_counted_from_the_arrival_date():
    days = _days(d0=DayRestrictions(max_los=2))
    with pytest.raises(ValidationFailed) as err:
        rules.check_restrictions(days, ARR, ARR + timedelta(days=3))
    assert err.value.code == "max_stay"
    rules.check_restrictions(days, ARR, ARR + timedelta(days=2))


def test_day_use_ignores_length_of_stay_and_departure_rules_but_not_closures():
    days = _days(d0=DayRestrictions(min_los=2, closed_to_departure=True))
    rules.check_restrictions(days, ARR, ARR, day_use=True)
    with pytest.raises(ValidationFailed, match="Closed to arrival"):
        rules.check_restrictions(_days(d0=DayRestrictions(closed_to_arrival=True)), ARR, ARR,
                                 day_use=True)


def test_merging_restrictions_keeps_the_stricter_of_each():
    a = DayRestrictions(min_los=2, max_los=10, closed_to_arrival=True)
    b = DayRestrictions(min_los=3, max_los=7, closed=True)
    assert a.merged(b) == DayRestrictions(min_los=3, max_los=7, closed_to_arrival=True,
                                          closed_to_departure=False, closed=True)
    assert a.merged(None) == a
    assert DayRestrictions().merged(b) == b


def test_lead_time_limits_and_past_arrivals():
    today = ARR - timedelta(days=5)
    rules.check_lead_time(ARR, today, 5, 10)
    with pytest.raises(ValidationFailed) as err:
        rules.check_lead_time(ARR, today, 7, None)
    assert err.value.code == "min_advance"
    with pytest.raises(ValidationFailed) as err:
        rules.check_lead_time(ARR, today, None, 3)
    assert err.value.code == "max_advance"
    with pytest.raises(ValidationFailed) as err:
        rules.check_lead_time(ARR, ARR + timedelta(days=1), None, None)
    assert err.value.code == "invalid_dates"


def test_a_plan_is_only_sold_on_its_channels():
    rules.check_channel("direct", ["direct", "ota"])
    with pytest.raises(ValidationFailed) as err:
        rules.check_channel("gds", ["direct"])
    assert err.value.code == "not_sellable"
