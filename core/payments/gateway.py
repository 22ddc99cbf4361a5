"""The Stripe adapter: PaymentIntents with manual capture, captures, cancels and refunds.

Only tokens (pm_..., cus_..., pi_...) cross this boundary; card numbers never reach our servers.
Every call carries an idempotency key derived from our own row id, so a retried request can
never authorise, capture or refund twice at Stripe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import stripe

from core.payments.errors import PaymentDeclined, PaymentsNotConfigured, ProviderUnavailable

# ISO 4217 currencies without minor units (Stripe's list of zero-decimal currencies).
ZERO_DECIMAL = frozenset({"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF",
                          "UGX", "VND", "VUV", "XAF", "XOF", "XPF"})


def to_minor(amount: Decimal, currency: str) -> int:
    factor = 1 if currency.upper() in ZERO_DECIMAL else 100
    return int((amount * factor).to_integral_value())


def from_minor(value: int, currency: str) -> Decimal:
    if currency.upper() in ZERO_DECIMAL:
        return Decimal(value).quantize(Decimal("0.01"))
    return (Decimal(value) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class IntentResult:
    id: str
    status: str  # Stripe's PaymentIntent status
    amount: Decimal
    amount_capturable: Decimal
    amount_received: Decimal
    card_brand: str | None = None
    card_last4: str | None = None
    # What the browser needs to finish a 3-D Secure step (Stripe.js), and our own tags.
    client_secret: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # Stripe's last_payment_error message, e.g. failed authentication
    created: int = 0  # Unix time Stripe created the intent
    currency: str = ""


@dataclass(frozen=True)
class RefundResult:
    id: str
    status: str
    amount: Decimal


def _intent_result(pi: dict[str, Any], currency: str) -> IntentResult:
    def minor(name: str) -> int:
        return int(pi.get(name) or 0)

    status = pi["status"]
    capturable = minor("amount_capturable")
    received = minor("amount_received")
    # Not every Stripe stand-in fills these in; derive them from the status when missing.
    if status == "requires_capture" and not capturable:
        capturable = int(pi["amount"])
    if status == "succeeded" and not received:
        received = int(pi["amount"])
    error = (pi.get("last_payment_error") or {}).get("message")
    return IntentResult(id=pi["id"], status=status, amount=from_minor(int(pi["amount"]), currency),
                        amount_capturable=from_minor(capturable, currency),
                        amount_received=from_minor(received, currency),
                        client_secret=pi.get("client_secret"),
                        metadata={str(k): str(v) for k, v in (pi.get("metadata") or {}).items()},
                        error=str(error) if error else None, created=int(pi.get("created") or 0),
                        currency=str(pi.get("currency") or currency).upper())


class StripeGateway:
    """Thin wrapper over stripe.StripeClient that speaks in Decimals and domain errors."""

    def __init__(self, secret_key: str, api_base: str | None = None):
        addresses: Any = {"api": api_base} if api_base else None
        self.client = stripe.StripeClient(secret_key, base_addresses=addresses,
                                          max_network_retries=2)

    def _call(self, fn, *args: Any, **kwargs: Any) -> dict[str, Any]:
        try:
            return fn(*args, **kwargs).to_dict()
        except stripe.CardError as exc:
            raise PaymentDeclined(f"The card was declined: {exc.user_message or 'declined'}.",
                                  fields={"payment_method": "declined"}) from None
        except stripe.InvalidRequestError as exc:
            raise ProviderUnavailable(f"The card processor refused the request: "
                                      f"{exc.user_message or exc.code or 'invalid request'}.",
                                      code="payment_provider_refused") from None
        except stripe.StripeError as exc:
            raise ProviderUnavailable("The card processor could not be reached; nothing was "
                                      f"charged. Try again. ({exc.__class__.__name__})") from None

    def authorize(self, *, amount: Decimal, currency: str, payment_method: str,
                  customer: str | None, metadata: dict[str, str], idempotency_key: str,
                  description: str = "") -> IntentResult:
        """Confirm a PaymentIntent holding the amount on the card (manual capture). Its status
        may be requires_action: the guest's bank wants 3-D Secure in the browser first."""
        params: dict[str, Any] = {
            "amount": to_minor(amount, currency), "currency": currency.lower(),
            "payment_method": payment_method, "capture_method": "manual", "confirm": True,
            "metadata": metadata,
        }
        if customer:
            params["customer"] = customer
        pi = self._call(self.client.v1.payment_intents.create, params=params,
                        options={"idempotency_key": idempotency_key})
        result = _intent_result(pi, currency)
        card = self._card(payment_method)
        return IntentResult(**{**result.__dict__, **card})

    def _card(self, payment_method: str) -> dict[str, str | None]:
        try:
            pm = self.client.v1.payment_methods.retrieve(payment_method).to_dict()
            card = pm.get("card") or {}
            return {"card_brand": card.get("brand"), "card_last4": card.get("last4")}
        except stripe.StripeError:  # display details only; the payment itself stands
            return {"card_brand": None, "card_last4": None}

    def retrieve(self, intent_id: str, currency: str,
                 payment_method: str | None = None) -> IntentResult:
        """The intent as Stripe has it now (with the card's brand and last four when asked)."""
        result = _intent_result(self._call(self.client.v1.payment_intents.retrieve, intent_id),
                                currency)
        if payment_method:
            return IntentResult(**{**result.__dict__, **self._card(payment_method)})
        return result

    def recent_intents(self, *, since: int, max_pages: int = 20) -> list[IntentResult]:
        """Intents created at or after `since` (Unix time), 100 a page. Stripe lists the newest
        first, so paging stops at a page older than `since`."""
        out: list[IntentResult] = []
        after: str | None = None
        for _ in range(max_pages):
            params: dict[str, Any] = {"limit": 100}
            if after:
                params["starting_after"] = after
            page = self._call(self.client.v1.payment_intents.list, params=params)
            data = page.get("data") or []
            results = [_intent_result(pi, str(pi.get("currency") or "eur")) for pi in data]
            out.extend(r for r in results if r.created >= since)
            if not page.get("has_more") or not data or all(r.created < since for r in results):
                break
            after = data[-1]["id"]
        return out

    def refunded(self, intent_id: str, currency: str) -> Decimal:
        """What Stripe has refunded (or is refunding) of an intent, whoever asked for it."""
        page = self._call(self.client.v1.refunds.list,
                          params={"payment_intent": intent_id, "limit": 100})
        return from_minor(sum(int(r["amount"]) for r in page.get("data") or []
                              if r.get("status") not in ("failed", "canceled")), currency)

    def capture(self, intent_id: str, *, amount: Decimal, currency: str,
                idempotency_key: str) -> IntentResult:
        pi = self._call(self.client.v1.payment_intents.capture, intent_id,
                        params={"amount_to_capture": to_minor(amount, currency)},
                        options={"idempotency_key": idempotency_key})
        result = _intent_result(pi, currency)
        # A partial capture releases the rest: what was received is what we asked for.
        return IntentResult(**{**result.__dict__, "amount_received": amount})

    def cancel(self, intent_id: str, *, currency: str, idempotency_key: str) -> IntentResult:
        pi = self._call(self.client.v1.payment_intents.cancel, intent_id,
                        options={"idempotency_key": idempotency_key})
        return _intent_result(pi, currency)

    def refund(self, intent_id: str, *, amount: Decimal, currency: str,
               idempotency_key: str, metadata: dict[str, str]) -> RefundResult:
        refund = self._call(self.client.v1.refunds.create,
                            params={"payment_intent": intent_id,
                                    "amount": to_minor(amount, currency), "metadata": metadata},
                            options={"idempotency_key": idempotency_key})
        return RefundResult(id=refund["id"], status=refund.get("status") or "succeeded",
                            amount=from_minor(int(refund["amount"]), currency))


_override: StripeGateway | None = None


def set_gateway(gateway: StripeGateway | None) -> None:
    """Tests and the CLI swap the gateway (e.g. one pointed at localstripe)."""
    global _override
    _override = gateway


def card_payments_enabled() -> bool:
    from core.config import get_settings

    return _override is not None or bool(get_settings().stripe_secret_key)


def get_gateway() -> StripeGateway:
    from core.config import get_settings

    if _override is not None:
        return _override
    settings = get_settings()
    if not settings.stripe_secret_key:
        raise PaymentsNotConfigured("Card payments are not set up for this hotel; take cash, a "
                                    "bank transfer or the card terminal instead.",
                                    fields={"method": "card payments are not configured"})
    return StripeGateway(settings.stripe_secret_key, settings.stripe_api_base)


def available_methods() -> list[str]:
    """The methods the desk and booking site may offer: manual ones always, cards with Stripe."""
    from core.payments.models import MANUAL_METHODS

    return [*MANUAL_METHODS, "card"] if card_payments_enabled() else list(MANUAL_METHODS)
