"""Booking, modifying and cancelling: inventory stays exact and refusals change nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from res_support import BACKENDS, booking, make_hotel, sellable
from sqlmodel import select

from core.errors import DomainError
from core.events.models import OutboxEvent
from core.reservations.changes import modify_reservation
from core.reservations.lifecycle import cancel_booking, cancel_reservation
from core.reservations.models import Reservation
from core.reservations.queries import find_booking
from core.reservations.schemas import ReservationChange
from core.reservations.services import confirm_hold, create_booking, expire_holds
from core.timeutil import utcnow


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


def _count(hotel, model) -> int:
    from sqlalchemy import func

    with hotel.uow(write=False) as uow:
        return uow.session.exec(select(func.count()).select_from(model)).one()


def _refused(hotel, data, code: str, field: str | None = None):
    from core.reservations.models import Booking

    before = _count(hotel, Booking)
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        create_booking(uow, data)
        uow.commit()
    assert err.value.code == code, err.value.message
    if field:
        assert field in err.value.fields
    assert _count(hotel, Booking) == before
    return err.value


def test_bad_bookings_get_a_coded_error_naming_the_problem_and_store_nothing(hotel):
    rt = hotel.room_type(rooms=1, max_occupancy=2)
    arrival, departure = hotel.stay(2)
    _refused(hotel, booking(rt, departure, arrival), "invalid_stay", "departure")
    _refused(hotel, booking(rt, arrival, departure, adults=5), "too_many_guests")
    _refused(hotel, booking(rt, arrival, departure, plan_id=uuid.uuid4()), "not_found")
    _refused(hotel, booking(rt, arrival, departure, guest={"last_name": "X"}), "invalid_guest",
             "email")
    _refused(hotel, booking(rt, arrival, departure, room={"expected_total": "150.00"}),
             "price_changed", "expected_total")
    _refused(hotel, booking(rt, arrival, departure, rooms=2), "not_available")
    assert sellable(hotel, rt, arrival, departure) == 1


def test_a_restriction_violated_at_commit_is_refused(hotel):
    from core.actor import Actor
    from core.rates.services import set_rate_days

    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(1)
    with hotel.uow(Actor.system()) as uow:
        set_rate_days(uow, rt.plan_id, {"start": arrival, "end": arrival, "min_los": 3})
        uow.commit()
    err = _refused(hotel, booking(rt, arrival, departure), "min_stay")
    assert "3" in err.message


def test_the_last_unit_goes_to_one_booking_and_the_next_is_told_it_is_sold_out(hotel):
    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(2)
    with hotel.uow() as uow:
        create_booking(uow, booking(rt, arrival, departure))
        uow.commit()
    err = _refused(hotel, booking(rt, arrival + timedelta(days=1), departure + timedelta(days=1)),
                   "not_available")
    assert (arrival + timedelta(days=1)).isoformat() in err.message
    # The night after the first stay is still free.
    assert sellable(hotel, rt, departure, departure + timedelta(days=1)) == 1


def test_modifying_dates_takes_new_nights_and_releases_old_ones_in_one_step(hotel):
    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(2)
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, arrival, departure)).reservations[0]
        uow.commit()
    later = (arrival + timedelta(days=1), departure + timedelta(days=1))
    with hotel.uow() as uow:
        changed = modify_reservation(uow, res.id, ReservationChange(
            arrival=later[0], departure=later[1], expected_total=Decimal("200.00")))
        uow.commit()
    assert (changed.arrival, changed.departure, changed.version) == (*later, res.version + 1)
    assert sellable(hotel, rt, arrival, arrival + timedelta(days=1)) == 1
    assert sellable(hotel, rt, *later) == 0


def test_a_refused_modification_changes_nothing(hotel):
    small = hotel.room_type(rooms=1)
    full = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(2)
    with hotel.uow() as uow:
        res = create_booking(uow, booking(small, arrival, departure)).reservations[0]
        create_booking(uow, booking(full, arrival, departure))
        uow.commit()
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        modify_reservation(uow, res.id, ReservationChange(room_type_id=full.id,
                                                          rate_plan_id=full.plan_id))
        uow.commit()
    assert err.value.code == "not_available"
    with hotel.uow(write=False) as uow:
        again = uow.session.get(Reservation, res.id)
        assert (again.room_type_id, again.version) == (small.id, res.version)
    assert sellable(hotel, small, arrival, departure) == 0


def test_changing_room_type_moves_the_inventory_and_reprices(hotel):
    std = hotel.room_type(rooms=1, price="100.00")
    dlx = hotel.room_type(rooms=1, price="180.00")
    arrival, departure = hotel.stay(2)
    with hotel.uow() as uow:
        res = create_booking(uow, booking(std, arrival, departure)).reservations[0]
        uow.commit()
    with hotel.uow() as uow:
        up = modify_reservation(uow, res.id, ReservationChange(room_type_id=dlx.id,
                                                               rate_plan_id=dlx.plan_id))
        uow.commit()
    assert up.total == Decimal("360.00") and up.room_type_id == dlx.id
    assert sellable(hotel, std, arrival, departure) == 1
    assert sellable(hotel, dlx, arrival, departure) == 0


def test_cancelling_frees_the_nights_and_charges_per_policy(hotel):
    flexible = hotel.room_type(rooms=1)
    strict = hotel.room_type(rooms=1, price="90.00", policy={
        "free_cancellation_hours": None, "cancellation_fee_kind": "full"})
    arrival, departure = hotel.stay(2)
    with hotel.uow() as uow:
        a = create_booking(uow, booking(flexible, arrival, departure)).reservations[0]
        b = create_booking(uow, booking(strict, arrival, departure)).reservations[0]
        uow.commit()
    with hotel.uow() as uow:
        free = cancel_reservation(uow, a.id, reason="plans changed")
        charged = cancel_reservation(uow, b.id)
        uow.commit()
    assert (free.status, free.cancellation_fee) == ("cancelled", Decimal("0.00"))
    assert charged.cancellation_fee == Decimal("180.00")
    assert sellable(hotel, flexible, arrival, departure) == 1
    assert sellable(hotel, strict, arrival, departure) == 1
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        cancel_reservation(uow, a.id)
    assert err.value.code == "illegal_transition"


def test_a_multi_room_booking_shares_one_reference_and_can_be_cancelled_whole(hotel):
    rt = hotel.room_type(rooms=3)
    arrival, departure = hotel.stay(1)
    with hotel.uow() as uow:
        made = create_booking(uow, booking(rt, arrival, departure, rooms=3))
        uow.commit()
    with hotel.uow(write=False) as uow:
        assert find_booking(uow, made.reference.lower()).id == made.id
    with hotel.uow() as uow:
        cancelled = cancel_booking(uow, made.id)
        uow.commit()
    assert [r.status for r in cancelled] == ["cancelled"] * 3
    assert sellable(hotel, rt, arrival, departure) == 3


def test_a_hold_expires_and_gives_its_inventory_back(hotel):
    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(2)
    with hotel.uow() as uow:
        held = create_booking(uow, booking(rt, arrival, departure, hold_minutes=30))
        uow.commit()
    res = held.reservations[0]
    assert res.status == "hold" and res.hold_expires_at is not None
    assert sellable(hotel, rt, arrival, departure) == 0
    with hotel.uow() as uow:
        uow.session.get(Reservation, res.id).hold_expires_at = utcnow() - timedelta(seconds=1)
        uow.commit()
    with hotel.uow() as uow, pytest.raises(DomainError) as err:  # before the job has run
        confirm_hold(uow, res.id)
    assert err.value.code == "hold_expired"
    with hotel.uow() as uow:
        assert expire_holds(uow) == [res.id]
        uow.commit()
    with hotel.uow() as uow:
        assert expire_holds(uow) == []  # the job is safe to run twice
        with pytest.raises(DomainError) as err:
            confirm_hold(uow, res.id)
    assert err.value.code == "illegal_transition"
    assert sellable(hotel, rt, arrival, departure) == 1


def test_a_hold_confirmed_in_time_becomes_a_booking(hotel):
    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(1)
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, arrival, departure, hold_minutes=30)).reservations[0]
        confirmed = confirm_hold(uow, res.id)
        uow.commit()
    assert (confirmed.status, confirmed.hold_expires_at) == ("confirmed", None)


def test_day_use_is_its_own_product_and_takes_the_day(hotel):
    rt = hotel.room_type(rooms=1, day_use=True)
    day, _ = hotel.stay(0)
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, day, day, plan_id=rt.day_plan_id)).reservations[0]
        uow.commit()
    assert res.day_use and res.total == Decimal("40.00")
    assert sellable(hotel, rt, day, day) == 0
    _refused(hotel, booking(rt, day, day + timedelta(days=1)), "not_available")
    _refused(hotel, booking(rt, day, day, plan_id=rt.plan_id), "invalid_dates")


def test_a_promo_use_is_counted_once_per_booking_and_given_back_on_cancellation(hotel):
    from core.actor import Actor
    from core.rates.models import PromoCode
    from core.rates.promos import create_promo

    rt = hotel.room_type(rooms=2)
    arrival, departure = hotel.stay(2)
    with hotel.uow(Actor.system()) as uow:
        create_promo(uow, {"code": "SPRING10", "kind": "percent", "value": "10", "max_uses": 5})
        uow.commit()
    with hotel.uow() as uow:
        made = create_booking(uow, booking(rt, arrival, departure, rooms=2, promo_code="spring10"))
        uow.commit()
    assert made.total == Decimal("360.00")

    def uses() -> int:
        with hotel.uow(write=False) as uow:
            return uow.session.exec(select(PromoCode).where(PromoCode.code == "SPRING10")).one().uses

    assert uses() == 1
    with hotel.uow() as uow:
        cancel_booking(uow, made.id)
        uow.commit()
    assert uses() == 0


def test_an_overbooking_allowance_sells_beyond_capacity_and_new_rooms_are_counted(hotel):
    from core.actor import Actor
    from core.inventory.services import set_overbooking
    from core.properties.services import create_room

    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(2)
    with hotel.uow() as uow:
        create_booking(uow, booking(rt, arrival, departure))
        set_overbooking(uow, rt.id, arrival, departure, 1)
        uow.commit()
    assert sellable(hotel, rt, arrival, departure) == 1
    with hotel.uow() as uow:
        create_booking(uow, booking(rt, arrival, departure))
        uow.commit()
    _refused(hotel, booking(rt, arrival, departure), "not_available")
    with hotel.uow(Actor.system()) as uow:  # a new room of the type: the nights are recounted
        create_room(uow, {"number": f"X{rt.id.hex[:6]}", "room_type_id": rt.id})
        uow.commit()
    assert sellable(hotel, rt, arrival, departure) == 1
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        set_overbooking(uow, rt.id, departure, arrival, 1)
    assert err.value.code == "invalid_date_range"


def test_unknown_ids_are_not_found_with_a_code_naming_what(hotel):
    from core.reservations.assignment import assign_room

    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(1)
    data = booking(rt, arrival, departure).model_copy(update={"guest": None,
                                                              "guest_id": uuid.uuid4()})
    err = _refused(hotel, data, "guest_not_found", "guest_id")
    assert "Guest" in err.message
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        cancel_reservation(uow, uuid.uuid4())
    assert err.value.code == "reservation_not_found" and err.value.http_status == 404
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, arrival, departure)).reservations[0]
        uow.commit()
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        assign_room(uow, res.id, uuid.uuid4())
    assert err.value.code == "room_not_found"


def test_a_booking_with_someone_elses_email_never_edits_their_profile(hotel):
    from core.guests.models import Guest

    rt = hotel.room_type(rooms=3)
    arrival, departure = hotel.stay(1)
    owner = {"first_name": "Olga", "last_name": "Owner", "email": "olga@example.com"}
    with hotel.uow() as uow:
        first = create_booking(uow, booking(rt, arrival, departure, guest=owner))
        again = create_booking(uow, booking(rt, arrival, departure, guest={
            **owner, "email": "OLGA@example.com", "phone": "+351 912 000 000"}))
        other = create_booking(uow, booking(rt, arrival, departure, guest={
            "first_name": "Mallory", "last_name": "Mischief", "email": "olga@example.com"}))
        uow.commit()
    assert again.guest_id == first.guest_id  # the returning guest is recognised
    assert other.guest_id != first.guest_id
    with hotel.uow(write=False) as uow:
        profile = uow.session.get(Guest, first.guest_id)
    assert (profile.first_name, profile.last_name, profile.phone) == \
        ("Olga", "Owner", "+351 912 000 000")
