"""Modifying a reservation: dates, room type, rate plan, guests, all or nothing.

Before arrival everything may change; an in-house stay may change its departure (extend or
shorten) and its guests, and keeps its room (a room move is its own operation).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.idempotency.services import idempotent
from core.inventory.rules import merge, occupancy_range
from core.inventory.services import apply_change
from core.reservations import rules
from core.reservations.models import Reservation
from core.reservations.models import ReservationStatus as S
from core.reservations.pricing import quote
from core.reservations.queries import get_reservation, reservation_public, room_legs
from core.reservations.schemas import ReservationChange, ReservationPublic
from core.reservations.services import _sell, _today, _touch


def _check_in_house_change(res: Reservation, change: ReservationChange, today: date) -> None:
    errors = {}
    for name in ("arrival", "room_type_id", "rate_plan_id"):
        value = getattr(change, name)
        if value is not None and value != getattr(res, name):
            errors[name] = "cannot change once the guest is in house"
    if change.departure is not None and change.departure <= today:
        errors["departure"] = "must be after today (a guest leaving today checks out)"
    if errors:
        raise ValidationFailed("This change is not possible for an in-house guest: " + "; ".join(
            f"{k} {v}" for k, v in errors.items()) + ".", fields=errors,
            code="in_house_change_not_allowed")


def _extend_or_shorten_room(uow: UnitOfWork, old: Reservation, res: Reservation) -> None:
    """An in-house guest keeps the room they are in: extra nights there, or fewer."""
    from core.inventory.rooms import end_reservation_rooms_at, occupy_room

    legs = room_legs(uow, res.id)
    if not legs or old.departure == res.departure:
        return
    if res.departure > old.departure:  # refused (room_occupied) if someone arrives there
        occupy_room(uow, legs[-1].room_id, old.departure, res.departure, reservation_id=res.id)
        return
    end_reservation_rooms_at(uow, res.id, res.departure)


def modify_reservation(uow: UnitOfWork, reservation_id: uuid.UUID, change: ReservationChange, *,
                       idempotency_key: str | None = None) -> ReservationPublic:
    """Change dates, room type, rate plan or guests: new nights taken and old released in one
    locked write, re-priced now; any refusal leaves the reservation exactly as it was."""
    uow.actor.require("reservations.modify")

    def run() -> ReservationPublic:
        res = get_reservation(uow, reservation_id, for_update=True)
        today = _today(uow)
        in_house = res.status == S.checked_in.value
        if in_house:
            _check_in_house_change(res, change, today)
        elif res.status not in {s.value for s in rules.MODIFIABLE}:
            raise rules.IllegalTransition(
                f"A reservation that is {res.status.replace('_', ' ')} cannot be modified.",
                fields={"status": res.status})
        new: dict[str, Any] = {
            "arrival": change.arrival or res.arrival, "departure": change.departure or res.departure,
            "room_type_id": change.room_type_id or res.room_type_id,
            "rate_plan_id": change.rate_plan_id or res.rate_plan_id,
            "adults": res.adults if change.adults is None else change.adults,
            "children_ages": res.children_ages if change.children_ages is None
            else list(change.children_ages),
        }
        rules.validate_stay(new["arrival"], new["departure"], new["adults"],
                            new["children_ages"],
                            today=min(today, res.arrival) if new["arrival"] == res.arrival
                            else today)
        # An in-house stay is re-priced as of its arrival day (its first nights are history).
        q = quote(uow, promo_code=res.promo_code, channel=res.channel,
                  today=min(today, res.arrival) if in_house else today, **new)
        rules.check_price(change.expected_total, q.total, q.currency)
        old = Reservation.model_validate(res.model_dump())
        before = _sell(uow, old, -1)
        for key, value in new.items():
            setattr(res, key, value)
        res.day_use = res.arrival == res.departure
        if change.requests is not None:
            res.requests = [r.strip() for r in change.requests if r.strip()][:20]
        res.price, res.total, res.currency = q.to_dict(), q.total, q.currency
        res.guarantee_type, res.cancellation_policy = q.guarantee_type, q.cancellation_policy
        apply_change(uow, merge(before, _sell(uow, res, +1)))
        if in_house:
            _extend_or_shorten_room(uow, old, res)
        else:
            _keep_room(uow, old, res)
        _touch(uow, res)
        changed = sorted(k for k in new if getattr(old, k) != getattr(res, k))
        uow.record_event("reservations", "reservation.modified", res.id,
                         {"changed": changed, "total": res.total, "arrival": res.arrival,
                          "departure": res.departure, "room_type_id": res.room_type_id})
        _offer_freed(uow, old, res)
        return reservation_public(uow, res)

    return idempotent(uow, "reservations.modify", idempotency_key,
                      {"id": reservation_id, "change": change}, run, ReservationPublic)


def _keep_room(uow: UnitOfWork, old: Reservation, res: Reservation) -> None:
    """Keep the assigned room across a date change if it is free; otherwise unassign it."""
    from core.inventory.rooms import RoomOccupied, free_reservation_rooms, occupy_room

    legs = room_legs(uow, res.id)
    if not legs or (old.arrival, old.departure, old.room_type_id) == \
            (res.arrival, res.departure, res.room_type_id):
        return
    room_id = legs[0].room_id
    free_reservation_rooms(uow, res.id)
    if res.room_type_id != old.room_type_id:
        return
    try:
        occupy_room(uow, room_id, *occupancy_range(res.arrival, res.departure),
                    reservation_id=res.id)
    except RoomOccupied:
        uow.record_event("reservations", "reservation.unassigned", res.id, {"room_id": room_id})


def _offer_freed(uow: UnitOfWork, old: Reservation, res: Reservation) -> None:
    from core.reservations.waitlist import offer_waitlist

    if old.room_type_id != res.room_type_id or old.arrival < res.arrival \
            or old.departure > res.departure:
        offer_waitlist(uow, old.room_type_id, *occupancy_range(old.arrival, old.departure))
