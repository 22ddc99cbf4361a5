"""Guest use cases: find a returning guest or create a profile."""

from __future__ import annotations

import uuid

from sqlalchemy import bindparam, func, select, update

from core.db.batch import Read, read
from core.db.rows import insert_of, new_row
from core.db.uow import UnitOfWork
from core.errors import DomainError, NotFound
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


# Every booking made with guest details runs these: prebuilt Core statements on the guests
# table (building a statement, or an ORM Guest and its flush, cost more app CPU than running it).
_guests = Guest.__table__  # type: ignore[attr-defined]
_RETURNING_GUEST = select(_guests.c.id, _guests.c.first_name, _guests.c.phone).where(
    _guests.c.email == bindparam("b_email"),
    func.lower(_guests.c.last_name) == bindparam("b_last_name"),
).order_by(_guests.c.created_at).limit(1)
_FILL_IN_GUEST = update(_guests).where(_guests.c.id == bindparam("b_id")).values(
    first_name=bindparam("b_first_name"), phone=bindparam("b_phone"),
    updated_at=bindparam("b_updated_at"))


def _returning_guest(clean: GuestCreate) -> Read:
    return Read(_RETURNING_GUEST, {"b_email": clean.email,
                                   "b_last_name": clean.last_name.lower()})


def returning_guest_read(data: GuestCreate) -> Read | None:
    """The lookup `find_or_create_guest(uow, data)` will run, for sending it ahead with other
    reads (None when it runs none, or the details are invalid: it then raises as usual)."""
    try:
        clean = clean_guest(data)
    except DomainError:
        return None
    return _returning_guest(clean) if clean.email else None


def find_or_create_guest(uow: UnitOfWork, data: GuestCreate) -> uuid.UUID:
    """The id of the profile with the same email and last name, else of a new profile.

    Matching on the name too means a booking made with someone else's email never renames or
    edits their profile; a returning guest only fills in what their profile lacked.
    """
    clean = clean_guest(data)
    found = None
    if clean.email:
        lookup = _returning_guest(clean)
        rows = read(uow.session, lookup.statement, lookup.params)
        found = rows[0] if rows else None
    # The writes go with the caller's batch when it has one (UnitOfWork.batched): the booking
    # that uses the id is queued after them.
    if found is None:
        row = new_row(Guest, **clean.model_dump())
        uow.write_rows(insert_of(Guest), row)
        return row["id"]
    guest_id, first_name, phone = found
    if (not first_name and clean.first_name) or (not phone and clean.phone):
        uow.write_rows(_FILL_IN_GUEST, {"b_id": guest_id,
                                        "b_first_name": first_name or clean.first_name,
                                        "b_phone": phone or clean.phone,
                                        "b_updated_at": utcnow()})
    return guest_id
