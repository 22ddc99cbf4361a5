"""Webhook tables in each property's database: subscriptions and their delivery log."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import JSON, BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field, uuid_pk


class DeliveryStatus(enum.StrEnum):
    pending = "pending"        # waiting for its first or next attempt
    sending = "sending"        # claimed by a worker (`locked_until` frees it if the worker died)
    succeeded = "succeeded"
    failed = "failed"          # gave up after the last retry; a manual re-send starts again


class WebhookSubscription(PropertyModel, table=True):
    __tablename__ = "webhook_subscriptions"

    id: uuid.UUID = uuid_pk()
    url: str = Field(max_length=2000)
    secret: str = Field(max_length=128)
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    description: str = Field(default="", max_length=500)
    active: bool = Field(default=True)
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()


class WebhookDelivery(PropertyModel, table=True):
    """One event sent to one subscription: the delivery log row, updated by every attempt."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("subscription_id", "event_id", name="uq_webhook_delivery_event"),
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
    )

    id: uuid.UUID = uuid_pk()
    subscription_id: uuid.UUID = Field(foreign_key="webhook_subscriptions.id", index=True)
    event_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    topic: str = Field(max_length=64)
    event_type: str = Field(max_length=64)
    status: DeliveryStatus = Field(default=DeliveryStatus.pending, max_length=16)
    attempts: int = Field(default=0)
    next_attempt_at: datetime | None = timestamp_field()
    dispatched_at: datetime | None = timestamp_field()
    locked_until: datetime | None = timestamp_field()
    last_attempt_at: datetime | None = timestamp_field()
    last_status_code: int | None = Field(default=None)
    last_error: str | None = Field(default=None, max_length=1000)
    response_excerpt: str | None = Field(default=None, max_length=1000)
    created_at: datetime = created_at_field()
