"""Booking use cases: create (one or more rooms under one reference), confirm or expire holds."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from types import SimpleNamespace

from sqlmodel import col, select

from core.blocks.services import pickup_change
from core.db.batch import Read, forget_prefetched
from core.db.rows import insert_of, new_row
from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.guests.services import find_or_create_guest, get_guest, returning_guest_read
from core.idempotency.services import idempotent
from core.inventory.rules import Delta, Key, merge, occupancy_range, stay_delta
from core.inventory.services import apply_change, lock_read
from core.rates.catalogue import SETTINGS_READ, SettingsView, load_settings
from core.reservations import rules
from core.reservations.models import Booking, Reservation
from core.reservations.models import ReservationStatus as S
from core.reservations.pricing import quote
from core.reservations.queries import get_reservation, public_booking, reservation_public
from core.reservations.schemas import (
    BookingCreate,
    BookingPublic,
    ReservationPublic,
)
from core.timeutil import business_day, local_today, utcnow

MAX_HOLD_MINUTES = 7 * 24 * 60


def business_today(uow: UnitOfWork, settings: SettingsView | None = None) -> date:
    """The hotel's business date (`core.folio.services.business_date`): the day of the front
    desk's Today lists, the housekeeping board and the night audit. Every operational rule is
    judged on it, not on the calendar: check-in "on the arrival date", no-show "from the arrival
    date", an early check-out (nights after it go back), a room move's effective day, what an
    in-house guest may still change. After an early audit (rolled before midnight) it is ahead of
    the calendar date; after a late one (not rolled yet after midnight) it is behind it."""
    if settings is not None:  # from a settings read already in hand
        return business_day(settings.business_date, settings.timezone)
    from core.folio.services import business_date

    return business_date(uow)


def acting_today(uow: UnitOfWork, settings: SettingsView | None = None) -> date:
    """"Today" for whoever acts: a guest online (booking site, manage-my-booking; actor kind
    "guest") lives by the property's local calendar date (a guest can't book or move a stay to
    last night, whatever the audit has or has not rolled); the desk, integrators and jobs by the
    business date (`business_today`), like every operational rule. Room moves (their effective
    day) and changes to a stay (what an in-house guest may still change) are judged on it."""
    if uow.actor.kind == "guest":
        return local_today((settings or load_settings(uow.session)).timezone)
    return business_today(uow, settings)


def booking_today(uow: UnitOfWork, settings: SettingsView | None = None) -> date:
    """The first day a new stay may start on ("arrival is in the past" before it), and the day
    pricing counts lead time and promo booking windows from: a guest's calendar date; for the
    desk the earlier of the calendar and the business date. After a late audit (calendar ahead)
    the desk still books a walk-in for the business date it works; after an early one (business
    date ahead) it may still book a guest arriving tonight, as before the audit."""
    settings = settings or load_settings(uow.session)
    calendar = local_today(settings.timezone)
    if uow.actor.kind == "guest":
        return calendar
    return min(calendar, business_today(uow, settings))


_today = acting_today  # the name the changes and room-move code import


def _check_request(data: BookingCreate, today: date) -> None:
    if not data.rooms or len(data.rooms) > rules.MAX_ROOMS_PER_BOOKING:
        raise ValidationFailed(
            f"A booking has 1 to {rules.MAX_ROOMS_PER_BOOKING} rooms.",
            fields={"rooms": f"give 1 to {rules.MAX_ROOMS_PER_BOOKING} rooms"},
            code="invalid_rooms")
    if data.hold_minutes is not None and not 1 <= data.hold_minutes <= MAX_HOLD_MINUTES:
        raise ValidationFailed("A hold lasts 1 minute to 7 days.",
                               fields={"hold_minutes": "must be 1 to 10080"}, code="invalid_hold")
    if (data.guest is None) == (data.guest_id is None):
        raise ValidationFailed("Give the guest's details or an existing guest id.",
                               fields={"guest": "give guest details or guest_id"},
                               code="invalid_guest")
    for room in data.rooms:
        rules.validate_stay(data.arrival, data.departure, room.adults, room.children_ages,
                            today=today)


def create_booking(uow: UnitOfWork, data: BookingCreate, *,
                   idempotency_key: str | None = None) -> BookingPublic:
    """Book one or more rooms under one reference: re-priced and re-checked now, all or nothing.

    On Postgres the nights are locked (`SELECT … FOR UPDATE`) in the first round trip, with the
    idempotency claim, settings and guest reads (`_booking_reads`), and checked after pricing;
    elsewhere they are locked and checked after pricing. The booking's rows, the inventory
    write, its events and the idempotency answer then go with the COMMIT (one round trip on
    Postgres).
    """
    uow.actor.require("reservations.create")

    def run() -> BookingPublic:
        settings = load_settings(uow.session)  # read once: pricing reuses it for each room
        today = booking_today(uow, settings)
        _check_request(data, today)
        quotes = []
        for room in data.rooms:
            q = quote(uow, room_type_id=room.room_type_id, rate_plan_id=room.rate_plan_id,
                      arrival=data.arrival, departure=data.departure, adults=room.adults,
                      children_ages=room.children_ages, promo_code=data.promo_code,
                      channel=data.channel, today=today, settings=settings)
            rules.check_price(room.expected_total, q.total, q.currency)
            quotes.append(q)
        guest_id = get_guest(uow, data.guest_id).id if data.guest_id else \
            find_or_create_guest(uow, data.guest)  # type: ignore[arg-type]
        # 32^8 references: a clash is ~1e-12 per booking, so the unique index is the check
        # (a clash would fail this one transaction, which the client retries).
        # Core inserts of complete rows (core.db.rows): the ORM objects and their flush cost
        # more than the rest of the booking's app CPU.
        booking = new_row(Booking, reference=rules.new_reference(), guest_id=guest_id,
                          channel=data.channel, source=data.source, notes=data.notes[:2000])
        status = S.hold if data.hold_minutes else S.confirmed
        expires = utcnow() + timedelta(minutes=data.hold_minutes) if data.hold_minutes else None
        reservations, change = [], []
        for room, q in zip(data.rooms, quotes, strict=True):
            res = new_row(
                Reservation,
                booking_id=booking["id"], guest_id=guest_id, room_type_id=room.room_type_id,
                rate_plan_id=room.rate_plan_id, block_id=data.block_id, arrival=data.arrival,
                departure=data.departure, day_use=data.arrival == data.departure,
                adults=room.adults, children_ages=list(room.children_ages),
                status=status.value, channel=data.channel, promo_code=q.promo_code,
                requests=[r.strip() for r in room.requests if r.strip()][:20],
                price=q.to_dict(), total=q.total, currency=q.currency,
                guarantee_type=q.guarantee_type, cancellation_policy=q.cancellation_policy,
                hold_expires_at=expires)
            reservations.append(res)
            change.append(_stay_change(uow, room.room_type_id, data.block_id, data.arrival,
                                       data.departure, +1))
        uow.write_rows(insert_of(Booking), booking)
        uow.write_rows(insert_of(Reservation), reservations)
        apply_change(uow, merge(*change))
        if data.promo_code:
            _redeem_promo(uow, data.promo_code)
        for res in reservations:
            uow.record_event("reservations", "reservation.created", res["id"], {
                "booking_id": booking["id"], "reference": booking["reference"],
                "status": res["status"], "room_type_id": res["room_type_id"],
                "arrival": res["arrival"], "departure": res["departure"]})
        # Made in this transaction: no room is assigned yet (room_id stays None).
        return public_booking(SimpleNamespace(**booking),
                              [ReservationPublic.model_validate(r) for r in reservations])

    # Nothing below reads back what the booking writes: its inserts, the inventory update,
    # the outbox events and the idempotency answer go to the database together (one round
    # trip on Postgres) once the checks under the inventory lock have passed.
    try:
        with uow.batched(with_commit=True):
            return idempotent(uow, "reservations.create_booking", idempotency_key, data, run,
                              BookingPublic, reads=_booking_reads(uow, data))
    finally:
        forget_prefetched(uow.session)  # what the booking did not use is not answered later


def _booking_reads(uow: UnitOfWork, data: BookingCreate) -> list[Read]:
    """What `create_booking` reads before it writes: the settings, the returning guest and the
    locked nights, sent with the idempotency claim in one round trip on Postgres (in the order
    it ran them one by one: claim, settings, guest, lock). Nothing here decides anything: each
    read is used only by the code that would otherwise have run it, and a request this cannot
    describe (a block's rooms, invalid dates) simply reads as before."""
    if uow.dialect != "postgresql":
        return []
    reads = [SETTINGS_READ]
    if data.guest is not None and data.guest_id is None:
        guest = returning_guest_read(data.guest)
        if guest is not None:
            reads.append(guest)
    if (data.block_id is None and data.arrival <= data.departure
            and 1 <= len(data.rooms) <= rules.MAX_ROOMS_PER_BOOKING):
        lock = lock_read(uow, merge(*[stay_delta(room.room_type_id, data.arrival,
                                                 data.departure, +1) for room in data.rooms]))
        if lock is not None:
            reads.append(lock)
    return reads


def _redeem_promo(uow: UnitOfWork, code: str) -> None:
    """One use per booking, counted atomically in this transaction (refused when used up)."""
    from core.rates.promos import redeem_promo

    redeem_promo(uow, code)


def _sell(uow: UnitOfWork, res: Reservation, count: int, *,
          arrival: date | None = None) -> dict[Key, Delta]:
    """The inventory change of selling (+1) or releasing (−1) a reservation's stay (from
    `arrival` when given: the unused end of a stay). Block rooms go back to their block."""
    return _stay_change(uow, res.room_type_id, res.block_id, arrival or res.arrival,
                        res.departure, count)


def _stay_change(uow: UnitOfWork, room_type_id: uuid.UUID, block_id: uuid.UUID | None,
                 start: date, departure: date, count: int) -> dict[Key, Delta]:
    change = stay_delta(room_type_id, start, departure, count)
    if block_id is not None:
        change = merge(change, pickup_change(uow, block_id, room_type_id, start, departure,
                                             count))
    return change


def confirm_hold(uow: UnitOfWork, reservation_id: uuid.UUID, *,
                 idempotency_key: str | None = None) -> ReservationPublic:
    """A tentative reservation becomes confirmed (refused once its hold has expired)."""
    uow.actor.require("reservations.modify")

    def run() -> ReservationPublic:
        res = get_reservation(uow, reservation_id, for_update=True)
        rules.check_hold_alive(res.status, res.hold_expires_at, utcnow())
        rules.check_transition(res.status, S.confirmed)
        res.status, res.hold_expires_at = S.confirmed.value, None
        _touch(uow, res)
        uow.record_event("reservations", "reservation.confirmed", res.id, {"status": res.status})
        return reservation_public(uow, res)

    return idempotent(uow, "reservations.confirm", idempotency_key, {"id": reservation_id}, run,
                      ReservationPublic)


def _touch(uow: UnitOfWork, res: Reservation) -> None:
    res.version += 1
    res.updated_at = utcnow()
    uow.session.add(res)
    uow.session.flush()


def release(uow: UnitOfWork, res: Reservation, new_status: S) -> None:
    """Leave an inventory-holding state: give the nights and the room back, offer the waitlist."""
    from core.inventory.rooms import free_reservation_rooms
    from core.reservations.waitlist import offer_waitlist

    rules.check_transition(res.status, new_status)
    apply_change(uow, _sell(uow, res, -1))
    free_reservation_rooms(uow, res.id)
    res.status = new_status.value
    _touch(uow, res)
    if res.promo_code and new_status in (S.cancelled, S.expired):
        _give_back_promo(uow, res)
    offer_waitlist(uow, res.room_type_id, *occupancy_range(res.arrival, res.departure))


def _give_back_promo(uow: UnitOfWork, res: Reservation) -> None:
    """A booking counts one promo use; it is given back when its last room is cancelled."""
    from core.rates.promos import release_promo

    live = uow.session.exec(select(Reservation.id).where(
        Reservation.booking_id == res.booking_id, Reservation.id != res.id,
        col(Reservation.status).in_([s.value for s in rules.HOLDS_INVENTORY]))).first()
    if live is None and res.promo_code:
        release_promo(uow, res.promo_code)


def expire(uow: UnitOfWork, res: Reservation) -> None:
    release(uow, res, S.expired)
    uow.record_event("reservations", "reservation.expired", res.id, {"status": res.status})


def expire_holds(uow: UnitOfWork) -> list[uuid.UUID]:
    """The job: every hold past its expiry gives its inventory back. Safe to run twice."""
    ids = uow.session.exec(select(Reservation.id).where(
        Reservation.status == S.hold.value, col(Reservation.hold_expires_at) <= utcnow())
        .order_by(col(Reservation.id))).all()
    for rid in ids:
        res = get_reservation(uow, rid, for_update=True)
        if res.status == S.hold.value:
            expire(uow, res)
    return list(ids)
