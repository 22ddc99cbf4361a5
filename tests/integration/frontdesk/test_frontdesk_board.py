"""The Today board, search, tape chart and reservation detail read what the desk must see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from desk_support import CONCIERGE

from core.actor import Actor
from core.errors import DomainError, PermissionDenied
from core.frontdesk.detail import reservation_detail
from core.frontdesk.services import global_search, tape_chart, today_board
from core.reservations.lifecycle import cancel_reservation, check_in


def test_today_board_lists_arrivals_and_counts_them_until_they_check_in(hotel):
    booking = hotel.book(hotel.today, last_name="Arrivalson")
    rid = booking.reservations[0].id

    with hotel.uow(write=False) as uow:
        before = today_board(uow, hotel.today)
    with hotel.uow() as uow:
        check_in(uow, rid)
        uow.commit()
    with hotel.uow(write=False) as uow:
        after = today_board(uow, hotel.today)

    assert rid in {r.id for r in before.arrivals}
    assert after.counts.arrivals == before.counts.arrivals - 1
    assert after.counts.in_house == before.counts.in_house + 1
    in_house = {r.id: r for r in after.in_house}
    assert in_house[rid].room_number in hotel.room_numbers
    assert after.counts.occupancy_percent > 0


def test_overdue_arrivals_are_on_the_no_show_list(hotel):
    booking = hotel.book(hotel.today, last_name="Latecomer")
    rid = booking.reservations[0].id
    tomorrow = hotel.today + timedelta(days=1)

    with hotel.uow(write=False) as uow:
        board = today_board(uow, tomorrow)

    assert rid in {r.id for r in board.no_shows}
    assert board.counts.no_shows >= 1


def test_search_finds_guests_by_name_and_reference_and_rooms_by_number(hotel):
    booking = hotel.book(hotel.today + timedelta(days=3), last_name="Searchable")

    with hotel.uow(write=False) as uow:
        by_name = global_search(uow, "searcha")
        by_ref = global_search(uow, booking.reference.lower())
        by_room = global_search(uow, hotel.room_numbers[0])
        too_short = global_search(uow, "s")

    assert [h.kind for h in by_name] == ["reservation"]
    assert booking.reference in by_ref[0].title
    assert by_room[0].kind == "room" and by_room[0].title == f"Room {hotel.room_numbers[0]}"
    assert too_short == []


def test_tape_chart_places_assigned_stays_and_lists_unassigned_ones(hotel):
    start = hotel.today + timedelta(days=20)
    assigned = hotel.book(start + timedelta(days=2), nights=3).reservations[0]
    unassigned = hotel.book(start + timedelta(days=4), nights=1).reservations[0]
    from core.reservations.assignment import assign_room

    with hotel.uow() as uow:
        assign_room(uow, assigned.id, hotel.rooms[1])
        uow.commit()
    with hotel.uow(write=False) as uow:
        chart = tape_chart(uow, start, 14)

    assert len(chart.days) == 14
    row = next(r for r in chart.rows if r.room_id == hotel.rooms[1])
    bar = next(b for b in row.bars if b.reservation_id == assigned.id)
    assert (bar.first_column, bar.span, bar.status) == (2, 3, "confirmed")
    assert unassigned.id in {r.id for r in chart.unassigned}
    assert assigned.id not in {r.id for r in chart.unassigned}


def test_detail_shows_nightly_prices_cancellation_fee_and_history(hotel):
    booking = hotel.book(hotel.today + timedelta(days=30), nights=2, rooms=2)
    first, second = booking.reservations

    with hotel.uow() as uow:
        cancel_reservation(uow, second.id, reason="plans changed")
        uow.commit()
    with hotel.uow(write=False) as uow:
        detail = reservation_detail(uow, first.id)
        cancelled = reservation_detail(uow, second.id)

    assert len(detail.nights) == 2 and detail.nights[0]["amount"] == "120.00"
    assert detail.room_type_name == "Double" and detail.rate_plan_name == "Best available"
    assert [r.id for r in detail.other_rooms] == [second.id]
    assert detail.balance is not None  # front desk may see folios
    assert detail.cancellation_fee_now >= 0
    assert [h.type for h in cancelled.history][:2] == ["reservation.cancelled",
                                                       "reservation.created"]


def test_detail_hides_the_balance_from_roles_without_folio_access(hotel):
    booking = hotel.book(hotel.today + timedelta(days=40))

    with hotel.uow(CONCIERGE, write=False) as uow:
        detail = reservation_detail(uow, booking.reservations[0].id)

    assert detail.balance is None


def test_roles_that_may_not_see_reservations_are_refused(hotel):
    housekeeper = Actor(kind="staff", name="H", permissions=frozenset({"housekeeping.view"}))

    with hotel.uow(housekeeper, write=False) as uow, pytest.raises(PermissionDenied):
        today_board(uow)


def test_an_unknown_reservation_is_not_found(hotel):
    import uuid

    with hotel.uow(write=False) as uow, pytest.raises(DomainError) as err:
        reservation_detail(uow, uuid.uuid4())

    assert err.value.code == "reservation_not_found" or err.value.http_status == 404
