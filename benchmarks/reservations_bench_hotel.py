"""The reservations benchmark's hotel: a throwaway 500-room property on Postgres, ~60% booked."""

from __future__ import annotations

import os
import random
import uuid
from datetime import date, timedelta
from decimal import Decimal

PG_SERVER = os.environ.get("GJ_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def configure(control_db: str) -> None:
    from sqlalchemy.engine import make_url

    os.environ["GJ_ENV"] = "test"
    os.environ["CONTROL_DATABASE_URL"] = make_url(PG_SERVER).set(
        database=control_db).render_as_string(False)
    os.environ["DATABASE_URL"] = PG_SERVER
    os.environ.setdefault("GJ_DB_POOL_SIZE", "30")
    os.environ.pop("REDIS_URL", None)
    from core.config import reset_settings
    from core.db.engines import reset_engines

    reset_settings()
    reset_engines()


def build_property(args) -> tuple[uuid.UUID, date]:
    from core.actor import Actor
    from core.db import migrate
    from core.db.engines import make_admin_engine
    from core.db.uow import property_uow
    from core.properties.models import get_settings_row
    from core.properties.services import create_room, create_room_type
    from core.rates.services import create_rate_plan, set_rate_days
    from core.tenancy.provisioning import create_chain, provision_property
    from core.timeutil import local_today

    admin = make_admin_engine(PG_SERVER)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{args.control_db}"')
    admin.dispose()
    migrate.migrate_control()
    chain = create_chain("Bench Chain", f"bench-{uuid.uuid4().hex[:6]}")
    prop = provision_property(chain_id=chain.id, name="Bench Hotel",
                              slug=f"bench-{uuid.uuid4().hex[:8]}", timezone="UTC", currency="EUR")
    pid = prop.id
    system = Actor.system("benchmark")
    with property_uow(pid, system) as uow:
        today = local_today(get_settings_row(uow.session).timezone)
        per_type = [args.rooms // args.types + (1 if i < args.rooms % args.types else 0)
                    for i in range(args.types)]
        number = 100
        for t, count in enumerate(per_type):
            rt = create_room_type(uow, {"code": f"RT{t:02d}", "name": f"Room type {t:02d}",
                                        "max_occupancy": 3, "max_adults": 3, "sort_order": t})
            for _ in range(count):
                number += 1
                create_room(uow, {"number": str(number), "room_type_id": rt.id,
                                  "features": random.sample(["quiet", "high_floor", "view"], 1)})
            for p, (code, meal) in enumerate([("BAR", "RO"), ("BB", "BB"), ("FLEX", "RO")]):
                plan = create_rate_plan(uow, {"code": code, "name": f"{code} {t}",
                                              "room_type_id": rt.id, "meal_plan": meal,
                                              "meal_price_adult": Decimal("12.00") if meal == "BB"
                                              else Decimal("0")})
                set_rate_days(uow, plan.id, {"start": today, "end": today + timedelta(
                    days=args.nights), "price": Decimal(90 + 10 * t + 5 * p)})
        uow.commit()
    seed_occupancy(pid, today, args)
    return pid, today


def seed_occupancy(pid: uuid.UUID, today: date, args) -> None:
    """~60% of room nights booked, as real rows: bookings, reservations, room stays, counters.

    Bulk-inserted (creating 35k bookings through the service would take longer than the
    benchmark); the counters are derived from the stays, and the audit below re-checks them.
    """
    from sqlalchemy import insert, select

    from core.db.uow import property_uow
    from core.guests.models import Guest
    from core.inventory.models import InventoryNight, RoomStay
    from core.inventory.services import open_inventory
    from core.properties.models import Room
    from core.rates.models import RatePlan
    from core.reservations.models import Booking, Reservation
    from core.reservations.rules import new_reference

    rng = random.Random(7)
    with property_uow(pid) as uow:
        s = uow.session
        rooms = s.execute(select(Room.id, Room.room_type_id)).all()
        plans = {rt: pid_ for pid_, rt in s.execute(
            select(RatePlan.id, RatePlan.room_type_id).where(RatePlan.code == "BAR")).all()}
        guest = Guest(first_name="Seed", last_name="Guest", email="seed@example.com")
        s.add(guest)
        s.flush()
        bookings, reservations, stays = [], [], []
        sold: dict[tuple[uuid.UUID, date], int] = {}
        horizon = today + timedelta(days=args.nights)
        for room_id, rt in rooms:
            day = today + timedelta(days=rng.randint(0, 3))
            while True:
                nights = rng.randint(1, 6)
                if day + timedelta(days=nights) > horizon:
                    break
                bid, rid = uuid.uuid4(), uuid.uuid4()
                bookings.append(dict(id=bid, reference=new_reference(), guest_id=guest.id,
                                     channel="direct", notes=""))
                reservations.append(dict(
                    id=rid, booking_id=bid, guest_id=guest.id, room_type_id=rt,
                    rate_plan_id=plans[rt], arrival=day, departure=day + timedelta(days=nights),
                    day_use=False, adults=2, children_ages=[], status="confirmed",
                    channel="direct", requests=[], price={}, total=Decimal("100.00") * nights,
                    currency="EUR", guarantee_type="none", cancellation_policy={}, version=1))
                stays.append(dict(id=uuid.uuid4(), room_id=room_id, kind="stay",
                                  reservation_id=rid, start_date=day,
                                  end_date=day + timedelta(days=nights)))
                for i in range(nights):
                    key = (rt, day + timedelta(days=i))
                    sold[key] = sold.get(key, 0) + 1
                # Gaps averaging 2/3 of the stays give ~60% occupancy.
                day += timedelta(days=nights + rng.randint(0, int(nights * 4 / 3)))
        for rt in {rt for _, rt in rooms}:
            open_inventory(uow, rt, today, horizon)
        for chunk in range(0, len(bookings), 5000):
            s.execute(insert(Booking), bookings[chunk:chunk + 5000])
            s.execute(insert(Reservation), reservations[chunk:chunk + 5000])
            s.execute(insert(RoomStay), stays[chunk:chunk + 5000])
        from sqlalchemy import bindparam, update

        inv = InventoryNight.__table__
        s.connection().execute(
            update(inv).where(inv.c.room_type_id == bindparam("rt"), inv.c.night == bindparam("n"))
            .values(sold=bindparam("sold")),
            [dict(rt=rt, n=n, sold=v) for (rt, n), v in sold.items()])
        uow.commit()
    total = len(rooms) * args.nights
    print(f"seeded {len(reservations)} reservations, occupancy "
          f"{sum(sold.values()) / total:.0%} of {total} room nights", flush=True)
    with property_uow(pid) as uow:
        uow.session.connection().exec_driver_sql("ANALYZE")
        uow.commit()
