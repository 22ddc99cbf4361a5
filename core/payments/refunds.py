"""Refunds of any payment, never above what is left of it; card refunds go through Stripe."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from core import audit
from core.actor import Actor
from core.db.uow import UnitOfWork, property_uow
from core.errors import ValidationFailed
from core.folio.rules import positive_money, refuse_card_numbers
from core.payments.errors import InvalidPaymentState, RefundExceedsPaid
from core.payments.ledger import REFUND, describe, lock_payment, post_settlement
from core.payments.models import Payment, PaymentRefund, PaymentStatus, RefundStatus


def reserved_refunds(uow: UnitOfWork, payment_id: uuid.UUID) -> Decimal:
    """Refunded or being refunded: pending refunds count, so two desks cannot both refund."""
    total = uow.session.exec(select(func.coalesce(func.sum(PaymentRefund.amount), 0)).where(
        PaymentRefund.payment_id == payment_id,
        PaymentRefund.status != RefundStatus.failed.value)).one()
    return Decimal(str(total)).quantize(Decimal("0.01"))


def refund_payment(property_id: uuid.UUID, actor: Actor, payment_id: uuid.UUID, amount: Any, *,
                   reason: str, idempotency_key: str | None = None) -> PaymentRefund:
    """Give money back. Refused above what was captured minus what was already refunded.

    A caller that may retry the same refund (a settlement job) passes its own Stripe
    idempotency key, so a try whose answer was lost cannot refund a second time."""
    value = positive_money(amount)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Say why the money is refunded.", fields={"reason": "is required"})
    refuse_card_numbers(reason=reason)
    with property_uow(property_id, actor) as uow:
        uow.actor.require("folio.refund")
        payment = lock_payment(uow, payment_id)
        if payment.status != PaymentStatus.captured.value:
            raise InvalidPaymentState(f"Only a received payment can be refunded (this one is "
                                      f"{payment.status}); release a hold instead.",
                                      fields={"payment_id": payment.status})
        left = payment.amount_captured - reserved_refunds(uow, payment.id)
        if value > left:
            raise RefundExceedsPaid(f"At most {left} {payment.currency} of this payment can be "
                                    "refunded.", fields={"amount": f"must be at most {left}"})
        refund = PaymentRefund(payment_id=payment.id, amount=value, reason=reason[:300])
        uow.session.add(refund)
        if payment.method != "card":  # cash back over the desk: done in this transaction
            _complete(uow, payment, refund, provider_id=None)
            uow.commit()
            return refund
        uow.commit()
    from core.payments.gateway import get_gateway

    try:
        result = get_gateway().refund(payment.provider_id or "", amount=value,
                                      currency=payment.currency,
                                      idempotency_key=idempotency_key or f"gj-refund-{refund.id}",
                                      metadata={"property_id": str(property_id),
                                                "payment_id": str(payment.id),
                                                "refund_id": str(refund.id)})
    except Exception as exc:
        with property_uow(property_id) as uow:
            failed = uow.session.get(PaymentRefund, refund.id)
            if failed is not None:  # committed above; never mask the gateway's error
                failed.status = RefundStatus.failed.value
                failed.failure_message = str(getattr(exc, "message", exc))[:300]
                uow.session.add(failed)
                uow.commit()
        raise
    with property_uow(property_id, actor) as uow:
        payment = lock_payment(uow, payment_id)
        row = uow.session.get(PaymentRefund, refund.id)
        if row is None:
            raise RuntimeError(f"refund {refund.id} disappeared while the gateway refunded it")
        _complete(uow, payment, row, provider_id=result.id)
        uow.commit()
        return row


def _complete(uow: UnitOfWork, payment: Payment, refund: PaymentRefund,
              provider_id: str | None) -> None:
    """Mark a refund done and post it once (the webhook may complete the same refund)."""
    if refund.status == RefundStatus.succeeded.value:
        return
    refund.status = RefundStatus.succeeded.value
    refund.provider_id = provider_id or refund.provider_id
    payment.amount_refunded += refund.amount
    uow.session.add_all([refund, payment])
    from core.folio.deposits import mark_deposit_refunded

    held = None
    if payment.folio_id is None and payment.amount_refunded >= payment.amount_captured:
        held = mark_deposit_refunded(uow, payment.id)
    if held is None:
        post_settlement(uow, payment, charge_type=REFUND, amount=refund.amount,
                        description=f"Refund: {describe(payment)} - {refund.reason}"[:300],
                        source_key=f"refund:{refund.id}")
    audit.record(uow, "payments.refunded", "payment", payment.id,
                 f"Refunded {refund.amount} {payment.currency}", {"reason": refund.reason})


def complete_refund_from_provider(uow: UnitOfWork, payment: Payment, provider_id: str,
                                  amount: Decimal, our_id: str | None = None) -> PaymentRefund:
    """A refund seen by the webhook: completes ours, or records one made in Stripe directly.

    Ours is found by Stripe's id or, when the webhook beats our own second step, by the
    refund id we put in the metadata, so one refund is never counted twice.
    """
    refund = uow.session.exec(select(PaymentRefund)
                              .where(PaymentRefund.provider_id == provider_id)).first()
    if refund is None and our_id:
        try:
            refund = uow.session.get(PaymentRefund, uuid.UUID(our_id))
        except ValueError:
            refund = None
        if refund is not None and refund.payment_id != payment.id:
            refund = None
    if refund is None:
        refund = PaymentRefund(payment_id=payment.id, amount=amount, reason="Refunded at Stripe",
                               provider_id=provider_id)
        uow.session.add(refund)
        uow.session.flush()
    _complete(uow, payment, refund, provider_id)
    return refund
