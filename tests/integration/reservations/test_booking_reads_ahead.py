"""A booking's reads (claim, settings, returning guest, locked nights) go in one round trip on
Postgres, and what they read is what the booking decides on."""

from __future__ import annotations

import pytest
from res_support import BACKENDS, booking, make_hotel, sellable
from sqlalchemy import event, func, select

from core.errors import DomainError
from core.guests.models import Guest
from core.reservations.services import create_booking


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _statements_sent_one_by_one(uow, action) -> int:
    """Statements SQLAlchemy executed itself during `action` (a pipeline bypasses it)."""
    sent = []

    def count(*_args):
        sent.append(1)

    engine = uow.session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(sent)


def test_a_booking_reads_everything_in_one_round_trip_and_takes_the_last_unit(hotel):
    rt = hotel.room_type(rooms=3)
    arrival, departure = hotel.stay(3)
    with hotel.uow() as uow:  # the first sale creates the nights' rows; the catalogue is read
        create_booking(uow, booking(rt, arrival, departure))
        uow.commit()
    guest = {"first_name": "Ada", "last_name": "Ahead", "email": "ada.ahead@example.com"}
    for n in (1, 2):  # a new guest, then a returning one
        with hotel.uow() as uow:
            one_by_one = _statements_sent_one_by_one(uow, lambda: create_booking(  # noqa: B023
                uow, booking(rt, arrival, departure, guest=guest),
                idempotency_key=f"ahead-{n}"))  # noqa: B023
            uow.commit()
        if hotel.backend == "postgres":
            assert one_by_one == 0  # claim, settings, guest, lock: one pipeline; writes: another
        assert sellable(hotel, rt, arrival, departure) == 2 - n
    # The locked nights read ahead are the ones checked: the third booking is refused.
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        create_booking(uow, booking(rt, arrival, departure, guest=guest), idempotency_key="ahead-3")
    assert err.value.code == "not_available"
    with hotel.uow(write=False) as uow:
        guests = uow.session.execute(select(func.count()).select_from(Guest).where(
            Guest.email == "ada.ahead@example.com")).scalar_one()
    assert guests == 1  # the returning guest was found by the lookup sent ahead


def test_two_bookings_in_one_unit_of_work_each_see_the_nights_the_other_took(hotel):
    rt = hotel.room_type(rooms=2)
    arrival, departure = hotel.stay(2)
    with hotel.uow() as uow:
        create_booking(uow, booking(rt, arrival, departure))
        with pytest.raises(DomainError):  # a price check fails after the reads were sent
            create_booking(uow, booking(rt, arrival, departure,
                                        room={"expected_total": "0.01"}))
        create_booking(uow, booking(rt, arrival, departure))
        with pytest.raises(DomainError) as err:
            create_booking(uow, booking(rt, arrival, departure))
        assert err.value.code == "not_available"
        uow.commit()
    assert sellable(hotel, rt, arrival, departure) == 0
