"""PMS page-state benchmark: each desk page's state loads for a 500-room hotel; target p95 <= 100 ms.

Builds a throwaway property (SQLite by default, real Postgres with --postgres) with 500 rooms in
5 room types, ~700 reservations made through the real booking service (today's arrivals, ~200 of
them checked in, and assigned stays over the next two weeks), and a signed-in front-desk user.
Then instantiates each page's Reflex state the way a connecting tab does (session cookie in the
websocket headers) and times its on_load handler: session check, shell, and the page's core read.

Run:  .venv/bin/python benchmarks/pms_state_bench.py [--postgres] [--rooms 500] [--runs 60]
Prints p50/p95/p99 per page and PASS/FAIL; exit status 0 only if every page's p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("GJ_APP", "pms_app")

from night_audit_bench import PG_SERVER, configure  # noqa: E402  (same throwaway set-up)

TARGET_MS = 100.0
PASSWORD = "bench-desk-password-2026"


def build(rooms: int):
    from core.actor import Actor
    from core.db import migrate
    from core.db.uow import control_uow, property_uow
    from core.frontdesk.actions import check_in_guest
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user
    from core.identity.login import password_login
    from core.identity.permissions import ROLE_PERMISSIONS
    from core.properties.models import get_settings_row
    from core.properties.services import create_room, create_room_type
    from core.rates.services import create_rate_plan, set_rate_days
    from core.reservations.assignment import auto_assign
    from core.reservations.schemas import BookingCreate, RoomRequest
    from core.reservations.services import create_booking
    from core.tenancy.provisioning import create_chain, provision_property
    from core.timeutil import local_today

    migrate.migrate_control()
    chain = create_chain("Bench Chain", f"bench-{uuid.uuid4().hex[:6]}")
    pid = provision_property(chain_id=chain.id, name="Desk Bench Hotel",
                             slug=f"desk-{uuid.uuid4().hex[:8]}", timezone="UTC",
                             currency="EUR").id
    system = Actor.system("benchmark")
    types = []
    with property_uow(pid, system) as uow:
        today = local_today(get_settings_row(uow.session).timezone)
        per_type = rooms // 5
        for t in range(5):
            rt = create_room_type(uow, {"code": f"T{t}", "name": f"Type {t}",
                                        "max_occupancy": 3, "max_adults": 3})
            for i in range(per_type):
                create_room(uow, {"number": f"{t + 1}{i:03d}", "room_type_id": rt.id})
            plan = create_rate_plan(uow, {"code": f"BAR{t}", "name": f"Best {t}",
                                          "room_type_id": rt.id, "adult_prices": {}})
            set_rate_days(uow, plan.id, {"start": today, "end": today + timedelta(days=60),
                                         "price": Decimal("100.00") + t * 20})
            types.append((rt.id, plan.id, per_type))
        uow.commit()
    desk = Actor(kind="staff", name="Bench", permissions=ROLE_PERMISSIONS["front_desk"])
    rng = random.Random(7)
    ids = []
    with property_uow(pid, desk) as uow:
        for rt_id, plan_id, count in types:
            for i in range(count):
                # 60% arrive today (stays of 1-4 nights); the rest later in the fortnight.
                offset = 0 if i < count * 0.6 else rng.randint(4, 13)
                arrival = today + timedelta(days=offset)
                booking = create_booking(uow, BookingCreate(
                    arrival=arrival, departure=arrival + timedelta(days=rng.randint(1, 4)),
                    guest={"first_name": "Guest", "last_name": f"Bench{len(ids):04d}",
                           "email": f"g{len(ids)}@bench.example"},
                    rooms=[RoomRequest(room_type_id=rt_id, rate_plan_id=plan_id)]))
                ids.append((booking.reservations[0].id, offset))
        uow.commit()
    with property_uow(pid, desk) as uow:
        for n, (rid, offset) in enumerate(ids):
            if offset == 0 and n % 3 != 2:
                check_in_guest(uow, rid)
            elif offset > 0:
                auto_assign(uow, rid)
        uow.commit()
    with control_uow(system) as uow:
        update_security(uow, chain.id, mfa_required_roles=[])
        uow.commit()
    email = f"desk-{uuid.uuid4().hex[:6]}@bench.example"
    ensure_user(email, "Bench Desk", PASSWORD, [("front_desk", pid, None)], chain_id=chain.id)
    step = password_login(email, PASSWORD, kind="browser", app="pms_app", property_id=pid)
    return pid, step.credentials.session_cookie, [r for r, _ in ids]


def make_state(state_cls, cookie: str, params: dict | None = None):
    from reflex.istate.data import RouterData
    from reflex.state import State

    root = State(_reflex_internal_init=True)
    path = state_cls.get_full_name().split(".")[1:]
    router = RouterData.from_router_data({
        "headers": {"cookie": f"gj_session={cookie}", "user-agent": "bench"},
        "pathname": "/", "query": params or {}, "asPath": "/", "sid": "sid",
        "token": uuid.uuid4().hex, "ip": "127.0.0.1"})
    for i in range(len(path) + 1):
        (root.get_substate(path[:i]) if i else root).router = router
    return root.get_substate(path)


def time_page(name: str, make, runs: int) -> tuple[str, list[float]]:
    samples = []
    for _ in range(runs):
        state, handler = make()
        t0 = time.perf_counter()
        result = handler.fn(state)
        samples.append((time.perf_counter() - t0) * 1000)
        if result is not None and result is not handler_follow(state):
            raise SystemExit(f"{name}: load redirected ({result}); the session is not valid")
    return name, samples


def handler_follow(state):
    """A live page's load ends by starting its follower (not timed: it runs in the background)."""
    return getattr(type(state), "follow_live", None)


def pct(samples: list[float], p: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[int(p) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="run on the Postgres server")
    parser.add_argument("--rooms", type=int, default=500)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        control_db = configure(args, data_dir)
        try:
            t0 = time.perf_counter()
            pid, cookie, reservation_ids = build(args.rooms)
            print(f"set-up: {args.rooms} rooms, {len(reservation_ids)} reservations in "
                  f"{time.perf_counter() - t0:.1f} s", flush=True)
            from pms_app.state.reservation import ReservationState
            from pms_app.state.reservations import ReservationsState
            from pms_app.state.tape_chart import TapeChartState
            from pms_app.state.today import TodayState

            rng = random.Random(3)
            pages = [
                ("today", lambda: (make_state(TodayState, cookie), TodayState.load)),
                ("reservations", lambda: (make_state(ReservationsState, cookie),
                                          ReservationsState.load)),
                ("reservation", lambda: (make_state(
                    ReservationState, cookie, {"rid": str(rng.choice(reservation_ids))}),
                    ReservationState.load)),
                ("tape chart (14 days)", lambda: (make_state(TapeChartState, cookie),
                                                  TapeChartState.load)),
            ]
            backend = "postgres" if args.postgres else "sqlite"
            ok = True
            for name, make in pages:
                time_page(name, make, 3)  # warm caches (engines, registry) as a running app has
                _, samples = time_page(name, make, args.runs)
                p50, p95, p99 = (pct(samples, p) for p in (50, 95, 99))
                passed = p95 <= TARGET_MS
                ok &= passed
                print(f"{name:<22} [{backend}] p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                      f"p99 {p99:6.1f} ms  {'PASS' if passed else 'FAIL'}", flush=True)
            print(f"overall: {'PASS' if ok else 'FAIL'} (target p95 <= {TARGET_MS:.0f} ms; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
            return 0 if ok else 1
        finally:
            from core.db.engines import reset_engines

            reset_engines()
            if control_db:
                from sqlalchemy.engine import make_url

                from core.tenancy.provisioning import drop_database
                from core.tenancy.registry import list_properties, property_database_url

                # Drop the databases directly: the bench user's role grants keep the registry
                # rows, and the whole control database goes next anyway.
                urls = [property_database_url(p.id) for p in list_properties()]
                reset_engines()
                for url in urls:
                    drop_database(url)
                drop_database(make_url(PG_SERVER).set(database=control_db)
                              .render_as_string(False))


if __name__ == "__main__":
    sys.exit(main())
