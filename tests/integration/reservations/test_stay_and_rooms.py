"""The stay: room assignment, check-in, moves, check-out, no-shows, and rooms never double-booked."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from res_support import BACKENDS, booking, make_hotel, sellable

from core.errors import DomainError
from core.inventory.rooms import mark_out_of_order, return_to_service
from core.reservations.assignment import assign_room, auto_assign, move_room, unassign_room
from core.reservations.lifecycle import check_in, check_out, mark_no_show, on_check_out
from core.reservations.queries import room_legs
from core.reservations.services import create_booking

READY = lambda room_id: True  # noqa: E731  (housekeeping's predicate, faked: every room ready)


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _book(hotel, rt, arrival, departure, **extra):
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, arrival, departure, **extra)).reservations[0]
        uow.commit()
    return res


def _error(hotel, fn, *args, **kwargs) -> DomainError:
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        fn(uow, *args, **kwargs)
        uow.commit()
    return err.value


def test_a_room_is_never_given_to_two_overlapping_stays(hotel):
    rt = hotel.room_type(rooms=2)
    arrival, departure = hotel.stay(3)
    first = _book(hotel, rt, arrival, departure)
    second = _book(hotel, rt, arrival + timedelta(days=2), departure + timedelta(days=2))
    with hotel.uow() as uow:
        assert assign_room(uow, first.id, rt.rooms[0]).room_id == rt.rooms[0]
        uow.commit()
    err = _error(hotel, assign_room, second.id, rt.rooms[0])
    assert err.code == "room_occupied" and "occupied from" in err.message
    # Back-to-back is fine: the departure day is free for the next guest.
    third = _book(hotel, rt, departure, departure + timedelta(days=1))
    with hotel.uow() as uow:
        assert assign_room(uow, third.id, rt.rooms[0]).room_id == rt.rooms[0]
        uow.commit()


def test_auto_assign_prefers_requested_features_and_skips_busy_rooms(hotel):
    rt = hotel.room_type(rooms=3, features={1: ["quiet"], 2: ["quiet", "high_floor"]})
    arrival, departure = hotel.stay(2)
    blocker = _book(hotel, rt, arrival, departure)
    with hotel.uow() as uow:
        assign_room(uow, blocker.id, rt.rooms[2])
        uow.commit()
    wants = _book(hotel, rt, arrival, departure, room={"requests": ["quiet", "high_floor"]})
    with hotel.uow() as uow:
        assert auto_assign(uow, wants.id).room_id == rt.rooms[1]  # best free match
        uow.commit()
    other = _book(hotel, rt, arrival, departure)
    with hotel.uow() as uow:
        assert auto_assign(uow, other.id).room_id == rt.rooms[0]
        uow.commit()
    assert sellable(hotel, rt, arrival, departure) == 0


def test_auto_assign_uses_only_ready_rooms_when_housekeeping_says_which(hotel):
    rt = hotel.room_type(rooms=2)
    arrival, departure = hotel.stay(1)
    res = _book(hotel, rt, arrival, departure)
    err = _error(hotel, auto_assign, res.id, ready=lambda room_id: False)
    assert err.code == "no_room_available"
    with hotel.uow() as uow:
        assert auto_assign(uow, res.id, ready=lambda r: r == rt.rooms[1]).room_id == rt.rooms[1]
        uow.commit()


def test_an_out_of_order_room_leaves_inventory_and_cannot_be_assigned(hotel):
    rt = hotel.room_type(rooms=2)
    arrival, departure = hotel.stay(2)
    with hotel.uow() as uow:
        ooo = mark_out_of_order(uow, rt.rooms[0], arrival, departure, "leaking pipe")
        uow.commit()
    assert sellable(hotel, rt, arrival, departure) == 1
    res = _book(hotel, rt, arrival, departure)
    assert _error(hotel, assign_room, res.id, rt.rooms[0]).code == "room_occupied"
    # Taking the other room out too would oversell the night: refused.
    assert _error(hotel, mark_out_of_order, rt.rooms[1], arrival, departure, "paint").code \
        == "not_available"
    with hotel.uow() as uow:
        return_to_service(uow, ooo.id)
        uow.commit()
    assert sellable(hotel, rt, arrival, departure) == 1


def test_taking_a_room_out_of_order_is_refused_when_it_would_oversell(hotel):
    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(1)
    _book(hotel, rt, arrival, departure)
    err = _error(hotel, mark_out_of_order, rt.rooms[0], arrival, departure, "broken window")
    assert err.code == "not_available"
    assert sellable(hotel, rt, arrival, departure) == 0


def test_check_in_assigns_a_room_and_check_out_releases_unused_nights(hotel):
    rt = hotel.room_type(rooms=1)
    res = _book(hotel, rt, hotel.today, hotel.today + timedelta(days=3))
    with hotel.uow() as uow:
        inside = check_in(uow, res.id, room_ready=READY)
        uow.commit()
    assert inside.status == "checked_in" and inside.room_id == rt.rooms[0]
    assert _error(hotel, check_in, res.id, room_ready=READY).code == "illegal_transition"
    with hotel.uow() as uow:
        out = check_out(uow, res.id)
        uow.commit()
    assert out.status == "checked_out"
    assert out.departure == hotel.today + timedelta(days=1)  # left early: arrival night only
    assert sellable(hotel, rt, hotel.today + timedelta(days=1), hotel.today + timedelta(days=3)) \
        == 1
    with hotel.uow(write=False) as uow:
        assert [(leg.start_date, leg.end_date) for leg in room_legs(uow, res.id)] == \
            [(hotel.today, hotel.today + timedelta(days=1))]


def test_check_in_is_refused_before_the_arrival_date(hotel):
    rt = hotel.room_type(rooms=1)
    res = _book(hotel, rt, *hotel.stay(2))
    err = _error(hotel, check_in, res.id, room_ready=READY)
    assert err.code == "too_early_to_check_in"


def test_a_check_out_guard_can_refuse_and_nothing_changes(hotel):
    from core.errors import Conflict
    from core.reservations import lifecycle

    rt = hotel.room_type(rooms=1)
    res = _book(hotel, rt, hotel.today, hotel.today + timedelta(days=1))
    with hotel.uow() as uow:
        check_in(uow, res.id, room_ready=READY)
        uow.commit()

    def open_balance(uow, reservation):
        raise Conflict("The folio has an open balance of 12.00 EUR.", code="folio_open_balance")

    on_check_out(open_balance)
    try:
        assert _error(hotel, check_out, res.id).code == "folio_open_balance"
    finally:
        lifecycle._check_out_guards.remove(open_balance)
    with hotel.uow() as uow:
        assert check_out(uow, res.id).status == "checked_out"
        uow.commit()


def test_a_room_move_mid_stay_keeps_the_history_and_frees_the_old_room(hotel):
    rt = hotel.room_type(rooms=2)
    res = _book(hotel, rt, hotel.today, hotel.today + timedelta(days=3))
    with hotel.uow() as uow:
        check_in(uow, res.id, room_id=rt.rooms[0], room_ready=READY)
        uow.commit()
    tomorrow = hotel.today + timedelta(days=1)
    with hotel.uow() as uow:
        moved = move_room(uow, res.id, rt.rooms[1], on=tomorrow, reason="noisy neighbours")
        uow.commit()
    assert moved.room_id == rt.rooms[1]
    with hotel.uow(write=False) as uow:
        legs = [(leg.room_id, leg.start_date, leg.end_date) for leg in room_legs(uow, res.id)]
    assert legs == [(rt.rooms[0], hotel.today, tomorrow),
                    (rt.rooms[1], tomorrow, hotel.today + timedelta(days=3))]
    other = _book(hotel, rt, tomorrow, hotel.today + timedelta(days=2))
    with hotel.uow() as uow:  # the old room is free from the move date
        assert assign_room(uow, other.id, rt.rooms[0]).room_id == rt.rooms[0]
        uow.commit()
    assert _error(hotel, move_room, res.id, rt.rooms[0], on=tomorrow).code == "room_occupied"


def test_a_no_show_releases_the_stay_and_charges_the_no_show_fee(hotel):
    rt = hotel.room_type(rooms=1, price="80.00")
    res = _book(hotel, rt, hotel.today, hotel.today + timedelta(days=2))
    with hotel.uow() as uow:
        auto_assign(uow, res.id)
        gone = mark_no_show(uow, res.id)
        uow.commit()
    assert (gone.status, gone.no_show_fee, gone.room_id) == ("no_show", Decimal("80.00"), None)
    assert sellable(hotel, rt, hotel.today, hotel.today + timedelta(days=2)) == 1
    future = _book(hotel, rt, *hotel.stay(1))
    assert _error(hotel, mark_no_show, future.id).code == "too_early_for_no_show"


def test_changing_dates_keeps_the_room_when_it_is_free(hotel):
    from core.reservations.changes import modify_reservation
    from core.reservations.schemas import ReservationChange

    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(2)
    res = _book(hotel, rt, arrival, departure)
    with hotel.uow() as uow:
        assign_room(uow, res.id, rt.rooms[0])
        longer = modify_reservation(uow, res.id, ReservationChange(
            departure=departure + timedelta(days=1)))
        uow.commit()
    assert longer.room_id == rt.rooms[0]
    with hotel.uow() as uow:
        assert unassign_room(uow, res.id).room_id is None
        uow.commit()


def test_an_in_house_guest_can_extend_in_the_same_room_unless_someone_arrives_there(hotel):
    from core.reservations.changes import modify_reservation
    from core.reservations.schemas import ReservationChange

    rt = hotel.room_type(rooms=2)
    stay_end = hotel.today + timedelta(days=2)
    res = _book(hotel, rt, hotel.today, stay_end)
    with hotel.uow() as uow:
        check_in(uow, res.id, room_id=rt.rooms[0], room_ready=READY)
        longer = modify_reservation(uow, res.id, ReservationChange(
            departure=stay_end + timedelta(days=1)))
        uow.commit()
    assert longer.departure == stay_end + timedelta(days=1) and longer.room_id == rt.rooms[0]
    assert longer.total == Decimal("300.00")
    nxt = _book(hotel, rt, stay_end + timedelta(days=1), stay_end + timedelta(days=3))
    with hotel.uow() as uow:
        assign_room(uow, nxt.id, rt.rooms[0])
        uow.commit()
    err = _error(hotel, modify_reservation, res.id,
                 ReservationChange(departure=stay_end + timedelta(days=2)))
    assert err.code == "room_occupied"
    err = _error(hotel, modify_reservation, res.id, ReservationChange(arrival=hotel.today
                                                                      + timedelta(days=1)))
    assert err.code == "in_house_change_not_allowed" and "arrival" in err.fields
    with hotel.uow() as uow:
        shorter = modify_reservation(uow, res.id, ReservationChange(departure=stay_end))
        uow.commit()
    assert shorter.departure == stay_end
    assert sellable(hotel, rt, stay_end, stay_end + timedelta(days=1)) == 2  # night given back


def test_front_desk_lists_show_arrivals_in_house_guests_and_the_room_rack(hotel):
    from core.reservations.lists import list_reservations, room_rack

    rt = hotel.room_type(rooms=2)
    arriving = _book(hotel, rt, hotel.today, hotel.today + timedelta(days=2),
                     guest={"first_name": "Zoe", "last_name": "Zebra", "email": "z@example.com"})
    with hotel.uow() as uow:
        check_in(uow, arriving.id, room_id=rt.rooms[1], room_ready=READY)
        uow.commit()
    with hotel.uow(write=False) as uow:
        found, total = list_reservations(uow, in_house_on=hotel.today, query="zebr")
        rack = room_rack(uow, hotel.today, hotel.today + timedelta(days=7))
    assert total == 1 and found[0].id == arriving.id
    assert found[0].guest_name == "Zoe Zebra" and found[0].room_number == rack[
        [r.room_id for r in rack].index(rt.rooms[1])].number
    row = next(r for r in rack if r.room_id == rt.rooms[1])
    assert [(s.label, s.start_date) for s in row.stays] == [("Zoe Zebra", hotel.today)]
