"""Guest use cases: find a returning guest or create a profile."""

from __future__ import annotations

import uuid

from sqlalchemy import bindparam, func
from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.errors import NotFound
from core.guests.models import Guest
from core.guests.rules import clean_guest
from core.guests.schemas import GuestCreate
from core.timeutil import utcnow


def get_guest(uow: UnitOfWork, guest_id: uuid.UUID) -> Guest:
    guest = uow.session.get(Guest, guest_id)
    if guest is None:
        raise NotFound("Guest not found.", fields={"guest_id": "no such guest"},
                       code="guest_not_found")
    return guest


# Every booking made with guest details runs this (built once: building it cost more app CPU
# than running it).
_RETURNING_GUEST = select(Guest).where(
    Guest.email == bindparam("b_email"),
    func.lower(Guest.last_name) == bindparam("b_last_name")).order_by(col(Guest.created_at))


def find_or_create_guest(uow: UnitOfWork, data: GuestCreate) -> Guest:
    """Reuse the profile with the same email and last name, else create one.

    Matching on the name too means a booking made with someone else's email never renames or
    edits their profile; a returning guest only fills in what their profile lacked.
    """
    clean = clean_guest(data)
    guest = None
    if clean.email:
        guest = uow.session.execute(_RETURNING_GUEST, {
            "b_email": clean.email, "b_last_name": clean.last_name.lower()}).scalars().first()
    if guest is None:
        guest = Guest(**clean.model_dump())
    elif (not guest.first_name and clean.first_name) or (not guest.phone and clean.phone):
        guest.first_name = guest.first_name or clean.first_name
        guest.phone = guest.phone or clean.phone
        guest.updated_at = utcnow()
    uow.session.add(guest)
    uow.session.flush()
    return guest
