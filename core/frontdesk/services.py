"""Front-desk read use cases: each checks the caller may see reservations, then reads in one UoW."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.frontdesk import rules
from core.frontdesk.room_status import room_statuses
from core.frontdesk.rows import add_rooms, desk_rows
from core.frontdesk.schemas import (
    ChartBar,
    ChartRow,
    SearchHit,
    TapeChart,
    TodayBoard,
    TodayCounts,
)
from core.guests.models import Guest
from core.inventory.models import RoomStay
from core.properties.models import Room, RoomType
from core.reservations.lists import list_reservations
from core.reservations.models import Reservation
from core.reservations.models import ReservationStatus as S

LIST_CAP = 500  # the Today lists show at most this many rows each (a 500-room hotel's worst day)


def business_day(uow: UnitOfWork) -> date:
    from core.folio.services import business_date

    return business_date(uow)


def today_board(uow: UnitOfWork, day: date | None = None) -> TodayBoard:
    """Arrivals, departures, in-house, stay-overs and no-shows of a day, with the counts."""
    uow.actor.require("reservations.view")
    day = day or business_day(uow)
    live = [S.hold.value, S.confirmed.value]
    arrivals = desk_rows(uow, arrival=day, status=live + [S.checked_in.value], rooms=False,
                         limit=LIST_CAP)
    departures = desk_rows(uow, departure=day, status=[S.checked_in.value, S.checked_out.value],
                           rooms=False, limit=LIST_CAP)
    in_house = desk_rows(uow, in_house_on=day, rooms=False, limit=LIST_CAP)
    stay_overs = [r for r in in_house if rules.stay_over(r.arrival, r.departure, day)]
    # Overdue arrivals not yet marked, and today's marked no-shows: the no-show work list.
    overdue = desk_rows(uow, status=live, arrival_before=day, rooms=False, limit=LIST_CAP)
    marked = desk_rows(uow, arrival=day, status=[S.no_show.value], rooms=False, limit=LIST_CAP)
    add_rooms(uow, [(arrivals, None), (departures, day - timedelta(days=1)), (in_house, day),
                    (overdue, None), (marked, None)])
    rooms = uow.session.exec(select(func.count()).select_from(Room)
                             .where(col(Room.active).is_(True))).one()
    ooo = uow.session.exec(select(func.count(func.distinct(RoomStay.room_id))).where(
        RoomStay.kind == "out_of_order", RoomStay.start_date <= day,
        RoomStay.end_date > day)).one()
    statuses: dict[str, int] = {}
    for status in room_statuses(uow).values():
        statuses[status] = statuses.get(status, 0) + 1
    occupied = len(in_house)
    counts = TodayCounts(
        arrivals=len([a for a in arrivals if a.status != S.checked_in.value]),
        departures=len([d for d in departures if d.status == S.checked_in.value]),
        in_house=occupied, stay_overs=len(stay_overs), no_shows=len(overdue) + len(marked),
        rooms=rooms, out_of_order=ooo, occupied=occupied,
        occupancy_percent=rules.occupancy_percent(occupied, rooms - ooo), room_status=statuses)
    return TodayBoard(day=day, counts=counts, arrivals=arrivals, departures=departures,
                      in_house=in_house, stay_overs=stay_overs, no_shows=overdue + marked)


def global_search(uow: UnitOfWork, query: str, limit: int = 10) -> list[SearchHit]:
    """Guests by name or email, bookings by reference, rooms by number."""
    uow.actor.require("reservations.view")
    query = (query or "").strip()
    if len(query) < 2:
        return []
    hits: list[SearchHit] = []
    for room in uow.session.exec(select(Room).where(Room.number == query)).all():
        hits.append(SearchHit(kind="room", id=room.id, title=f"Room {room.number}",
                              detail="on the tape chart"))
    items, _ = list_reservations(uow, query=query, limit=limit)
    for r in items:
        hits.append(SearchHit(kind="reservation", id=r.id, title=f"{r.guest_name} · {r.reference}",
                              detail=f"{r.arrival:%d %b} → {r.departure:%d %b} · "
                                     f"{r.status.replace('_', ' ')}"))
    return hits[:limit]


def tape_chart(uow: UnitOfWork, start: date, days: int = 14) -> TapeChart:
    """Rooms × days with stays as bars, and reservations in the window that have no room yet."""
    uow.actor.require("reservations.view")
    days = rules.check_span(days)
    end = start + timedelta(days=days)
    types = dict(uow.session.exec(select(RoomType.id, RoomType.name)).all())
    room_status = room_statuses(uow)
    bars: dict[uuid.UUID, list[ChartBar]] = {}
    for (stay_id, room_id, kind, rid, s_start, s_end, reason, first, last,
         status) in uow.session.exec(
            select(  # type: ignore[call-overload]  # >4 columns: no typed overload
                   RoomStay.id, RoomStay.room_id, RoomStay.kind, RoomStay.reservation_id,
                   RoomStay.start_date, RoomStay.end_date, RoomStay.reason, Guest.first_name,
                   Guest.last_name, Reservation.status)
            .outerjoin(Reservation, col(Reservation.id) == RoomStay.reservation_id)
            .outerjoin(Guest, col(Guest.id) == Reservation.guest_id)
            .where(RoomStay.start_date < end, RoomStay.end_date > start)
            .order_by(RoomStay.start_date)).all():
        place = rules.place_bar(s_start, s_end, start, days)
        if place is None:
            continue
        label = f"{first or ''} {last or ''}".strip() if rid else (reason or "Out of order")
        bars.setdefault(room_id, []).append(ChartBar(
            room_stay_id=stay_id, reservation_id=rid, kind=kind, label=label,
            status=(status or "") if rid else "out_of_order", first_column=place.first_column,
            span=place.span, start_date=s_start, end_date=s_end))
    rooms = uow.session.exec(select(Room.id, Room.number, Room.room_type_id)
                             .where(col(Room.active).is_(True))).all()
    rows = [ChartRow(room_id=rid, number=number, room_type=types.get(rt, ""),
                     room_status=room_status.get(rid, ""), bars=bars.get(rid, []))
            for rid, number, rt in sorted(rooms, key=lambda r: r[1].zfill(8))]
    unassigned = desk_rows(uow, status=[S.hold.value, S.confirmed.value],
                           overlapping=(start, end), unassigned=True, limit=LIST_CAP)
    return TapeChart(start=start, days=[start + timedelta(days=i) for i in range(days)],
                     rows=rows, unassigned=unassigned)


def room_types(uow: UnitOfWork) -> list[tuple[uuid.UUID, str]]:
    uow.actor.require("reservations.view")
    return list(uow.session.exec(select(RoomType.id, RoomType.name).where(
        col(RoomType.active).is_(True)).order_by(col(RoomType.sort_order), col(RoomType.name))).all())


def find_reservations(uow: UnitOfWork, **filters):
    """The reservations list with its filters (see core.reservations.lists.list_reservations)."""
    uow.actor.require("reservations.view")
    return list_reservations(uow, **filters)
