"""Deposits: money taken before arrival, held as a liability and applied to the folio at check-in."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from core import audit
from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.folio.errors import DepositNotFound
from core.folio.models import ChargeType, Deposit, DepositStatus
from core.folio.rules import ZERO, positive_money, refuse_card_numbers
from core.folio.services import (
    TOPIC,
    business_date,
    ensure_guest_folio,
    find_by_source,
    insert_posting,
    lock_folio,
)
from core.timeutil import utcnow

MANUAL_METHODS = ("cash", "bank_transfer", "terminal")


def record_deposit(uow: UnitOfWork, reservation_id: uuid.UUID, amount: Any, *, method: str,
                   reference: str = "", payment_id: uuid.UUID | None = None) -> Deposit:
    """Hold a deposit for a reservation. Card deposits come from core.payments with payment_id:
    the payment that carries one was already allowed (the desk's folio.take_payment, or the
    guest paying for their own booking online)."""
    if payment_id is None:
        uow.actor.require("folio.take_payment")
    from core.reservations.models import Reservation

    value = positive_money(amount)
    if method not in (*MANUAL_METHODS, "card"):
        raise ValidationFailed("Unknown payment method.",
                               fields={"method": "cash, bank_transfer, terminal or card"})
    refuse_card_numbers(reference=reference)
    reservation = uow.session.get(Reservation, reservation_id)
    if reservation is None:
        raise DepositNotFound("Reservation not found.", code="reservation_not_found",
                              fields={"reservation_id": "no such reservation"})
    deposit = Deposit(reservation_id=reservation_id, amount=value, currency=reservation.currency,
                      method=method, payment_id=payment_id, reference=reference.strip()[:200],
                      received_on=business_date(uow))
    uow.session.add(deposit)
    uow.session.flush()
    uow.record_event(TOPIC, "deposit.received", deposit.id,
                     {"reservation_id": reservation_id, "amount": value})
    audit.record(uow, "folio.deposit_received", "reservation", reservation_id,
                 f"Deposit {value} {reservation.currency} by {method}")
    return deposit


def apply_deposits_on_check_in(uow: UnitOfWork, reservation_id: uuid.UUID) -> list[Deposit]:
    """Check-in calls this: every held deposit becomes a credit on the guest folio (once)."""
    held = uow.session.exec(select(Deposit).where(
        Deposit.reservation_id == reservation_id, Deposit.status == DepositStatus.held.value)
        .order_by(col(Deposit.created_at)).with_for_update()).all()
    if not held:
        return []
    folio = lock_folio(uow, ensure_guest_folio(uow, reservation_id).id)
    for deposit in held:
        key = f"deposit:{deposit.id}:applied"
        posting = find_by_source(uow, key) or insert_posting(
            uow, folio, charge_type=ChargeType.deposit.value, amount=-deposit.amount,
            description=f"Deposit received {deposit.received_on.isoformat()} ({deposit.method})",
            payment_id=deposit.payment_id, source_key=key)
        deposit.status = DepositStatus.applied.value
        deposit.applied_posting_id = posting.id
        deposit.applied_at = utcnow()
        uow.session.add(deposit)
    uow.session.flush()
    return list(held)


def deposits_for(uow: UnitOfWork, reservation_id: uuid.UUID) -> list[Deposit]:
    uow.actor.require("folio.view")
    return list(uow.session.exec(select(Deposit).where(Deposit.reservation_id == reservation_id)
                                 .order_by(col(Deposit.created_at))).all())


def held_deposits_total(uow: UnitOfWork) -> Decimal:
    total = uow.session.exec(select(func.coalesce(func.sum(Deposit.amount), 0))
                             .where(Deposit.status == DepositStatus.held.value)).one()
    return Decimal(str(total)).quantize(Decimal("0.01")) if total else ZERO


def mark_deposit_refunded(uow: UnitOfWork, payment_id: uuid.UUID) -> Deposit | None:
    """A held deposit whose payment was refunded in full is no longer owed to the stay."""
    deposit = uow.session.exec(select(Deposit).where(
        Deposit.payment_id == payment_id, Deposit.status == DepositStatus.held.value)).first()
    if deposit is not None:
        deposit.status = DepositStatus.refunded.value
        uow.session.add(deposit)
    return deposit
