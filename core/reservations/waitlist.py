"""The waitlist: guests waiting for sold-out dates are offered a room when units free up."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict
from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.errors import NotFound
from core.guests.schemas import GuestCreate
from core.guests.services import find_or_create_guest
from core.idempotency.services import idempotent
from core.inventory.services import availability
from core.reservations import rules
from core.reservations.models import WaitlistEntry, WaitlistStatus
from core.timeutil import utcnow


class WaitlistPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    guest_id: uuid.UUID
    room_type_id: uuid.UUID
    arrival: date
    departure: date
    adults: int
    children_ages: list[int]
    status: str


def join_waitlist(uow: UnitOfWork, guest: GuestCreate, room_type_id: uuid.UUID, arrival: date,
                  departure: date, adults: int = 2, children_ages: list[int] | None = None, *,
                  idempotency_key: str | None = None) -> WaitlistPublic:
    """Put a guest on the waitlist for a room type and dates (usually when they are sold out)."""
    uow.actor.require("reservations.create")
    request = {"guest": guest, "room_type_id": room_type_id, "arrival": arrival,
               "departure": departure, "adults": adults, "children_ages": children_ages}
    return idempotent(uow, "waitlist.join", idempotency_key, request,
                      lambda: _join(uow, guest, room_type_id, arrival, departure, adults,
                                    children_ages), WaitlistPublic)


def _join(uow: UnitOfWork, guest: GuestCreate, room_type_id: uuid.UUID, arrival: date,
          departure: date, adults: int, children_ages: list[int] | None) -> WaitlistPublic:
    from core.properties.models import RoomType, get_settings_row
    from core.timeutil import local_today

    rules.validate_stay(arrival, departure, adults, children_ages or [],
                        today=local_today(get_settings_row(uow.session).timezone))
    if uow.session.get(RoomType, room_type_id) is None:
        raise NotFound("Room type not found.", fields={"room_type_id": "no such room type"},
                       code="room_type_not_found")
    entry = WaitlistEntry(guest_id=find_or_create_guest(uow, guest), room_type_id=room_type_id,
                          arrival=arrival, departure=departure, adults=adults,
                          children_ages=children_ages or [])
    uow.session.add(entry)
    uow.session.flush()
    uow.record_event("waitlist", "waitlist.joined", entry.id,
                     {"room_type_id": room_type_id, "arrival": arrival, "departure": departure})
    return WaitlistPublic.model_validate(entry)


def offer_waitlist(uow: UnitOfWork, room_type_id: uuid.UUID, start: date,
                   end: date) -> list[WaitlistPublic]:
    """Units of a type freed up over [start, end): offer them to waiting guests, first come first
    served, as many as are now sellable for each guest's whole stay. An offer holds nothing: the
    guest still books (and may find it gone); the event lets the notifier tell them."""
    waiting = uow.session.exec(select(WaitlistEntry).where(
        WaitlistEntry.room_type_id == room_type_id,
        WaitlistEntry.status == WaitlistStatus.waiting.value,
        WaitlistEntry.arrival < end, WaitlistEntry.departure >= start)
        .order_by(col(WaitlistEntry.created_at), col(WaitlistEntry.id))).all()
    offered: list[WaitlistPublic] = []
    promised: dict[tuple[date, date], int] = {}
    for entry in waiting:
        stay = (entry.arrival, entry.departure)
        units = availability(uow, [room_type_id], *stay)[room_type_id] - promised.get(stay, 0)
        if units <= 0:
            continue
        promised[stay] = promised.get(stay, 0) + 1
        entry.status, entry.offered_at = WaitlistStatus.offered.value, utcnow()
        uow.session.add(entry)
        uow.record_event("waitlist", "waitlist.offered", entry.id, {
            "guest_id": entry.guest_id, "room_type_id": room_type_id, "arrival": entry.arrival,
            "departure": entry.departure})
        offered.append(WaitlistPublic.model_validate(entry))
    uow.session.flush()
    return offered
