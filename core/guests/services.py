"""Guest use cases: find a returning guest or create a profile."""

from __future__ import annotations

import uuid

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


def find_or_create_guest(uow: UnitOfWork, data: GuestCreate) -> Guest:
    """Reuse the profile with the same email (updating name and phone), else create one."""
    clean = clean_guest(data)
    guest = None
    if clean.email:
        guest = uow.session.exec(select(Guest).where(Guest.email == clean.email)
                                 .order_by(col(Guest.created_at))).first()
    if guest is None:
        guest = Guest(**clean.model_dump())
    else:
        guest.first_name = clean.first_name or guest.first_name
        guest.last_name = clean.last_name
        guest.phone = clean.phone or guest.phone
        guest.updated_at = utcnow()
    uow.session.add(guest)
    uow.session.flush()
    return guest
