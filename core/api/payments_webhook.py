"""POST /api/v1/payments/stripe/webhook: Stripe's signed events, each handled once."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from core.payments.webhooks import handle_stripe_webhook

router = APIRouter(tags=["payments"])


@router.post("/api/v1/payments/stripe/webhook",
             summary="Stripe webhook (signature verified; replays are acknowledged, not re-applied)")
async def stripe_webhook(request: Request) -> JSONResponse:
    # The signature covers the raw bytes: read them before anything parses the body.
    payload = await request.body()
    outcome = await run_in_threadpool(handle_stripe_webhook, payload,
                                      request.headers.get("stripe-signature"))
    return JSONResponse({"success": True, "data": {"event_id": outcome.event_id,
                                                   "status": outcome.status}})
