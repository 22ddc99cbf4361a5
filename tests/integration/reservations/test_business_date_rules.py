"""The reservations engine judges check-in, early check-out and no-show on the business date, the
day of the front desk's Today lists: after an early night audit (the date rolled before midnight)
or a late one (not rolled yet after midnight) the calendar date is another day, and the engine
must not refuse what the desk's lists show as due (or call a departure early that is not)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from res_support import BACKENDS, booking, make_hotel
from staff_support import DESK

from core.actor import Actor
from core.frontdesk.services import today_board
from core.properties.models import get_settings_row
from core.reservations.errors import TooEarlyToCheckIn
from core.reservations.lifecycle import check_in, check_out, mark_no_show
from core.reservations.queries import get_reservation
from core.reservations.services import create_booking
from core.timeutil import travel_to


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


@pytest.fixture
def audit_day(hotel):
    """Set the business date (as the night audit does); put it back to unset afterwards."""
    def roll(day: date | None) -> ZoneInfo:
        with hotel.uow(Actor.system()) as uow:
            settings = get_settings_row(uow.session)
            settings.business_date = day
            uow.session.add(settings)
            uow.commit()
            return ZoneInfo(settings.timezone)

    yield roll
    roll(None)


def _clock(audit: str, business: date, tz: ZoneInfo) -> datetime:
    """Early: the audit of the day before ran at 23:30 and rolled to `business` before midnight.
    Late: it is 01:30 the calendar day after `business` and its audit has not run yet."""
    return (datetime.combine(business - timedelta(days=1), time(23, 30), tz) if audit == "early"
            else datetime.combine(business + timedelta(days=1), time(1, 30), tz))


def _book(hotel, rt, arrival: date, departure: date):
    with hotel.uow(DESK) as uow:
        res = create_booking(uow, booking(rt, arrival, departure)).reservations[0]
        uow.commit()
    return res.id


def _stay(hotel, res_id):
    with hotel.uow(DESK, write=False) as uow:
        return get_reservation(uow, res_id)


@pytest.mark.parametrize("audit", ["early", "late"])
def test_a_guest_due_in_on_the_business_date_checks_in(hotel, audit_day, audit):
    rt = hotel.room_type(rooms=2)
    business = hotel.today + timedelta(days=1)
    rid = _book(hotel, rt, business, business + timedelta(days=1))
    clock = _clock(audit, business, audit_day(business))
    with travel_to(clock):
        with hotel.uow(DESK, write=False) as uow:
            assert rid in {r.id for r in today_board(uow).arrivals}  # the desk shows them due
        # The calendar said "not arriving until tomorrow" (early) or "the stay is over" (late).
        with hotel.uow(DESK) as uow:
            if audit == "early":  # the business date's check-in hour has not come yet
                with pytest.raises(TooEarlyToCheckIn) as refused:
                    check_in(uow, rid, room_id=rt.rooms[0], room_ready=lambda _room: False)
                assert refused.value.code == "room_not_ready"
        with hotel.uow(DESK) as uow:
            out = check_in(uow, rid, room_id=rt.rooms[0],
                           room_ready=lambda _room: audit == "early")  # late: past the hour
            uow.commit()
    assert out.status == "checked_in"


@pytest.mark.parametrize("audit", ["early", "late"])
def test_an_early_departure_is_early_only_against_the_business_date(hotel, audit_day, audit):
    rt = hotel.room_type(rooms=2)
    arrival = hotel.today + timedelta(days=1)
    due_out = _book(hotel, rt, arrival, arrival + timedelta(days=2))  # leaves on day 2
    staying = _book(hotel, rt, arrival, arrival + timedelta(days=3))  # leaves on day 3
    tz = audit_day(arrival)
    with travel_to(datetime.combine(arrival, time(16, 0), tz)):
        for rid, room in ((due_out, rt.rooms[0]), (staying, rt.rooms[1])):
            with hotel.uow(DESK) as uow:
                check_in(uow, rid, room_id=room, room_ready=lambda _room: True)
                uow.commit()
    # The desk works day 2. Early (23:30 on day 1): the calendar called the day-2 departure
    # early and gave back night 1, already audited. Late (01:30 on day 3): the calendar called
    # the day-3 departure on time, though day 2's audit posts no night to a checked-out guest:
    # that night goes back, as the desk's lists (due out: day 2 only) say.
    business = arrival + timedelta(days=2)
    audit_day(business)
    with travel_to(_clock(audit, business, tz)):
        with hotel.uow(DESK, write=False) as uow:
            departures = {r.id for r in today_board(uow).departures}
        assert departures & {due_out, staying} == {due_out}
        for rid in (due_out, staying):
            with hotel.uow(DESK) as uow:
                check_out(uow, rid)
                uow.commit()
    assert _stay(hotel, due_out).departure == business  # on time: nothing given back
    assert _stay(hotel, staying).departure == business  # one night early: night 2 given back


def test_a_no_show_is_possible_from_the_business_date_on(hotel, audit_day):
    """Early audit: the business date is the arrival day before the calendar is."""
    rt = hotel.room_type(rooms=1)
    business = hotel.today + timedelta(days=1)
    rid = _book(hotel, rt, business, business + timedelta(days=1))
    with travel_to(_clock("early", business, audit_day(business))):
        with hotel.uow(DESK) as uow:
            assert mark_no_show(uow, rid).status == "no_show"
            uow.commit()
