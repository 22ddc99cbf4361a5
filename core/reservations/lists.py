"""Front-desk lists: arrivals, departures, in-house guests, search, and the room rack."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, or_
from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.guests.models import Guest
from core.inventory.models import RoomStay
from core.properties.models import Room
from core.reservations.models import Booking, Reservation
from core.reservations.models import ReservationStatus as S
from core.reservations.queries import current_room
from core.reservations.schemas import ReservationPublic

MAX_PAGE = 500


class ReservationListItem(ReservationPublic):
    reference: str
    guest_name: str
    room_number: str | None = None


class RackStay(BaseModel):
    room_stay_id: uuid.UUID
    kind: str  # "stay" | "out_of_order"
    reservation_id: uuid.UUID | None
    start_date: date
    end_date: date
    label: str  # the guest's name, or the out-of-order reason


class RackRow(BaseModel):
    room_id: uuid.UUID
    number: str
    room_type_id: uuid.UUID
    stays: list[RackStay]


def filter_reservations(stmt: Any, *, arrival: date | None = None,
                        departure: date | None = None, in_house_on: date | None = None,
                        status: list[str] | None = None, query: str | None = None,
                        arrival_from: date | None = None, arrival_to: date | None = None,
                        arrival_before: date | None = None,
                        departure_from: date | None = None, departure_to: date | None = None,
                        overlapping: tuple[date, date] | None = None,
                        room_type_id: uuid.UUID | None = None, channel: str | None = None,
                        ids: list[uuid.UUID] | None = None) -> Any:
    """Apply the front-desk filters to a select over Reservation joined with Booking and Guest.

    arrival/departure: that exact date (today's arrivals, departures); in_house_on: checked in
    and staying that night; query: part of the guest's name or email, or the booking reference;
    arrival_from/arrival_to (departure_from/departure_to): arrivals (departures) in that range
    (inclusive); arrival_before: earlier arrivals; overlapping: stays touching [start, end).
    """
    r = Reservation
    conditions = []
    if arrival is not None:
        conditions.append(col(r.arrival) == arrival)
    if departure is not None:
        conditions.append(col(r.departure) == departure)
    if in_house_on is not None:
        conditions += [col(r.status) == S.checked_in.value, col(r.arrival) <= in_house_on,
                       or_(col(r.departure) > in_house_on, col(r.departure) == col(r.arrival))]
    if status:
        conditions.append(col(r.status).in_(status))
    for value, clause in ((arrival_from, lambda v: col(r.arrival) >= v),
                          (arrival_to, lambda v: col(r.arrival) <= v),
                          (arrival_before, lambda v: col(r.arrival) < v),
                          (departure_from, lambda v: col(r.departure) >= v),
                          (departure_to, lambda v: col(r.departure) <= v),
                          (room_type_id, lambda v: col(r.room_type_id) == v),
                          (channel or None, lambda v: col(r.channel) == v),
                          (ids, lambda v: col(r.id).in_(v))):
        if value is not None:
            conditions.append(clause(value))
    if overlapping is not None:
        conditions += [col(r.arrival) < overlapping[1], col(r.departure) > overlapping[0]]
    if query and query.strip():
        like = f"%{query.strip().lower()}%"
        conditions.append(or_(func.lower(Guest.last_name).like(like),
                              func.lower(Guest.first_name).like(like),
                              func.lower(Guest.email).like(like),
                              col(Booking.reference) == query.strip().upper()))
    return stmt.where(*conditions) if conditions else stmt


def list_reservations(uow: UnitOfWork, *, limit: int = 100, offset: int = 0,
                      **filters: Any) -> tuple[list[ReservationListItem], int]:
    """Reservations matching every filter (see `filter_reservations`), by arrival then guest
    name, and the total."""
    stmt = filter_reservations(
        select(Reservation, Booking.reference, Guest.first_name, Guest.last_name)
        .join(Booking, col(Booking.id) == col(Reservation.booking_id))
        .join(Guest, col(Guest.id) == col(Reservation.guest_id)), **filters)
    total = uow.session.exec(select(func.count()).select_from(stmt.subquery())).one()
    rows = uow.session.exec(stmt.order_by(col(Reservation.arrival), col(Guest.last_name),
                                          col(Reservation.id))
                            .offset(max(offset, 0)).limit(min(max(limit, 1), MAX_PAGE))).all()
    legs = _legs(uow, [r.id for r, *_ in rows])
    numbers = _room_numbers(uow, {leg.room_id for ls in legs.values() for leg in ls})
    items = []
    on = filters.get("in_house_on") or filters.get("arrival")
    for res, reference, first, last in rows:
        room_id = current_room(legs.get(res.id, []), on)
        item = ReservationListItem.model_validate(
            {**ReservationPublic.model_validate(res).model_dump(), "room_id": room_id,
             "reference": reference, "guest_name": f"{first} {last}".strip(),
             "room_number": numbers.get(room_id) if room_id else None})
        items.append(item)
    return items, total


def _legs(uow: UnitOfWork, reservation_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[RoomStay]]:
    out: dict[uuid.UUID, list[RoomStay]] = {}
    if reservation_ids:
        for leg in uow.session.exec(select(RoomStay).where(
                col(RoomStay.reservation_id).in_(reservation_ids)).order_by(col(RoomStay.start_date))):
            if leg.reservation_id is not None:
                out.setdefault(leg.reservation_id, []).append(leg)
    return out


def _room_numbers(uow: UnitOfWork, room_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not room_ids:
        return {}
    return dict(uow.session.exec(select(Room.id, Room.number).where(col(Room.id).in_(room_ids))).all())


def room_rack(uow: UnitOfWork, start: date, end: date) -> list[RackRow]:
    """The tape chart: every active room and what occupies it over [start, end)."""
    rooms = uow.session.exec(select(Room).where(col(Room.active).is_(True))
                             .order_by(col(Room.number))).all()
    stays = uow.session.exec(
        select(RoomStay, Guest.first_name, Guest.last_name)
        .outerjoin(Reservation, col(Reservation.id) == col(RoomStay.reservation_id))
        .outerjoin(Guest, col(Guest.id) == col(Reservation.guest_id))
        .where(RoomStay.start_date < end, RoomStay.end_date > start)
        .order_by(col(RoomStay.start_date))).all()
    by_room: dict[uuid.UUID, list[RackStay]] = {}
    for stay, first, last in stays:
        label = f"{first or ''} {last or ''}".strip() if stay.reservation_id else (
            stay.reason or "Out of order")
        by_room.setdefault(stay.room_id, []).append(RackStay(
            room_stay_id=stay.id, kind=stay.kind, reservation_id=stay.reservation_id,
            start_date=stay.start_date, end_date=stay.end_date, label=label))
    return [RackRow(room_id=r.id, number=r.number, room_type_id=r.room_type_id,
                    stays=by_room.get(r.id, [])) for r in rooms]
