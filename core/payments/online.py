"""Card payments a guest makes online (the booking site): a hold on the stay or a deposit.

The browser only ever holds Stripe tokens. We confirm a PaymentIntent (manual capture) for the
guest's payment method: a guarantee holds the stay's total, a deposit holds the deposit and is
captured by `take_online_payment` just before the booking is written. When the bank wants the
guest to authenticate (3-D Secure) the intent comes back `requires_action` and the page lets
Stripe.js finish it; whatever the page reports afterwards, `verify_online_payment` reads the
intent back from Stripe and checks it is ours, for this amount, and agreed by the bank. A guest
who vanishes after the bank's step leaves only an uncaptured hold, which lapses at Stripe.
Nothing is stored before the booking: `record_online_payment` writes the payment (and the held
deposit) in the booking's own transaction, and `release_online_payment` cancels the hold, or
refunds a captured deposit, when no booking follows.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal

from core import audit
from core.db.uow import UnitOfWork
from core.errors import DomainError, ValidationFailed
from core.payments.card import AUTH_VALIDITY, _validate_tokens
from core.payments.errors import PaymentDeclined
from core.payments.gateway import IntentResult, get_gateway
from core.payments.ledger import describe
from core.payments.models import Payment, PaymentPurpose, PaymentStatus
from core.timeutil import utcnow

log = logging.getLogger(__name__)
GUARANTEE = PaymentPurpose.guarantee.value
DEPOSIT = PaymentPurpose.deposit.value
NEEDS_ACTION = "requires_action"


class PaymentActionRequired(ValidationFailed):
    code = "payment_action_required"


@dataclass(frozen=True)
class OnlineCharge:
    """What the guest's card is asked for, under our own payment id (Stripe's idempotency key)."""

    property_id: uuid.UUID
    payment_id: uuid.UUID
    purpose: str  # GUARANTEE (hold on the total) or DEPOSIT (taken now)
    amount: Decimal
    currency: str
    payment_method: str

    @property
    def done_statuses(self) -> tuple[str, ...]:
        """Intent statuses once the guest's bank agreed (a deposit is captured when booked)."""
        return ("requires_capture", "succeeded") if self.purpose == DEPOSIT \
            else ("requires_capture",)


def online_payment_id(property_id: uuid.UUID, booking_key: str, payment_method: str) -> uuid.UUID:
    """The same booking with the same card is one payment (a double click, a retry); another
    card after a failed 3-D Secure check is a new attempt."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"gj-site:{property_id}:{booking_key}:{payment_method}")


def start_online_payment(charge: OnlineCharge) -> IntentResult:
    """Hold or take the money. Returns the intent, done or `requires_action` (3-D Secure);
    a declined card raises and leaves nothing held."""
    _validate_tokens(charge.payment_method, None)
    if charge.purpose not in (GUARANTEE, DEPOSIT):
        raise ValidationFailed("Unknown purpose.", fields={"purpose": "guarantee or deposit"})
    if charge.amount is None or charge.amount <= 0:
        raise ValidationFailed("The amount to charge is missing.",
                               fields={"amount": "must be above zero"}, code="invalid_amount")
    intent = get_gateway().authorize(
        amount=charge.amount, currency=charge.currency, payment_method=charge.payment_method,
        customer=None, metadata={"property_id": str(charge.property_id),
                                 "payment_id": str(charge.payment_id),
                                 "purpose": charge.purpose, "source": "booking_site"},
        idempotency_key=f"gj-site-{charge.purpose}-{charge.payment_id}")
    if intent.status in (*charge.done_statuses, NEEDS_ACTION):
        return intent
    release_online_payment(charge, intent.id)
    raise PaymentDeclined("The card could not be authorised; please try another card.",
                          fields={"payment_method": intent.status}, code="card_not_authorised")


def verify_online_payment(charge: OnlineCharge, intent_id: str) -> IntentResult:
    """The intent as Stripe has it, if it is this charge and the bank agreed. A failed or
    refused authentication releases it and raises; one still waiting raises without releasing."""
    intent = get_gateway().retrieve(intent_id, charge.currency, charge.payment_method)
    if (intent.metadata.get("payment_id") != str(charge.payment_id)
            or intent.metadata.get("property_id") != str(charge.property_id)
            or intent.amount != charge.amount):
        raise ValidationFailed("This card payment does not belong to this booking.",
                               fields={"payment": "does not match the booking"},
                               code="payment_mismatch")
    if intent.status in charge.done_statuses:
        return intent
    if intent.status == NEEDS_ACTION:
        raise PaymentActionRequired("Your bank has not confirmed the card yet; please complete "
                                    "its check.", fields={"card": "waiting for your bank"})
    release_online_payment(charge, intent.id)
    raise PaymentDeclined("Your bank did not confirm the card, so nothing was booked or "
                          "charged. Please try again or use another card.",
                          fields={"card": intent.error or "authentication failed"},
                          code="authentication_failed")


def take_online_payment(charge: OnlineCharge, intent: IntentResult) -> IntentResult:
    """Just before booking: a deposit's hold is captured (the money is taken); a guarantee stays
    a hold. Repeating it is harmless (an intent already captured is left alone)."""
    if charge.purpose != DEPOSIT or intent.status == "succeeded":
        return intent
    taken = get_gateway().capture(intent.id, amount=charge.amount, currency=charge.currency,
                                  idempotency_key=f"gj-site-capture-{charge.payment_id}")
    return IntentResult(**{**intent.__dict__, "status": taken.status,
                           "amount_received": taken.amount_received})


def release_online_payment(charge: OnlineCharge, intent_id: str) -> None:
    """No booking follows: cancel the hold, or refund a deposit already taken. A failure is
    logged, not raised: the guest must see why the booking was refused, and an uncaptured hold
    lapses at Stripe by itself."""
    gateway = get_gateway()
    try:
        intent = gateway.retrieve(intent_id, charge.currency)
        if intent.status == "succeeded":
            gateway.refund(intent_id, amount=intent.amount_received, currency=charge.currency,
                           idempotency_key=f"gj-site-unbook-{charge.payment_id}",
                           metadata={"property_id": str(charge.property_id),
                                     "payment_id": str(charge.payment_id)})
        elif intent.status != "canceled":
            gateway.cancel(intent_id, currency=charge.currency,
                           idempotency_key=f"gj-site-void-{charge.payment_id}")
    except DomainError as exc:
        log.warning("could not release online payment %s: %s", intent_id, exc.message)


def record_online_payment(uow: UnitOfWork, charge: OnlineCharge, intent: IntentResult, *,
                          reservation_id: uuid.UUID, reference: str) -> Payment:
    """Record a verified authorisation (or deposit) for a booking, once; a deposit is held for
    the stay until check-in (core.folio.deposits)."""
    existing = uow.session.get(Payment, charge.payment_id)
    if existing is not None:
        return existing  # an idempotent replay of a booking that already has its payment
    now = utcnow()
    deposit = charge.purpose == DEPOSIT
    row = Payment(id=charge.payment_id, reservation_id=reservation_id, method="card",
                  purpose=charge.purpose,
                  status=(PaymentStatus.captured if deposit else PaymentStatus.authorized).value,
                  currency=charge.currency, amount=charge.amount,
                  amount_captured=charge.amount if deposit else Decimal("0.00"),
                  provider_id=intent.id, payment_method_token=charge.payment_method,
                  card_brand=intent.card_brand, card_last4=intent.card_last4,
                  authorized_at=now, expires_at=None if deposit else now + AUTH_VALIDITY,
                  reference=reference)
    uow.session.add(row)
    uow.session.flush()
    if deposit:
        from core.folio.deposits import record_deposit

        record_deposit(uow, reservation_id, charge.amount, method="card",
                       reference=describe(row), payment_id=row.id)
        audit.record(uow, "payments.captured", "payment", row.id,
                     f"Deposit {charge.amount} {charge.currency} charged for booking {reference} "
                     "(booking site)")
    else:
        audit.record(uow, "payments.card_authorized", "payment", row.id,
                     f"Card hold {charge.amount} {charge.currency} for booking {reference} "
                     "(booking site)")
    return row


@dataclass(frozen=True)
class StayPayments:
    """What a guest paid ahead for a stay, for the confirmation page and email."""

    charged: Decimal  # taken from the card (deposits, less refunds)
    held: Decimal  # pre-authorised on the card, not taken
    due_at_hotel: Decimal


def charge_summary(total: Decimal, charge: OnlineCharge | None) -> StayPayments:
    """What the online charge just made for a booking means for the guest, in the terms of
    stay_payments (the confirmation page shows this before anything else is read back)."""
    zero = Decimal("0.00")
    charged = charge.amount if charge is not None and charge.purpose == DEPOSIT else zero
    held = charge.amount if charge is not None and charge.purpose == GUARANTEE else zero
    return StayPayments(charged=charged, held=held, due_at_hotel=max(total - charged, zero))


def stay_payments(uow: UnitOfWork, reservation_id: uuid.UUID, total: Decimal) -> StayPayments:
    from sqlmodel import col, select

    rows = uow.session.exec(select(Payment).where(
        Payment.reservation_id == reservation_id,
        col(Payment.status).in_([PaymentStatus.captured.value,
                                 PaymentStatus.authorized.value]))).all()
    charged = sum((p.amount_captured - p.amount_refunded for p in rows
                   if p.status == PaymentStatus.captured.value), Decimal("0.00"))
    held = sum((p.amount for p in rows if p.status == PaymentStatus.authorized.value),
               Decimal("0.00"))
    return StayPayments(charged=charged, held=held,
                        due_at_hotel=max(total - charged, Decimal("0.00")))
