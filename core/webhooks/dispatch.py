"""From published events to due deliveries: what the relay calls inside its own transactions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import and_, or_, update
from sqlmodel import Session, col, select

from core.events.envelope import EventEnvelope
from core.timeutil import utcnow
from core.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from core.webhooks.rules import matches

# A delivery handed to a job queue but not started within this time is handed over again
# (the queue may have lost it, e.g. a worker killed before it picked the job up).
REDISPATCH_AFTER = timedelta(seconds=60)


def plan_deliveries(session: Session, events: Sequence[EventEnvelope]) -> int:
    """Create one pending delivery per (active subscription, matching event); returns the count.

    Runs in the relay's transaction that marks the events published, so a relay that dies before
    committing plans them again, and the unique (subscription, event) key keeps that single.
    """
    if not events:
        return 0
    subs = session.exec(select(WebhookSubscription).where(col(WebhookSubscription.active))).all()
    if not subs:
        return 0
    existing = set(session.exec(
        select(WebhookDelivery.subscription_id, WebhookDelivery.event_id)
        .where(col(WebhookDelivery.event_id).in_([e.id for e in events]))).all())
    now = utcnow()
    count = 0
    for event in events:
        for sub in subs:
            if matches(sub.topics, event.topic) and (sub.id, event.id) not in existing:
                session.add(WebhookDelivery(
                    subscription_id=sub.id, event_id=event.id, topic=event.topic,
                    event_type=event.type, next_attempt_at=now))
                count += 1
    return count


def _due(now):
    return or_(
        and_(col(WebhookDelivery.status) == DeliveryStatus.pending,
             col(WebhookDelivery.next_attempt_at) <= now,
             or_(col(WebhookDelivery.dispatched_at).is_(None),
                 col(WebhookDelivery.dispatched_at) < now - REDISPATCH_AFTER)),
        # A worker died mid-attempt: its claim lapsed, so the attempt is made again.
        and_(col(WebhookDelivery.status) == DeliveryStatus.sending,
             col(WebhookDelivery.locked_until) < now,
             or_(col(WebhookDelivery.dispatched_at).is_(None),
                 col(WebhookDelivery.dispatched_at) < now - REDISPATCH_AFTER)),
    )


def any_due(session: Session) -> bool:
    return session.exec(select(WebhookDelivery.id).where(_due(utcnow())).limit(1)).first() \
        is not None


def claim_due(session: Session, limit: int = 100) -> list[uuid.UUID]:
    """Mark due deliveries as dispatched and return their ids (the caller enqueues a job for each)."""
    now = utcnow()
    ids = list(session.exec(select(WebhookDelivery.id).where(_due(now))
                            .order_by(col(WebhookDelivery.next_attempt_at)).limit(limit)).all())
    if ids:
        session.execute(update(WebhookDelivery).where(col(WebhookDelivery.id).in_(ids))
                        .values(dispatched_at=now))
    return ids
