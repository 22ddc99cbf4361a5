"""Database per property: provisioning, isolation between properties, and failure cleanup."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select

from core.db.uow import property_uow
from core.errors import NotFound, ValidationFailed
from core.events.models import OutboxEvent
from core.tenancy.models import Property, PropertyStatus
from core.tenancy.provisioning import ProvisioningFailed, provision_property
from core.tenancy.registry import get_property, list_properties


def test_a_row_written_in_one_property_is_invisible_from_another(tenant):
    hotel_a = tenant.make_property("Hotel A")
    hotel_b = tenant.make_property("Hotel B")

    with property_uow(hotel_a) as uow:
        uow.record_event("reservations", "created", "r-1", {"guest": "Ana"})
        uow.commit()

    with property_uow(hotel_a, write=False) as uow:
        assert [e.entity_id for e in uow.session.exec(select(OutboxEvent))] == ["r-1"]
    with property_uow(hotel_b, write=False) as uow:
        assert uow.session.exec(select(OutboxEvent)).all() == []
    assert get_property(hotel_a).database_url != get_property(hotel_b).database_url


def test_a_property_database_on_a_server_is_named_with_the_configured_prefix(tenant):
    pid = tenant.make_property(name="Prefixed", slug="prefixed-inn")
    url = get_property(pid).database_url
    if tenant.backend == "postgres":  # the test control plane sets its own prefix
        prefix = os.environ["GJ_PROPERTY_DB_PREFIX"]
        assert prefix != "gj_"
        assert make_url(url).database == f"{prefix}prefixed_inn_{pid.hex[:8]}"
        with property_uow(pid, write=False) as uow:  # and it is that database that was created
            assert uow.session.connection().exec_driver_sql(
                "SELECT current_database()").scalar() == make_url(url).database
    else:
        assert url.endswith(f"/prefixed-inn-{pid.hex[:8]}.db")


def test_provisioning_is_idempotent_by_slug(tenant):
    steps: list[str] = []
    first = provision_property(chain_id=tenant.chain_id, name="Seaside", slug="seaside",
                               timezone="Europe/Lisbon", currency="EUR",
                               progress=lambda step, fraction: steps.append(step))
    tenant.property_ids.append(first.id)
    again = provision_property(chain_id=tenant.chain_id, name="Seaside", slug="seaside",
                               timezone="Europe/Lisbon", currency="EUR")
    assert again.id == first.id
    assert again.status == PropertyStatus.active
    assert steps[0] == "registered" and steps[-1] == "active"
    assert [p.slug for p in list_properties()].count("seaside") == 1


def test_a_failed_provisioning_leaves_no_half_registered_property(tenant, monkeypatch):
    from core.tenancy import provisioning

    def broken_hook(prop: Property) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(provisioning, "_post_migrate_hooks", [broken_hook])
    with pytest.raises(ProvisioningFailed, match="disk full"):
        provision_property(chain_id=tenant.chain_id, name="Doomed", slug="doomed")
    assert [p.slug for p in list_properties()] == []


def test_bad_property_details_name_each_field_and_store_nothing(tenant):
    with pytest.raises(ValidationFailed) as err:
        provision_property(chain_id=tenant.chain_id, name=" ", slug="Bad Slug!",
                           timezone="Mars/Olympus", currency="euro")
    assert set(err.value.fields) == {"name", "slug", "timezone", "currency"}
    assert list_properties() == []


def test_unknown_property_is_not_found(tenant):
    with pytest.raises(NotFound):
        get_property(uuid.uuid4())
    with pytest.raises(NotFound):
        get_property("not-a-uuid")


def test_a_staff_actor_of_one_property_cannot_open_another(tenant):
    from core.actor import Actor

    hotel_a = tenant.make_property("Hotel A")
    hotel_b = tenant.make_property("Hotel B")
    clerk_of_a = Actor(kind="staff", property_id=hotel_a, permissions=frozenset({"x"}))
    with pytest.raises(NotFound):
        property_uow(hotel_b, clerk_of_a)


def test_rolled_back_work_leaves_no_event(tenant):
    pid = tenant.make_property()
    with pytest.raises(RuntimeError):
        with property_uow(pid) as uow:
            uow.record_event("reservations", "created", "r-1", {})
            uow.flush()
            raise RuntimeError("service failed half-way")
    with property_uow(pid, write=False) as uow:
        assert uow.session.exec(select(OutboxEvent)).all() == []


def test_a_chain_operator_cannot_open_a_property_of_another_chain(tenant):
    from core.actor import Actor
    from core.tenancy.provisioning import create_chain

    ours = tenant.make_property("Our Hotel")
    other_chain = create_chain("Rival Hotels", f"rival-{uuid.uuid4().hex[:6]}")
    theirs = provision_property(chain_id=other_chain.id, name="Rival Hotel",
                                slug=f"rival-{uuid.uuid4().hex[:6]}")
    tenant.property_ids.append(theirs.id)
    operator = Actor(kind="staff", chain_id=tenant.chain_id,
                     permissions=frozenset({"reservations.view"}))
    with property_uow(ours, operator, write=False):
        pass
    with pytest.raises(NotFound):
        property_uow(theirs.id, operator)
