"""The bridge to the rates engine: price a stay at commit time."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from core.db.uow import UnitOfWork
from core.rates.catalogue import SettingsView


def quote(uow: UnitOfWork, *, room_type_id: uuid.UUID, rate_plan_id: uuid.UUID, arrival: date,
          departure: date, adults: int, children_ages: Iterable[int], promo_code: str | None,
          channel: str, today: date, settings: SettingsView | None = None):
    """Price the stay now (restrictions and capacity raise the rates engine's domain errors)."""
    from core.rates.pricing import quote_stay

    return quote_stay(uow.session, room_type_id=room_type_id, rate_plan_id=rate_plan_id,
                      arrival=arrival, departure=departure, adults=adults,
                      children_ages=tuple(children_ages), promo_code=promo_code,
                      channel=channel, today=today, settings=settings)
