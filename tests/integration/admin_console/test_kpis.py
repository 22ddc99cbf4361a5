"""Chain KPIs (occupancy, ADR, RevPAR) computed from the demo hotels' real reservations."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import col, func, select

from core.actor import Actor
from core.db.uow import property_uow
from core.demo.catalog import CHAIN_ID, CITY, HOTELS, RESORT
from core.demo.seed import seed_demo
from core.errors import PermissionDenied
from core.identity.permissions import ROLE_PERMISSIONS
from core.inventory.models import InventoryNight
from core.properties.models import Room
from core.reports.kpis import SOLD, Figures, chain_kpis, period_starts
from core.reservations.models import Reservation


def operator(chain_id=CHAIN_ID) -> Actor:
    return Actor(kind="staff", user_id=uuid.uuid4(), name="Op", chain_id=chain_id,
                 permissions=ROLE_PERMISSIONS["chain_operator"])


@pytest.fixture(scope="module")
def seeded(module_tenant):
    seed_demo(past_days=10, future_days=5, scale=0.25)
    module_tenant.property_ids.extend(h.id for h in HOTELS)
    return chain_kpis(operator())


def test_every_demo_hotel_has_its_three_periods(seeded):
    assert {p.name for p in seeded.properties} == {CITY.name, RESORT.name}
    assert seeded.unavailable == []
    for kpis in seeded.properties:
        assert set(kpis.periods) == {"today", "mtd", "ytd"}
        today = kpis.periods["today"]
        assert 0 < today.rooms_sold <= today.rooms_available  # the demo sells rooms tonight
        assert kpis.periods["ytd"].rooms_sold >= kpis.periods["mtd"].rooms_sold >= today.rooms_sold


def test_tonight_counts_every_stay_in_house_and_its_room_price(seeded):
    city = next(p for p in seeded.properties if p.property_id == CITY.id)
    night = city.as_of
    with property_uow(CITY.id, write=False) as uow:
        rooms = uow.session.exec(select(func.count()).select_from(Room)
                                 .where(col(Room.active).is_(True))).one()
        stays = uow.session.exec(select(Reservation).where(
            col(Reservation.status).in_(SOLD), col(Reservation.day_use).is_(False),
            Reservation.arrival <= night, Reservation.departure > night)).all()
    revenue = Decimal("0")
    for res in stays:
        line = next(n for n in res.price["nights"] if n["date"] == night.isoformat())
        revenue += Decimal(line["room"]) - Decimal(line["discount"])
    today = city.periods["today"]
    assert today.rooms_sold == len(stays)
    assert today.room_revenue == revenue
    assert today.rooms_available <= rooms  # fewer only when rooms are out of order tonight
    assert today.adr == (revenue / len(stays)).quantize(Decimal("0.01"))
    assert today.revpar == (revenue / today.rooms_available).quantize(Decimal("0.01"))


def test_chain_totals_are_the_sum_of_the_hotels_not_an_average_of_ratios(seeded):
    total = seeded.totals["EUR"]["mtd"]
    assert total.rooms_sold == sum(p.periods["mtd"].rooms_sold for p in seeded.properties)
    assert total.room_revenue == sum(p.periods["mtd"].room_revenue for p in seeded.properties)
    assert total.occupancy == (Decimal(total.rooms_sold * 100) / total.rooms_available
                               ).quantize(Decimal("0.1"))


def test_an_operator_of_another_chain_sees_none_of_these_hotels(seeded):
    assert chain_kpis(operator(uuid.uuid4())).properties == []


def test_kpis_need_the_reports_permission(seeded):
    desk = Actor(kind="staff", user_id=uuid.uuid4(), chain_id=CHAIN_ID,
                 permissions=ROLE_PERMISSIONS["front_desk"])
    with pytest.raises(PermissionDenied):
        chain_kpis(desk)


def test_ratios_of_an_empty_period_are_zero_not_an_error():
    empty = Figures()
    assert (empty.occupancy, empty.adr, empty.revpar) == (Decimal("0.0"), Decimal("0.00"),
                                                          Decimal("0.00"))


def test_month_and_year_start_on_their_first_day():
    from datetime import date

    starts = period_starts(date(2026, 11, 21))
    assert starts == {"today": date(2026, 11, 21), "mtd": date(2026, 11, 1),
                      "ytd": date(2026, 1, 1)}
    assert starts["today"] - starts["mtd"] == timedelta(days=20)


def test_a_hotel_counts_rooms_only_from_when_it_joined_or_its_first_night(seeded, module_tenant):
    from datetime import date

    from core.reports.kpis import figures_for
    from core.tenancy.services import FirstRoomType, create_property

    new = create_property(operator(module_tenant.chain_id), chain_id=module_tenant.chain_id,
                          name="New Inn", slug=f"new-inn-{uuid.uuid4().hex[:6]}",
                          timezone="Europe/Lisbon", currency="EUR",
                          room_types=[FirstRoomType("DBL", "Double", 5)])
    module_tenant.property_ids.append(new.id)
    day = date(2026, 11, 21)
    with property_uow(new.id, write=False) as uow:
        joined_today = figures_for(uow.session, day, opened=day)
        no_date = figures_for(uow.session, day)
    assert joined_today["ytd"].rooms_available == joined_today["today"].rooms_available == 5
    assert no_date["ytd"].rooms_available == 5 * 325  # 1 Jan to 21 Nov inclusive
    as_of = next(p.as_of for p in seeded.properties if p.property_id == CITY.id)
    with property_uow(CITY.id, write=False) as uow:
        first_night = uow.session.exec(select(func.min(InventoryNight.night))).one()
        history = figures_for(uow.session, as_of, opened=as_of)
    # The demo hotel's history (loaded from "an earlier system") counts from its first night.
    assert first_night < as_of
    assert history["mtd"].rooms_available > history["today"].rooms_available or as_of.day == 1
