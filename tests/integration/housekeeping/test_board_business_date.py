"""The housekeeping board reads the hotel's business date, like the front desk's lists: after an
early night audit (the date already rolled before midnight) or a late one (not rolled yet after
midnight) the calendar date is another day, and the board must still agree with the desk."""

from __future__ import annotations

import sys
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reservations"))
from res_support import BACKENDS, booking, make_hotel  # noqa: E402
from staff_support import DESK, SUPERVISOR, run_as  # noqa: E402

import core.housekeeping  # noqa: E402,F401  (registers the check-out hook)
from core.actor import Actor  # noqa: E402
from core.frontdesk.services import today_board  # noqa: E402
from core.housekeeping import services as hk  # noqa: E402
from core.housekeeping.board import room_board  # noqa: E402
from core.housekeeping.schemas import AssignRooms  # noqa: E402
from core.properties.models import get_settings_row  # noqa: E402
from core.reservations.assignment import assign_room  # noqa: E402
from core.reservations.lifecycle import check_in  # noqa: E402
from core.reservations.services import create_booking  # noqa: E402
from core.timeutil import travel_to  # noqa: E402


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _book(hotel, rt, room_id, arrival, nights, *, arrive: bool):
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, arrival, arrival + timedelta(days=nights))
                             ).reservations[0]
        if arrive:
            check_in(uow, res.id, room_id=room_id, room_ready=lambda _room: True)
        else:
            assign_room(uow, res.id, room_id)
        uow.commit()
    return res.id


def _desk_answer(hotel, rooms):
    """{room: (occupied, due out, due in)} as the front desk's Today lists say it."""
    with hotel.uow(DESK, write=False) as uow:
        board = today_board(uow)
    leaving = {r.id for r in board.departures if r.status == "checked_in"}
    staying = {r.id for r in board.in_house}
    coming = {r.id for r in board.arrivals if r.status != "checked_in"}
    return board.day, {room: (rid in staying | leaving, rid in leaving, rid in coming)
                       for rid, room in rooms.items()}


def _board_answer(hotel, rooms, on=None):
    with hotel.uow(SUPERVISOR, write=False) as uow:
        rows = {r.room_id: r for r in room_board(uow, on=on)}
    return {room: (rows[room].occupied, rows[room].departure_today, rows[room].arrival_today)
            for room in rooms.values()}


@pytest.mark.parametrize("audit", ["early", "late"])
def test_the_board_follows_the_business_date_not_the_calendar(hotel, audit):
    today = hotel.today
    rt = hotel.room_type(rooms=3)
    leaving_room, staying_room, coming_room = rt.rooms
    rooms = {_book(hotel, rt, leaving_room, today, 1, arrive=True): leaving_room,
             _book(hotel, rt, staying_room, today, 3, arrive=True): staying_room,
             _book(hotel, rt, coming_room, today + timedelta(days=1), 1, arrive=False):
             coming_room}
    business = today + timedelta(days=1)
    with hotel.uow(Actor.system()) as uow:  # the audit of `today` has run
        settings = get_settings_row(uow.session)
        tz, settings.business_date = ZoneInfo(settings.timezone), business
        uow.session.add(settings)
        uow.commit()
    # Early: the audit ran at 23:30 and the date rolled before midnight. Late: it is 01:30 two
    # calendar days on and the next audit has not run yet, so the desk still works `business`.
    clock = (datetime.combine(today, time(23, 30), tz) if audit == "early"
             else datetime.combine(today + timedelta(days=2), time(1, 30), tz))
    expected = {leaving_room: (True, True, False),  # in house, due out on the business date
                staying_room: (True, False, False),
                coming_room: (False, False, True)}
    try:
        with travel_to(clock):
            day, desk = _desk_answer(hotel, rooms)
            assert day == business and desk == expected
            assert _board_answer(hotel, rooms) == expected
            # What the board said when it read the calendar date: a stay-over (early) or a
            # vacant room (late) where the desk has a guest due out.
            calendar = _board_answer(hotel, rooms, on=clock.date())
            assert calendar[leaving_room] == ((True, False, False) if audit == "early"
                                              else (False, False, False))
            board = {r.room_id: r for r in run_as(hotel, SUPERVISOR, room_board)}
            assert board[leaving_room].label == "Occupied clean"

            # The day's cleaning plan is the business date's, with the desk's departures.
            tasks = run_as(hotel, SUPERVISOR, hk.assign_rooms,
                           AssignRooms(room_ids=[leaving_room, staying_room]))
            assert {(t.room_id, t.kind, t.work_date) for t in tasks} == {
                (leaving_room, "departure", business), (staying_room, "stay_over", business)}
            listed, _ = run_as(hotel, SUPERVISOR, hk.list_tasks)
            assert {t.id for t in tasks} <= {t.id for t in listed}
            board = {r.room_id: r for r in run_as(hotel, SUPERVISOR, room_board)}
            assert board[leaving_room].task is not None
    finally:
        with hotel.uow(Actor.system()) as uow:
            settings = get_settings_row(uow.session)
            settings.business_date = None
            uow.session.add(settings)
            uow.commit()
