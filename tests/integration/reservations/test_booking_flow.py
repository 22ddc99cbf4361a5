"""Booking, modifying and cancelling: inventory stays exact and refusals change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from res_support import BACKENDS, booking, make_hotel, sellable
from sqlmodel import select

from core.events.models import OutboxEvent
from core.reservations.services import create_booking


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def test_a_booking_takes_one_unit_per_night_and_records_an_event(hotel):
    rt = hotel.room_type(rooms=3)
    arrival, departure = hotel.stay(3)
    with hotel.uow() as uow:
        result = create_booking(uow, booking(rt, arrival, departure, rooms=2))
        uow.commit()
    assert len(result.reference) == 8 and len(result.reservations) == 2
    assert result.total == Decimal("600.00") and result.currency == "EUR"
    assert {r.status for r in result.reservations} == {"confirmed"}
    assert sellable(hotel, rt, arrival, departure) == 1
    with hotel.uow(write=False) as uow:
        types = [e.type for e in uow.session.exec(
            select(OutboxEvent).where(OutboxEvent.entity_id.in_(
                [str(r.id) for r in result.reservations])))]
    assert types.count("reservation.created") == 2
