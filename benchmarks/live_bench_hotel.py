"""The live benchmark's set-up: its databases, a hotel made through core, and the change it times.

Everything here runs in a process whose settings point at the app's databases (the benchmark
configures itself; the smoke test wraps the calls in `apps.in_process()`).
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

PASSWORD = "harbour-lights-2026"
PG_SERVER = os.environ.get("GJ_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
# A Redis database of its own (tests use 14 and 15); it is emptied before and after a run.
REDIS_URL = os.environ.get("GJ_LIVE_BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")


@contextlib.contextmanager
def postgres_and_redis(data_dir) -> Iterator[dict[str, str]]:
    """Configure this process for production shape: PostgreSQL databases, events over Redis and
    Reflex state in Redis (REFLEX_REDIS_URL); yields the environment for the app; drops it all."""
    import redis
    from sqlalchemy.engine import make_url

    from core.config import reset_settings
    from core.db.engines import make_admin_engine, reset_engines
    from core.tenancy.provisioning import drop_database
    from core.tenancy.registry import list_properties, property_database_url

    control = f"gj_live_bench_{uuid.uuid4().hex[:8]}"
    admin = make_admin_engine(PG_SERVER)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{control}"')
    admin.dispose()
    redis.Redis.from_url(REDIS_URL).flushdb()
    os.environ.update(GJ_ENV="test", GJ_DATA_DIR=str(data_dir), DATABASE_URL=PG_SERVER,
                      CONTROL_DATABASE_URL=make_url(PG_SERVER).set(database=control)
                      .render_as_string(False), REDIS_URL=REDIS_URL, REFLEX_REDIS_URL=REDIS_URL)
    reset_settings()
    reset_engines()
    try:
        yield dict(os.environ)
    finally:
        urls = [property_database_url(p.id) for p in list_properties()]
        reset_engines()
        for url in urls + [os.environ["CONTROL_DATABASE_URL"]]:
            with contextlib.suppress(Exception):  # clean-up must not hide the figures
                drop_database(url)
        redis.Redis.from_url(REDIS_URL).flushdb()


@dataclass
class Hotel:
    """What the browser side needs to sign in, and what a change needs to book a stay."""

    chain_id: uuid.UUID
    property_id: uuid.UUID
    slug: str
    name: str
    desk_email: str
    room_type_id: uuid.UUID
    plan_id: uuid.UUID
    business_date: date


def _desk_actor():
    from core.actor import Actor
    from core.identity.permissions import ROLE_PERMISSIONS

    return Actor(kind="staff", name="Live bench desk", permissions=ROLE_PERMISSIONS["front_desk"])


def prepare_hotel(chain_id: uuid.UUID, property_id: uuid.UUID, rooms: int) -> Hotel:
    """`rooms` rooms of one type with a price for the next week, and a front-desk login.

    The chain's MFA requirement is lifted so the benchmark's browser can sign in with a password.
    """
    from core.actor import Actor
    from core.db.uow import control_uow, property_uow
    from core.frontdesk.services import business_day
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user
    from core.properties.services import create_room, create_room_type
    from core.rates.services import create_rate_plan, set_rate_days
    from core.tenancy.registry import get_property

    prop = get_property(property_id)
    with control_uow(Actor.system("live-bench")) as uow:
        update_security(uow, chain_id, mfa_required_roles=[])
        uow.commit()
    email = f"live-bench@{prop.slug}.example"
    ensure_user(email, "Livia Bench", PASSWORD, [("front_desk", property_id, None)],
                chain_id=chain_id)
    with property_uow(property_id, Actor.system("live-bench")) as uow:
        day = business_day(uow)
        rt = create_room_type(uow, {"code": "LVB", "name": "Bench Double",
                                    "max_occupancy": 2, "max_adults": 2})
        for n in range(rooms):
            create_room(uow, {"number": f"L{n + 1:03d}", "room_type_id": rt.id})
        plan = create_rate_plan(uow, {"code": "LVBAR", "name": "Bench rate",
                                      "room_type_id": rt.id, "adult_prices": {}})
        set_rate_days(uow, plan.id, {"start": day, "end": day + timedelta(days=7),
                                     "price": Decimal("120.00")})
        uow.commit()
    return Hotel(chain_id, property_id, prop.slug, prop.name, email, rt.id, plan.id, day)


def book_arrival(hotel: Hotel, n: int) -> float:
    """Book one stay arriving on the business date (Today's arrivals count goes up by one).

    Returns the wall-clock time (time.time()) at which the commit returned.
    """
    from core.db.uow import property_uow
    from core.reservations.schemas import BookingCreate, RoomRequest
    from core.reservations.services import create_booking

    with property_uow(hotel.property_id, _desk_actor()) as uow:
        create_booking(uow, BookingCreate(
            arrival=hotel.business_date, departure=hotel.business_date + timedelta(days=1),
            guest={"first_name": "Live", "last_name": f"Bench{n:04d}", "phone": "+351 900 000 000"},
            rooms=[RoomRequest(room_type_id=hotel.room_type_id, rate_plan_id=hotel.plan_id)]))
        uow.commit()
        return time.time()


def refresh_costs_ms(hotel: Hotel, session_cookie: str | None,
                     repeats: int = 20) -> tuple[float, float]:
    """Median ms of what one open Today tab does per live refresh, measured in this process:
    resolving its browser session (PmsState._actor, every read) and reading the Today board."""
    import statistics

    from core.db.uow import property_uow
    from core.frontdesk.services import today_board
    from core.identity.resolve import actor_from_session_cookie

    def median_ms(fn) -> float:
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    def board() -> None:
        with property_uow(hotel.property_id, _desk_actor(), write=False) as uow:
            today_board(uow)

    session = (median_ms(lambda: actor_from_session_cookie(
        session_cookie, property_id=hotel.property_id)) if session_cookie else float("nan"))
    return session, median_ms(board)
