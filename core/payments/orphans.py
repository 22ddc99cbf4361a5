"""Online payments whose booking was never written: found at Stripe, released or refunded.

The booking site records nothing before the booking (core.payments.online), so a guest whose
browser closed between the bank's yes and our booking, or a worker that died while writing it,
leaves an intent at Stripe we created (metadata source=booking_site) and no payment row. A hold
would lapse by itself after days; a captured deposit never would. The sweep lists recent intents,
keeps ours that are held or taken, older than ORPHAN_AFTER (a guest may still be finishing the
bank's step) and without a payment row in their property, then cancels the hold or refunds what
was taken and is not yet refunded, and writes an audit entry in that property's log. Running
it twice does nothing more: a cancelled hold is no longer held, a refunded deposit has nothing
left, and Stripe gets the same idempotency key.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlmodel import col, or_, select

from core import audit
from core.actor import Actor
from core.db.uow import property_uow
from core.errors import DomainError
from core.payments.gateway import IntentResult, card_payments_enabled, get_gateway
from core.payments.models import Payment
from core.timeutil import utcnow

log = logging.getLogger(__name__)
ORPHAN_AFTER = timedelta(minutes=60)
LOOKBACK = timedelta(days=8)  # card holds lapse after 7 days; deposits must be found before
_HELD_OR_TAKEN = ("requires_capture", "succeeded")


@dataclass(frozen=True)
class OrphanRelease:
    property_id: uuid.UUID
    payment_id: uuid.UUID
    intent_id: str
    action: str  # released | refunded
    amount: Decimal
    currency: str


def _ours(intent: IntentResult, cutoff: int) -> bool:
    return (intent.metadata.get("source") == "booking_site" and intent.status in _HELD_OR_TAKEN
            and intent.created <= cutoff and bool(intent.metadata.get("payment_id")))


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


def _unbooked(property_id: uuid.UUID, intents: list[IntentResult]) -> list[IntentResult]:
    """The intents with no payment row in their property (by our id or Stripe's)."""
    ids = [i for i in (_uuid(x.metadata.get("payment_id")) for x in intents) if i]
    with property_uow(property_id, Actor.system("orphan payments"), write=False) as uow:
        rows = uow.session.exec(select(Payment.id, Payment.provider_id).where(or_(
            col(Payment.id).in_(ids), col(Payment.provider_id).in_([x.id for x in intents]))))
        known = {str(v) for row in rows.all() for v in row if v}
    return [x for x in intents if x.id not in known and x.metadata["payment_id"] not in known]


def _release(property_id: uuid.UUID, intent: IntentResult) -> OrphanRelease | None:
    gateway, pid = get_gateway(), intent.metadata["payment_id"]
    if intent.status == "requires_capture":
        gateway.cancel(intent.id, currency=intent.currency,
                       idempotency_key=f"gj-site-orphan-void-{pid}")
        action, amount = "released", intent.amount
    else:
        amount = intent.amount_received - gateway.refunded(intent.id, intent.currency)
        if amount <= 0:
            return None  # already given back (the booking page refunded it when it failed)
        gateway.refund(intent.id, amount=amount, currency=intent.currency,
                       idempotency_key=f"gj-site-orphan-refund-{pid}",
                       metadata={"property_id": str(property_id), "payment_id": pid})
        action = "refunded"
    payment_id = _uuid(pid) or uuid.uuid5(uuid.NAMESPACE_URL, intent.id)
    with property_uow(property_id, Actor.system("orphan payments")) as uow:
        verb = "Card hold released" if action == "released" else "Deposit refunded"
        audit.record(uow, "payments.orphan_" + action, "payment", payment_id,
                     f"{verb}: {amount} {intent.currency} taken online for a booking that was "
                     "never written", {"intent": intent.id, "amount": str(amount)})
        uow.commit()
    return OrphanRelease(property_id, payment_id, intent.id, action, amount, intent.currency)


def sweep_orphan_payments(older_than: timedelta = ORPHAN_AFTER) -> list[OrphanRelease]:
    """Release or refund every booking-site intent of an active property here that is held or
    taken without a booking for `older_than`. One failing intent is logged and left for the
    next sweep."""
    if not card_payments_enabled():
        return []
    from core.tenancy.registry import list_properties

    now = utcnow()
    intents = get_gateway().recent_intents(since=int((now - LOOKBACK).timestamp()))
    cutoff = int((now - older_than).timestamp())
    by_property: dict[str, list[IntentResult]] = {}
    for intent in intents:
        if _ours(intent, cutoff):
            by_property.setdefault(intent.metadata.get("property_id", ""), []).append(intent)
    done: list[OrphanRelease] = []
    for prop in list_properties(active_only=True):
        mine = by_property.get(str(prop.id))
        if not mine:
            continue  # another installation's (or nobody's) intents are never touched
        for intent in _unbooked(prop.id, mine):
            try:
                released = _release(prop.id, intent)
            except DomainError as exc:
                log.warning("could not release orphan payment %s: %s", intent.id, exc.message)
                continue
            if released is not None:
                done.append(released)
    return done
