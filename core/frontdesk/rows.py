"""Light reservation rows for desk screens: only the columns a list shows, one query per list.

core.reservations.lists builds full public reservations (price snapshots, policies) per row,
which is right for the API but costs ~1 ms a row; the Today board and tape chart show hundreds of
rows several times a second while live, so they read these instead.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.guests.models import Guest
from core.inventory.models import RoomStay
from core.properties.models import Room
from core.reservations.lists import filter_reservations
from core.reservations.models import Booking, Reservation


@dataclass
class DeskRow:
    id: uuid.UUID
    reference: str
    guest_name: str
    arrival: date
    departure: date
    status: str
    channel: str
    total: Decimal
    currency: str
    adults: int
    room_number: str | None = None


_COLUMNS = (Reservation.id, Booking.reference, Guest.first_name, Guest.last_name,
            Reservation.arrival, Reservation.departure, Reservation.status, Reservation.channel,
            Reservation.total, Reservation.currency, Reservation.adults)


def desk_rows(uow: UnitOfWork, *, arrival: date | None = None, departure: date | None = None,
              in_house_on: date | None = None, status: list[str] | None = None,
              arrival_before: date | None = None, overlapping: tuple[date, date] | None = None,
              unassigned: bool = False, room_on: date | None = None, rooms: bool = True,
              limit: int = 500) -> list[DeskRow]:
    """Rows matching every filter (core.reservations.lists.filter_reservations, plus
    `unassigned`: no room yet), by arrival then guest name; room numbers as of `room_on`
    (default: the arrival, or the night of `in_house_on`). rooms=False leaves room numbers to a
    later add_rooms() call that serves several lists with one query."""
    stmt = filter_reservations(
        select(*_COLUMNS)  # type: ignore[call-overload]  # >4 columns: no typed overload
        .join(Booking, col(Booking.id) == Reservation.booking_id)
        .join(Guest, col(Guest.id) == Reservation.guest_id),
        arrival=arrival, departure=departure, in_house_on=in_house_on, status=status,
        arrival_before=arrival_before, overlapping=overlapping)
    if unassigned:
        stmt = stmt.where(col(Reservation.id).not_in(
            select(RoomStay.reservation_id).where(col(RoomStay.reservation_id).is_not(None))))
    rows = uow.session.exec(stmt.order_by(Reservation.arrival, Guest.last_name, Reservation.id)
                            .limit(limit)).all()
    out = [DeskRow(id=r[0], reference=r[1], guest_name=f"{r[2]} {r[3]}".strip(), arrival=r[4],
                   departure=r[5], status=r[6], channel=r[7], total=r[8], currency=r[9],
                   adults=r[10]) for r in rows]
    if rooms:
        add_rooms(uow, [(out, room_on or in_house_on)])
    return out


def add_rooms(uow: UnitOfWork, lists: list[tuple[list[DeskRow], date | None]]) -> None:
    """Each row's room: the leg covering its list's day (else its arrival), else its first or
    last leg. One query for all the lists."""
    ids = list({r.id for rows, _ in lists for r in rows})
    if not ids:
        return
    legs: dict[uuid.UUID | None, list[tuple[date, date, str]]] = {}
    for rid, start, end, number in uow.session.exec(
            select(col(RoomStay.reservation_id), col(RoomStay.start_date),
                   col(RoomStay.end_date), col(Room.number))
            .join(Room, col(Room.id) == RoomStay.room_id)
            .where(col(RoomStay.reservation_id).in_(ids))
            .order_by(col(RoomStay.start_date))).all():
        legs.setdefault(rid, []).append((start, end, number))
    for rows, on in lists:
        for row in rows:
            mine = legs.get(row.id)
            if not mine:
                continue
            day = on or row.arrival
            covering = [n for s, e, n in mine if s <= day < e]
            row.room_number = covering[0] if covering else (
                mine[0][2] if day < mine[0][0] else mine[-1][2])
