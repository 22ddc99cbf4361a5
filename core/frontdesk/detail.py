"""One reservation as the desk sees it: guest, stay, rooms, nightly prices, balance, history."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.events.models import OutboxEvent
from core.frontdesk.schemas import HistoryEntry, ReservationDetail
from core.guests.services import get_guest
from core.properties.models import Room, RoomType, get_settings_row
from core.rates.models import RatePlan
from core.rates.policy_rules import cancellation_fee
from core.reservations.errors import ReservationNotFound
from core.reservations.lists import list_reservations
from core.reservations.models import Booking
from core.reservations.queries import get_reservation, room_legs
from core.timeutil import utcnow

HISTORY_LIMIT = 50


def reservation_detail(uow: UnitOfWork, reservation_id: uuid.UUID) -> ReservationDetail:
    uow.actor.require("reservations.view")
    res = get_reservation(uow, reservation_id)
    items, _ = list_reservations(uow, ids=[res.id], limit=1)
    if not items:
        raise ReservationNotFound("Reservation not found.",
                                  fields={"reservation_id": "no such reservation"})
    booking = uow.session.get(Booking, res.booking_id)
    guest = get_guest(uow, res.guest_id)
    legs = room_legs(uow, res.id)
    numbers = dict(uow.session.exec(select(Room.id, Room.number).where(
        col(Room.id).in_([leg.room_id for leg in legs]))).all()) if legs else {}
    siblings, _ = list_reservations(uow, ids=_siblings(uow, res.booking_id, res.id), limit=50)
    room_type = uow.session.get(RoomType, res.room_type_id)
    plan = uow.session.get(RatePlan, res.rate_plan_id)
    tz = get_settings_row(uow.session).timezone
    fee_now = cancellation_fee(res.cancellation_policy, res.price.get("nights", []),
                               arrival=res.arrival, cancelled_at=utcnow(), tz=tz)
    return ReservationDetail(
        reservation=items[0],
        guest={"id": str(guest.id), "name": f"{guest.first_name} {guest.last_name}".strip(),
               "email": guest.email or "", "phone": guest.phone or "",
               "language": guest.language or ""},
        room_type_name=room_type.name if room_type else "",
        rate_plan_name=plan.name if plan else "",
        nights=[{"date": str(n.get("date")), "amount": str(n.get("amount"))}
                for n in res.price.get("nights", [])],
        rooms=[{"number": numbers.get(leg.room_id, "?"), "from": str(leg.start_date),
                "to": str(leg.end_date)} for leg in legs],
        booking_notes=booking.notes if booking else "",
        source=booking.source if booking else None,
        other_rooms=siblings,
        balance=_balance(uow, res.id),
        cancellation_fee_now=fee_now,
        cancellation_card_now=_card_outcome(uow, res, fee_now),
        history=_history(uow, res.id),
    )


def _siblings(uow: UnitOfWork, booking_id: uuid.UUID, own: uuid.UUID) -> list[uuid.UUID]:
    from core.reservations.models import Reservation

    return [i for i in uow.session.exec(select(Reservation.id).where(
        Reservation.booking_id == booking_id)).all() if i != own]


def _balance(uow: UnitOfWork, reservation_id: uuid.UUID) -> Decimal | None:
    """The stay's open balance over all its folios; None if the caller may not see folios."""
    if not uow.actor.can("folio.view"):
        return None
    from core.folio.services import reservation_folios

    return sum((f.balance for f in reservation_folios(uow, reservation_id)), Decimal("0.00"))


def _card_outcome(uow: UnitOfWork, res, fee: Decimal) -> str:
    """What cancelling now does to the guest's card payments (core.payments.cancellation);
    shown to whoever may cancel or see the folio."""
    if not (uow.actor.can("reservations.cancel") or uow.actor.can("folio.view")):
        return ""
    from core.payments.cancellation import plan_settlement

    if res.status == "hold":
        fee = Decimal("0.00")  # a hold was never guaranteed: cancelling it costs nothing
    return plan_settlement(uow, res.id, fee)[1].describe(res.currency)


def _history(uow: UnitOfWork, reservation_id: uuid.UUID) -> list[HistoryEntry]:
    rows = uow.session.exec(select(OutboxEvent).where(
        OutboxEvent.entity_id == str(reservation_id)).order_by(col(OutboxEvent.id).desc())
        .limit(HISTORY_LIMIT)).all()
    return [HistoryEntry(at=e.created_at, type=e.type, detail=_describe(e)) for e in rows]


def _describe(event: OutboxEvent) -> str:
    verb = event.type.rsplit(".", 1)[-1].replace("_", " ")
    p = event.payload or {}
    extra = []
    if p.get("fee") not in (None, "0", "0.00"):
        extra.append(f"fee {p['fee']} {p.get('currency', '')}".strip())
    if p.get("arrival") and p.get("departure"):
        extra.append(f"{p['arrival']} → {p['departure']}")
    return verb.capitalize() + (f" ({', '.join(extra)})" if extra else "")
