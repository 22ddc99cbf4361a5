"""Operator use cases on the registry: create a property (database, first room types), audited."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import select

from core import audit
from core.actor import Actor
from core.db.uow import control_uow, property_uow
from core.errors import Conflict, NotFound, ValidationFailed
from core.tenancy.models import Chain, Property, PropertyStatus
from core.tenancy.provisioning import Progress, provision_property, validate_property_fields

MAX_ROOMS_PER_TYPE = 99  # room numbers are <floor><01..99>, one floor per room type
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,19}$")


@dataclass(frozen=True)
class FirstRoomType:
    """A room type the wizard creates with the property, and how many rooms of it."""

    code: str
    name: str
    rooms: int
    max_occupancy: int = 2


def chain_in_scope(actor: Actor, chain_id: uuid.UUID) -> Chain:
    """The chain, if the actor works for it (superusers: any); else NotFound, never a hint."""
    with control_uow(actor, write=False) as uow:
        chain = uow.session.get(Chain, chain_id)
        if chain is None or not (actor.is_superuser or actor.chain_id == chain_id):
            raise NotFound("Chain not found.", fields={"chain_id": "no such chain"})
        uow.session.expunge(chain)
        return chain


def check_first_room_types(room_types: Sequence[FirstRoomType]) -> None:
    """Every field error of the room-type rows at once, named `room_types.<row>.<field>`."""
    fields: dict[str, str] = {}
    seen: set[str] = set()
    for i, rt in enumerate(room_types):
        code = (rt.code or "").strip().upper()
        if not CODE_RE.match(code):
            fields[f"room_types.{i}.code"] = "use 1-20 capital letters, digits, - or _"
        elif code in seen:
            fields[f"room_types.{i}.code"] = "is used by another row"
        seen.add(code)
        if not (rt.name or "").strip():
            fields[f"room_types.{i}.name"] = "is required"
        if not 0 <= rt.rooms <= MAX_ROOMS_PER_TYPE:
            fields[f"room_types.{i}.rooms"] = f"must be between 0 and {MAX_ROOMS_PER_TYPE}"
        if not 1 <= rt.max_occupancy <= 20:
            fields[f"room_types.{i}.max_occupancy"] = "must be between 1 and 20"
    if fields:
        raise ValidationFailed("Some room types are not valid.", fields=fields)


def create_property(actor: Actor, *, chain_id: uuid.UUID, name: str, slug: str, timezone: str,
                    currency: str, address: str | None = None, country: str | None = None,
                    room_types: Sequence[FirstRoomType] = (),
                    progress: Progress | None = None) -> Property:
    """Provision a property of the actor's chain with its first room types and rooms.

    Everything is validated before anything is stored. A slug already in use is refused (the
    wizard must not silently hand back another property); one left half-provisioned by a crash
    is resumed.
    """
    actor.require("properties.manage")
    report = progress or (lambda step, fraction: None)
    chain_in_scope(actor, chain_id)
    validate_property_fields(name=name, slug=slug, timezone=timezone, currency=currency)
    check_first_room_types(room_types)
    if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
        raise ValidationFailed("The property details are not valid.",
                               fields={"country": "use a 2-letter ISO code such as PT"})
    with control_uow(actor, write=False) as uow:
        existing = uow.session.exec(select(Property).where(Property.slug == slug)).first()
        if existing is not None and (existing.status == PropertyStatus.active
                                     or existing.chain_id != chain_id):
            raise Conflict(f"The address name '{slug}' is already used by another property.",
                           fields={"slug": "already taken"})
    prop = provision_property(chain_id=chain_id, name=name, slug=slug, timezone=timezone,
                              currency=currency, address=(address or "").strip() or None,
                              country=country, progress=report)
    _add_room_types(prop.id, actor, room_types)
    report("room types created", 1.0)
    with control_uow(actor) as uow:
        audit.record(uow, "properties.create", "property", prop.id, f"Created {prop.name}",
                     {"slug": slug, "timezone": timezone, "currency": currency,
                      "room_types": [rt.code.upper() for rt in room_types]})
        uow.commit()
    return prop


def _add_room_types(property_id: uuid.UUID, actor: Actor,
                    room_types: Sequence[FirstRoomType]) -> None:
    from core.properties import services as setup

    with property_uow(property_id, actor) as uow:
        known = {rt.code for rt in setup.list_room_types(uow.session)}
        for floor, spec in enumerate(room_types, start=1):
            code = spec.code.strip().upper()
            if code in known:  # a resumed wizard: this one was made by the first attempt
                continue
            occupancy = spec.max_occupancy
            rt = setup.create_room_type(uow, {
                "code": code, "name": spec.name.strip(), "sort_order": floor,
                "base_occupancy": min(2, occupancy), "max_occupancy": occupancy,
                "max_adults": occupancy})
            for n in range(1, spec.rooms + 1):
                setup.create_room(uow, {"number": f"{floor}{n:02d}", "floor": str(floor),
                                        "room_type_id": rt.id})
        uow.commit()
