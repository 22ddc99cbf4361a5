"""The demo data: both hotels, every reservation state, a login per role, prices a year ahead."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import func, select

from core.db.uow import property_uow
from core.demo.catalog import CITY, HOTELS, RESORT
from core.demo.seed import seed_demo
from core.demo.staff import DEMO_PASSWORD, staff_accounts
from core.identity.login import password_login
from core.identity.permissions import CHAIN_ROLES, ROLES
from core.properties.models import Room, RoomType
from core.rates.models import RateDay
from core.reservations.models import Reservation
from core.tenancy.registry import list_properties
from core.timeutil import local_today


@pytest.fixture(scope="module")
def seeded(module_tenant):
    report = seed_demo(past_days=12, future_days=20, scale=0.35)
    module_tenant.property_ids.extend(h.id for h in HOTELS)
    return report


def test_the_demo_chain_has_a_city_hotel_and_a_resort_with_their_rooms(seeded):
    assert {p.slug for p in list_properties()} >= {CITY.slug, RESORT.slug}
    for hotel, rooms, types in ((CITY, 120, 6), (RESORT, 40, 4)):
        with property_uow(hotel.id, write=False) as uow:
            assert uow.session.exec(select(func.count()).select_from(Room)).one() == rooms
            assert uow.session.exec(select(func.count()).select_from(RoomType)).one() == types


def test_the_city_hotel_has_reservations_in_every_state(seeded):
    with property_uow(CITY.id, write=False) as uow:
        states = Counter(uow.session.exec(select(Reservation.status)).all())
    assert {"hold", "confirmed", "checked_in", "checked_out", "cancelled", "no_show"} <= set(states)
    assert seeded.history[CITY.name]["booked"] > 50


def test_today_has_arrivals_still_to_come_and_guests_in_house(seeded):
    today = local_today(CITY.timezone)
    with property_uow(CITY.id, write=False) as uow:
        rows = uow.session.exec(select(Reservation)).all()
    assert any(r.arrival == today and r.status == "confirmed" for r in rows)
    assert any(r.status == "checked_in" and r.arrival <= today < r.departure for r in rows)


def test_prices_are_loaded_a_year_ahead(seeded):
    today = local_today(CITY.timezone)
    with property_uow(CITY.id, write=False) as uow:
        last = uow.session.exec(select(func.max(RateDay.day))).one()
    assert last >= today + timedelta(days=364)


def test_every_role_has_a_demo_login_that_signs_in(seeded):
    accounts = staff_accounts()
    assert {role for _e, _n, role, _k in accounts} == set(ROLES)
    for email, _name, role, key in accounts:
        if role in CHAIN_ROLES or role in ("front_desk", "housekeeper"):
            prop = None if key is None else next(h.id for h in HOTELS if h.key == key)
            step = password_login(email, DEMO_PASSWORD, property_id=prop)
            assert step.credentials is not None, email


def test_seeding_again_changes_nothing(seeded):
    with property_uow(CITY.id, write=False) as uow:
        before = uow.session.exec(select(func.count()).select_from(Reservation)).one()
    again = seed_demo(past_days=12, future_days=20, scale=0.35)
    assert set(again.skipped) == {h.name for h in HOTELS}
    with property_uow(CITY.id, write=False) as uow:
        assert uow.session.exec(select(func.count()).select_from(Reservation)).one() == before
