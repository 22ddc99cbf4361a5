"""Stripe webhooks: verify the signature, route to the property, handle each event id once."""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any

import stripe
from sqlalchemy.exc import IntegrityError

from core.config import get_settings
from core.db.uow import property_uow
from core.errors import ValidationFailed
from core.payments.errors import PaymentsNotConfigured, WebhookSignatureInvalid
from core.payments.gateway import from_minor
from core.payments.ledger import payment_by_provider_id
from core.payments.models import PaymentStatus, StripeEvent
from core.timeutil import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebhookOutcome:
    event_id: str
    type: str
    status: str  # "processed" | "duplicate" | "ignored"


def verify(payload: bytes, signature: str | None, secret: str | None = None) -> dict[str, Any]:
    """The event if Stripe signed `payload` with our secret (and recently), else an error."""
    secret = secret or get_settings().stripe_webhook_secret
    if not secret:
        raise PaymentsNotConfigured("The Stripe webhook secret is not configured.")
    if not signature:
        raise WebhookSignatureInvalid("The Stripe-Signature header is missing.",
                                      fields={"Stripe-Signature": "is required"})
    try:
        stripe.WebhookSignature.verify_header(payload.decode("utf-8"), signature, secret, 300)
    except (stripe.SignatureVerificationError, UnicodeDecodeError):
        raise WebhookSignatureInvalid("The Stripe signature does not match this payload.",
                                      fields={"Stripe-Signature": "does not verify"}) from None
    try:
        return json.loads(payload)
    except ValueError:
        raise ValidationFailed("The webhook body is not JSON.", fields={"body": "not JSON"}) from None


def handle_stripe_webhook(payload: bytes, signature: str | None,
                          secret: str | None = None) -> WebhookOutcome:
    event = verify(payload, signature, secret)
    obj = (event.get("data") or {}).get("object") or {}
    event_id, event_type = str(event.get("id") or ""), str(event.get("type") or "")
    if not event_id:
        raise ValidationFailed("The event has no id.", fields={"id": "is required"})
    raw_pid = (obj.get("metadata") or {}).get("property_id")
    try:
        property_id = uuid.UUID(str(raw_pid))
    except ValueError:
        # Not one of ours (no property in the metadata): acknowledge so Stripe stops retrying.
        return WebhookOutcome(event_id, event_type, "ignored")
    from core.errors import NotFound

    try:
        with property_uow(property_id) as uow:
            uow.session.add(StripeEvent(id=event_id, type=event_type[:100]))
            uow.session.flush()  # the primary key makes a replayed event fail here
            status = _apply(uow, event_type, obj)
            uow.commit()
    except IntegrityError:
        return WebhookOutcome(event_id, event_type, "duplicate")
    except NotFound as exc:  # a property or row since removed: retrying cannot help
        log.warning("Stripe event %s (%s) ignored: %s", event_id, event_type, exc.message)
        return WebhookOutcome(event_id, event_type, "ignored")
    return WebhookOutcome(event_id, event_type, status)


def _apply(uow, event_type: str, obj: dict[str, Any]) -> str:
    if event_type.startswith("payment_intent."):
        payment = payment_by_provider_id(uow, obj.get("id", ""))
        if payment is None:
            payment = _by_metadata(uow, obj)
        if payment is None:
            return "ignored"
        payment.provider_id = payment.provider_id or obj.get("id")
        currency = payment.currency
        if event_type == "payment_intent.amount_capturable_updated" and payment.status in (
                PaymentStatus.pending.value, PaymentStatus.requires_action.value):
            from core.payments.card import AUTH_VALIDITY

            payment.status = PaymentStatus.authorized.value
            payment.authorized_at = utcnow()
            payment.expires_at = payment.authorized_at + AUTH_VALIDITY
        elif event_type == "payment_intent.succeeded" and payment.status != "captured":
            received = from_minor(int(obj.get("amount_received") or obj.get("amount") or 0),
                                  currency)
            if payment.status == PaymentStatus.capturing.value and payment.amount_captured:
                received = payment.amount_captured  # the desk's (partial) capture in flight
            uow.session.add(payment)
            uow.session.flush()
            from core.payments.card import record_capture

            record_capture(uow, payment, received)
        elif event_type == "payment_intent.payment_failed" and payment.status in (
                PaymentStatus.pending.value, PaymentStatus.requires_action.value):
            payment.status = PaymentStatus.failed.value
            error = obj.get("last_payment_error") or {}
            payment.failure_message = str(error.get("message") or "declined")[:300]
        elif event_type == "payment_intent.canceled" and payment.status in (
                PaymentStatus.authorized.value, PaymentStatus.requires_action.value,
                PaymentStatus.pending.value):
            payment.status = PaymentStatus.canceled.value
        payment.updated_at = utcnow()
        uow.session.add(payment)
        return "processed"
    if event_type == "charge.refunded":
        payment = payment_by_provider_id(uow, obj.get("payment_intent") or "")
        if payment is None:
            return "ignored"
        from core.payments.refunds import complete_refund_from_provider

        for refund in ((obj.get("refunds") or {}).get("data") or []):
            if refund.get("status", "succeeded") == "succeeded":
                complete_refund_from_provider(uow, payment, refund["id"],
                                              from_minor(int(refund["amount"]), payment.currency),
                                              (refund.get("metadata") or {}).get("refund_id"))
        return "processed"
    return "ignored"


def _by_metadata(uow, obj: dict[str, Any]):
    from core.payments.models import Payment

    try:
        payment_id = uuid.UUID(str((obj.get("metadata") or {}).get("payment_id")))
    except ValueError:
        return None
    return uow.session.get(Payment, payment_id)

