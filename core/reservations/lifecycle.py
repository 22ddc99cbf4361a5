"""Stay life cycle: cancel (fee per policy), no-show, check-in, check-out."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, time, timedelta

from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.idempotency.services import idempotent
from core.inventory.rooms import end_reservation_rooms_at
from core.inventory.services import apply_change
from core.properties.models import get_settings_row
from core.rates.policy_rules import cancellation_fee, no_show_fee
from core.reservations import rules
from core.reservations.errors import NotAssigned
from core.reservations.models import Reservation
from core.reservations.models import ReservationStatus as S
from core.reservations.queries import get_reservation, reservation_public, room_legs
from core.reservations.schemas import ReservationPublic
from core.reservations.services import _sell, _touch, business_today, release
from core.timeutil import utcnow

# Checks run before a check-out; each raises a domain error to refuse it. The folio domain
# registers "the balance must be settled or transferred" here, so this module never imports it.
CheckOutGuard = Callable[[UnitOfWork, Reservation], None]
_check_out_guards: list[CheckOutGuard] = []


def on_check_out(guard: CheckOutGuard) -> None:
    if guard not in _check_out_guards:
        _check_out_guards.append(guard)


# Follow-ups run in the same transaction once a stay has changed state; if one refuses, the
# change is refused with it. The folio applies held deposits on check-in and posts the
# cancellation or no-show fee here, and the card payments of an ended stay are queued for
# settlement, again without this module importing either.
StayHook = Callable[[UnitOfWork, Reservation], None]
_after: dict[str, list[StayHook]] = {S.checked_in.value: [], S.cancelled.value: [],
                                     S.no_show.value: []}


def after_transition(status: S, hook: StayHook) -> None:
    hooks = _after[status.value]
    if hook not in hooks:
        hooks.append(hook)


def _run_after(uow: UnitOfWork, res: Reservation) -> None:
    for hook in list(_after.get(res.status, ())):
        hook(uow, res)


def cancel_reservation(uow: UnitOfWork, reservation_id: uuid.UUID, *, reason: str = "",
                       waive_fee: bool = False,
                       idempotency_key: str | None = None) -> ReservationPublic:
    """Cancel: the nights and room go back to inventory; the fee follows the sold policy."""
    uow.actor.require("reservations.cancel")

    def run() -> ReservationPublic:
        res = get_reservation(uow, reservation_id, for_update=True)
        rules.check_transition(res.status, S.cancelled)
        now = utcnow()
        tz = get_settings_row(uow.session).timezone
        fee = cancellation_fee(res.cancellation_policy, res.price.get("nights", []),
                               arrival=res.arrival, cancelled_at=now, tz=tz)
        if res.status == S.hold.value or waive_fee:
            fee = fee * 0  # a hold was never guaranteed; a waiver is the manager's call
        release(uow, res, S.cancelled)
        res.cancellation_fee, res.cancelled_at = fee, now
        res.cancel_reason = reason.strip()[:500] or None
        _touch(uow, res)
        _run_after(uow, res)
        uow.record_event("reservations", "reservation.cancelled", res.id, {
            "fee": fee, "currency": res.currency, "booking_id": res.booking_id,
            "waived": waive_fee})
        return reservation_public(uow, res)

    return idempotent(uow, "reservations.cancel", idempotency_key,
                      {"id": reservation_id, "reason": reason, "waive_fee": waive_fee}, run,
                      ReservationPublic)


def cancel_booking(uow: UnitOfWork, booking_id: uuid.UUID, *, reason: str = "",
                   idempotency_key: str | None = None) -> list[ReservationPublic]:
    """Cancel every still-cancellable reservation of a booking, in one transaction."""
    uow.actor.require("reservations.cancel")
    ids = uow.session.exec(select(Reservation.id).where(Reservation.booking_id == booking_id)
                           .order_by(col(Reservation.id))).all()
    out = []
    for rid in ids:
        res = get_reservation(uow, rid)
        if rules.can_transition(res.status, S.cancelled):
            key = f"{idempotency_key}:{rid}" if idempotency_key else None
            out.append(cancel_reservation(uow, rid, reason=reason, idempotency_key=key))
    return out


def mark_no_show(uow: UnitOfWork, reservation_id: uuid.UUID, *,
                 idempotency_key: str | None = None) -> ReservationPublic:
    """The guest did not arrive: from the arrival day on (the business date); the no-show fee
    applies."""
    uow.actor.require("reservations.no_show")

    def run() -> ReservationPublic:
        res = get_reservation(uow, reservation_id, for_update=True)
        rules.check_transition(res.status, S.no_show)
        if business_today(uow) < res.arrival:
            raise rules.IllegalTransition("A guest can only be a no-show from the arrival date.",
                                          fields={"arrival": "is in the future"},
                                          code="too_early_for_no_show")
        fee = no_show_fee(res.cancellation_policy, res.price.get("nights", []))
        release(uow, res, S.no_show)
        res.no_show_fee = fee
        _touch(uow, res)
        _run_after(uow, res)
        uow.record_event("reservations", "reservation.no_show", res.id,
                         {"fee": fee, "currency": res.currency})
        return reservation_public(uow, res)

    return idempotent(uow, "reservations.no_show", idempotency_key, {"id": reservation_id}, run,
                      ReservationPublic)


def _desk_clock(uow: UnitOfWork, tz: str) -> tuple[date, time]:
    """The business date and the time of day on it, for the check-in hour.

    On the business date's own calendar day that is the wall clock. After an early audit the
    business date has not begun on the clock yet, so it is before its check-in hour (an arriving
    guest needs a ready room); after a late audit the business date's calendar day is over, so it
    is past the hour."""
    day, now = business_today(uow), rules.local_now(tz)
    if now.date() == day:
        return day, now.time()
    return day, time.min if now.date() < day else time.max


def check_in(uow: UnitOfWork, reservation_id: uuid.UUID, *, room_id: uuid.UUID | None = None,
             room_ready: Callable[[uuid.UUID], bool] | None = None,
             idempotency_key: str | None = None) -> ReservationPublic:
    """Check the guest in: on/after the arrival date; before the check-in hour only into a ready
    room (dates are the business date, the desk's day: `business_today`). A room is assigned first if none is (`room_id`, or automatically)."""
    uow.actor.require("reservations.check_in")

    def run() -> ReservationPublic:
        from core.reservations.assignment import assign_room, auto_assign

        res = get_reservation(uow, reservation_id, for_update=True)
        rules.check_hold_alive(res.status, res.hold_expires_at, utcnow())
        rules.check_transition(res.status, S.checked_in)
        settings = get_settings_row(uow.session)
        today, local_time = _desk_clock(uow, settings.timezone)
        if room_id is not None:
            assign_room(uow, res.id, room_id)
        elif not room_legs(uow, res.id):
            auto_assign(uow, res.id, ready=room_ready)
        legs = room_legs(uow, res.id)
        if not legs:
            raise NotAssigned("Assign a room before check-in.", fields={"room_id": "required"})
        ready = True if room_ready is None else room_ready(legs[0].room_id)
        rules.check_in_allowed(arrival=res.arrival, departure=res.departure, today=today,
                               local_time=local_time, check_in_time=settings.check_in_time,
                               room_ready=ready)
        res.status, res.checked_in_at = S.checked_in.value, utcnow()
        _touch(uow, res)
        _run_after(uow, res)
        uow.record_event("reservations", "reservation.checked_in", res.id,
                         {"room_id": legs[0].room_id, "guest_id": res.guest_id})
        return reservation_public(uow, res, today)

    return idempotent(uow, "reservations.check_in", idempotency_key,
                      {"id": reservation_id, "room_id": room_id}, run, ReservationPublic)


def check_out(uow: UnitOfWork, reservation_id: uuid.UUID, *,
              idempotency_key: str | None = None) -> ReservationPublic:
    """Check the guest out. Leaving before the departure date, judged on the business date (the
    desk's day, not the calendar), gives the unused nights back to inventory."""
    uow.actor.require("reservations.check_out")

    def run() -> ReservationPublic:
        res = get_reservation(uow, reservation_id, for_update=True)
        rules.check_transition(res.status, S.checked_out)
        for guard in list(_check_out_guards):
            guard(uow, res)
        shorten_to_today(uow, res, business_today(uow))
        res.status, res.checked_out_at = S.checked_out.value, utcnow()
        _touch(uow, res)
        legs = room_legs(uow, res.id)
        uow.record_event("reservations", "reservation.checked_out", res.id,
                         {"room_id": legs[-1].room_id if legs else None})
        return reservation_public(uow, res)

    return idempotent(uow, "reservations.check_out", idempotency_key, {"id": reservation_id},
                      run, ReservationPublic)


def shorten_to_today(uow: UnitOfWork, res: Reservation, today: date) -> None:
    """An early departure: nights after today go back to inventory and the room is freed.

    The arrival night always counts (the guest was in the room), so the earliest new departure
    is the day after arrival.
    """
    new_departure = max(today, res.arrival + timedelta(days=1))
    if res.day_use or new_departure >= res.departure:
        return
    apply_change(uow, _sell(uow, res, -1, arrival=new_departure))
    end_reservation_rooms_at(uow, res.id, new_departure)
    res.departure = new_departure


__all__ = ["cancel_reservation", "cancel_booking", "mark_no_show", "check_in",
           "check_out", "on_check_out", "after_transition", "shorten_to_today"]
