"""Availability search: every sellable room type with units left and its priced rate plans."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from core.db.uow import UnitOfWork
from core.inventory.services import availability
from core.reservations import rules
from core.reservations.services import booking_today


@dataclass
class RoomTypeOffer:
    room_type_id: uuid.UUID
    code: str
    name: str
    units_left: int
    max_occupancy: int
    quotes: list = field(default_factory=list)  # core.rates.pricing.StayQuote, cheapest first


def search_availability(uow: UnitOfWork, *, arrival: date, departure: date, adults: int,
                        children_ages: tuple[int, ...] | list[int] = (),
                        promo_code: str | None = None, channel: str = "direct",
                        room_type_ids: list[uuid.UUID] | None = None) -> list[RoomTypeOffer]:
    """Room types with at least one unit for the whole stay and at least one plan that may be
    sold for it (restrictions, capacity and promo applied by the rates engine)."""
    from core.rates.catalogue import load_catalogue, load_settings
    from core.rates.pricing import price_offers

    # One narrow settings read serves the whole search (its stamp validates the cached room
    # types and plans; pricing reuses it rather than reading the row again).
    settings = load_settings(uow.session)
    today = booking_today(uow, settings)  # a guest's calendar date, the desk's business date
    rules.validate_stay(arrival, departure, adults, children_ages, today=today)
    catalogue = load_catalogue(uow.session, settings.property_id, settings.catalogue_stamp)
    wanted = None if room_type_ids is None else set(room_type_ids)
    types = {t.id: t for t in catalogue.room_type_order
             if t.active and (wanted is None or t.id in wanted)}
    units = availability(uow, list(types), arrival, departure) if types else {}
    open_types = [rt for rt in types if units[rt] > 0]
    if not open_types:
        return []
    offers = cast(dict[uuid.UUID, list], price_offers(
        uow.session, arrival=arrival, departure=departure, adults=adults,
        children_ages=tuple(children_ages), promo_code=promo_code, channel=channel, today=today,
        room_type_ids=open_types, settings=settings))
    return [RoomTypeOffer(room_type_id=rt, code=types[rt].code, name=types[rt].name,
                          units_left=units[rt], max_occupancy=types[rt].max_occupancy,
                          quotes=list(offers.get(rt, [])))
            for rt in open_types if offers.get(rt)]
