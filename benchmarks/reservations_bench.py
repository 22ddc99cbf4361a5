"""Reservations engine benchmark on real Postgres: search latency, booking latency, contention.

Builds a throwaway 500-room property (12 room types, 3 rate plans each, 365 nights of prices,
~60% occupancy), then measures, printing p50/p95/p99 and PASS/FAIL for each target:

  search      availability search for 1-14-night stays, 8 concurrent clients   p95 <= 25 ms
  booking     booking commit on distinct dates, 20 concurrent clients          p95 <= 60 ms
  contention  200 rounds x 50 concurrent attempts for the last unit of a type:
              exactly one success per round, 0 oversold nights, 0 overlapping room stays

Clients are separate processes (as production runs several app workers), each a closed loop
with no think time. Run:  .venv/bin/python benchmarks/reservations_bench.py [--quick]
Exit status 0 only if every target passes. The databases it creates are dropped at the end.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sys
import threading
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reservations_bench_hotel import PG_SERVER, build_property, configure  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(name: str, latencies_ms: list[float], target_p95: float) -> bool:
    p50, p95, p99 = (pct(latencies_ms, p) for p in (50, 95, 99))
    ok = p95 <= target_p95
    print(f"{name:<11} n={len(latencies_ms):<5} p50={p50:6.1f} ms  p95={p95:6.1f} ms  "
          f"p99={p99:6.1f} ms  target p95 <= {target_p95:.0f} ms  {'PASS' if ok else 'FAIL'}"
          f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)", flush=True)
    return ok


def info(name: str, latencies_ms: list[float], what: str) -> None:
    p50, p95, p99 = (pct(latencies_ms, p) for p in (50, 95, 99))
    print(f"{name:<11} n={len(latencies_ms):<5} p50={p50:6.1f} ms  p95={p95:6.1f} ms  "
          f"p99={p99:6.1f} ms  ({what}; load average {os.getloadavg()[0]:.1f})", flush=True)


# ---------------------------------------------------------------- workloads


_warmed = None  # a Barrier set before the pool forks: the parent times only warm workers


def warm_pool(ctx, clients: int, control_db: str, warm: tuple):
    """A pool of `clients` workers, returned once every one of them has warmed itself."""
    global _warmed
    _warmed = ctx.Barrier(clients + 1)
    pool = ctx.Pool(clients, _init_worker, (control_db, warm))
    _warmed.wait()
    return pool


def _init_worker(control_db: str, warm: tuple | None = None) -> None:
    configure(control_db)
    if warm is not None:
        # Every worker warms itself, as a long-running app worker is warm: its connection, the
        # code, SQLAlchemy's compiled statements and the pricing caches. (A warm-up `map` may
        # hand two tasks to one worker and none to another, leaving a cold first request.)
        pid, today, types, plans = warm
        search_client((pid, today, 2, os.getpid(), 0))
        if types:  # the booking path too (one real booking, not timed)
            booking_client((pid, today, 1, 10_000 + os.getpid(), 1, types, plans, 0))
        _warmed.wait()


def think(rng: random.Random, mean_ms: float) -> None:
    """A user's pause between requests (exponential); 0 makes a closed loop with no pause."""
    if mean_ms > 0:
        time.sleep(rng.expovariate(1000 / mean_ms))


def search_client(args_tuple) -> list[float]:
    pid, today, n, seed, think_ms = args_tuple
    from core.db.uow import property_uow
    from core.reservations.availability import search_availability

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        arrival = today + timedelta(days=rng.randint(1, 330))
        departure = arrival + timedelta(days=rng.randint(1, 14))
        t0 = time.perf_counter()
        with property_uow(pid, write=False) as uow:
            search_availability(uow, arrival=arrival, departure=departure, adults=2)
        out.append((time.perf_counter() - t0) * 1000)
        think(rng, think_ms)
    return out


def booking_client(args_tuple) -> tuple[list[float], int]:
    pid, today, n, client, clients, types, plans, think_ms = args_tuple
    from core.actor import Actor
    from core.db.uow import property_uow
    from core.errors import DomainError
    from core.reservations.schemas import BookingCreate, RoomRequest
    from core.reservations.services import create_booking

    rng = random.Random(client)
    actor = Actor(kind="api", name=f"client-{client}", permissions=frozenset(
        {"reservations.create"}))
    out, refused = [], 0
    for i in range(n):
        # Distinct dates per client: client c books arrivals c, c+clients, c+2*clients, ...
        arrival = today + timedelta(days=1 + (client + i * clients) % 330)
        rt = types[(client * 7 + i) % len(types)]
        data = BookingCreate(
            arrival=arrival, departure=arrival + timedelta(days=rng.randint(1, 3)),
            guest={"first_name": "Bench", "last_name": f"Client{client}",
                   "email": f"client{client}@example.com"},
            rooms=[RoomRequest(room_type_id=rt, rate_plan_id=plans[rt], adults=2)])
        t0 = time.perf_counter()
        try:
            with property_uow(pid, actor) as uow:
                create_booking(uow, data, idempotency_key=f"bench-{client}-{i}")
                uow.commit()
        except DomainError:
            refused += 1  # a night of that type happened to be full: still a full commit path
        out.append((time.perf_counter() - t0) * 1000)
        think(rng, think_ms)
    return out, refused


def backend_cpu_ms(pid: uuid.UUID) -> tuple[int, float]:
    """This process's Postgres backend and the CPU it has used so far (same host only)."""
    from sqlalchemy import text

    from core.db.uow import property_uow

    with property_uow(pid, write=False) as uow:
        backend = uow.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    return backend, _proc_cpu_ms(backend)


def _proc_cpu_ms(proc: int) -> float:
    try:
        fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def cpu_costs(args_tuple) -> dict[str, tuple[float, float]]:
    """CPU per search and per booking for one client alone: (app ms, Postgres backend ms).

    One client uses one pooled connection, so its backend's CPU is the database's share."""
    pid, today, n, types, plans = args_tuple
    search_client((pid, today, 5, 4242, 0))  # warm: code, caches, prepared statements
    out = {}
    for name, run in (("search", lambda: search_client((pid, today, n, 4343, 0))),
                      ("booking", lambda: booking_client((pid, today, n, 555, 1000, types,
                                                          plans, 0)))):
        backend, pg0 = backend_cpu_ms(pid)
        app0 = time.process_time()
        run()
        app = (time.process_time() - app0) * 1000 / n
        out[name] = (app, (_proc_cpu_ms(backend) - pg0) / n)
    return out


def contention(pid: uuid.UUID, today: date, rounds: int, attempts: int, rt: uuid.UUID,
               plan: uuid.UUID) -> tuple[int, int]:
    """Each round: leave exactly one unit of `rt` for a stay, then race `attempts` threads."""
    from core.actor import Actor
    from core.db.uow import property_uow
    from core.inventory.services import availability
    from core.reservations.schemas import BookingCreate, RoomRequest
    from core.reservations.services import create_booking

    actor = Actor(kind="api", name="racer", permissions=frozenset({"reservations.create"}))
    guest = {"last_name": "Racer", "email": "racer@example.com"}
    bad_rounds = 0
    for r in range(rounds):
        arrival = today + timedelta(days=1 + r % 340)
        departure = arrival + timedelta(days=1 + r % 3)
        with property_uow(pid, actor) as uow:
            left = availability(uow, [rt], arrival, departure)[rt]
            while left > 1:
                take = min(left - 1, 20)
                create_booking(uow, BookingCreate(
                    arrival=arrival, departure=departure, guest=guest,
                    rooms=[RoomRequest(room_type_id=rt, rate_plan_id=plan)] * take))
                left -= take
            uow.commit()
        if left != 1:
            continue
        wins, errors = race_round(pid, actor, guest, rt, plan, arrival, departure, attempts)
        if len(wins) != 1 or errors:
            bad_rounds += 1
            print(f"  round {r}: {len(wins)} winners, errors {errors[:2]}", flush=True)
    return rounds, bad_rounds


def race_round(pid, actor, guest, rt, plan, arrival, departure, attempts):
    """`attempts` threads released together, each booking one unit; returns winners, errors."""
    from core.db.uow import property_uow
    from core.errors import DomainError
    from core.reservations.schemas import BookingCreate, RoomRequest
    from core.reservations.services import create_booking

    barrier = threading.Barrier(attempts)
    wins: list[int] = []
    errors: list[Exception] = []

    def attempt(i: int) -> None:
        data = BookingCreate(arrival=arrival, departure=departure, guest=guest,
                             rooms=[RoomRequest(room_type_id=rt, rate_plan_id=plan)])
        barrier.wait()
        try:
            with property_uow(pid, actor) as uow:
                create_booking(uow, data)
                uow.commit()
            wins.append(i)
        except DomainError as exc:
            if exc.code != "not_available":
                errors.append(exc)
        except Exception as exc:  # noqa: BLE001  (a deadlock or crash fails the round)
            errors.append(exc)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(attempts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return wins, errors


def audit(pid: uuid.UUID) -> tuple[int, int, int]:
    """Oversold nights, overlapping room stays, and nights whose counter disagrees with the
    reservations that hold them."""
    from sqlalchemy import text

    from core.db.uow import property_uow

    with property_uow(pid, write=False) as uow:
        run = lambda sql: uow.session.execute(text(sql)).scalar_one()  # noqa: E731
        oversold = run("SELECT count(*) FROM inventory_nights WHERE sold + day_use + blocked > "
                       "physical - out_of_order + overbooking")
        overlaps = run("SELECT count(*) FROM room_stays a JOIN room_stays b ON a.room_id = "
                       "b.room_id AND a.id < b.id AND a.start_date < b.end_date AND "
                       "b.start_date < a.end_date")
        drift = run("""
            WITH held AS (
              SELECT r.room_type_id, d::date AS night, count(*) AS n
              FROM reservations r, generate_series(r.arrival, r.departure - 1, '1 day') d
              WHERE r.status IN ('hold', 'confirmed', 'checked_in') AND NOT r.day_use
              GROUP BY 1, 2)
            SELECT count(*) FROM inventory_nights i
            FULL JOIN held h ON h.room_type_id = i.room_type_id AND h.night = i.night
            WHERE coalesce(i.sold, 0) <> coalesce(h.n, 0)""")
    return oversold, overlaps, drift


# ---------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=500)
    parser.add_argument("--types", type=int, default=12)
    parser.add_argument("--nights", type=int, default=365)
    parser.add_argument("--search-clients", type=int, default=8)
    parser.add_argument("--searches", type=int, default=60, help="per client")
    parser.add_argument("--booking-clients", type=int, default=20)
    parser.add_argument("--bookings", type=int, default=20, help="per client")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--attempts", type=int, default=50)
    parser.add_argument("--think-ms", type=float, default=0.0,
                        help="mean pause between a client's requests (default 0: closed loop, "
                        "the targets' setting; >0 models people and is reported as such)")
    parser.add_argument("--quick", action="store_true", help="a smoke run with small numbers")
    args = parser.parse_args()
    if args.quick:
        args.searches, args.bookings, args.rounds, args.attempts = 10, 5, 5, 10
    args.control_db = f"gj_bench_ctl_{uuid.uuid4().hex[:8]}"
    configure(args.control_db)
    from sqlalchemy import select

    from core.db.uow import property_uow
    from core.properties.models import RoomType
    from core.rates.models import RatePlan
    from core.tenancy.provisioning import deprovision_property, drop_database

    if args.think_ms:
        print(f"clients pause {args.think_ms:.0f} ms on average between requests "
              "(the targets are defined with no pause)", flush=True)
    t0 = time.perf_counter()
    pid, today = build_property(args)
    print(f"set-up {time.perf_counter() - t0:.0f} s", flush=True)
    ok = True
    try:
        with property_uow(pid, write=False) as uow:
            types = list(uow.session.exec(select(RoomType.id).order_by(RoomType.code)).scalars())
            plans = {rt: p for p, rt in uow.session.exec(
                select(RatePlan.id, RatePlan.room_type_id).where(RatePlan.code == "BAR")).all()}
        from core.db.engines import reset_engines

        reset_engines()  # children must not inherit open connections
        ctx = mp.get_context("fork")
        with warm_pool(ctx, args.search_clients, args.control_db, (pid, today, [], {})) as pool:
            lat = sum(pool.map(search_client, [(pid, today, args.searches, c, args.think_ms)
                                               for c in range(args.search_clients)]), [])
        ok &= report("search", lat, 25)
        with ctx.Pool(1, _init_worker, (args.control_db,)) as pool:
            pool.map(search_client, [(pid, today, 3, 77, 0)])
            one = pool.map(search_client, [(pid, today, args.searches, 78, 0)])[0]
            info("search", one, "1 client: the cost of one search without queueing")
        with warm_pool(ctx, args.booking_clients, args.control_db,
                       (pid, today, types, plans)) as pool:
            results = pool.map(booking_client, [
                (pid, today, args.bookings, c, args.booking_clients, types, plans, args.think_ms)
                for c in range(args.booking_clients)])
        lat = sum((r[0] for r in results), [])
        refused = sum(r[1] for r in results)
        ok &= report("booking", lat, 60)
        print(f"            ({refused} of {len(lat)} refused as sold out)", flush=True)
        with ctx.Pool(1, _init_worker, (args.control_db,)) as pool:
            pool.map(search_client, [(pid, today, 2, 79, 0)])
            one = pool.map(booking_client, [(pid, today, args.bookings * 2, 999, 1, types,
                                             plans, 0)])[0][0]
            info("booking", one, "1 client: the cost of one booking without queueing")
        with ctx.Pool(1, _init_worker, (args.control_db,)) as pool:
            costs = pool.map(cpu_costs, [(pid, today, 100, types, plans)])[0]
        for name, (app, pg) in costs.items():
            print(f"{name:<11} CPU per request, 1 client: app {app:.2f} ms + Postgres backend "
                  f"{pg:.2f} ms = {app + pg:.2f} ms (load average {os.getloadavg()[0]:.1f})",
                  flush=True)
        configure(args.control_db)
        rounds, bad = contention(pid, today, args.rounds, args.attempts, types[-1],
                                 plans[types[-1]])
        oversold, overlaps, drift = audit(pid)
        good = bad == 0 and oversold == 0 and overlaps == 0 and drift == 0
        ok &= good
        print(f"contention  {rounds} rounds x {args.attempts} attempts: {rounds - bad} rounds "
              f"with exactly one winner; oversold nights {oversold}; overlapping room stays "
              f"{overlaps}; counter drift {drift}  {'PASS' if good else 'FAIL'}", flush=True)
    finally:
        configure(args.control_db)
        deprovision_property(pid)
        from core.db.engines import reset_engines

        reset_engines()
        from sqlalchemy.engine import make_url

        drop_database(make_url(PG_SERVER).set(database=args.control_db).render_as_string(False))
    print("RESULT", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
