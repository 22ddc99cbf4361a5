"""Desk booking: availability priced for the agent (every plan of every open room type)."""

from __future__ import annotations

from datetime import date

from core.db.uow import UnitOfWork
from core.reservations.availability import search_availability


def desk_offers(uow: UnitOfWork, *, arrival: date, departure: date, adults: int,
                children_ages: list[int] | None = None, channel: str = "direct"
                ) -> list[dict[str, str]]:
    """One row per room type and rate plan that can be sold for the stay, cheapest first."""
    uow.actor.require("reservations.create")
    rows = []
    for offer in search_availability(uow, arrival=arrival, departure=departure, adults=adults,
                                     children_ages=children_ages or [], channel=channel):
        for q in offer.quotes:
            rows.append({"room_type_id": str(offer.room_type_id), "room_type": offer.name,
                         "units_left": str(offer.units_left), "rate_plan_id": str(q.rate_plan_id),
                         "rate_plan": q.rate_plan_name, "total": f"{q.total:.2f}",
                         "currency": q.currency, "nightly": f"{q.total / max(len(q.nights), 1):.2f}",
                         "guarantee": q.guarantee_type})
    return rows
