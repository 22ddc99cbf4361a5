"""`seed_demo`: the whole demo chain, idempotently, through the real services."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.actor import Actor
from core.blocks.schemas import BlockCreate, BlockRooms
from core.blocks.services import create_block
from core.db import migrate
from core.db.uow import property_uow
from core.demo import setup
from core.demo.catalog import CHAIN_ID, CHAIN_NAME, CHAIN_SLUG, CITY, HOTELS, HotelSpec
from core.demo.history import simulate
from core.demo.housekeeping import seed_housekeeping
from core.demo.site import seed_demo_sites
from core.demo.staff import demo_logins, seed_staff
from core.properties import services as property_services
from core.tenancy.provisioning import create_chain, provision_property
from core.timeutil import local_today, travel_to

__all__ = ["seed_demo", "demo_logins", "SeedReport"]

Progress = Callable[[str, float], None]
SEED_ACTOR = Actor.system("demo-seed")
PRICE_DAYS_AHEAD = 365


@dataclass
class SeedReport:
    properties: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    staff: int = 0
    history: dict[str, dict[str, int]] = field(default_factory=dict)


def seed_demo(progress: Progress | None = None, *, today: date | None = None,
              past_days: int = 90, future_days: int = 90, scale: float = 1.0,
              seed: int = 20261121) -> SeedReport:
    """Create the demo chain, its two hotels, staff and 90 days either side of today.

    Idempotent: a hotel that already has rooms is left as it is. `scale` shrinks the booking
    volume (tests use a small one); the RNG is seeded, so the same day gives the same demo.
    """
    report_progress = progress or (lambda step, fraction: None)
    report = SeedReport()
    migrate.migrate_control()
    create_chain(CHAIN_NAME, CHAIN_SLUG, chain_id=CHAIN_ID)
    fresh: list[HotelSpec] = []
    skipped: list[HotelSpec] = []
    for hotel in HOTELS:

        def provisioning(step: str, f: float, h: HotelSpec = hotel) -> None:
            report_progress(f"{h.name}: {step}", f * 0.1)

        prop = provision_property(
            chain_id=CHAIN_ID, name=hotel.name, slug=hotel.slug, timezone=hotel.timezone,
            currency=hotel.currency, country=hotel.country, address=hotel.address,
            property_id=hotel.id, progress=provisioning)
        with property_uow(prop.id, SEED_ACTOR, write=False) as uow:
            has_rooms = bool(property_services.list_rooms(uow.session))
        (skipped if has_rooms else fresh).append(hotel)
    report.properties = [h.name for h in HOTELS]
    report.skipped = [h.name for h in skipped]

    report.staff = seed_staff()
    report_progress("staff logins", 0.12)
    for n, hotel in enumerate(fresh):
        day0 = today or local_today(hotel.timezone)
        first_price_day = day0 - timedelta(days=past_days + 31)
        price_days = (day0 - first_price_day).days + PRICE_DAYS_AHEAD
        _set_up_hotel(hotel, first_price_day, price_days, day0)
        report_progress(f"{hotel.name}: rooms and rates", 0.15 + 0.4 * n)
        rng = random.Random(f"{seed}-{hotel.key}")

        def tick(done: int, total: int, h: HotelSpec = hotel, n: int = n) -> None:
            report_progress(f"{h.name}: day {done}/{total}", 0.2 + 0.4 * n + 0.35 * done / total)

        report.history[hotel.name] = simulate(hotel, day0, past_days=past_days,
                                              future_days=future_days, scale=scale, rng=rng,
                                              progress=tick)
        report.history[hotel.name].update(seed_housekeeping(hotel, day0, rng))
    seed_demo_sites(HOTELS)  # idempotent: existing pages are left as edited
    report_progress("done", 1.0)
    return report


def _set_up_hotel(hotel: HotelSpec, first_day: date, days: int, today: date) -> None:
    # Set up as of the first simulated day, so nothing is "in the past" for the engine.
    moment = datetime.combine(first_day - timedelta(days=1), time(9), ZoneInfo(hotel.timezone))
    with travel_to(moment), property_uow(hotel.id, SEED_ACTOR) as uow:
        setup.configure_property(uow, hotel)
        policies = setup.create_policies(uow)
        type_ids = setup.create_rooms(uow, hotel)
        setup.create_rate_plans(uow, hotel, type_ids, policies, first_day, days)
        setup.add_restrictions(uow, hotel, type_ids, first_day, days)
        if hotel is CITY:
            setup.add_day_use(uow, hotel, type_ids, policies, first_day, days)
        setup.add_promos(uow, first_day, days)
        uow.commit()
    if hotel is CITY:
        _add_group_block(hotel, type_ids, today)


def _add_group_block(hotel: HotelSpec, type_ids: dict, today: date) -> None:
    """A conference group in three weeks: 12 Superior Kings for three nights."""
    arrival = today + timedelta(days=21)
    moment = datetime.combine(today - timedelta(days=40), time(11), ZoneInfo(hotel.timezone))
    with travel_to(moment), property_uow(hotel.id, SEED_ACTOR) as uow:
        create_block(uow, BlockCreate(
            code="TECHSUMMIT", name="Lisbon Tech Summit", release_date=arrival - timedelta(days=7),
            rooms=[BlockRooms(room_type_id=type_ids["SUP"], start=arrival,
                              end=arrival + timedelta(days=3), count=12)],
            contact_name="Rita Congress", contact_email="groups@techsummit.example"))
        uow.commit()
