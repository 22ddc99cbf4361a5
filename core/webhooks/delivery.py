"""Sending one webhook delivery: the background job body (takes ids, safe to run twice)."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import timedelta

import httpx
from sqlalchemy import and_, or_, update
from sqlmodel import col

from core.db.uow import property_uow
from core.events.envelope import EventEnvelope
from core.events.models import OutboxEvent
from core.timeutil import utcnow
from core.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from core.webhooks.rules import SIGNATURE_HEADER, is_success, retry_delay, sign

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10.0
# Longer than any attempt can take, so a live attempt is never taken over by another worker.
LOCK_FOR = timedelta(seconds=TIMEOUT_SECONDS * 6)
EXCERPT = 500


def deliver_webhook(property_id: uuid.UUID | str, delivery_id: uuid.UUID | str) -> str:
    """Make one attempt if the delivery is due; returns the delivery's status afterwards."""
    pid = uuid.UUID(str(property_id))
    did = uuid.UUID(str(delivery_id))
    claimed = _claim(pid, did)
    if isinstance(claimed, str):
        return claimed
    attempt, url, secret, body = claimed
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "GuestJourney-Webhooks/1",
        "X-GuestJourney-Delivery": str(did),
        "X-GuestJourney-Event": json.loads(body)["type"],
        SIGNATURE_HEADER: sign(secret, body),
    }
    status_code: int | None = None
    excerpt: str | None = None
    error: str | None = None
    try:
        with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
            response = client.post(url, content=body, headers=headers)
        status_code = response.status_code
        excerpt = response.text[:EXCERPT]
        if not is_success(status_code):
            error = f"receiver answered HTTP {status_code}"
    except httpx.HTTPError as exc:
        error = f"{exc.__class__.__name__}: {exc}"[:1000]
    return _record(pid, did, attempt, status_code, excerpt, error)


def _claim(pid: uuid.UUID, did: uuid.UUID) -> str | tuple[int, str, str, bytes]:
    now = utcnow()
    with property_uow(pid) as uow:
        result = uow.session.execute(
            update(WebhookDelivery).where(col(WebhookDelivery.id) == did).where(or_(
                and_(col(WebhookDelivery.status) == DeliveryStatus.pending,
                     col(WebhookDelivery.next_attempt_at) <= now),
                and_(col(WebhookDelivery.status) == DeliveryStatus.sending,
                     col(WebhookDelivery.locked_until) < now),
            )).values(status=DeliveryStatus.sending, locked_until=now + LOCK_FOR,
                      attempts=WebhookDelivery.attempts + 1, last_attempt_at=now)
        )
        delivery = uow.session.get(WebhookDelivery, did)
        if delivery is None:
            return "missing"
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return delivery.status.value  # done, not due yet, or another worker has it
        uow.session.refresh(delivery)
        sub = uow.session.get(WebhookSubscription, delivery.subscription_id)
        row = uow.session.get(OutboxEvent, delivery.event_id)
        if sub is None or not sub.active or row is None:
            delivery.status = DeliveryStatus.failed
            delivery.locked_until = None
            delivery.last_error = ("the subscription was disabled or removed" if row is not None
                                   else "the event is no longer in the outbox")
            uow.session.add(delivery)
            uow.commit()
            return delivery.status.value
        event = EventEnvelope.from_row(pid, row).to_dict()
        event["delivery_id"] = str(did)
        body = json.dumps(event, separators=(",", ":")).encode()
        attempt, url, secret = delivery.attempts, sub.url, sub.secret
        uow.commit()
    return attempt, url, secret, body


def _record(pid: uuid.UUID, did: uuid.UUID, attempt: int, status_code: int | None,
            excerpt: str | None, error: str | None) -> str:
    now = utcnow()
    values: dict = {"locked_until": None, "last_status_code": status_code,
                    "response_excerpt": excerpt, "last_error": error}
    if error is None:
        values["status"] = DeliveryStatus.succeeded
    else:
        delay = retry_delay(attempt)
        if delay is None:
            values["status"] = DeliveryStatus.failed
        else:
            values.update(status=DeliveryStatus.pending, next_attempt_at=now + delay,
                          dispatched_at=None)
    with property_uow(pid) as uow:
        # Only the attempt that holds the claim records its outcome.
        uow.session.execute(
            update(WebhookDelivery).where(col(WebhookDelivery.id) == did)
            .where(col(WebhookDelivery.status) == DeliveryStatus.sending)
            .where(col(WebhookDelivery.attempts) == attempt).values(**values))
        uow.commit()
    if error:
        log.info("webhook delivery %s attempt %s failed: %s", did, attempt, error)
    return values["status"].value
