"""Manual payment methods for the desk: cash, bank transfer and the standalone card terminal."""

from __future__ import annotations

import uuid
from typing import Any

from core import audit
from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.folio.rules import positive_money, refuse_card_numbers
from core.folio.services import get_folio_row
from core.payments.ledger import PAYMENT, describe, post_settlement
from core.payments.models import MANUAL_METHODS, Payment, PaymentPurpose, PaymentStatus
from core.timeutil import utcnow


def _check(method: str, reference: str) -> None:
    if method not in MANUAL_METHODS:
        raise ValidationFailed("Unknown payment method.",
                               fields={"method": f"one of {', '.join(MANUAL_METHODS)}"},
                               code="invalid_payment_method")
    refuse_card_numbers(reference=reference)


def take_payment(uow: UnitOfWork, folio_id: uuid.UUID, amount: Any, *, method: str,
                 reference: str = "") -> Payment:
    """Record money received at the desk and credit the folio with it."""
    uow.actor.require("folio.take_payment")
    value = positive_money(amount)
    _check(method, reference)
    folio = get_folio_row(uow, folio_id)
    payment = Payment(folio_id=folio.id, reservation_id=folio.reservation_id, method=method,
                      purpose=PaymentPurpose.payment.value, status=PaymentStatus.captured.value,
                      currency=folio.currency, amount=value, amount_captured=value,
                      reference=reference.strip()[:200], authorized_at=utcnow())
    uow.session.add(payment)
    uow.session.flush()
    post_settlement(uow, payment, charge_type=PAYMENT, amount=-value,
                    description=describe(payment), source_key=f"payment:{payment.id}:capture")
    audit.record(uow, "folio.payment_taken", "payment", payment.id,
                 f"{value} {folio.currency} by {method}")
    return payment


def take_deposit(uow: UnitOfWork, reservation_id: uuid.UUID, amount: Any, *, method: str,
                 reference: str = "") -> Payment:
    """A deposit before arrival by a manual method: held until check-in applies it."""
    from core.folio.deposits import record_deposit

    uow.actor.require("folio.take_payment")
    value = positive_money(amount)
    _check(method, reference)
    deposit = record_deposit(uow, reservation_id, value, method=method, reference=reference)
    payment = Payment(reservation_id=reservation_id, method=method,
                      purpose=PaymentPurpose.deposit.value, status=PaymentStatus.captured.value,
                      currency=deposit.currency, amount=value, amount_captured=value,
                      reference=reference.strip()[:200], authorized_at=utcnow())
    uow.session.add(payment)
    uow.session.flush()
    deposit.payment_id = payment.id
    uow.session.add(deposit)
    return payment
