"""Idempotency keys: a replay returns the first result with no second effect."""

from __future__ import annotations

import pytest
from res_support import BACKENDS, booking, make_hotel, sellable
from sqlalchemy import func
from sqlmodel import select

from core.errors import DomainError
from core.events.models import OutboxEvent
from core.reservations.lifecycle import cancel_reservation
from core.reservations.models import Booking
from core.reservations.services import create_booking


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _counts(hotel):
    with hotel.uow(write=False) as uow:
        return (uow.session.exec(select(func.count()).select_from(Booking)).one(),
                uow.session.exec(select(func.count()).select_from(OutboxEvent)).one())


def test_a_replayed_booking_returns_the_first_result_and_books_nothing_more(hotel):
    rt = hotel.room_type(rooms=3)
    arrival, departure = hotel.stay(2)
    data = booking(rt, arrival, departure)
    with hotel.uow() as uow:
        first = create_booking(uow, data, idempotency_key="k-1")
        uow.commit()
    before = _counts(hotel)
    with hotel.uow() as uow:
        again = create_booking(uow, data.model_copy(), idempotency_key="k-1")
        uow.commit()
    assert again == first
    assert _counts(hotel) == before
    assert sellable(hotel, rt, arrival, departure) == 2


def test_the_same_key_with_a_different_request_is_refused(hotel):
    rt = hotel.room_type(rooms=3)
    arrival, departure = hotel.stay(2)
    with hotel.uow() as uow:
        create_booking(uow, booking(rt, arrival, departure), idempotency_key="k-2")
        uow.commit()
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        create_booking(uow, booking(rt, arrival, departure, rooms=2), idempotency_key="k-2")
    assert err.value.code == "idempotency_key_reused" and "idempotency_key" in err.value.fields
    assert sellable(hotel, rt, arrival, departure) == 2


def test_a_refused_request_does_not_burn_its_key(hotel):
    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(1)
    data = booking(rt, arrival, departure, room={"expected_total": "1.00"})
    with hotel.uow() as uow, pytest.raises(DomainError):
        create_booking(uow, data, idempotency_key="k-3")
        uow.commit()
    with hotel.uow() as uow:  # the key was rolled back with the refusal; a fixed request works
        made = create_booking(uow, booking(rt, arrival, departure), idempotency_key="k-3b")
        uow.commit()
    assert made.reference


def test_a_replayed_cancellation_returns_the_first_answer_instead_of_an_error(hotel):
    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(1)
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, arrival, departure)).reservations[0]
        uow.commit()
    answers = []
    for _ in range(2):
        with hotel.uow() as uow:
            answers.append(cancel_reservation(uow, res.id, idempotency_key="cancel-1"))
            uow.commit()
    assert answers[0] == answers[1] and answers[0].status == "cancelled"
    assert sellable(hotel, rt, arrival, departure) == 1


def test_a_blank_or_huge_key_is_refused(hotel):
    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(1)
    for key in ("  ", "x" * 300):
        with hotel.uow() as uow, pytest.raises(DomainError) as err:
            create_booking(uow, booking(rt, arrival, departure), idempotency_key=key)
        assert err.value.code == "invalid_idempotency_key"


def test_another_caller_cannot_replay_someone_elses_key(hotel):
    from dataclasses import replace

    from res_support import STAFF

    rt = hotel.room_type(rooms=2)
    arrival, departure = hotel.stay(1)
    data = booking(rt, arrival, departure)
    with hotel.uow() as uow:
        create_booking(uow, data, idempotency_key="shared-key")
        uow.commit()
    stranger = replace(STAFF, name="Someone Else")
    with hotel.uow(stranger) as uow, pytest.raises(DomainError) as err:
        create_booking(uow, data, idempotency_key="shared-key")
    assert err.value.code == "idempotency_key_reused"
