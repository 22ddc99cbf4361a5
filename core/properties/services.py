"""Property setup use cases: room types, rooms, taxes and fees, policies, settings.

Every change needs "setup.manage" and records an event on the "setup" topic. Rooms feed the
inventory: adding, (de)activating or retyping a room recounts the physical rooms of the affected
room types in the same transaction, so inventory never disagrees with the room list.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core.db.uow import UnitOfWork
from core.properties import rules
from core.properties.errors import (
    DuplicateCode,
    PolicyNotFound,
    RoomNotFound,
    RoomTypeNotFound,
    TaxNotFound,
)
from core.properties.models import (
    Policy,
    PropertySettings,
    Room,
    RoomType,
    Tax,
    get_settings_row,
    touch_catalogue,
)
from core.properties.schemas import (
    PolicyCreate,
    PolicyUpdate,
    RoomCreate,
    RoomTypeCreate,
    RoomTypeUpdate,
    RoomUpdate,
    SettingsUpdate,
    TaxCreate,
    TaxUpdate,
    parse,
)
from core.timeutil import utcnow

PERMISSION = "setup.manage"
TOPIC = "setup"
Input = Mapping[str, Any] | BaseModel


def _record(uow: UnitOfWork, type_: str, row: Any, **extra: Any) -> None:
    if not isinstance(row, Room):  # everything else here is read by pricing
        touch_catalogue(uow.session)
    payload = {"id": getattr(row, "id", None)}
    for key in ("code", "number", "name", "active"):
        if hasattr(row, key):
            payload[key] = getattr(row, key)
    payload.update(extra)
    uow.record_event(TOPIC, type_, getattr(row, "id", None), payload)


def _save(uow: UnitOfWork, row: Any, *, unique: str, value: Any, what: str) -> None:
    """Add and flush; a unique clash (even a concurrent one) is a clear DuplicateCode."""
    model = type(row)
    with uow.session.no_autoflush:
        clash = uow.session.exec(select(model).where(getattr(model, unique) == value)).first()
    if clash is not None and clash is not row:
        raise DuplicateCode(f"A {what} with {unique} '{value}' already exists.",
                            fields={unique: "already used"})
    uow.session.add(row)
    try:
        uow.session.flush()
    except IntegrityError:
        raise DuplicateCode(f"A {what} with {unique} '{value}' already exists.",
                            fields={unique: "already used"}) from None


def get_by_id(session: Session, model: type, id_: Any, error: type, what: str) -> Any:
    """A row by id; a malformed or unknown id is the same "not found" (no probing of ids)."""
    try:
        key = id_ if isinstance(id_, uuid.UUID) else uuid.UUID(str(id_))
    except ValueError:
        key = None
    row = session.get(model, key) if key else None
    if row is None:
        raise error(f"{what} not found.", fields={f"{what.lower().replace(' ', '_')}_id": "not found"})
    return row


def _create(uow: UnitOfWork, model: type, schema: type, data: Input, *, check: Any, what: str,
            unique: str = "code") -> Any:
    uow.actor.require(PERMISSION)
    values: dict[str, Any] = parse(schema, data, what=f"{what} details").model_dump()
    if check:
        check(values)
    row = model(**values)
    _save(uow, row, unique=unique, value=getattr(row, unique), what=what)
    return row


def _update(uow: UnitOfWork, row: Any, schema: type, data: Input, *, check: Any, what: str,
            unique: str = "code") -> list[str]:
    """Apply a partial update after checking the row as it would be; returns the changed keys."""
    changes: dict[str, Any] = parse(schema, data, what=f"{what} details").model_dump(exclude_unset=True)
    values = rules.merged(row, changes)
    if check:
        check({**row.model_dump(), **values})
    for key, value in values.items():
        setattr(row, key, value)
    _save(uow, row, unique=unique, value=getattr(row, unique), what=what)
    return sorted(changes)


# --- room types -------------------------------------------------------------------------------


def get_room_type(session: Session, room_type_id: Any) -> RoomType:
    return get_by_id(session, RoomType, room_type_id, RoomTypeNotFound, "Room type")


def _list(session: Session, model: Any, *order: Any, active_only: bool, **where: Any) -> list:
    query = select(model).order_by(*order)
    for key, value in where.items():
        if value is not None:
            query = query.where(getattr(model, key) == value)
    if active_only:
        query = query.where(model.active.is_(True))
    return list(session.exec(query).all())


def list_room_types(session: Session, *, active_only: bool = False) -> list[RoomType]:
    return _list(session, RoomType, RoomType.sort_order, RoomType.name, active_only=active_only)


def create_room_type(uow: UnitOfWork, data: Input) -> RoomType:
    row = _create(uow, RoomType, RoomTypeCreate, data, check=rules.check_room_type,
                  what="room type")
    _record(uow, "room_type.created", row)
    return row


def update_room_type(uow: UnitOfWork, room_type_id: Any, data: Input) -> RoomType:
    uow.actor.require(PERMISSION)
    row = get_room_type(uow.session, room_type_id)
    changed = _update(uow, row, RoomTypeUpdate, data, check=rules.check_room_type,
                      what="room type")
    _record(uow, "room_type.updated", row, changed=changed)
    return row


# --- rooms ------------------------------------------------------------------------------------


def get_room(session: Session, room_id: Any) -> Room:
    return get_by_id(session, Room, room_id, RoomNotFound, "Room")


def list_rooms(session: Session, *, room_type_id: uuid.UUID | None = None,
               active_only: bool = False) -> list[Room]:
    return _list(session, Room, Room.number, active_only=active_only, room_type_id=room_type_id)


def _recount(uow: UnitOfWork, *room_type_ids: uuid.UUID) -> None:
    from core.inventory.services import recount_physical  # inventory builds on setup, not back

    uow.session.flush()
    for rt_id in dict.fromkeys(room_type_ids):
        recount_physical(uow, rt_id)


def _room_type_exists(uow: UnitOfWork) -> Any:
    def check(values: dict[str, Any]) -> None:
        get_room_type(uow.session, values["room_type_id"])
    return check


def create_room(uow: UnitOfWork, data: Input) -> Room:
    row = _create(uow, Room, RoomCreate, data, check=_room_type_exists(uow), what="room",
                  unique="number")
    _recount(uow, row.room_type_id)
    _record(uow, "room.created", row, room_type_id=row.room_type_id)
    return row


def update_room(uow: UnitOfWork, room_id: Any, data: Input) -> Room:
    """Edit a room; moving it to another type or (de)activating it recounts inventory."""
    uow.actor.require(PERMISSION)
    row = get_room(uow.session, room_id)
    old_type, was_active = row.room_type_id, row.active
    changed = _update(uow, row, RoomUpdate, data, check=_room_type_exists(uow), what="room",
                      unique="number")
    if row.room_type_id != old_type or row.active != was_active:
        _recount(uow, old_type, row.room_type_id)
    _record(uow, "room.updated", row, room_type_id=row.room_type_id, changed=changed)
    return row


# --- taxes and fees ---------------------------------------------------------------------------


def list_taxes(session: Session, *, active_only: bool = False) -> list[Tax]:
    return _list(session, Tax, Tax.sort_order, Tax.code, active_only=active_only)


def create_tax(uow: UnitOfWork, data: Input) -> Tax:
    row = _create(uow, Tax, TaxCreate, data, check=rules.check_tax, what="tax")
    _record(uow, "tax.created", row)
    return row


def update_tax(uow: UnitOfWork, tax_id: Any, data: Input) -> Tax:
    uow.actor.require(PERMISSION)
    row = get_by_id(uow.session, Tax, tax_id, TaxNotFound, "Tax")
    changed = _update(uow, row, TaxUpdate, data, check=rules.check_tax, what="tax")
    _record(uow, "tax.updated", row, changed=changed)
    return row


# --- policies ---------------------------------------------------------------------------------


def get_policy(session: Session, policy_id: Any) -> Policy:
    return get_by_id(session, Policy, policy_id, PolicyNotFound, "Policy")


def list_policies(session: Session, *, active_only: bool = False) -> list[Policy]:
    return _list(session, Policy, Policy.name, active_only=active_only)


def create_policy(uow: UnitOfWork, data: Input) -> Policy:
    row = _create(uow, Policy, PolicyCreate, data, check=rules.check_policy, what="policy")
    _record(uow, "policy.created", row)
    return row


def update_policy(uow: UnitOfWork, policy_id: Any, data: Input) -> Policy:
    """Edit a policy. Bookings keep the snapshot they were sold under; new quotes use this."""
    uow.actor.require(PERMISSION)
    row = get_policy(uow.session, policy_id)
    changed = _update(uow, row, PolicyUpdate, data, check=rules.check_policy, what="policy")
    _record(uow, "policy.updated", row, changed=changed)
    return row


# --- settings ---------------------------------------------------------------------------------


def update_settings(uow: UnitOfWork, data: Input) -> PropertySettings:
    """Hotel details, time zone, currency, check-in/out and day-use times, child ages."""
    uow.actor.require(PERMISSION)
    row = get_settings_row(uow.session)
    changes = parse(SettingsUpdate, data, what="property settings").model_dump(exclude_unset=True)
    values = rules.merged(row, changes)
    rules.check_settings({**row.model_dump(), **values})
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = utcnow()
    row.catalogue_stamp = uuid.uuid4().hex  # child ages, currency, check-in time reach quotes
    uow.session.add(row)
    uow.session.flush()
    uow.record_event(TOPIC, "settings.updated", row.property_id, {"changed": sorted(changes)})
    return row
