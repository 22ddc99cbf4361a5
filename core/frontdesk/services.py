"""Front-desk read use cases: each checks the caller may see reservations, then reads in one UoW."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import select

from core.db.uow import UnitOfWork
from core.frontdesk import rules
from core.frontdesk.room_status import room_statuses
from core.frontdesk.schemas import (
    ChartBar,
    ChartRow,
    SearchHit,
    TapeChart,
    TodayBoard,
    TodayCounts,
)
from core.inventory.models import RoomStay
from core.properties.models import Room, RoomType
from core.reservations.lists import list_reservations, room_rack
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
    arrivals, _ = list_reservations(uow, arrival=day, status=live + [S.checked_in.value],
                                    limit=LIST_CAP)
    departures, _ = list_reservations(uow, departure=day,
                                      status=[S.checked_in.value, S.checked_out.value],
                                      limit=LIST_CAP)
    in_house, _ = list_reservations(uow, in_house_on=day, limit=LIST_CAP)
    stay_overs = [r for r in in_house if rules.stay_over(r.arrival, r.departure, day)]
    # Overdue arrivals not yet marked, and today's marked no-shows: the no-show work list.
    overdue, _ = list_reservations(uow, status=live, limit=LIST_CAP,
                                   arrival_before=day)
    marked, _ = list_reservations(uow, arrival=day, status=[S.no_show.value], limit=LIST_CAP)
    rooms = uow.session.exec(select(func.count()).select_from(Room)
                             .where(Room.active.is_(True))).one()
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
    rack = room_rack(uow, start, end)
    types = dict(uow.session.exec(select(RoomType.id, RoomType.name)).all())
    res_ids = {s.reservation_id for row in rack for s in row.stays if s.reservation_id}
    status_of = dict(uow.session.exec(select(Reservation.id, Reservation.status).where(
        Reservation.id.in_(res_ids))).all()) if res_ids else {}
    room_status = room_statuses(uow)
    rows = []
    for row in rack:
        bars = []
        for s in row.stays:
            place = rules.place_bar(s.start_date, s.end_date, start, days)
            if place is None:
                continue
            status = status_of.get(s.reservation_id, "") if s.reservation_id else "out_of_order"
            bars.append(ChartBar(room_stay_id=s.room_stay_id, reservation_id=s.reservation_id,
                                 kind=s.kind, label=s.label, status=status,
                                 first_column=place.first_column, span=place.span,
                                 start_date=s.start_date, end_date=s.end_date))
        rows.append(ChartRow(room_id=row.room_id, number=row.number,
                             room_type=types.get(row.room_type_id, ""),
                             room_status=room_status.get(row.room_id, ""), bars=bars))
    return TapeChart(start=start, days=[start + timedelta(days=i) for i in range(days)],
                     rows=rows, unassigned=_unassigned(uow, start, end))


def _unassigned(uow: UnitOfWork, start: date, end: date):
    assigned = select(RoomStay.reservation_id).where(RoomStay.reservation_id.is_not(None))
    ids = uow.session.exec(select(Reservation.id).where(
        Reservation.status.in_([S.hold.value, S.confirmed.value]),
        Reservation.arrival < end, Reservation.departure > start,
        Reservation.id.not_in(assigned)).limit(LIST_CAP)).all()
    if not ids:
        return []
    items, _ = list_reservations(uow, ids=list(ids), limit=LIST_CAP)
    return items


def room_types(uow: UnitOfWork) -> list[tuple[uuid.UUID, str]]:
    uow.actor.require("reservations.view")
    return list(uow.session.exec(select(RoomType.id, RoomType.name).where(
        RoomType.active.is_(True)).order_by(RoomType.sort_order, RoomType.name)).all())


def find_reservations(uow: UnitOfWork, **filters):
    """The reservations list with its filters (see core.reservations.lists.list_reservations)."""
    uow.actor.require("reservations.view")
    return list_reservations(uow, **filters)
