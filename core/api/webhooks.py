"""Webhook admin routes: subscriptions, the delivery log and manual re-send (webhooks.manage)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from core.api.deps import CurrentActor
from core.api.idempotency import IdempotencyKey
from core.api.v1.common import Envelope, ListEnvelope, Page, ok
from core.db.uow import property_uow
from core.idempotency.services import idempotent
from core.webhooks import services
from core.webhooks.schemas import (
    WebhookDeliveryPublic,
    WebhookSubscriptionCreate,
    WebhookSubscriptionPublic,
    WebhookSubscriptionUpdate,
    WebhookSubscriptionWithSecret,
)

router = APIRouter(prefix="/api/v1/properties/{property_id}/webhooks", tags=["webhooks"])


@router.get("", response_model=ListEnvelope[WebhookSubscriptionPublic],
            summary="List webhook subscriptions, oldest first (secrets are never shown here)")
def list_subscriptions(property_id: uuid.UUID, actor: CurrentActor,
                       page: Annotated[Page, Depends()]) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return page.envelope_of_all(services.list_subscriptions(uow))


@router.post("", status_code=201, response_model=Envelope[WebhookSubscriptionWithSecret],
             summary="Subscribe a URL to topics; the signing secret is returned only here")
def create_subscription(property_id: uuid.UUID, body: WebhookSubscriptionCreate,
                        actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        created = idempotent(uow, "webhooks.create", idempotency_key, body,
                             lambda: services.create_subscription(uow, body),
                             WebhookSubscriptionWithSecret)
        uow.commit()
    return ok(created)


@router.patch("/{subscription_id}", response_model=Envelope[WebhookSubscriptionPublic],
              summary="Change a subscription's URL, topics or state")
def update_subscription(property_id: uuid.UUID, subscription_id: uuid.UUID,
                        body: WebhookSubscriptionUpdate, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor) as uow:
        sub = services.update_subscription(uow, subscription_id, body)
        uow.commit()
    return ok(sub)


@router.post("/{subscription_id}/rotate-secret",
             response_model=Envelope[WebhookSubscriptionWithSecret],
             summary="Issue a new signing secret (returned only here)")
def rotate_secret(property_id: uuid.UUID, subscription_id: uuid.UUID,
                  actor: CurrentActor) -> dict:
    with property_uow(property_id, actor) as uow:
        sub = services.rotate_secret(uow, subscription_id)
        uow.commit()
    return ok(sub)


@router.delete("/{subscription_id}", response_model=Envelope[None], summary="Remove a subscription and its delivery log")
def delete_subscription(property_id: uuid.UUID, subscription_id: uuid.UUID,
                        actor: CurrentActor) -> dict:
    with property_uow(property_id, actor) as uow:
        services.delete_subscription(uow, subscription_id)
        uow.commit()
    return ok(None)


@router.get("/deliveries", response_model=ListEnvelope[WebhookDeliveryPublic],
            summary="The delivery log, newest first")
def list_deliveries(property_id: uuid.UUID, actor: CurrentActor,
                    page: Annotated[Page, Depends()], subscription_id: uuid.UUID | None = None,
                    status: str | None = None) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        rows, total = services.list_deliveries(uow, subscription_id=subscription_id,
                                               status=status, page=page.page,
                                               per_page=page.per_page)
    return page.envelope(rows, total)


@router.post("/deliveries/{delivery_id}/resend", response_model=Envelope[WebhookDeliveryPublic],
             summary="Send a delivery again")
def resend_delivery(property_id: uuid.UUID, delivery_id: uuid.UUID, actor: CurrentActor,
                    idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        delivery = idempotent(uow, "webhooks.resend", idempotency_key,
                              {"delivery_id": str(delivery_id)},
                              lambda: services.resend_delivery(uow, delivery_id),
                              WebhookDeliveryPublic)
        uow.commit()
    return ok(delivery)
