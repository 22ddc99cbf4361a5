"""Rate plan and promo code set-up on a real database, and promo use counted under races."""

from __future__ import annotations

import threading
import uuid
from datetime import date

import pytest
from rates_support import BACKENDS, CLERK, MANAGER, code, hotel_fixture
from sqlmodel import select

from core.db.uow import property_uow
from core.errors import DomainError
from core.events.models import OutboxEvent
from core.properties import services as setup
from core.rates import promos
from core.rates import services as rates
from core.rates.models import RateDay, RatePlan


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from hotel_fixture(request, tmp_path_factory)


@pytest.fixture
def room_type(hotel):
    with property_uow(hotel.property_id, MANAGER) as uow:
        rt = setup.create_room_type(uow, {"code": code(), "name": "Double"})
        uow.commit()
    return rt.id


def make_plan(hotel, **values):
    with property_uow(hotel.property_id, MANAGER) as uow:
        plan = rates.create_rate_plan(uow, {"code": code(), "name": "Plan", **values})
        uow.commit()
    return plan


def refused(hotel, fn, *args) -> DomainError:
    with pytest.raises(DomainError) as err, property_uow(hotel.property_id, MANAGER) as uow:
        fn(uow, *args)
    return err.value


def test_a_plan_is_stored_with_its_occupancy_prices_exactly(hotel, room_type):
    plan = make_plan(hotel, room_type_id=room_type, adult_prices={1: "-12.50"},
                     child_bands=[{"max_age": 12, "amount": "15"}, {"max_age": 2, "amount": "0"}])
    with property_uow(hotel.property_id, write=False) as uow:
        stored = uow.session.get(RatePlan, plan.id)
        assert stored.adult_prices == {"1": "-12.50"}
        assert stored.child_bands == [{"max_age": 2, "amount": "0"},
                                      {"max_age": 12, "amount": "15"}]
        event = uow.session.exec(select(OutboxEvent).where(
            OutboxEvent.entity_id == str(plan.id))).one()
        assert (event.topic, event.type) == ("rates", "rate_plan.created")


@pytest.mark.parametrize("values,code_,field", [
    ({"derive_kind": "percent", "derive_value": "-10"}, "invalid_rate_plan", "parent_id"),
    ({"parent_id": "PARENT"}, "invalid_rate_plan", "derive_kind"),
    ({"parent_id": "PARENT", "derive_kind": "percent", "derive_value": "-150"},
     "invalid_rate_plan", "derive_value"),
    ({"min_advance_days": 10, "max_advance_days": 5}, "invalid_rate_plan", "max_advance_days"),
    ({"parent_id": "PARENT", "derive_kind": "amount", "derive_value": "5", "extra_adult": "20"},
     "invalid_rate_plan", "adult_prices"),
    ({"meal_plan": "XX"}, "validation_error", "meal_plan"),
    ({"channels": []}, "validation_error", "channels"),
    ({"policy_id": str(uuid.uuid4())}, "policy_not_found", "policy_id"),
    ({"parent_id": str(uuid.uuid4()), "derive_kind": "amount", "derive_value": "1"},
     "not_found", "rate_plan_id"),
])
def test_inconsistent_plans_are_refused_naming_the_field(hotel, room_type, values, code_, field):
    parent = make_plan(hotel, room_type_id=room_type)
    values = {k: (parent.id if v == "PARENT" else v) for k, v in values.items()}
    err = refused(hotel, rates.create_rate_plan,
                  {"code": code(), "name": "Bad", "room_type_id": room_type, **values})
    assert err.code == code_
    assert field in err.fields


def test_a_plan_cannot_derive_from_itself_even_through_another(hotel, room_type):
    base = make_plan(hotel, room_type_id=room_type)
    child = make_plan(hotel, room_type_id=room_type, parent_id=base.id, derive_kind="amount",
                      derive_value="5")
    err = refused(hotel, rates.update_rate_plan, base.id,
                  {"parent_id": child.id, "derive_kind": "amount", "derive_value": "1"})
    assert err.fields == {"parent_id": "would make a loop"}


def test_rate_plan_codes_are_unique_per_room_type(hotel, room_type):
    plan = make_plan(hotel, room_type_id=room_type)
    err = refused(hotel, rates.create_rate_plan,
                  {"code": plan.code, "name": "Again", "room_type_id": room_type})
    assert err.code == "duplicate_code"
    with property_uow(hotel.property_id, MANAGER) as uow:
        other = setup.create_room_type(uow, {"code": code(), "name": "Suite"})
        rates.create_rate_plan(uow, {"code": plan.code, "name": "Same code, other room",
                                     "room_type_id": other.id})
        uow.commit()


def test_only_revenue_managers_change_rates_and_nothing_is_stored_otherwise(hotel, room_type):
    plan = make_plan(hotel, room_type_id=room_type)
    with pytest.raises(DomainError) as err, property_uow(hotel.property_id, CLERK) as uow:
        rates.set_rate_days(uow, plan.id, {"start": date(2027, 1, 1), "end": date(2027, 1, 31),
                                           "price": "1"})
    assert err.value.code == "forbidden"
    with property_uow(hotel.property_id, write=False) as uow:
        assert uow.session.exec(select(RateDay).where(RateDay.rate_plan_id == plan.id)).all() == []


def test_a_year_of_prices_is_one_bulk_write_with_one_event(hotel, room_type):
    plan = make_plan(hotel, room_type_id=room_type)
    with property_uow(hotel.property_id, MANAGER) as uow:
        assert rates.set_rate_days(uow, plan.id, {"start": date(2027, 1, 1),
                                                  "end": date(2027, 12, 31), "price": "95.5"}) == 365
        uow.commit()
    with property_uow(hotel.property_id, write=False) as uow:
        days = rates.rate_calendar(uow.session, plan.id, date(2027, 1, 1), date(2027, 12, 31))
        assert len(days) == 365 and {str(d.price) for d in days.values()} == {"95.50"}
        events = uow.session.exec(select(OutboxEvent).where(
            OutboxEvent.entity_id == str(plan.id), OutboxEvent.type == "rates.changed")).all()
        assert [e.payload["from"] for e in events] == ["2027-01-01"]


def test_promo_codes_are_set_up_and_checked(hotel, room_type):
    plan = make_plan(hotel, room_type_id=room_type)
    with property_uow(hotel.property_id, MANAGER) as uow:
        promos.create_promo(uow, {"code": " spring-26 ", "kind": "percent", "value": "15",
                                  "rate_plan_ids": [plan.id], "stay_from": "2027-03-01",
                                  "stay_to": "2027-05-31"})
        uow.commit()
    err = refused(hotel, promos.create_promo, {"code": "SPRING-26", "kind": "amount", "value": "5"})
    assert err.code == "duplicate_code"
    err = refused(hotel, promos.create_promo, {"code": "BIG", "kind": "percent", "value": "120"})
    assert err.fields == {"value": "at most 100"}
    err = refused(hotel, promos.update_promo, "spring-26", {"stay_to": "2027-01-01"})
    assert "stay_to" in err.fields
    with property_uow(hotel.property_id, MANAGER) as uow:
        promos.update_promo(uow, "Spring-26", {"max_uses": 10, "active": False})
        uow.commit()
    with property_uow(hotel.property_id, write=False) as uow:
        row = promos.get_promo(uow.session, "SPRING-26")
        assert (row.max_uses, row.active, row.rate_plan_ids) == (10, False, [str(plan.id)])


def test_the_last_use_of_a_promo_goes_to_exactly_one_of_two_racing_bookings(hotel):
    pid = hotel.property_id
    promo_code = code()
    with property_uow(pid, MANAGER) as uow:
        promos.create_promo(uow, {"code": promo_code, "kind": "amount", "value": "10",
                                  "max_uses": 1})
        uow.commit()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def book() -> None:
        try:
            barrier.wait(timeout=10)  # before the UoW: SQLite's writer lock is taken on entry
            with property_uow(pid) as uow:
                promos.redeem_promo(uow, promo_code)
                uow.commit()
            outcomes.append("redeemed")
        except DomainError as err:
            outcomes.append(err.code)

    threads = [threading.Thread(target=book) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["promo_exhausted", "redeemed"]
    with property_uow(pid, write=False) as uow:
        assert promos.get_promo(uow.session, promo_code).uses == 1


def test_a_released_use_can_be_redeemed_again_and_unknown_codes_are_invalid(hotel):
    promo_code = code()
    with property_uow(hotel.property_id, MANAGER) as uow:
        promos.create_promo(uow, {"code": promo_code, "kind": "amount", "value": "10",
                                  "max_uses": 1})
        assert promos.redeem_promo(uow, promo_code).uses == 1
        promos.release_promo(uow, promo_code)
        assert promos.redeem_promo(uow, promo_code.lower()).uses == 1
        uow.commit()
    assert refused(hotel, promos.redeem_promo, "NO-SUCH-CODE").code == "promo_not_applicable"
