"""The staff rate grid: each plan's effective price and restrictions per date, derived plans resolved."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from core.properties.models import get_settings_row
from core.rates import rules
from core.rates.catalogue import load_catalogue
from core.rates.errors import InvalidDates
from core.rates.models import RateDay

MAX_GRID_DAYS = 400


@dataclass(frozen=True)
class GridCell:
    price: Decimal | None  # for the room type's base occupancy; None: not priced that date
    restrictions: rules.DayRestrictions  # the plan's own, merged with inherited ones
    derived: bool


def rate_grid(session: Session, start: date, end: date, *,
              room_type_ids: Iterable[uuid.UUID] | None = None
              ) -> dict[uuid.UUID, dict[date, GridCell]]:
    """Per plan and date on [start, end] (inclusive): what a base-occupancy guest would pay."""
    if end < start or (end - start).days >= MAX_GRID_DAYS:
        raise InvalidDates(f"Show 1 to {MAX_GRID_DAYS} days of rates.",
                           fields={"end": f"on or after start, at most {MAX_GRID_DAYS} days"})
    settings = get_settings_row(session)
    cat = load_catalogue(session, settings.property_id, settings.catalogue_stamp)
    wanted = None if room_type_ids is None else set(room_type_ids)
    t = RateDay.__table__.c  # type: ignore[attr-defined]
    stored: dict[uuid.UUID, dict[date, tuple]] = {}
    for row in session.execute(select(t.rate_plan_id, t.day, t.price, t.min_los, t.max_los,
                                      t.closed_to_arrival, t.closed_to_departure, t.closed)
                               .where(t.day >= start, t.day <= end)).all():
        stored.setdefault(row[0], {})[row[1]] = (row[2], rules.DayRestrictions(
            row[3], row[4], bool(row[5]), bool(row[6]), bool(row[7])))
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]

    def cell(plan, day: date, depth: int = 0) -> GridCell:
        own_price, own = stored.get(plan.id, {}).get(day, (None, rules.OPEN))
        parent = cat.plans.get(plan.parent_id) if plan.parent_id else None
        if parent is None or depth > 5:
            return GridCell(None if own_price is None else Decimal(own_price), own, False)
        up = cell(parent, day, depth + 1)
        price = None if up.price is None else rules.derive_price(
            up.price, plan.derive_kind or "amount", Decimal(plan.derive_value or 0))
        merged = own.merged(up.restrictions) if plan.inherit_restrictions else own
        return GridCell(price, merged, True)

    return {plan.id: {d: cell(plan, d) for d in days}
            for plan in cat.plans.values() if wanted is None or plan.room_type_id in wanted}
