"""Set up a demo property through the setup and rates services: rooms, taxes, policies, prices."""

from __future__ import annotations

import calendar
import uuid
from datetime import date, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from core.db.uow import UnitOfWork
from core.demo.catalog import HotelSpec, RoomTypeSpec
from core.properties import services as setup
from core.rates import promos
from core.rates import services as rates

WEEKDAYS = [0, 1, 2, 3, 6]
WEEKEND = [4, 5]  # Friday and Saturday nights


def configure_property(uow: UnitOfWork, hotel: HotelSpec) -> None:
    setup.update_settings(uow, {
        "legal_name": hotel.legal_name, "tax_id": hotel.tax_id, "address": hotel.address, "country": hotel.country,
        "email": hotel.email, "phone": hotel.phone, "check_in_time": time(15, 0),
        "check_out_time": time(11, 0), "child_max_age": 12, "infant_max_age": 2,
        "day_use_start": time(10, 0), "day_use_end": time(18, 0),
    })
    setup.create_tax(uow, {"code": "VAT", "name": f"VAT {hotel.vat_percent}%",
                           "kind": "percent", "value": hotel.vat_percent, "inclusive": True})
    setup.create_tax(uow, {"code": "CITY", "name": "Tourist tax", "kind": "per_person_night",
                           "value": hotel.city_tax, "inclusive": False, "exempt_below_age": 13})


def create_policies(uow: UnitOfWork) -> dict[str, uuid.UUID]:
    flex = setup.create_policy(uow, {
        "code": "FLEX", "name": "Flexible",
        "text": "Free cancellation until 48 hours before arrival; after that, and for a "
                "no-show, the first night is charged.",
        "free_cancellation_hours": 48, "cancellation_fee_kind": "first_night",
        "no_show_fee_kind": "first_night"})
    nrf = setup.create_policy(uow, {
        "code": "NRF", "name": "Non-refundable",
        "text": "Paid in full at booking; not refundable if cancelled or not used.",
        "cancellation_fee_kind": "full",  # no free_cancellation_hours: never free
        "no_show_fee_kind": "full", "deposit_kind": "full"})
    return {"FLEX": flex.id, "NRF": nrf.id}


def create_rooms(uow: UnitOfWork, hotel: HotelSpec) -> dict[str, uuid.UUID]:
    """Room types and their rooms, numbered by floor (101, 102, ... 201, ...)."""
    type_ids: dict[str, uuid.UUID] = {}
    numbers = _room_numbers(hotel)
    for order, spec in enumerate(hotel.room_types):
        rt = setup.create_room_type(uow, {
            "code": spec.code, "name": spec.name, "description": spec.description,
            "base_occupancy": 2, "max_occupancy": spec.max_occupancy,
            "max_adults": spec.max_adults, "max_children": spec.max_children,
            "bed_types": list(spec.beds), "size_sqm": Decimal(spec.size_sqm),
            "amenities": list(spec.amenities),
            "photos": [f"/demo/{hotel.key}/{spec.code.lower()}-{i}.jpg" for i in (1, 2, 3)],
            "sort_order": order})
        type_ids[spec.code] = rt.id
        for number in numbers[spec.code]:
            floor = number[:-2]
            features = list(spec.features)
            if number.endswith("01"):
                features.append("accessible")
            if number.endswith(("02", "03")):
                features.append("connecting")
            setup.create_room(uow, {"number": number, "floor": floor, "room_type_id": rt.id,
                                    "features": sorted(set(features))})
    return type_ids


def _room_numbers(hotel: HotelSpec) -> dict[str, list[str]]:
    total = sum(rt.count for rt in hotel.room_types)
    per_floor = -(-total // hotel.floors)
    pool = [f"{floor}{i:02d}" for floor in range(1, hotel.floors + 1)
            for i in range(1, per_floor + 1)][:total]
    out: dict[str, list[str]] = {}
    for spec in hotel.room_types:
        out[spec.code], pool = pool[:spec.count], pool[spec.count:]
    return out


def create_rate_plans(uow: UnitOfWork, hotel: HotelSpec, type_ids: dict[str, uuid.UUID],
                      policies: dict[str, uuid.UUID], start: date, days: int) -> list[uuid.UUID]:
    """Per room type: BAR (flexible, room only), BB (BAR + breakfast) and NRF (BAR - 10%)."""
    plan_ids: list[uuid.UUID] = []
    every_channel = ["direct", "ota", "gds", "partner"]
    for spec in hotel.room_types:
        rt_id = type_ids[spec.code]
        bar = rates.create_rate_plan(uow, {
            "code": "BAR", "name": "Best Available Rate", "room_type_id": rt_id,
            "description": "Our flexible rate: pay at the hotel, cancel free until 48 h before.",
            "meal_plan": "RO", "adult_prices": {1: Decimal("-15")},
            "extra_adult": Decimal("35"), "child_bands": [
                {"max_age": 2, "amount": Decimal("0")}, {"max_age": 12, "amount": Decimal("20")}],
            "policy_id": policies["FLEX"], "guarantee_type": "card", "channels": every_channel,
            "sort_order": 0})
        bb = rates.create_rate_plan(uow, {
            "code": "BB", "name": "Bed & Breakfast", "room_type_id": rt_id,
            "description": "The flexible rate with our breakfast buffet.",
            "parent_id": bar.id, "derive_kind": "amount", "derive_value": Decimal("0"),
            "meal_plan": "BB", "meal_price_adult": Decimal("16"),
            "meal_price_child": Decimal("8"), "policy_id": policies["FLEX"],
            "guarantee_type": "card", "channels": ["direct", "ota"], "sort_order": 1})
        nrf = rates.create_rate_plan(uow, {
            "code": "NRF", "name": "Non-refundable Saver", "room_type_id": rt_id,
            "description": "10% below the flexible rate, paid at booking.",
            "parent_id": bar.id, "derive_kind": "percent", "derive_value": Decimal("-10"),
            "meal_plan": "RO", "policy_id": policies["NRF"], "guarantee_type": "deposit",
            "channels": every_channel, "min_advance_days": 3, "sort_order": 2})
        plan_ids += [bar.id, bb.id, nrf.id]
        set_seasonal_prices(uow, hotel, spec, bar.id, start, days)
    return plan_ids


def set_seasonal_prices(uow: UnitOfWork, hotel: HotelSpec, spec: RoomTypeSpec,
                        plan_id: uuid.UUID, start: date, days: int) -> None:
    """One bulk update per month and weekday group: seasonal price, weekend uplift."""
    end = start + timedelta(days=days - 1)
    month_start = start.replace(day=1)
    while month_start <= end:
        last = month_start.replace(day=calendar.monthrange(month_start.year, month_start.month)[1])
        lo, hi = max(month_start, start), min(last, end)
        base = spec.base_price * hotel.season.get(month_start.month, Decimal("1"))
        for weekdays, factor in ((WEEKDAYS, Decimal("1")), (WEEKEND, hotel.weekend_uplift)):
            price = (base * factor).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
            rates.set_rate_days(uow, plan_id, {"start": lo, "end": hi, "weekdays": weekdays,
                                               "price": price})
        month_start = last + timedelta(days=1)


def add_restrictions(uow: UnitOfWork, hotel: HotelSpec, type_ids: dict[str, uuid.UUID],
                     start: date, days: int) -> None:
    """Real-life restrictions: no New Year's Eve arrivals in town, 3-night minimum in summer
    at the resort."""
    end = start + timedelta(days=days - 1)
    plans = rates.list_rate_plans(uow.session)
    base_plans = [p for p in plans if p.parent_id is None and not p.day_use]
    for plan in base_plans:
        for year in {start.year, end.year}:
            if hotel.key == "city":
                eve = date(year, 12, 31)
                if start <= eve <= end:
                    rates.set_rate_days(uow, plan.id, {"start": eve, "end": eve,
                                                       "closed_to_arrival": True})
            else:
                lo, hi = max(start, date(year, 7, 1)), min(end, date(year, 8, 31))
                if lo <= hi:
                    rates.set_rate_days(uow, plan.id, {"start": lo, "end": hi, "min_los": 3})


def add_day_use(uow: UnitOfWork, hotel: HotelSpec, type_ids: dict[str, uuid.UUID],
                policies: dict[str, uuid.UUID], start: date, days: int) -> uuid.UUID:
    """A day-use rate on the standard rooms (10:00-18:00), something big PMSs cannot sell."""
    spec = hotel.room_types[0]
    plan = rates.create_rate_plan(uow, {
        "code": "DAY", "name": "Day Use 10:00-18:00", "room_type_id": type_ids[spec.code],
        "description": "A room for the day: rest, shower and work between flights.",
        "meal_plan": "RO", "policy_id": policies["FLEX"], "guarantee_type": "none",
        "channels": ["direct"], "day_use": True, "sort_order": 9})
    rates.set_rate_days(uow, plan.id, {
        "start": start, "end": start + timedelta(days=days - 1),
        "price": (spec.base_price * Decimal("0.6")).quantize(Decimal("1"))})
    return plan.id


def add_promos(uow: UnitOfWork, start: date, days: int) -> None:
    promos.create_promo(uow, {
        "code": "WELCOME10", "kind": "percent", "value": Decimal("10"),
        "description": "10% off direct bookings of two nights or more.", "min_nights": 2,
        "stay_from": start, "stay_to": start + timedelta(days=days - 1), "max_uses": 500})
    promos.create_promo(uow, {
        "code": "LONGSTAY", "kind": "amount", "value": Decimal("50"),
        "description": "EUR 50 off stays of seven nights or more.", "min_nights": 7})
