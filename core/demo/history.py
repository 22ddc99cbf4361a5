"""Play a property's recent past through the real engine, day by day, with a seeded RNG.

Each simulated day the desk checks out the day's departures, the hotel takes new bookings (made
ahead, as guests do), some guests cancel, arrivals check in, and yesterday's absent arrivals are
marked no-show. What is left on the real today is a live hotel: in-house guests, arrivals still to
come in, departures still to leave, future bookings, holds, cancellations and no-shows.
"""

from __future__ import annotations

import logging
import math
import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.actor import Actor
from core.db.uow import property_uow
from core.demo.catalog import CHANNELS, HotelSpec
from core.demo.people import random_guest
from core.errors import DomainError
from core.guests.schemas import GuestCreate
from core.properties import services as setup
from core.rates import services as rates
from core.reservations import lifecycle
from core.reservations.assignment import auto_assign
from core.reservations.schemas import BookingCreate, RoomRequest
from core.reservations.services import create_booking
from core.timeutil import travel_to

log = logging.getLogger(__name__)
SEED_ACTOR = Actor.system("demo-seed")


@dataclass
class Plan:
    cancel_on: dict[date, list[uuid.UUID]] = field(default_factory=lambda: defaultdict(list))
    no_show: set[uuid.UUID] = field(default_factory=set)
    stays: dict[uuid.UUID, tuple[date, date]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    in_house: set[uuid.UUID] = field(default_factory=set)


def _at(day: date, clock: time, tz: str) -> datetime:
    return datetime.combine(day, clock, tzinfo=ZoneInfo(tz))


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def simulate(hotel: HotelSpec, today: date, *, past_days: int = 90, future_days: int = 90,
             scale: float = 1.0, rng: random.Random,
             progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    pid = hotel.id
    with property_uow(pid, SEED_ACTOR, write=False) as uow:
        room_types = setup.list_room_types(uow.session, active_only=True)
        plans = rates.list_rate_plans(uow.session)
    rt_weights = [(rt, next(s.count for s in hotel.room_types if s.code == rt.code))
                  for rt in room_types]
    plans_by_type: dict[uuid.UUID, list] = defaultdict(list)
    for p in plans:
        plans_by_type[p.room_type_id].append(p)

    plan = Plan()
    first = today - timedelta(days=past_days + 30)
    total_days = (today - first).days + 1
    for i in range(total_days):
        day = first + timedelta(days=i)
        _play_day(hotel, day, today, plan, rt_weights, plans_by_type, rng, scale,
                  past_floor=today - timedelta(days=past_days),
                  horizon=today + timedelta(days=future_days))
        if progress:
            progress(i + 1, total_days)
    _leave_open_holds(hotel, today, plan, rt_weights, plans_by_type, rng)
    return dict(plan.counts)


def _play_day(hotel, day, today, plan, rt_weights, plans_by_type, rng, scale, *, past_floor,
              horizon) -> None:
    tz = hotel.timezone
    is_today = day == today
    with travel_to(_at(day, time(7, 30), tz)), property_uow(hotel.id, SEED_ACTOR) as uow:
        for rid in [r for r in plan.no_show if plan.stays[r][0] == day - timedelta(days=1)]:
            _try(plan, "no_show", lambda rid=rid: lifecycle.mark_no_show(uow, rid), uow)
        uow.commit()
    with travel_to(_at(day, time(10, 30), tz)), property_uow(hotel.id, SEED_ACTOR) as uow:
        for rid, (_arr, dep) in list(plan.stays.items()):
            if dep == day and rid in plan.in_house and (not is_today or rng.random() < 0.5):
                if _try(plan, "checked_out", lambda rid=rid: lifecycle.check_out(uow, rid), uow):
                    plan.in_house.discard(rid)
        uow.commit()
    with travel_to(_at(day, time(12, 0), tz)), property_uow(hotel.id, SEED_ACTOR) as uow:
        for rid in plan.cancel_on.pop(day, []):
            if rid not in plan.in_house and _try(
                    plan, "cancelled", lambda rid=rid: lifecycle.cancel_reservation(
                        uow, rid, reason="Guest changed plans"), uow):
                plan.stays.pop(rid, None)
                plan.no_show.discard(rid)
        for _ in range(_poisson(rng, hotel.bookings_per_day * scale)):
            _book_one(uow, hotel, day, plan, rt_weights, plans_by_type, rng, past_floor, horizon)
        uow.commit()
    with travel_to(_at(day, time(16, 0), tz)), property_uow(hotel.id, SEED_ACTOR) as uow:
        for rid, (arr, _dep) in list(plan.stays.items()):
            if arr != day or rid in plan.no_show or rid in plan.in_house:
                continue
            if is_today and rng.random() < 0.55:
                continue  # still to arrive: today's arrivals list is never empty in the demo
            if _try(plan, "checked_in", lambda rid=rid: lifecycle.check_in(uow, rid), uow):
                plan.in_house.add(rid)
        if is_today:
            _pre_assign(uow, plan, today, rng)
        uow.commit()


def _book_one(uow, hotel, day, plan, rt_weights, plans_by_type, rng, past_floor, horizon) -> None:
    lead = min(int(rng.expovariate(1 / 18)), 120)
    arrival = day + timedelta(days=lead)
    if arrival < past_floor or arrival > horizon:
        return
    nights = max(1, min(14, round(rng.gammavariate(2.0, hotel.mean_stay / 2.0))))
    rt = rng.choices([r for r, _ in rt_weights], weights=[w for _, w in rt_weights])[0]
    candidates = [p for p in plans_by_type[rt.id] if not p.day_use]
    day_use = [p for p in plans_by_type[rt.id] if p.day_use]
    if day_use and lead <= 2 and rng.random() < 0.15:
        rate_plan, nights = day_use[0], 0
    else:
        rate_plan = rng.choices(candidates, weights=[55, 25, 20][:len(candidates)])[0]
    channel, source, _w = rng.choices(CHANNELS, weights=[c[2] for c in CHANNELS])[0]
    if channel not in rate_plan.channels:
        channel, source = "direct", "phone"
    adults = 1 if rng.random() < 0.25 else min(2, rt.max_adults)
    children = [rng.randint(3, 11)] if rt.max_children and rng.random() < 0.3 else []
    guest: GuestCreate = random_guest(rng)
    data = BookingCreate(
        arrival=arrival, departure=arrival + timedelta(days=nights),
        rooms=[RoomRequest(room_type_id=rt.id, rate_plan_id=rate_plan.id, adults=adults,
                           children_ages=children,
                           requests=rng.choice([[], [], ["High floor"], ["Late arrival"],
                                                ["Quiet room", "Extra pillows"]]))],
        guest=guest, channel=channel, source=source)
    booking = _try(plan, "booked", lambda: create_booking(uow, data), uow)
    if booking is None:
        return
    for res in booking.reservations:
        plan.stays[res.id] = (res.arrival, res.departure)
        roll = rng.random()
        if roll < 0.08 and arrival > day:
            plan.cancel_on[day + timedelta(days=rng.randint(1, (arrival - day).days))].append(
                res.id)
        elif roll < 0.11:
            plan.no_show.add(res.id)


def _pre_assign(uow, plan, today, rng) -> None:
    """The desk has already assigned rooms to some of the next three days' arrivals."""
    for rid, (arr, _dep) in plan.stays.items():
        if today < arr <= today + timedelta(days=3) and rng.random() < 0.6:
            _try(plan, "assigned", lambda rid=rid: auto_assign(uow, rid), uow)


def _leave_open_holds(hotel, today, plan, rt_weights, plans_by_type, rng) -> None:
    """A few tentative bookings (holds) waiting for the guest's confirmation."""
    tz = hotel.timezone
    with travel_to(_at(today, time(9, 0), tz)), property_uow(hotel.id, SEED_ACTOR) as uow:
        for _ in range(4):
            rt = rng.choice([r for r, _ in rt_weights])
            rate_plan = next(p for p in plans_by_type[rt.id] if not p.day_use)
            arrival = today + timedelta(days=rng.randint(10, 40))
            data = BookingCreate(
                arrival=arrival, departure=arrival + timedelta(days=rng.randint(2, 4)),
                rooms=[RoomRequest(room_type_id=rt.id, rate_plan_id=rate_plan.id, adults=2)],
                guest=random_guest(rng), channel="direct", source="phone",
                hold_minutes=3 * 24 * 60)
            _try(plan, "held", lambda data=data: create_booking(uow, data), uow)
        uow.commit()


def _try(plan: Plan, what: str, action, uow):
    """Run one service call in a savepoint: a refusal (sold out, restricted) skips it, as at
    a real desk, without undoing the rest of the day."""
    try:
        with uow.session.begin_nested():
            result = action()
    except DomainError as exc:
        plan.counts[f"refused:{exc.code}"] += 1
        return None
    plan.counts[what] += 1
    return result

