"""Public and input shapes of webhook subscriptions and deliveries (the secret is shown once)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field


class WebhookSubscriptionCreate(BaseModel):
    url: str
    topics: list[str]
    description: str = Field(default="", max_length=500)
    secret: str | None = Field(default=None, min_length=16, max_length=128,
                               description="Leave empty to have a strong secret generated.")


class WebhookSubscriptionUpdate(BaseModel):
    url: str | None = None
    topics: list[str] | None = None
    description: str | None = Field(default=None, max_length=500)
    active: bool | None = None


class WebhookSubscriptionPublic(BaseModel):
    id: uuid.UUID
    url: str
    topics: list[str]
    description: str
    active: bool
    created_at: datetime


class WebhookSubscriptionWithSecret(WebhookSubscriptionPublic):
    """Returned on create and on secret rotation only: the receiver needs it to verify signatures."""

    secret: str


class WebhookDeliveryPublic(BaseModel):
    id: uuid.UUID
    subscription_id: uuid.UUID
    event_id: int
    topic: str
    event_type: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    response_excerpt: str | None
    created_at: datetime
