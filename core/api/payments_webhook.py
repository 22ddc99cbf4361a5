"""POST /api/v1/payments/stripe/webhook: Stripe's signed events, each handled once."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from core.api.v1.common import Envelope, ok
from core.payments.schemas import StripeWebhookAck
from core.payments.webhooks import handle_stripe_webhook

router = APIRouter(tags=["payments"])


# Stripe only needs a 2xx; the typed acknowledgement is for people reading the delivery log.
@router.post("/api/v1/payments/stripe/webhook", response_model=Envelope[StripeWebhookAck],
             summary="Stripe webhook (signature verified; replays are acknowledged, not re-applied)")
async def stripe_webhook(request: Request) -> dict:
    # The signature covers the raw bytes: read them before anything parses the body.
    payload = await request.body()
    outcome = await run_in_threadpool(handle_stripe_webhook, payload,
                                      request.headers.get("stripe-signature"))
    return ok(StripeWebhookAck(event_id=outcome.event_id, status=outcome.status))
