"""A sellable hotel for the booking-site tests: one room type, a non-refundable plan at 100/night."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from core.actor import Actor
from core.db.uow import property_uow


@dataclass
class Hotel:
    pid: uuid.UUID
    rt: uuid.UUID
    plan: uuid.UUID
    today: date


def setup_hotel(pid: uuid.UUID) -> Hotel:
    from core.properties.models import get_settings_row
    from core.properties.services import create_policy, create_room, create_room_type
    from core.rates.services import create_rate_plan, set_rate_days
    from core.timeutil import local_today

    with property_uow(pid, Actor.system()) as uow:
        today = local_today(get_settings_row(uow.session).timezone)
        rt = create_room_type(uow, {"code": "KNG", "name": "King", "max_occupancy": 3,
                                    "max_adults": 3})
        for n in ("101", "102"):
            create_room(uow, {"number": n, "room_type_id": rt.id})
        policy = create_policy(uow, {"code": "NR", "name": "Non-refundable",
                                     "free_cancellation_hours": None,
                                     "cancellation_fee_kind": "percent",
                                     "cancellation_fee_value": Decimal("100")})
        plan = create_rate_plan(uow, {"code": "BAR", "name": "Best rate", "room_type_id": rt.id,
                                      "policy_id": policy.id, "adult_prices": {}})
        set_rate_days(uow, plan.id, {"start": today, "end": today + timedelta(days=200),
                                     "price": Decimal("100.00")})
        uow.commit()
    return Hotel(pid, rt.id, plan.id, today)
