"""Where payments meet the folio: settlement postings, each made once by its source key."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlmodel import select

from core.db.uow import UnitOfWork
from core.folio.models import ChargeType, Folio, Posting
from core.folio.services import ensure_guest_folio, find_by_source, insert_posting, lock_folio
from core.payments.errors import PaymentNotFound
from core.payments.models import Payment

LABELS = {"cash": "Cash", "bank_transfer": "Bank transfer", "terminal": "Card terminal",
          "card": "Card"}


def lock_payment(uow: UnitOfWork, payment_id: uuid.UUID) -> Payment:
    payment = uow.session.exec(select(Payment).where(Payment.id == payment_id).with_for_update()
                               .execution_options(populate_existing=True)).first()
    if payment is None:
        raise PaymentNotFound("Payment not found.", fields={"payment_id": "no such payment"})
    return payment


def payment_by_provider_id(uow: UnitOfWork, provider_id: str) -> Payment | None:
    return uow.session.exec(select(Payment).where(Payment.provider_id == provider_id)
                            .with_for_update().execution_options(populate_existing=True)).first()


def settlement_folio(uow: UnitOfWork, payment: Payment) -> Folio:
    if payment.folio_id is not None:
        return lock_folio(uow, payment.folio_id)
    if payment.reservation_id is None:
        raise PaymentNotFound("The payment has no folio.", fields={"folio_id": "missing"})
    folio = ensure_guest_folio(uow, payment.reservation_id)
    payment.folio_id = folio.id
    return lock_folio(uow, folio.id)


def describe(payment: Payment) -> str:
    label = LABELS.get(payment.method, payment.method)
    if payment.card_last4:
        label += f" {payment.card_brand or ''} ****{payment.card_last4}".replace("  ", " ")
    if payment.reference:
        label += f" ({payment.reference})"
    return label


def post_settlement(uow: UnitOfWork, payment: Payment, *, charge_type: str, amount: Decimal,
                    description: str, source_key: str) -> Posting:
    """Money received (negative amount) or returned (positive) on the payment's folio, once.

    Settlements may land on an invoiced folio: the money moved, and losing the record would be
    worse than a folio that needs a credit note.
    """
    folio = settlement_folio(uow, payment)
    existing = find_by_source(uow, source_key)
    if existing is not None:
        return existing
    return insert_posting(uow, folio, charge_type=charge_type, amount=amount,
                          description=description, payment_id=payment.id,
                          source_key=source_key, allow_closed=True)


PAYMENT = ChargeType.payment.value
REFUND = ChargeType.refund.value
