"""Public and input shapes of card payments, the payment form's options and Stripe's webhook."""

from __future__ import annotations

import uuid
from decimal import Decimal

from pydantic import BaseModel, Field


class CardAuthorization(BaseModel):
    """Only the token Stripe.js returned: card numbers never reach this server."""

    payment_method: str = Field(max_length=100)
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    reservation_id: uuid.UUID | None = None
    folio_id: uuid.UUID | None = None
    customer: str | None = Field(default=None, max_length=100)
    purpose: str = "guarantee"


class Capture(BaseModel):
    amount: Decimal | None = Field(default=None, gt=0, max_digits=14, decimal_places=2)


class PaymentConfigPublic(BaseModel):
    methods: list[str] = Field(description="cash, bank_transfer, terminal, and card with Stripe")
    stripe_publishable_key: str | None = Field(
        default=None, description="For Stripe.js; empty when card payments are off")


class StripeWebhookAck(BaseModel):
    event_id: str
    status: str = Field(description="processed | duplicate (a replay, acknowledged only) | ignored")
