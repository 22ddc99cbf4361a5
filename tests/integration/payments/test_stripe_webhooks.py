"""Stripe webhooks: signatures verified, each event id applied once, folio updated once."""

from __future__ import annotations

import json
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
import stripe
from fastapi.testclient import TestClient
from sqlmodel import select

from core.actor import Actor
from core.db.uow import property_uow
from core.folio import services as folios
from core.folio.models import Posting
from core.payments import card
from core.payments.errors import WebhookSignatureInvalid
from core.payments.models import Payment, StripeEvent
from core.payments.webhooks import handle_stripe_webhook

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "api"))
from contract import documented  # noqa: E402

SECRET = "whsec_test_secret"
DESK = Actor(kind="staff", user_id=uuid.uuid4(), name="Desk", permissions=frozenset({
    "folio.view", "folio.post_charge", "folio.take_payment", "folio.refund"}))


def _signed(event: dict, secret: str = SECRET) -> tuple[bytes, str]:
    body = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(body, secret, int(time.time()))
    return body.encode(), header


def _hold(prop, card_token):
    with property_uow(prop) as uow:
        folio = folios.open_folio(uow, name="Webhook guest")
        folios.post_charge(uow, folio.id, charge_type="room", amount="80.00", description="Room")
        uow.commit()
    return folio.id, card.authorize_card(prop, DESK, folio_id=folio.id, amount="80.00",
                                         payment_method=card_token())


def _event(event_type: str, obj: dict) -> dict:
    return {"id": f"evt_{uuid.uuid4().hex}", "object": "event", "type": event_type,
            "data": {"object": obj}}


def test_a_capture_confirmed_only_by_the_webhook_posts_once_even_if_replayed(
        prop, stripe_gateway, card_token):
    folio_id, hold = _hold(prop, card_token)
    # Stripe captured, but our second step never ran (a crash): the webhook completes it.
    stripe_gateway.capture(hold.provider_id, amount=Decimal("80.00"), currency="EUR",
                           idempotency_key=f"test-{hold.id}")
    intent = stripe_gateway.client.v1.payment_intents.retrieve(hold.provider_id).to_dict()
    body, sig = _signed(_event("payment_intent.succeeded", intent))
    first = handle_stripe_webhook(body, sig, SECRET)
    again = handle_stripe_webhook(body, sig, SECRET)
    assert (first.status, again.status) == ("processed", "duplicate")
    with property_uow(prop, write=False) as uow:
        assert folios.folio_balance(uow, folio_id) == 0
        assert uow.session.get(Payment, hold.id).status == "captured"
        payments = uow.session.exec(select(Posting).where(Posting.folio_id == folio_id,
                                                          Posting.charge_type == "payment")).all()
        assert len(payments) == 1
    # A second, distinct event for the same capture changes nothing either.
    body2, sig2 = _signed(_event("payment_intent.succeeded", intent))
    assert handle_stripe_webhook(body2, sig2, SECRET).status == "processed"
    with property_uow(prop, write=False) as uow:
        assert folios.folio_balance(uow, folio_id) == 0


def test_a_bad_signature_is_refused_and_nothing_is_recorded(prop, stripe_gateway, card_token):
    folio_id, hold = _hold(prop, card_token)
    intent = stripe_gateway.client.v1.payment_intents.retrieve(hold.provider_id).to_dict()
    event = _event("payment_intent.succeeded", intent)
    body, _ = _signed(event)
    _, wrong = _signed(event, "whsec_someone_else")
    for signature in (wrong, None, "t=1,v1=deadbeef"):
        with pytest.raises(WebhookSignatureInvalid):
            handle_stripe_webhook(body, signature, SECRET)
    tampered, sig = _signed(event)
    with pytest.raises(WebhookSignatureInvalid):
        handle_stripe_webhook(tampered.replace(b"80", b"81"), sig, SECRET)
    with property_uow(prop, write=False) as uow:
        assert uow.session.get(StripeEvent, event["id"]) is None
        assert folios.folio_balance(uow, folio_id) == Decimal("80.00")


def test_a_refund_made_at_stripe_reaches_the_folio_once(prop, stripe_gateway, card_token):
    folio_id, hold = _hold(prop, card_token)
    card.capture_payment(prop, DESK, hold.id)
    refund = stripe_gateway.client.v1.refunds.create(
        params={"payment_intent": hold.provider_id, "amount": 2000}).to_dict()
    charge = {"id": "ch_x", "object": "charge", "payment_intent": hold.provider_id,
              "metadata": {"property_id": str(prop)},
              "refunds": {"data": [{"id": refund["id"], "amount": 2000, "status": "succeeded"}]}}
    for _ in range(2):
        body, sig = _signed(_event("charge.refunded", charge))
        handle_stripe_webhook(body, sig, SECRET)
    with property_uow(prop, write=False) as uow:
        assert folios.folio_balance(uow, folio_id) == Decimal("20.00")
        assert uow.session.get(Payment, hold.id).amount_refunded == Decimal("20.00")


def test_the_webhook_route_answers_400_to_a_bad_signature_and_200_to_a_good_one(
        prop, stripe_gateway, card_token, monkeypatch):
    from core.api.app import create_api
    from core.config import reset_settings

    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", SECRET)
    reset_settings()
    _, hold = _hold(prop, card_token)
    intent = stripe_gateway.client.v1.payment_intents.retrieve(hold.provider_id).to_dict()
    body, sig = _signed(_event("payment_intent.amount_capturable_updated", intent))
    client = TestClient(create_api("booking_site"))
    url = "/api/v1/payments/stripe/webhook"
    bad = client.post(url, content=body, headers={"Stripe-Signature": "t=1,v1=00"})
    assert bad.status_code == 400
    assert documented(bad, client.app)["error"]["code"] == "invalid_signature"
    good = client.post(url, content=body, headers={"Stripe-Signature": sig})
    assert good.status_code == 200
    assert documented(good, client.app)["data"] == {"event_id": json.loads(body)["id"],
                                                    "status": "processed"}
    replay = client.post(url, content=body, headers={"Stripe-Signature": sig})
    assert documented(replay, client.app)["data"]["status"] == "duplicate"
    reset_settings()


def test_a_partial_capture_finished_by_the_webhook_credits_only_what_was_captured(
        prop, stripe_gateway, card_token):
    folio_id, hold = _hold(prop, card_token)
    with property_uow(prop) as uow:  # the desk's first step: capture 50 of the 80 held
        row = uow.session.get(Payment, hold.id)
        row.status, row.amount_captured = "capturing", Decimal("50.00")
        uow.session.add(row)
        uow.commit()
    stripe_gateway.capture(hold.provider_id, amount=Decimal("50.00"), currency="EUR",
                           idempotency_key=f"test-partial-{hold.id}")
    intent = stripe_gateway.client.v1.payment_intents.retrieve(hold.provider_id).to_dict()
    body, sig = _signed(_event("payment_intent.succeeded", intent))
    assert handle_stripe_webhook(body, sig, SECRET).status == "processed"
    with property_uow(prop, write=False) as uow:
        assert folios.folio_balance(uow, folio_id) == Decimal("30.00")
        assert uow.session.get(Payment, hold.id).status == "captured"


def test_a_refund_webhook_that_beats_our_own_bookkeeping_is_counted_once(
        prop, stripe_gateway, card_token):
    from core.payments import refunds
    from core.payments.gateway import StripeGateway, set_gateway

    folio_id, hold = _hold(prop, card_token)
    card.capture_payment(prop, DESK, hold.id)

    class FastWebhooks(StripeGateway):
        """Stripe delivers charge.refunded before our second transaction commits."""

        def refund(self, intent_id, **kwargs):
            result = super().refund(intent_id, **kwargs)
            refund = self.client.v1.refunds.retrieve(result.id).to_dict()
            charge = {"id": "ch_y", "object": "charge", "payment_intent": intent_id,
                      "metadata": {"property_id": str(prop)}, "refunds": {"data": [refund]}}
            body, sig = _signed(_event("charge.refunded", charge))
            handle_stripe_webhook(body, sig, SECRET)
            return result

    fast = FastWebhooks("sk_test_12345", api_base=stripe_gateway.client._requestor
                        .base_addresses.get("api"))
    set_gateway(fast)
    try:
        refunds.refund_payment(prop, DESK, hold.id, "15.00", reason="Parking refunded")
    finally:
        set_gateway(stripe_gateway)
    with property_uow(prop, write=False) as uow:
        assert uow.session.get(Payment, hold.id).amount_refunded == Decimal("15.00")
        assert folios.folio_balance(uow, folio_id) == Decimal("15.00")
