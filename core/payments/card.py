"""Card payments through Stripe: authorise (manual capture), capture at check-out, release.

These use cases open their own units of work: the call to Stripe happens between two short
transactions, never inside one, so no database lock is held while the network is slow. The
payment row is written first (pending) and its id is Stripe's idempotency key; the webhook
completes a payment whose second step never ran.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

from core import audit
from core.actor import Actor
from core.db.uow import property_uow
from core.errors import ValidationFailed
from core.folio.rules import positive_money, refuse_card_numbers
from core.payments.errors import (
    AuthorizationExpired,
    CaptureExceedsAuthorized,
    InvalidPaymentState,
    PaymentDeclined,
)
from core.payments.gateway import get_gateway
from core.payments.ledger import PAYMENT, describe, lock_payment, post_settlement
from core.payments.models import Payment, PaymentPurpose, PaymentStatus
from core.timeutil import utcnow

# Card authorisations lapse at Stripe after 7 days; we refuse to capture after that.
AUTH_VALIDITY = timedelta(days=7)
_TOKEN = re.compile(r"^(pm|card|src)_[A-Za-z0-9_]+$")
_CUSTOMER = re.compile(r"^cus_[A-Za-z0-9_]+$")


def _validate_tokens(payment_method: str, customer: str | None) -> None:
    errors = {}
    if not _TOKEN.match(payment_method or ""):
        errors["payment_method"] = "must be a saved payment-method token (pm_...)"
    if customer is not None and not _CUSTOMER.match(customer):
        errors["customer"] = "must be a customer token (cus_...)"
    if errors:
        refuse_card_numbers(**{k: v for k, v in (("payment_method", payment_method),
                                                 ("customer", customer)) if v})
        raise ValidationFailed("Card details are taken by the payment form; send its token.",
                               fields=errors, code="invalid_payment_token")


def authorize_card(property_id: uuid.UUID, actor: Actor, *, amount: Any, payment_method: str,
                   reservation_id: uuid.UUID | None = None, folio_id: uuid.UUID | None = None,
                   customer: str | None = None, purpose: str = PaymentPurpose.guarantee.value
                   ) -> Payment:
    """Put a hold on a card (guarantee or deposit); capture it later with `capture_payment`."""
    value = positive_money(amount)
    _validate_tokens(payment_method, customer)
    if purpose not in {p.value for p in PaymentPurpose}:
        raise ValidationFailed("Unknown purpose.", fields={"purpose": "payment, deposit or guarantee"})
    if reservation_id is None and folio_id is None:
        raise ValidationFailed("Say what the payment is for.",
                               fields={"reservation_id": "a reservation or a folio is required"})
    gateway = get_gateway()
    with property_uow(property_id, actor) as uow:
        uow.actor.require("folio.take_payment")
        from core.folio.services import _currency, get_folio_row

        if folio_id is not None:
            folio = get_folio_row(uow, folio_id)
            reservation_id = reservation_id or folio.reservation_id
        payment = Payment(reservation_id=reservation_id, folio_id=folio_id, method="card",
                          purpose=purpose, status=PaymentStatus.pending.value,
                          currency=_currency(uow), amount=value,
                          payment_method_token=payment_method, customer_token=customer)
        uow.session.add(payment)
        uow.commit()
    metadata = {"property_id": str(property_id), "payment_id": str(payment.id),
                "reservation_id": str(reservation_id or "")}
    try:
        result = gateway.authorize(amount=value, currency=payment.currency,
                                   payment_method=payment_method, customer=customer,
                                   metadata=metadata, idempotency_key=f"gj-auth-{payment.id}")
    except PaymentDeclined as exc:
        _mark(property_id, payment.id, PaymentStatus.failed, exc.message)
        raise
    with property_uow(property_id, actor) as uow:
        row = lock_payment(uow, payment.id)
        row.provider_id = row.provider_id or result.id
        row.card_brand = row.card_brand or result.card_brand
        row.card_last4 = row.card_last4 or result.card_last4
        if row.status == PaymentStatus.pending.value:  # the webhook may have been first
            if result.status == "requires_capture":
                row.status = PaymentStatus.authorized.value
                row.authorized_at = utcnow()
                row.expires_at = row.authorized_at + AUTH_VALIDITY
            elif result.status == "requires_action":
                row.status = PaymentStatus.requires_action.value
            else:
                row.status = PaymentStatus.failed.value
                row.failure_message = f"unexpected status {result.status}"
            row.updated_at = utcnow()
        uow.session.add(row)
        audit.record(uow, "payments.card_authorized", "payment", row.id,
                     f"Card hold {value} {row.currency} ({row.status})")
        uow.commit()
        return row


def _mark(property_id: uuid.UUID, payment_id: uuid.UUID, status: PaymentStatus,
          message: str | None = None) -> None:
    with property_uow(property_id) as uow:
        row = lock_payment(uow, payment_id)
        row.status = status.value
        row.failure_message = (message or "")[:300] or None
        row.updated_at = utcnow()
        uow.session.add(row)
        uow.commit()


def capture_payment(property_id: uuid.UUID, actor: Actor, payment_id: uuid.UUID,
                    amount: Any = None) -> Payment:
    """Capture an authorised card hold, in full or in part (the rest is released)."""
    with property_uow(property_id, actor) as uow:
        uow.actor.require("folio.take_payment")
        payment = lock_payment(uow, payment_id)  # an unknown payment is "not found" first
        gateway = get_gateway()
        if payment.status != PaymentStatus.authorized.value:
            raise InvalidPaymentState(f"Only an authorised card hold can be captured (this "
                                      f"payment is {payment.status}).",
                                      fields={"payment_id": payment.status})
        value = payment.amount if amount is None else positive_money(amount)
        if value > payment.amount:
            raise CaptureExceedsAuthorized(
                f"At most {payment.amount} {payment.currency} was authorised.",
                fields={"amount": f"must be at most {payment.amount}"})
        if payment.expires_at is None or payment.expires_at <= utcnow():
            payment.status = PaymentStatus.expired.value
            uow.session.add(payment)
            uow.commit()
            raise AuthorizationExpired("The card hold has expired; take a new authorisation or "
                                       "another payment method.", fields={"payment_id": "expired"})
        payment.status = PaymentStatus.capturing.value  # claims it: a second capture is refused
        payment.amount_captured = value  # what we asked for, should the webhook finish the job
        uow.session.add(payment)
        uow.commit()
    try:
        gateway.capture(payment.provider_id or "", amount=value, currency=payment.currency,
                        idempotency_key=f"gj-capture-{payment.id}")
    except Exception:
        _undo_capture_claim(property_id, payment.id)
        raise
    return complete_capture(property_id, actor, payment.id, value)


def _undo_capture_claim(property_id: uuid.UUID, payment_id: uuid.UUID) -> None:
    with property_uow(property_id) as uow:
        row = lock_payment(uow, payment_id)
        if row.status == PaymentStatus.capturing.value:
            row.status, row.amount_captured = PaymentStatus.authorized.value, Decimal("0.00")
            row.updated_at = utcnow()
            uow.session.add(row)
        uow.commit()


def complete_capture(property_id: uuid.UUID, actor: Actor | None, payment_id: uuid.UUID,
                     value) -> Payment:
    """Record a capture Stripe confirmed to the desk (the webhook uses `record_capture`)."""
    with property_uow(property_id, actor) as uow:
        payment = lock_payment(uow, payment_id)
        record_capture(uow, payment, value)
        uow.commit()
        return payment


def record_capture(uow, payment: Payment, value) -> None:
    """Mark captured and credit the folio (or hold the deposit) exactly once."""
    if payment.status != PaymentStatus.captured.value:
        payment.status = PaymentStatus.captured.value
        payment.amount_captured = value
        payment.updated_at = utcnow()
    uow.session.add(payment)
    if payment.purpose == PaymentPurpose.deposit.value and payment.folio_id is None:
        if not _has_deposit(uow, payment.id):
            from core.folio.deposits import record_deposit

            # authorize_card refuses a payment with neither a folio nor a reservation
            assert payment.reservation_id is not None
            record_deposit(uow, payment.reservation_id, payment.amount_captured, method="card",
                           reference=describe(payment), payment_id=payment.id)
    else:
        post_settlement(uow, payment, charge_type=PAYMENT, amount=-payment.amount_captured,
                        description=describe(payment), source_key=f"payment:{payment.id}:capture")
    audit.record(uow, "payments.captured", "payment", payment.id,
                 f"Captured {payment.amount_captured} {payment.currency}")


def _has_deposit(uow, payment_id: uuid.UUID) -> bool:
    from sqlmodel import select

    from core.folio.models import Deposit

    return uow.session.exec(select(Deposit.id).where(Deposit.payment_id == payment_id)).first() \
        is not None


def take_card_deposit(property_id: uuid.UUID, actor: Actor, reservation_id: uuid.UUID, *,
                      amount: Any, payment_method: str, customer: str | None = None) -> Payment:
    """A card deposit before arrival: authorised, captured at once, held until check-in."""
    payment = authorize_card(property_id, actor, amount=amount, payment_method=payment_method,
                             customer=customer, reservation_id=reservation_id,
                             purpose=PaymentPurpose.deposit.value)
    if payment.status != PaymentStatus.authorized.value:
        return payment
    return capture_payment(property_id, actor, payment.id)


def release_authorization(property_id: uuid.UUID, actor: Actor, payment_id: uuid.UUID) -> Payment:
    """Cancel a hold that will not be captured (the guest paid otherwise)."""
    with property_uow(property_id, actor, write=False) as uow:
        uow.actor.require("folio.take_payment")
        payment = lock_payment(uow, payment_id)  # an unknown payment is "not found" first
        gateway = get_gateway()
        if payment.status not in (PaymentStatus.authorized.value,
                                  PaymentStatus.requires_action.value):
            raise InvalidPaymentState("Only an uncaptured hold can be released.",
                                      fields={"payment_id": payment.status})
    gateway.cancel(payment.provider_id or "", currency=payment.currency,
                   idempotency_key=f"gj-cancel-{payment.id}")
    _mark(property_id, payment.id, PaymentStatus.canceled)
    with property_uow(property_id, actor, write=False) as uow:
        row = lock_payment(uow, payment_id)
        uow.session.expunge(row)  # keep its loaded values after the read-only rollback
        return row


def expire_lapsed_holds(uow) -> int:
    """Authorised holds past their validity become expired (the desk then takes a new one)."""
    from sqlmodel import col, select

    rows = uow.session.exec(select(Payment).where(
        Payment.status == PaymentStatus.authorized.value,
        col(Payment.expires_at) <= utcnow()).with_for_update()).all()
    for row in rows:
        row.status = PaymentStatus.expired.value
        row.updated_at = utcnow()
        uow.session.add(row)
        audit.record(uow, "payments.hold_expired", "payment", row.id,
                     f"Card hold of {row.amount} {row.currency} expired uncaptured")
    return len(rows)
