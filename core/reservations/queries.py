"""Reading reservations: by id or reference, their current room, and their public shapes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.inventory.models import RoomStay
from core.reservations.errors import BookingNotFound, ReservationNotFound
from core.reservations.models import Booking, Reservation
from core.reservations.rules import normalise_reference
from core.reservations.schemas import BookingPublic, ReservationPublic


def get_reservation(uow: UnitOfWork, reservation_id: uuid.UUID, *,
                    for_update: bool = False) -> Reservation:
    stmt = select(Reservation).where(Reservation.id == reservation_id)
    if for_update:
        stmt = stmt.execution_options(populate_existing=True)
        if uow.dialect == "postgresql":
            stmt = stmt.with_for_update()
    res = uow.session.exec(stmt).first()
    if res is None:
        raise ReservationNotFound("Reservation not found.",
                                  fields={"reservation_id": "no such reservation"})
    return res


def get_booking(uow: UnitOfWork, booking_id: uuid.UUID) -> Booking:
    booking = uow.session.get(Booking, booking_id)
    if booking is None:
        raise BookingNotFound("Booking not found.", fields={"booking_id": "no such booking"})
    return booking


def find_booking(uow: UnitOfWork, reference: str) -> Booking:
    booking = uow.session.exec(select(Booking).where(
        Booking.reference == normalise_reference(reference))).first()
    if booking is None:
        raise BookingNotFound("No booking has that reference.",
                              fields={"reference": "not found"})
    return booking


def room_legs(uow: UnitOfWork, reservation_id: uuid.UUID) -> list[RoomStay]:
    return list(uow.session.exec(select(RoomStay).where(RoomStay.reservation_id == reservation_id)
                                 .order_by(col(RoomStay.start_date))).all())


def current_room(legs: list[RoomStay], on: date | None = None) -> uuid.UUID | None:
    """The room of the leg covering `on` (default: the last leg; before arrival, the first)."""
    if not legs:
        return None
    if on is not None:
        for leg in legs:
            if leg.start_date <= on < leg.end_date:
                return leg.room_id
        return legs[0].room_id if on < legs[0].start_date else legs[-1].room_id
    return legs[-1].room_id


def reservation_public(uow: UnitOfWork, res: Reservation, on: date | None = None, *,
                       new: bool = False) -> ReservationPublic:
    public = ReservationPublic.model_validate(res)
    public.room_id = None if new else current_room(room_legs(uow, res.id), on)
    return public


def booking_public(uow: UnitOfWork, booking: Booking,
                   reservations: list[Reservation] | None = None, *,
                   new: bool = False) -> BookingPublic:
    """`new`: the booking was made in this transaction, so no room is assigned yet."""
    if reservations is None:
        reservations = list(uow.session.exec(
            select(Reservation).where(Reservation.booking_id == booking.id)
            .order_by(col(Reservation.created_at), col(Reservation.id))).all())
    return public_booking(booking, [reservation_public(uow, r, new=new) for r in reservations])


def public_booking(booking: Any, items: list[ReservationPublic]) -> BookingPublic:
    """A booking's public shape from its columns (a row or an object) and its reservations'."""
    currency = items[0].currency if items else ""
    return BookingPublic(id=booking.id, reference=booking.reference, guest_id=booking.guest_id,
                         channel=booking.channel, total=sum((r.total for r in items), start=0),
                         currency=currency, reservations=items)
