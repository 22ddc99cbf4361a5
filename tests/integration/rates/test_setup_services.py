"""Property setup services on a real database: settings, room types, rooms, taxes, policies."""

from __future__ import annotations

import uuid
from datetime import time, timedelta
from decimal import Decimal

import pytest
from rates_support import BACKENDS, CLERK, MANAGER, code, hotel_fixture
from sqlmodel import select

from core.db.uow import property_uow
from core.errors import DomainError
from core.events.models import OutboxEvent
from core.properties import services as setup
from core.properties.models import Room, RoomType, get_settings_row
from core.timeutil import local_today


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from hotel_fixture(request, tmp_path_factory)


def _room_type(hotel, **kw):
    with property_uow(hotel.property_id, MANAGER) as uow:
        rt = setup.create_room_type(uow, {"code": code(), "name": "Double", **kw})
        uow.commit()
    return rt


def test_provisioning_writes_the_settings_row_from_the_registry(hotel):
    with property_uow(hotel.property_id, write=False) as uow:
        row = get_settings_row(uow.session)
        assert (row.property_id, row.name) == (hotel.property_id, "Rates Hotel")
        assert (row.timezone, row.currency) == ("Europe/Lisbon", "EUR")
        assert (row.check_in_time, row.check_out_time, row.overbooking_allowance) == (
            time(15), time(11), 0)


def test_the_hook_is_idempotent(hotel):
    from core.properties.hooks import create_settings_row
    from core.tenancy.registry import get_property

    with property_uow(hotel.property_id, MANAGER) as uow:
        setup.update_settings(uow, {"check_in_time": "14:00"})
        uow.commit()
    create_settings_row(get_property(hotel.property_id))
    with property_uow(hotel.property_id, write=False) as uow:
        assert get_settings_row(uow.session).check_in_time == time(14)


def test_settings_changes_are_checked_and_bad_ones_store_nothing(hotel):
    with property_uow(hotel.property_id, MANAGER) as uow:
        setup.update_settings(uow, {"child_max_age": 11, "legal_name": "Rates Hotel Lda",
                                    "day_use_start": "09:00", "day_use_end": "17:00"})
        uow.commit()
    with pytest.raises(DomainError) as err, property_uow(hotel.property_id, MANAGER) as uow:
        setup.update_settings(uow, {"infant_max_age": 12, "legal_name": "Changed"})
    assert "infant_max_age" in err.value.fields
    with property_uow(hotel.property_id, write=False) as uow:
        row = get_settings_row(uow.session)
        assert (row.child_max_age, row.legal_name, row.day_use_start) == (
            11, "Rates Hotel Lda", time(9))


def test_a_room_type_is_created_with_its_details_and_an_event(hotel):
    rt = _room_type(hotel, max_occupancy=3, max_adults=3, max_children=1,
                    bed_types=["king", "sofa bed"], size_sqm="28.5", amenities=["wifi"],
                    photos=["https://cdn.example/dbl.jpg"], sort_order=2)
    with property_uow(hotel.property_id, write=False) as uow:
        stored = uow.session.get(RoomType, rt.id)
        events = uow.session.exec(select(OutboxEvent).where(OutboxEvent.entity_id == str(rt.id))
                                  ).all()
        assert stored.bed_types == ["king", "sofa bed"] and stored.size_sqm == Decimal("28.5")
        assert [(e.topic, e.type) for e in events] == [("setup", "room_type.created")]


def test_staff_without_setup_permission_are_refused_and_nothing_is_stored(hotel):
    before = _count(hotel, RoomType)
    with pytest.raises(DomainError) as err, property_uow(hotel.property_id, CLERK) as uow:
        setup.create_room_type(uow, {"code": code(), "name": "Sneaky"})
    assert err.value.code == "forbidden"
    assert _count(hotel, RoomType) == before


def test_a_duplicate_room_type_code_is_a_clear_conflict(hotel):
    rt = _room_type(hotel)
    with pytest.raises(DomainError) as err, property_uow(hotel.property_id, MANAGER) as uow:
        setup.create_room_type(uow, {"code": rt.code.lower(), "name": "Again"})
    assert err.value.code == "duplicate_code"
    assert err.value.fields == {"code": "already used"}


def test_updating_a_room_type_checks_the_result_as_a_whole(hotel):
    rt = _room_type(hotel, max_occupancy=3, max_adults=3)
    with pytest.raises(DomainError) as err, property_uow(hotel.property_id, MANAGER) as uow:
        setup.update_room_type(uow, rt.id, {"max_occupancy": 2})
    assert err.value.fields == {"max_adults": "cannot exceed max_occupancy (2)"}
    with property_uow(hotel.property_id, MANAGER) as uow:
        setup.update_room_type(uow, rt.id, {"max_occupancy": 2, "max_adults": 2, "name": "Twin"})
        uow.commit()
    with property_uow(hotel.property_id, write=False) as uow:
        assert setup.get_room_type(uow.session, rt.id).name == "Twin"


@pytest.mark.parametrize("bad_id", [uuid.uuid4(), "not-a-uuid"])
def test_unknown_ids_are_not_found(hotel, bad_id):
    with pytest.raises(DomainError) as err, property_uow(hotel.property_id, MANAGER) as uow:
        setup.update_room_type(uow, bad_id, {"name": "x"})
    assert err.value.code == "room_type_not_found"
    with pytest.raises(DomainError) as err, property_uow(hotel.property_id, MANAGER) as uow:
        setup.create_room(uow, {"number": "999", "room_type_id": str(uuid.uuid4())})
    assert err.value.code == "room_type_not_found"


def _available(hotel, rt_id, night):
    from core.inventory.services import availability

    with property_uow(hotel.property_id, write=False) as uow:
        return availability(uow, [rt_id], night, night + timedelta(days=1))[rt_id]


def test_rooms_added_deactivated_or_moved_change_inventory_in_the_same_transaction(hotel):
    from core.inventory.services import open_inventory

    double, suite = _room_type(hotel), _room_type(hotel)
    with property_uow(hotel.property_id, write=False) as uow:
        today = local_today(get_settings_row(uow.session).timezone)
    with property_uow(hotel.property_id, MANAGER) as uow:
        open_inventory(uow, double.id, today, today + timedelta(days=3))
        open_inventory(uow, suite.id, today, today + timedelta(days=3))
        rooms = [setup.create_room(uow, {"number": f"{code()}", "room_type_id": double.id,
                                         "floor": "2", "features": ["accessible"]})
                 for _ in range(3)]
        uow.commit()
    assert _available(hotel, double.id, today) == 3

    with property_uow(hotel.property_id, MANAGER) as uow:
        setup.update_room(uow, rooms[0].id, {"active": False})
        setup.update_room(uow, rooms[1].id, {"room_type_id": suite.id})
        uow.commit()
    assert _available(hotel, double.id, today + timedelta(days=1)) == 1
    assert _available(hotel, suite.id, today + timedelta(days=1)) == 1

    # A refused change leaves rooms and inventory as they were.
    with pytest.raises(DomainError) as err, property_uow(hotel.property_id, MANAGER) as uow:
        setup.update_room(uow, rooms[2].id, {"active": False, "number": rooms[1].number})
    assert err.value.code == "duplicate_code"
    assert _available(hotel, double.id, today) == 1
    with property_uow(hotel.property_id, write=False) as uow:
        assert uow.session.get(Room, rooms[2].id).active is True


def test_taxes_and_policies_are_set_up_and_edited(hotel):
    with property_uow(hotel.property_id, MANAGER) as uow:
        vat = setup.create_tax(uow, {"code": code(), "name": "VAT", "kind": "percent",
                                     "value": "6", "inclusive": True, "active": False})
        pol = setup.create_policy(uow, {"code": code(), "name": "Non-refundable",
                                        "cancellation_fee_kind": "full", "no_show_fee_kind": "full",
                                        "deposit_kind": "percent", "deposit_value": "100"})
        uow.commit()
    with property_uow(hotel.property_id, MANAGER) as uow:
        setup.update_tax(uow, vat.id, {"value": "23", "valid_from": "2027-01-01"})
        setup.update_policy(uow, pol.id, {"free_cancellation_hours": None})
        uow.commit()
    with property_uow(hotel.property_id, write=False) as uow:
        taxes = {t.id: t for t in setup.list_taxes(uow.session)}
        assert taxes[vat.id].value == Decimal("23") and str(taxes[vat.id].valid_from) == "2027-01-01"
        assert setup.get_policy(uow.session, pol.id).free_cancellation_hours is None
    with pytest.raises(DomainError) as err, property_uow(hotel.property_id, MANAGER) as uow:
        setup.update_tax(uow, vat.id, {"kind": "per_stay", "exempt_below_age": 10})
    assert "exempt_below_age" in err.value.fields
    with pytest.raises(DomainError) as err, property_uow(hotel.property_id, MANAGER) as uow:
        setup.update_policy(uow, uuid.uuid4(), {"name": "x"})
    assert err.value.code == "policy_not_found"


def _count(hotel, model) -> int:
    with property_uow(hotel.property_id, write=False) as uow:
        return len(uow.session.exec(select(model)).all())
