"""Card payment routes: authorise a saved card token, capture (in part), release a hold."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from core.api.deps import CurrentActor
from core.api.v1.common import Envelope, ok
from core.folio.schemas import PaymentPublic
from core.payments import card
from core.payments.gateway import available_methods
from core.payments.schemas import Capture, CardAuthorization, PaymentConfigPublic

router = APIRouter(prefix="/api/v1/properties/{property_id}/payments", tags=["payments"])


@router.get("/config", response_model=Envelope[PaymentConfigPublic],
            summary="What the payment form may offer (and Stripe's publishable key)")
def config(property_id: uuid.UUID, actor: CurrentActor) -> dict:
    from core.config import get_settings

    actor.require("folio.view")
    return ok(PaymentConfigPublic(methods=available_methods(),
                                  stripe_publishable_key=get_settings().stripe_publishable_key))


@router.post("/card-authorizations", status_code=201, response_model=Envelope[PaymentPublic],
             summary="Hold an amount on a saved card")
def authorize(property_id: uuid.UUID, body: CardAuthorization, actor: CurrentActor) -> dict:
    return ok(PaymentPublic.model_validate(card.authorize_card(
        property_id, actor, amount=body.amount, payment_method=body.payment_method,
        reservation_id=body.reservation_id, folio_id=body.folio_id, customer=body.customer,
        purpose=body.purpose)))


@router.post("/{payment_id}/capture", response_model=Envelope[PaymentPublic],
             summary="Capture a hold, in full or in part")
def capture(property_id: uuid.UUID, payment_id: uuid.UUID, body: Capture,
            actor: CurrentActor) -> dict:
    return ok(PaymentPublic.model_validate(card.capture_payment(property_id, actor, payment_id,
                                                                body.amount)))


@router.post("/{payment_id}/release", response_model=Envelope[PaymentPublic],
             summary="Release a hold that will not be captured")
def release(property_id: uuid.UUID, payment_id: uuid.UUID, actor: CurrentActor) -> dict:
    return ok(PaymentPublic.model_validate(card.release_authorization(property_id, actor,
                                                                      payment_id)))
