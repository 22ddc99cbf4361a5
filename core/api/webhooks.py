"""Webhook admin routes: subscriptions, the delivery log and manual re-send (webhooks.manage)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query

from core.api.deps import CurrentActor
from core.db.uow import property_uow
from core.idempotency.services import idempotent
from core.webhooks import services
from core.webhooks.schemas import (
    WebhookDeliveryPublic,
    WebhookSubscriptionCreate,
    WebhookSubscriptionUpdate,
    WebhookSubscriptionWithSecret,
)

router = APIRouter(prefix="/api/v1/properties/{property_id}/webhooks", tags=["webhooks"])

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key")]


def ok(data, meta: dict | None = None) -> dict:
    body = {"success": True, "data": data}
    if meta is not None:
        body["meta"] = meta
    return body


@router.get("", summary="List webhook subscriptions")
def list_subscriptions(property_id: uuid.UUID, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        subs = services.list_subscriptions(uow)
    return ok([s.model_dump(mode="json") for s in subs])


@router.post("", status_code=201,
             summary="Subscribe a URL to topics; the signing secret is returned only here")
def create_subscription(property_id: uuid.UUID, body: WebhookSubscriptionCreate,
                        actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        created = idempotent(uow, "webhooks.create", idempotency_key, body,
                             lambda: services.create_subscription(uow, body),
                             WebhookSubscriptionWithSecret)
        uow.commit()
    return ok(created.model_dump(mode="json"))


@router.patch("/{subscription_id}", summary="Change a subscription's URL, topics or state")
def update_subscription(property_id: uuid.UUID, subscription_id: uuid.UUID,
                        body: WebhookSubscriptionUpdate, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor) as uow:
        sub = services.update_subscription(uow, subscription_id, body)
        uow.commit()
    return ok(sub.model_dump(mode="json"))


@router.post("/{subscription_id}/rotate-secret", summary="Issue a new signing secret")
def rotate_secret(property_id: uuid.UUID, subscription_id: uuid.UUID,
                  actor: CurrentActor) -> dict:
    with property_uow(property_id, actor) as uow:
        sub = services.rotate_secret(uow, subscription_id)
        uow.commit()
    return ok(sub.model_dump(mode="json"))


@router.delete("/{subscription_id}", summary="Remove a subscription and its delivery log")
def delete_subscription(property_id: uuid.UUID, subscription_id: uuid.UUID,
                        actor: CurrentActor) -> dict:
    with property_uow(property_id, actor) as uow:
        services.delete_subscription(uow, subscription_id)
        uow.commit()
    return ok(None)


@router.get("/deliveries", summary="The delivery log, newest first")
def list_deliveries(property_id: uuid.UUID, actor: CurrentActor,
                    subscription_id: uuid.UUID | None = None, status: str | None = None,
                    page: Annotated[int, Query(ge=1)] = 1,
                    per_page: Annotated[int, Query(ge=1, le=200)] = 50) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        rows, total = services.list_deliveries(uow, subscription_id=subscription_id,
                                               status=status, page=page, per_page=per_page)
    return ok([r.model_dump(mode="json") for r in rows], {"page": page, "total": total})


@router.post("/deliveries/{delivery_id}/resend", summary="Send a delivery again")
def resend_delivery(property_id: uuid.UUID, delivery_id: uuid.UUID, actor: CurrentActor,
                    idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        delivery = idempotent(uow, "webhooks.resend", idempotency_key,
                              {"delivery_id": str(delivery_id)},
                              lambda: services.resend_delivery(uow, delivery_id),
                              WebhookDeliveryPublic)
        uow.commit()
    return ok(delivery.model_dump(mode="json"))
