"""Card guarantee or deposit on the booking site: the card goes from the browser to Stripe only.

The page confirms a SetupIntent with Stripe.js (the card data never reaches us) and sends us the
resulting payment-method token. The rate plan decides what the card is for: a deposit plan is
charged its deposit (the policy's percentage, first night or fixed amount) at booking, a card
plan is pre-authorised for the total (captured at the hotel). The card is authorised BEFORE
booking, so a declined card books nothing; a deposit is captured just before the booking is
written. If the bank asks for 3-D Secure the page finishes it with Stripe.js and
`finish_card_booking` checks the result with Stripe itself. The booking and its payment are
written in one transaction; a refused booking (sold out meanwhile) releases the hold or refunds
the deposit at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from core.db.uow import UnitOfWork
from core.errors import DomainError
from core.payments.gateway import IntentResult, card_payments_enabled, get_gateway
from core.payments.online import (
    DEPOSIT,
    GUARANTEE,
    NEEDS_ACTION,
    OnlineCharge,
    online_payment_id,
    record_online_payment,
    release_online_payment,
    start_online_payment,
    take_online_payment,
    verify_online_payment,
)
from core.reservations.rules import check_price
from core.reservations.schemas import BookingPublic
from core.site.booking import GuestDetails, StayRequest, book_stay, quote_for

STRIPE_JS = "https://js.stripe.com/v3/"
UowFactory = Callable[[], UnitOfWork]


@dataclass(frozen=True)
class CardSetup:
    publishable_key: str
    js_url: str
    client_secret: str


@dataclass(frozen=True)
class CardBooking:
    """One guest's booking paid by card, as the site asks for it."""

    property_id: uuid.UUID
    stay: StayRequest
    room_type_id: uuid.UUID
    rate_plan_id: uuid.UUID
    expected_total: Decimal | None
    guest: GuestDetails
    payment_method: str
    idempotency_key: str


@dataclass(frozen=True)
class CardStep:
    """Either the booking, or the 3-D Secure step the page must let Stripe.js finish."""

    charge: OnlineCharge
    booking: BookingPublic | None = None
    intent_id: str = ""
    client_secret: str = ""


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


def card_charge(uow: UnitOfWork, request: CardBooking) -> OnlineCharge:
    """What the card is asked for, from the plan's price now (never from the browser): the
    deposit of a deposit plan, else a hold on the total. A changed price is refused first,
    before the card is touched."""
    quote = quote_for(uow, request.stay, room_type_id=request.room_type_id,
                      rate_plan_id=request.rate_plan_id)
    check_price(request.expected_total, quote.total, quote.currency)
    deposit = quote.guarantee_type == "deposit" and quote.deposit > 0
    return OnlineCharge(
        property_id=request.property_id, purpose=DEPOSIT if deposit else GUARANTEE,
        amount=quote.deposit if deposit else quote.total, currency=quote.currency,
        payment_method=request.payment_method,
        payment_id=online_payment_id(request.property_id, request.idempotency_key,
                                     request.payment_method))


def start_card_booking(request: CardBooking, read_uow: UowFactory,
                       write_uow: UowFactory) -> CardStep:
    """Hold or charge the card, then book; or hand back the 3-D Secure step for the page."""
    with read_uow() as uow:
        charge = card_charge(uow, request)
    intent = start_online_payment(charge)
    if intent.status == NEEDS_ACTION:
        return CardStep(charge=charge, intent_id=intent.id,
                        client_secret=intent.client_secret or "")
    return CardStep(charge=charge, booking=_book_paid(request, charge, intent, write_uow))


def finish_card_booking(request: CardBooking, charge: OnlineCharge, intent_id: str,
                        write_uow: UowFactory) -> BookingPublic:
    """After the page's 3-D Secure step: book if Stripe says the bank agreed. Safe to repeat
    (the same booking and payment come back)."""
    intent = verify_online_payment(charge, intent_id)
    return _book_paid(request, charge, intent, write_uow)


def abandon_card_payment(charge: OnlineCharge, intent_id: str) -> None:
    """The guest left the 3-D Secure step or started again with another card."""
    release_online_payment(charge, intent_id)


def _book_paid(request: CardBooking, charge: OnlineCharge, intent: IntentResult,
               write_uow: UowFactory) -> BookingPublic:
    try:
        intent = take_online_payment(charge, intent)
        with write_uow() as uow:
            booking = book_stay(uow, request.stay, room_type_id=request.room_type_id,
                                rate_plan_id=request.rate_plan_id,
                                expected_total=request.expected_total, guest=request.guest,
                                idempotency_key=request.idempotency_key, card_guaranteed=True)
            record_online_payment(uow, charge, intent, reservation_id=booking.reservations[0].id,
                                  reference=booking.reference)
            uow.commit()
    except DomainError:
        release_online_payment(charge, intent.id)
        raise
    return booking
