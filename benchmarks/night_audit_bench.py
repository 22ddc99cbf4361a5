"""Night-audit benchmark: a 500-room hotel, full house, one audit; target <= 5 s.

Builds a throwaway property (SQLite by default, real Postgres with --postgres) with 500 rooms,
all in house (checked in, a 3-night price snapshot with VAT and city tax), one folio per stay,
a quarter routed to company folios, and 20 due no-shows. Then times `run_night_audit` (room and
tax postings, no-shows, balance check, flash and trial balance as CSV+PDF, date roll) and runs
it a second time to show the repeat changes nothing. Stays are bulk-inserted: the set-up is not
what is measured.

Run:  .venv/bin/python benchmarks/night_audit_bench.py [--postgres] [--rooms 500]
Exit status 0 only if the audit met the target and the repeat posted nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PG_SERVER = os.environ.get("GJ_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
TARGET_S = 5.0


def configure(args, data_dir: str) -> str | None:
    from sqlalchemy.engine import make_url

    os.environ["GJ_ENV"] = "test"
    os.environ["GJ_DATA_DIR"] = data_dir
    os.environ.pop("REDIS_URL", None)
    control_db = None
    if args.postgres:
        from core.db.engines import make_admin_engine

        control_db = f"gj_bench_na_{uuid.uuid4().hex[:8]}"
        admin = make_admin_engine(PG_SERVER)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{control_db}"')
        admin.dispose()
        os.environ["CONTROL_DATABASE_URL"] = make_url(PG_SERVER).set(
            database=control_db).render_as_string(False)
        os.environ["DATABASE_URL"] = PG_SERVER
    else:
        os.environ.pop("CONTROL_DATABASE_URL", None)
        os.environ.pop("DATABASE_URL", None)
    from core.config import reset_settings
    from core.db.engines import reset_engines

    reset_settings()
    reset_engines()
    return control_db


def build(args) -> tuple[uuid.UUID, date]:
    from core.actor import Actor
    from core.db import migrate
    from core.db.uow import property_uow
    from core.folio.models import Folio, RoutingRule
    from core.guests.models import Guest
    from core.properties.models import get_settings_row
    from core.properties.services import create_room, create_room_type
    from core.rates.services import create_rate_plan
    from core.reservations.models import Booking, Reservation
    from core.tenancy.provisioning import create_chain, provision_property
    from core.timeutil import local_today

    migrate.migrate_control()
    chain = create_chain("Bench Chain", f"bench-{uuid.uuid4().hex[:6]}")
    pid = provision_property(chain_id=chain.id, name="Audit Bench Hotel",
                             slug=f"na-{uuid.uuid4().hex[:8]}", timezone="UTC",
                             currency="EUR").id
    with property_uow(pid, Actor.system("benchmark")) as uow:
        today = local_today(get_settings_row(uow.session).timezone)
        rt = create_room_type(uow, {"code": "STD", "name": "Standard", "max_occupancy": 2,
                                    "max_adults": 2})
        for n in range(args.rooms):
            create_room(uow, {"number": str(1000 + n), "room_type_id": rt.id})
        plan = create_rate_plan(uow, {"code": "BAR", "name": "Best rate", "room_type_id": rt.id})
        uow.commit()
    arrival = today - timedelta(days=1)
    nights = [{"date": (arrival + timedelta(days=i)).isoformat(), "amount": "120.00",
               "room": "120.00", "meals": "0.00", "discount": "0.00", "tax": "9.20"}
              for i in range(3)]
    price = {"nights": nights, "taxes": [
        {"code": "VAT", "name": "VAT", "kind": "percent", "amount": "21.60", "inclusive": False},
        {"code": "CITY", "name": "City tax", "kind": "per_person_night", "amount": "6.00",
         "inclusive": False}], "total": "387.60"}
    with property_uow(pid) as uow:
        s = uow.session
        guests, bookings, stays, folios, rules = [], [], [], [], []
        for n in range(args.rooms + 20):
            g = Guest(first_name="Guest", last_name=f"No {n}", email=f"g{n}@example.com")
            b = Booking(reference=f"B{n:07d}", guest_id=g.id)
            in_house = n < args.rooms
            r = Reservation(booking_id=b.id, guest_id=g.id, room_type_id=rt.id,
                            rate_plan_id=plan.id, arrival=arrival if in_house else today,
                            departure=arrival + timedelta(days=3), adults=2, price=price,
                            total=Decimal("387.60"), currency="EUR",
                            status="checked_in" if in_house else "confirmed",
                            cancellation_policy={"no_show_fee": {"kind": "first_night",
                                                                  "value": "0"}})
            guests.append(g)
            bookings.append(b)
            stays.append(r)
            if in_house:
                f = Folio(name=f"Guest No {n}", reservation_id=r.id, currency="EUR")
                folios.append(f)
                if n % 4 == 0:
                    c = Folio(name=f"Company {n}", reservation_id=r.id, kind="company",
                              currency="EUR")
                    folios.append(c)
                    rules.append(RoutingRule(reservation_id=r.id, charge_types=["room", "tax"],
                                             target_folio_id=c.id))
        # The nights these stays sold (a no-show gives its nights back to inventory).
        from core.inventory.models import InventoryNight

        counts = [InventoryNight(room_type_id=rt.id, night=arrival + timedelta(days=i),
                                 physical=args.rooms, sold=args.rooms + (20 if i else 0),
                                 overbooking=20) for i in range(3)]
        for batch in (guests, bookings, stays, folios, rules, counts):
            s.add_all(batch)
            s.flush()
        uow.commit()
    return pid, today


def audit(pid: uuid.UUID, day: date | None = None):
    from core.actor import Actor
    from core.db.uow import property_uow
    from core.night_audit.services import run_night_audit

    with property_uow(pid, Actor.system("night-audit")) as uow:
        run = run_night_audit(uow, day)
        uow.commit()
        return run.business_date, run.summary


def count_postings(pid) -> int:
    from sqlalchemy import func, select

    from core.db.uow import property_uow
    from core.folio.models import Posting

    with property_uow(pid, write=False) as uow:
        return uow.session.execute(select(func.count()).select_from(Posting)).scalar_one()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="run on the Postgres server")
    parser.add_argument("--rooms", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        control_db = configure(args, data_dir)
        try:
            t0 = time.perf_counter()
            pid, today = build(args)
            print(f"set-up: {args.rooms} rooms in house in {time.perf_counter() - t0:.1f} s",
                  flush=True)
            start = time.perf_counter()
            day, summary = audit(pid)
            elapsed = time.perf_counter() - start
            posted = count_postings(pid)
            again_start = time.perf_counter()
            audit(pid, day)
            again = time.perf_counter() - again_start
            repeat_ok = count_postings(pid) == posted
            flash = summary["flash"]
            ok = elapsed <= TARGET_S and repeat_ok and summary["trial_balance"]["balanced"]
            backend = "postgres" if args.postgres else "sqlite"
            print(f"night audit [{backend}] {args.rooms} rooms: {elapsed:.2f} s "
                  f"(target <= {TARGET_S:.0f} s), {summary['postings']} postings, "
                  f"{summary['no_shows']} no-shows, occupancy {flash['occupancy_pct']}%, "
                  f"ADR {flash['adr']}, balanced={summary['trial_balance']['balanced']}; "
                  f"repeat {again:.2f} s posting nothing={repeat_ok}  "
                  f"{'PASS' if ok else 'FAIL'}  (load average {os.getloadavg()[0]:.1f} on "
                  f"{os.cpu_count()} CPUs)", flush=True)
            return 0 if ok else 1
        finally:
            from core.db.engines import reset_engines

            reset_engines()
            if control_db:
                from sqlalchemy.engine import make_url

                from core.tenancy.provisioning import deprovision_property, drop_database
                from core.tenancy.registry import list_properties

                for prop in list_properties():
                    deprovision_property(prop.id)
                reset_engines()
                drop_database(make_url(PG_SERVER).set(database=control_db)
                              .render_as_string(False))


if __name__ == "__main__":
    sys.exit(main())
