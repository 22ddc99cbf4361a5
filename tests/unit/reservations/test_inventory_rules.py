"""Inventory arithmetic: property-based checks that no sequence of changes oversells."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from core.inventory.rules import (
    Delta,
    inventory_days,
    merge,
    occupancy_range,
    short_nights,
    stay_delta,
    stay_nights,
)

RT_A, RT_B = uuid.UUID(int=1), uuid.UUID(int=2)
START = date(2027, 1, 1)


def test_a_stay_occupies_its_nights_but_not_the_departure_day():
    assert stay_nights(START, START + timedelta(days=3)) == [START + timedelta(days=i)
                                                            for i in range(3)]
    assert stay_nights(START, START) == []
    assert inventory_days(START, START) == [START]
    assert occupancy_range(START, START) == (START, START + timedelta(days=1))


def test_day_use_counts_apart_from_room_nights():
    assert stay_delta(RT_A, START, START) == {(RT_A, START): Delta(day_use=1)}


def test_moving_a_stay_by_one_night_only_touches_the_two_edge_nights():
    old = stay_delta(RT_A, START, START + timedelta(days=3), -1)
    new = stay_delta(RT_A, START + timedelta(days=1), START + timedelta(days=4), +1)
    assert merge(old, new) == {(RT_A, START): Delta(sold=-1),
                               (RT_A, START + timedelta(days=3)): Delta(sold=1)}


def test_releasing_on_an_oversold_night_is_never_refused():
    assert short_nights({(RT_A, START): -2}, {(RT_A, START): Delta(sold=-1)}) == []


stays = st.tuples(st.sampled_from([RT_A, RT_B]), st.integers(0, 20), st.integers(0, 5),
                  st.sampled_from([1, -1]))


class Ledger:
    """A tiny in-memory inventory applying changes the way apply_change does."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.counts: dict = {}
        self.booked: list = []

    def available(self, key) -> int:
        c = self.counts.get(key, Delta())
        return self.capacity - c.consumption

    def apply(self, change) -> bool:
        change = merge(change)
        if short_nights({k: self.available(k) for k in change}, change):
            return False
        for k, d in change.items():
            self.counts[k] = self.counts.get(k, Delta()) + d
        return True


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4), st.lists(stays, max_size=60))
def test_no_sequence_of_bookings_and_cancellations_oversells(capacity, ops):
    ledger = Ledger(capacity)
    for rt, offset, nights, sign in ops:
        arrival = START + timedelta(days=offset)
        departure = arrival + timedelta(days=nights)
        if sign < 0:
            if not ledger.booked:
                continue
            rt, arrival, departure = ledger.booked.pop(offset % len(ledger.booked))
            assert ledger.apply(stay_delta(rt, arrival, departure, -1))
        elif ledger.apply(stay_delta(rt, arrival, departure, +1)):
            ledger.booked.append((rt, arrival, departure))
    for counted in ledger.counts.values():
        assert 0 <= counted.consumption <= capacity
    # The counters equal what the surviving bookings occupy: nothing leaked, nothing lost.
    expected: dict = {}
    for rt, arrival, departure in ledger.booked:
        for k, d in stay_delta(rt, arrival, departure).items():
            expected[k] = expected.get(k, Delta()) + d
    assert {k: v for k, v in ledger.counts.items() if not v.is_zero} == expected


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10), st.integers(0, 6), st.integers(0, 10), st.integers(0, 6))
def test_a_modification_is_exactly_release_old_plus_take_new(a1, n1, a2, n2):
    old = (START + timedelta(days=a1), START + timedelta(days=a1 + n1))
    new = (START + timedelta(days=a2), START + timedelta(days=a2 + n2))
    change = merge(stay_delta(RT_A, *old, -1), stay_delta(RT_A, *new, +1))
    for night in set(inventory_days(*old)) | set(inventory_days(*new)):
        d = change.get((RT_A, night), Delta())
        taken = int(night in inventory_days(*new)) - int(night in inventory_days(*old))
        assert d.consumption == taken
