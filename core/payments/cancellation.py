"""The money side of a cancelled stay: a card deposit comes back less the cancellation fee the
sold policy keeps, and a card hold is released (no fee) or the fee is captured from it.

Runs after the cancellation committed (it talks to Stripe, never inside a transaction). The
folio already carries the fee and, applied, the deposit (core.folio.hooks), so the refund or
capture posted here brings the guest's folio back to zero.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import col, select

from core.actor import Actor
from core.db.uow import property_uow
from core.payments.card import capture_payment, release_authorization
from core.payments.models import Payment, PaymentPurpose, PaymentStatus
from core.payments.refunds import refund_payment

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CancellationSettlement:
    fee: Decimal  # what the policy keeps
    refunded: Decimal  # deposit money sent back to the card
    captured: Decimal  # fee taken from a card hold
    released: Decimal  # card holds let go


def settle_cancelled_stay(property_id: uuid.UUID, reservation_id: uuid.UUID,
                          actor: Actor | None = None) -> CancellationSettlement:
    """Refund or release what the guest paid online for a cancelled stay, keeping the fee."""
    from core.reservations.models import Reservation, ReservationStatus

    actor = actor or Actor.system("cancellation settlement")
    with property_uow(property_id, actor, write=False) as uow:
        res = uow.session.get(Reservation, reservation_id)
        if res is None or res.status != ReservationStatus.cancelled.value:
            return CancellationSettlement(ZERO, ZERO, ZERO, ZERO)
        fee = res.cancellation_fee or ZERO
        rows = uow.session.exec(select(Payment).where(
            Payment.reservation_id == reservation_id, Payment.method == "card",
            col(Payment.status).in_([PaymentStatus.captured.value,
                                     PaymentStatus.authorized.value]))
            .order_by(col(Payment.created_at))).all()
        # Deposits first: money already taken covers the fee before a hold is touched.
        payments = [(p.id, p.purpose, p.status, p.amount, p.amount_captured - p.amount_refunded)
                    for p in sorted(rows, key=lambda p: p.purpose != PaymentPurpose.deposit.value)]
    keep, refunded, captured, released = fee, ZERO, ZERO, ZERO
    for pid, purpose, status, amount, left in payments:
        if purpose == PaymentPurpose.deposit.value and status == PaymentStatus.captured.value:
            kept = min(keep, left)
            keep -= kept
            if left - kept > 0:
                refund_payment(property_id, actor, pid, left - kept,
                               reason="Booking cancelled: deposit returned less the "
                                      f"cancellation fee of {kept}")
                refunded += left - kept
        elif status == PaymentStatus.authorized.value:
            if keep > 0:
                take = min(keep, amount)
                capture_payment(property_id, actor, pid, take)
                keep -= take
                captured += take
            else:
                release_authorization(property_id, actor, pid)
                released += amount
    return CancellationSettlement(fee, refunded, captured, released)
