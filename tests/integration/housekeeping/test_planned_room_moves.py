"""A room move planned for a later day dirties the old room when the night audit rolls the
business date to that day, once, and not again for a move whose room was dirtied when recorded."""

from __future__ import annotations

import sys
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reservations"))
from res_support import BACKENDS, booking, make_hotel  # noqa: E402
from staff_support import DESK, SUPERVISOR, run_as, staff  # noqa: E402

import core.housekeeping  # noqa: E402,F401  (registers the room-vacated hook)
from core.actor import Actor  # noqa: E402
from core.events.models import OutboxEvent  # noqa: E402
from core.housekeeping import services as hk  # noqa: E402
from core.housekeeping.board import room_board  # noqa: E402
from core.night_audit.services import run_night_audit  # noqa: E402
from core.properties.models import get_settings_row  # noqa: E402
from core.reservations.assignment import move_room  # noqa: E402
from core.reservations.lifecycle import check_in  # noqa: E402
from core.reservations.services import create_booking  # noqa: E402
from core.timeutil import travel_to  # noqa: E402

AUDITOR = staff("night_auditor", "Nina Night")


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _in_house(hotel, rt, room_id, nights=3):
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, hotel.today, hotel.today + timedelta(days=nights))
                             ).reservations[0]
        check_in(uow, res.id, room_id=room_id, room_ready=lambda _room: True)
        uow.commit()
    return res


def _row(hotel, room_id):
    with hotel.uow(SUPERVISOR, write=False) as uow:
        return next(r for r in room_board(uow) if r.room_id == room_id)


def _room_events(hotel, room_id) -> list[dict]:
    with hotel.uow(write=False) as uow:
        return [e.payload for e in uow.session.exec(
            select(OutboxEvent).where(OutboxEvent.topic == "housekeeping",
                                      OutboxEvent.type == "room_status.updated",
                                      OutboxEvent.entity_id == str(room_id))
            .order_by(OutboxEvent.id))]


def _audit(hotel, day):
    with hotel.uow(AUDITOR) as uow:
        run = run_night_audit(uow, day)
        rolled = (run.business_date, dict(run.summary))
        uow.commit()
    return rolled


def test_the_night_audit_roll_dirties_the_room_a_planned_move_leaves_once(hotel):
    rt = hotel.room_type(rooms=4)
    planned_from, planned_to, late_from, late_to = rt.rooms
    tomorrow = hotel.today + timedelta(days=1)
    planned = _in_house(hotel, rt, planned_from)
    late = _in_house(hotel, rt, late_from)
    run_as(hotel, DESK, move_room, planned.id, planned_to, on=tomorrow, reason="quieter room")
    assert _row(hotel, planned_from).label == "Occupied clean"  # tonight the guest is still here
    assert _room_events(hotel, planned_from) == []

    # The other move is made after midnight, before the audit, effective now: the engine counts
    # days by the business date (still today until the audit rolls it), so "now" is today's
    # open date. It dirties the room at once, housekeeping turns it, and the audit must not
    # send it back to dirty.
    with hotel.uow(Actor.system()) as uow:  # a hotel in service: the date today is open
        settings = get_settings_row(uow.session)
        tz, settings.business_date = ZoneInfo(settings.timezone), hotel.today
        uow.session.add(settings)
        uow.commit()
    with travel_to(datetime.combine(tomorrow, time(1, 30), tz)):
        run_as(hotel, DESK, move_room, late.id, late_to)
    assert _row(hotel, late_from).condition == "dirty"
    run_as(hotel, SUPERVISOR, hk.set_condition, late_from, "clean")
    late_events = _room_events(hotel, late_from)
    assert [e["condition"] for e in late_events] == ["dirty", "clean"]

    with travel_to(datetime.combine(tomorrow, time(2), tz)):  # the auditor closes the day
        closed, summary = _audit(hotel, hotel.today)
        assert closed == hotel.today and summary["rooms_vacated"] == 1
        with hotel.uow(write=False) as uow:
            assert get_settings_row(uow.session).business_date == tomorrow
        row = _row(hotel, planned_from)
        assert (row.occupied, row.condition, row.label) == (False, "dirty", "Vacant dirty")
        assert [e["condition"] for e in _room_events(hotel, planned_from)] == ["dirty"]
        assert _row(hotel, planned_to).label == "Occupied clean"
        assert _row(hotel, late_from).condition == "clean"
        assert _room_events(hotel, late_from) == late_events

        # Housekeeping turns the room; the audit for the same date again changes nothing.
        run_as(hotel, SUPERVISOR, hk.set_condition, planned_from, "clean")
        before = _room_events(hotel, planned_from)
        assert _audit(hotel, hotel.today) == (closed, summary)
        assert _row(hotel, planned_from).label == "Vacant clean"
        assert _room_events(hotel, planned_from) == before
