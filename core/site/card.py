"""Card guarantee on the booking site: the card goes from the browser to Stripe only.

The page confirms a SetupIntent with Stripe.js (the card data never reaches us) and sends us
the resulting payment-method token. We then pre-authorise the stay with Stripe (manual capture)
BEFORE booking, so a declined card books nothing; the booking and its authorised payment row
are written in one transaction, and if the booking is refused (sold out, price changed) the
authorisation is cancelled at once, so nothing stays held on the card.
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
from core.payments.gateway import card_payments_enabled, get_gateway
from core.payments.models import Payment, PaymentPurpose, PaymentStatus
from core.reservations.schemas import BookingPublic
from core.site.booking import GuestDetails, StayRequest, book_stay
from core.timeutil import utcnow

log = logging.getLogger(__name__)
STRIPE_JS = "https://js.stripe.com/v3/"


@dataclass(frozen=True)
class CardSetup:
    publishable_key: str
    js_url: str
    client_secret: str


def card_available() -> bool:
    return card_payments_enabled()


def start_card_setup(property_id: uuid.UUID) -> CardSetup:
    """A SetupIntent for the page's card form (Stripe.js confirms it with the card)."""
    from core.config import get_settings

    settings = get_settings()
    gateway = get_gateway()
    intent = gateway._call(gateway.client.v1.setup_intents.create, params={
        "usage": "off_session", "metadata": {"property_id": str(property_id)}})
    base = settings.stripe_api_base
    # A local Stripe stand-in (localstripe) serves a compatible Stripe.js at this path.
    js = f"{base.rstrip('/')}/js.stripe.com/v3/" if base else STRIPE_JS
    return CardSetup(publishable_key=settings.stripe_publishable_key or "pk_test_local",
                     js_url=js, client_secret=intent["client_secret"])


def book_with_card(property_id: uuid.UUID, uow_factory, stay: StayRequest, *,
                   room_type_id: uuid.UUID, rate_plan_id: uuid.UUID, expected_total: Decimal,
                   currency: str, guest: GuestDetails, payment_method: str,
                   idempotency_key: str) -> BookingPublic:
    """Pre-authorise `expected_total` on the card, then book; undo the hold if booking fails.

    `uow_factory()` opens the public write unit of work for the property.
    """
    _validate_tokens(payment_method, None)
    if expected_total is None or expected_total <= 0:
        raise ValidationFailed("The amount to guarantee is missing.",
                               fields={"expected_total": "required"}, code="invalid_amount")
    gateway = get_gateway()
    payment_id = uuid.uuid5(uuid.NAMESPACE_URL, f"gj-site:{property_id}:{idempotency_key}")
    # Same key on a retry or double click: Stripe returns the first authorisation.
    intent = gateway.authorize(
        amount=expected_total, currency=currency, payment_method=payment_method, customer=None,
        metadata={"property_id": str(property_id), "payment_id": str(payment_id),
                  "source": "booking_site"},
        idempotency_key=f"gj-site-auth-{payment_id}", description="Booking guarantee")
    if intent.status != "requires_capture":
        _release(gateway, intent.id, currency, payment_id)
        raise ValidationFailed("The card could not be authorised; please try another card.",
                               fields={"payment_method": intent.status}, code="card_not_authorised")
    try:
        with uow_factory() as uow:
            booking = book_stay(uow, stay, room_type_id=room_type_id, rate_plan_id=rate_plan_id,
                                expected_total=expected_total, guest=guest,
                                idempotency_key=idempotency_key, card_guaranteed=True)
            _record(uow, booking, payment_id, intent, payment_method, expected_total, currency)
            uow.commit()
    except DomainError:
        _release(gateway, intent.id, currency, payment_id)
        raise
    return booking


def _release(gateway, intent_id: str, currency: str, payment_id: uuid.UUID) -> None:
    try:
        gateway.cancel(intent_id, currency=currency, idempotency_key=f"gj-site-void-{payment_id}")
    except DomainError as exc:  # the hold lapses by itself at Stripe; the guest sees the refusal
        log.warning("could not release card hold %s: %s", intent_id, exc.message)


def _record(uow: UnitOfWork, booking: BookingPublic, payment_id: uuid.UUID, intent,
            payment_method: str, amount: Decimal, currency: str) -> None:
    if uow.session.get(Payment, payment_id) is not None:
        return  # an idempotent replay of a booking that already has its payment
    now = utcnow()
    row = Payment(id=payment_id, reservation_id=booking.reservations[0].id, method="card",
                  purpose=PaymentPurpose.guarantee.value, status=PaymentStatus.authorized.value,
                  currency=currency, amount=amount, provider_id=intent.id,
                  payment_method_token=payment_method, card_brand=intent.card_brand,
                  card_last4=intent.card_last4, authorized_at=now, expires_at=now + AUTH_VALIDITY,
                  reference=booking.reference)
    uow.session.add(row)
    audit.record(uow, "payments.card_authorized", "payment", row.id,
                 f"Card hold {amount} {currency} for booking {booking.reference} (booking site)")
