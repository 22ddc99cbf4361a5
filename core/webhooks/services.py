"""Webhook use cases: manage subscriptions, read the delivery log, re-send a delivery."""

from __future__ import annotations

import secrets
import uuid

from sqlalchemy import func
from sqlmodel import col, delete, select

from core.db.uow import UnitOfWork
from core.events.topics import WEBHOOK_TOPICS
from core.timeutil import utcnow
from core.webhooks.errors import (
    DeliveryInProgress,
    DeliveryNotFound,
    InvalidWebhook,
    SubscriptionNotFound,
)
from core.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from core.webhooks.rules import validate_subscription
from core.webhooks.schemas import (
    WebhookDeliveryPublic,
    WebhookSubscriptionCreate,
    WebhookSubscriptionPublic,
    WebhookSubscriptionUpdate,
    WebhookSubscriptionWithSecret,
)

PERMISSION = "webhooks.manage"


def _public(sub: WebhookSubscription) -> WebhookSubscriptionPublic:
    return WebhookSubscriptionPublic.model_validate(sub, from_attributes=True)


def _with_secret(sub: WebhookSubscription) -> WebhookSubscriptionWithSecret:
    return WebhookSubscriptionWithSecret.model_validate(sub, from_attributes=True)


def _get(uow: UnitOfWork, subscription_id: uuid.UUID) -> WebhookSubscription:
    sub = uow.session.get(WebhookSubscription, subscription_id)
    if sub is None:
        raise SubscriptionNotFound("Webhook subscription not found.",
                                   fields={"subscription_id": "not found"})
    return sub


def create_subscription(uow: UnitOfWork, data: WebhookSubscriptionCreate
                        ) -> WebhookSubscriptionWithSecret:
    uow.actor.require(PERMISSION)
    topics = validate_subscription(data.url, data.topics, set(WEBHOOK_TOPICS))
    sub = WebhookSubscription(url=data.url.strip(), topics=topics, description=data.description,
                              secret=data.secret or secrets.token_hex(32))
    uow.session.add(sub)
    uow.flush()
    return _with_secret(sub)


def list_subscriptions(uow: UnitOfWork) -> list[WebhookSubscriptionPublic]:
    uow.actor.require(PERMISSION)
    rows = uow.session.exec(select(WebhookSubscription)
                            .order_by(col(WebhookSubscription.created_at))).all()
    return [_public(s) for s in rows]


def update_subscription(uow: UnitOfWork, subscription_id: uuid.UUID,
                        data: WebhookSubscriptionUpdate) -> WebhookSubscriptionPublic:
    uow.actor.require(PERMISSION)
    sub = _get(uow, subscription_id)
    url = data.url if data.url is not None else sub.url
    topics = data.topics if data.topics is not None else sub.topics
    sub.topics = validate_subscription(url, topics, set(WEBHOOK_TOPICS))
    sub.url = url.strip()
    if data.description is not None:
        sub.description = data.description
    if data.active is not None:
        sub.active = data.active
    sub.updated_at = utcnow()
    uow.session.add(sub)
    uow.flush()
    return _public(sub)


def rotate_secret(uow: UnitOfWork, subscription_id: uuid.UUID) -> WebhookSubscriptionWithSecret:
    uow.actor.require(PERMISSION)
    sub = _get(uow, subscription_id)
    sub.secret = secrets.token_hex(32)
    sub.updated_at = utcnow()
    uow.session.add(sub)
    uow.flush()
    return _with_secret(sub)


def delete_subscription(uow: UnitOfWork, subscription_id: uuid.UUID) -> None:
    """Remove a subscription and its delivery log (pending deliveries are never sent)."""
    uow.actor.require(PERMISSION)
    sub = _get(uow, subscription_id)
    uow.session.execute(delete(WebhookDelivery)
                        .where(col(WebhookDelivery.subscription_id) == sub.id))
    uow.session.delete(sub)
    uow.flush()


def list_deliveries(uow: UnitOfWork, *, subscription_id: uuid.UUID | None = None,
                    status: str | None = None, page: int = 1, per_page: int = 50
                    ) -> tuple[list[WebhookDeliveryPublic], int]:
    """The delivery log, newest first, with the total for paging."""
    uow.actor.require(PERMISSION)
    query = select(WebhookDelivery)
    if subscription_id is not None:
        query = query.where(col(WebhookDelivery.subscription_id) == subscription_id)
    if status is not None:
        if status not in DeliveryStatus.__members__:
            raise InvalidWebhook(
                "Unknown delivery status.",
                fields={"status": f"use one of {', '.join(DeliveryStatus.__members__)}"})
        query = query.where(col(WebhookDelivery.status) == DeliveryStatus(status))
    total = uow.session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = uow.session.exec(query.order_by(col(WebhookDelivery.created_at).desc(),
                                           col(WebhookDelivery.event_id).desc())
                            .offset((max(page, 1) - 1) * per_page).limit(per_page)).all()
    return [WebhookDeliveryPublic.model_validate(r, from_attributes=True) for r in rows], total


def resend_delivery(uow: UnitOfWork, delivery_id: uuid.UUID) -> WebhookDeliveryPublic:
    """Send a delivery again from scratch (fresh retry budget); the relay picks it up within ~1 s."""
    uow.actor.require(PERMISSION)
    delivery = uow.session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        raise DeliveryNotFound("Webhook delivery not found.", fields={"delivery_id": "not found"})
    if delivery.status == DeliveryStatus.sending and delivery.locked_until \
            and delivery.locked_until > utcnow():
        raise DeliveryInProgress("This delivery is being sent right now; try again in a moment.")
    delivery.status = DeliveryStatus.pending
    delivery.attempts = 0
    delivery.next_attempt_at = utcnow()
    delivery.dispatched_at = None
    delivery.locked_until = None
    uow.session.add(delivery)
    uow.flush()
    return WebhookDeliveryPublic.model_validate(delivery, from_attributes=True)
