"""Card payment routes: authorise a saved card token, capture (in part), release a hold."""

from __future__ import annotations

import uuid
from decimal import Decimal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from core.api.deps import CurrentActor
from core.folio.schemas import PaymentPublic
from core.payments import card
from core.payments.gateway import available_methods

router = APIRouter(prefix="/api/v1/properties/{property_id}/payments", tags=["payments"])


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


def _ok(payment) -> dict:
    return {"success": True, "data": PaymentPublic.model_validate(payment).model_dump(mode="json")}


@router.get("/config", summary="What the payment form may offer (and Stripe's publishable key)")
def config(property_id: uuid.UUID, actor: CurrentActor) -> dict:
    from core.config import get_settings

    actor.require("folio.view")
    return {"success": True, "data": {"methods": available_methods(),
                                      "stripe_publishable_key":
                                          get_settings().stripe_publishable_key}}


@router.post("/card-authorizations", status_code=201, summary="Hold an amount on a saved card")
def authorize(property_id: uuid.UUID, body: CardAuthorization, actor: CurrentActor) -> dict:
    return _ok(card.authorize_card(property_id, actor, amount=body.amount,
                                   payment_method=body.payment_method,
                                   reservation_id=body.reservation_id, folio_id=body.folio_id,
                                   customer=body.customer, purpose=body.purpose))


@router.post("/{payment_id}/capture", summary="Capture a hold, in full or in part")
def capture(property_id: uuid.UUID, payment_id: uuid.UUID, body: Capture,
            actor: CurrentActor) -> dict:
    return _ok(card.capture_payment(property_id, actor, payment_id, body.amount))


@router.post("/{payment_id}/release", summary="Release a hold that will not be captured")
def release(property_id: uuid.UUID, payment_id: uuid.UUID, actor: CurrentActor) -> dict:
    return _ok(card.release_authorization(property_id, actor, payment_id))
