"""Hypothesis drives random bookings, changes and cancellations through the real services and
checks, after every step, that the stored counters equal what the live reservations hold and
that no night is oversold."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from res_support import booking, make_hotel
from sqlalchemy import select

from core.errors import DomainError
from core.inventory.models import InventoryNight
from core.inventory.rules import inventory_days
from core.reservations.changes import modify_reservation
from core.reservations.lifecycle import cancel_reservation
from core.reservations.models import Reservation
from core.reservations.rules import HOLDS_INVENTORY
from core.reservations.schemas import ReservationChange
from core.reservations.services import create_booking


@pytest.fixture(scope="module")
def hotel(tmp_path_factory):
    yield from make_hotel(SimpleNamespace(param="sqlite"), tmp_path_factory)


@pytest.fixture(scope="module")
def room_types(hotel):
    return [hotel.room_type(rooms=2), hotel.room_type(rooms=1)]


ops = st.lists(st.tuples(st.sampled_from(["book", "move", "cancel"]), st.integers(0, 1),
                         st.integers(0, 6), st.integers(1, 3), st.integers(0, 50)),
               min_size=1, max_size=12)


def check_counters(hotel, room_types, window):
    with hotel.uow(write=False) as uow:
        rows = uow.session.execute(select(InventoryNight).where(
            InventoryNight.room_type_id.in_([rt.id for rt in room_types]),
            InventoryNight.night >= window[0], InventoryNight.night < window[1])).scalars().all()
        live = uow.session.execute(select(Reservation).where(
            Reservation.room_type_id.in_([rt.id for rt in room_types]),
            Reservation.status.in_([s.value for s in HOLDS_INVENTORY]))).scalars().all()
    held: dict = {}
    for res in live:
        for night in inventory_days(res.arrival, res.departure):
            held[(res.room_type_id, night)] = held.get((res.room_type_id, night), 0) + 1
    for row in rows:
        assert row.sold + row.day_use == held.get((row.room_type_id, row.night), 0)
        assert row.available >= 0, f"oversold {row.night}"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_no_sequence_of_changes_oversells_or_loses_count(hotel, room_types, steps):
    base, _ = hotel.stay(0)  # a fresh window of dates for each example
    window = (base, base + timedelta(days=12))
    made = []
    for op, which, offset, nights, pick in steps:
        rt = room_types[which]
        arrival = base + timedelta(days=offset)
        try:
            with hotel.uow() as uow:
                if op == "book" or not made:
                    made.append(create_booking(uow, booking(
                        rt, arrival, arrival + timedelta(days=nights))).reservations[0].id)
                elif op == "move":
                    modify_reservation(uow, made[pick % len(made)], ReservationChange(
                        arrival=arrival, departure=arrival + timedelta(days=nights)))
                else:
                    cancel_reservation(uow, made[pick % len(made)])
                uow.commit()
        except DomainError as err:
            assert err.code in {"not_available", "illegal_transition"}, err.message
        check_counters(hotel, room_types, window)
