"""Manage booking for guests: find it by reference + last name or email, view, cancel with fee."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from core.db.uow import UnitOfWork, property_uow
from core.errors import NotFound
from core.guests.models import Guest
from core.payments.cancellation import plan_settlement
from core.properties.models import RoomType, get_settings_row
from core.rates.policy_rules import cancellation_fee
from core.reservations import rules as res_rules
from core.reservations.lifecycle import cancel_reservation
from core.reservations.models import Booking, Reservation
from core.reservations.models import ReservationStatus as S
from core.site import throttle
from core.site.actors import booking_owner_actor
from core.site.formatting import day, money
from core.timeutil import utcnow


class BookingLookupFailed(NotFound):
    code = "booking_lookup_failed"


@dataclass(frozen=True)
class OwnerProof:
    """What the guest typed to prove the booking is theirs."""

    reference: str
    last_name_or_email: str
    ip: str | None = None


def _matches(guest: Guest | None, proof: str) -> bool:
    proof = proof.strip().casefold()
    if not guest or not proof:
        return False
    return proof in {(guest.last_name or "").strip().casefold(),
                     (guest.email or "").strip().casefold()}


def verify(uow: UnitOfWork, proof: OwnerProof) -> Booking:
    """The booking if the pair matches; the same refusal for an unknown reference or a wrong
    name (so the form cannot be used to discover references), and at most a few tries a minute."""
    throttle.check(proof.ip, proof.reference)
    booking = uow.session.exec(select(Booking).where(
        Booking.reference == res_rules.normalise_reference(proof.reference))).first()
    guest = uow.session.get(Guest, booking.guest_id) if booking else None
    if booking is None or not _matches(guest, proof.last_name_or_email):
        throttle.record_failure(proof.ip, proof.reference)
        raise BookingLookupFailed(
            "We could not find a booking with that reference and last name or email.",
            fields={"reference": "check the reference and the name or email"})
    return booking


def own_reservation(uow: UnitOfWork, proof: OwnerProof, reservation_id: uuid.UUID
                    ) -> Reservation:
    """One room of the verified booking; a room of another booking is refused like a wrong pair."""
    booking = verify(uow, proof)
    res = uow.session.get(Reservation, reservation_id)
    if res is None or res.booking_id != booking.id:
        raise BookingLookupFailed("That room is not part of this booking.",
                                  fields={"reservation_id": "not in this booking"})
    return res


def _fee_now(uow: UnitOfWork, res: Reservation) -> Any:
    if res.status == S.hold.value:
        return 0
    tz = get_settings_row(uow.session).timezone
    return cancellation_fee(res.cancellation_policy, res.price.get("nights", []),
                            arrival=res.arrival, cancelled_at=utcnow(), tz=tz)


def booking_view(uow: UnitOfWork, proof: OwnerProof, locale: str) -> dict[str, Any]:
    """What the manage page shows, including what cancelling each room would cost now."""
    booking = verify(uow, proof)
    rows = uow.session.exec(select(Reservation).where(Reservation.booking_id == booking.id)
                            .order_by(col(Reservation.arrival), col(Reservation.id))).all()
    names = {t.id: t.name for t in uow.session.exec(select(RoomType)).all()}
    guest = uow.session.get(Guest, booking.guest_id)
    rooms = []
    for r in rows:
        cancellable = res_rules.can_transition(r.status, S.cancelled)
        fee = _fee_now(uow, r) if cancellable else 0
        rooms.append({
            "id": str(r.id), "room_type": names.get(r.room_type_id, ""), "status": r.status,
            "arrival": day(r.arrival, locale), "departure": day(r.departure, locale),
            "guests": str(r.adults + len(r.children_ages or [])),
            "total": money(r.total, r.currency, locale),
            "policy": r.cancellation_policy.get("text", ""),
            "cancellable": cancellable, "fee": money(fee, r.currency, locale),
            "fee_is_zero": not fee,
            "cancellation_fee": money(r.cancellation_fee, r.currency, locale)
            if r.cancellation_fee is not None else "",
        })
    return {"reference": booking.reference, "guest": f"{guest.first_name} {guest.last_name}".strip()
            if guest else "", "rooms": rooms}


def cancel_own(property_id: uuid.UUID, proof: OwnerProof, reservation_id: uuid.UUID, *,
               idempotency_key: str | None = None) -> dict[str, Any]:
    """Cancel one room of the guest's own booking (the fee follows the sold policy). Its card
    payments are settled as for any cancellation (core.payments.cancellation): the deposit paid
    online comes back less that fee, or the card hold is released (or the fee taken from it).
    Returns what that settlement does to the card (a retried cancellation: nothing more)."""
    with property_uow(property_id, booking_owner_actor(property_id, proof.reference,
                                                        ip=proof.ip)) as uow:
        own_reservation(uow, proof, reservation_id)
        out = cancel_reservation(uow, reservation_id, reason="cancelled by the guest online",
                                 idempotency_key=idempotency_key)
        _, card = plan_settlement(uow, reservation_id, out.cancellation_fee)
        uow.commit()  # the settlement job runs once this committed
    return {"status": out.status, "fee": out.cancellation_fee, "refunded": card.refunded,
            "released": card.released, "captured": card.captured}
