"""Rate days (prices and restrictions) as pricing reads them: held per process per catalogue stamp.

Every search and booking needs the rate days of its stay for every plan it prices; reading them
was a third of a search's cost. A process therefore holds the property's rate days from about a
month before today onwards, inside the cached `Catalogue` of the current
`catalogue_stamp`. `set_rate_days` (the only writer of rate days) rewrites the stamp in its own
transaction, so the next request anywhere reads a new stamp and reloads: no stale price is served.
A stay starting before the held days is read from the database as before.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from core.rates import rules
from core.rates.catalogue import Catalogue
from core.rates.models import RateDay

# Modifying a stay that began recently re-prices it: hold some past days too.
DAYS_BEFORE = 31


@dataclass(frozen=True)
class DayTable:
    floor: date | None  # the first day held for every plan (None: only one stay was read)
    prices: dict[uuid.UUID, dict[date, tuple[Decimal | None, rules.DayRestrictions]]]
    restrictions: dict[uuid.UUID, dict[date, rules.DayRestrictions]]


def read_days(session: Session, *, start: date, end: date | None = None,
              plan_ids: set[uuid.UUID] | None = None) -> DayTable:
    """The rows on [start, end] (end None: all later days) of the given plans (None: all)."""
    t = RateDay.__table__.c  # type: ignore[attr-defined]
    stmt = select(t.rate_plan_id, t.day, t.price, t.min_los, t.max_los, t.closed_to_arrival,
                  t.closed_to_departure, t.closed).where(t.day >= start)
    if end is not None:
        stmt = stmt.where(t.day <= end)
    if plan_ids is not None:
        if not plan_ids:
            return DayTable(None, {}, {})
        stmt = stmt.where(t.rate_plan_id.in_(plan_ids))
    prices: dict[uuid.UUID, dict[date, tuple]] = {}
    restrictions: dict[uuid.UUID, dict[date, rules.DayRestrictions]] = {}
    # Most days share a handful of restriction settings: build each one once.
    interned: dict[tuple, rules.DayRestrictions] = {}
    # Rows come grouped by plan; comparing the UUIDs' ints avoids hashing a UUID per row
    # (UUID.__hash__ is Python code, and there are hundreds to thousands of rows).
    last, plan_prices, plan_restr = None, {}, {}
    for plan_id, day, price, *restr in session.execute(stmt.order_by(t.rate_plan_id)):
        if plan_id.int != last:
            last, plan_prices = plan_id.int, prices.setdefault(plan_id, {})
            plan_restr = restrictions.setdefault(plan_id, {})
        key = tuple(restr)
        found = interned.get(key)
        if found is None:
            found = interned[key] = rules.DayRestrictions(
                restr[0], restr[1], bool(restr[2]), bool(restr[3]), bool(restr[4]))
        plan_prices[day] = (price, found)
        plan_restr[day] = found
    return DayTable(start if end is None and plan_ids is None else None, prices, restrictions)


def days_for_stay(session: Session, catalogue: Catalogue, arrival: date, departure: date,
                  today: date, plan_ids: Callable[[], set[uuid.UUID]]) -> DayTable:
    """Rate days covering [arrival, departure] (the departure day's flags apply to a stay)."""
    held = catalogue.compiled.get("days")
    if held is None:
        held = read_days(session, start=min(arrival, today) - timedelta(days=DAYS_BEFORE))
        # Two threads loading one stamp at once both store a table at least as new as it.
        catalogue.compiled["days"] = held
    if held.floor is not None and arrival >= held.floor:
        return held
    return read_days(session, start=arrival, end=departure, plan_ids=plan_ids())
