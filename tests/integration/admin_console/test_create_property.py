"""The create-property wizard's use case: permission, chain scope, validation, rooms, audit."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from core.actor import Actor
from core.audit.models import OperatorAuditEntry
from core.db.uow import control_uow, property_uow
from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.identity.permissions import ROLE_PERMISSIONS
from core.properties.models import Room, RoomType
from core.tenancy.registry import list_properties
from core.tenancy.services import FirstRoomType, create_property


def operator(tenant, role="chain_operator") -> Actor:
    return Actor(kind="staff", user_id=uuid.uuid4(), name="Olga Operator",
                 chain_id=tenant.chain_id, permissions=ROLE_PERMISSIONS[role])


def wizard(tenant, actor, slug="dunes", **kw):
    args = dict(chain_id=tenant.chain_id, name="Dunes Lodge", slug=slug,
                timezone="Europe/Lisbon", currency="EUR", address="Praia 1, Comporta",
                room_types=[FirstRoomType("DBL", "Double", 3), FirstRoomType("STE", "Suite", 2, 4)])
    args.update(kw)
    prop = create_property(actor, **args)
    tenant.property_ids.append(prop.id)
    return prop


def test_the_wizard_provisions_the_property_with_its_rooms_and_reports_each_step(tenant):
    steps: list[str] = []
    prop = wizard(tenant, operator(tenant), progress=lambda step, f: steps.append(step))

    assert steps[0] == "registered" and steps[-1] == "room types created"
    assert "database migrated" in steps
    with property_uow(prop.id, write=False) as uow:
        types = {t.code: t for t in uow.session.exec(select(RoomType)).all()}
        rooms = sorted(r.number for r in uow.session.exec(select(Room)).all())
    assert set(types) == {"DBL", "STE"} and types["STE"].max_occupancy == 4
    assert rooms == ["101", "102", "103", "201", "202"]
    with control_uow(write=False) as uow:
        entry = uow.session.exec(select(OperatorAuditEntry).where(
            OperatorAuditEntry.action == "properties.create")).one()
    assert entry.entity_id == str(prop.id) and entry.actor_name == "Olga Operator"


def test_bad_rows_are_named_field_by_field_and_nothing_is_provisioned(tenant):
    with pytest.raises(ValidationFailed) as err:
        wizard(tenant, operator(tenant), room_types=[FirstRoomType("dbl x", "", 120),
                                                     FirstRoomType("STE", "Suite", 1, 0)])
    assert set(err.value.fields) == {"room_types.0.code", "room_types.0.name",
                                     "room_types.0.rooms", "room_types.1.max_occupancy"}
    with pytest.raises(ValidationFailed) as err:
        wizard(tenant, operator(tenant), timezone="Mars/Olympus", currency="euro")
    assert set(err.value.fields) == {"timezone", "currency"}
    assert list_properties() == []


def test_a_slug_in_use_is_refused_rather_than_returning_the_other_property(tenant):
    wizard(tenant, operator(tenant), room_types=[])
    with pytest.raises(Conflict) as err:
        wizard(tenant, operator(tenant), name="Another", room_types=[])
    assert err.value.fields == {"slug": "already taken"}


def test_only_the_chains_own_operator_may_create_properties(tenant):
    with pytest.raises(PermissionDenied):
        wizard(tenant, operator(tenant, "general_manager"))
    stranger = Actor(kind="staff", user_id=uuid.uuid4(), chain_id=uuid.uuid4(),
                     permissions=ROLE_PERMISSIONS["chain_operator"])
    with pytest.raises(NotFound):
        wizard(tenant, stranger)
    assert list_properties() == []
