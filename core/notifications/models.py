"""Notification tables: branding, template overrides and the delivery log of every message."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field, uuid_pk


class MessageKind(str, enum.Enum):
    confirmation = "confirmation"
    modification = "modification"
    cancellation = "cancellation"
    pre_arrival = "pre_arrival"
    invoice = "invoice"


class Channel(str, enum.Enum):
    email = "email"
    sms = "sms"
    push = "push"


class DeliveryStatus(str, enum.Enum):
    queued = "queued"
    sending = "sending"
    retrying = "retrying"  # the last attempt failed; the sweep tries again
    sent = "sent"
    failed = "failed"  # gave up after MAX_ATTEMPTS, or the address is unusable
    skipped = "skipped"  # no sender configured (embedded demo) or no address


class MessageBranding(PropertyModel, table=True):
    """How the property's messages look and who they come from (one row, optional)."""

    __tablename__ = "message_branding"

    id: int = Field(default=1, primary_key=True)
    sender_name: str | None = Field(default=None, max_length=120)
    reply_to: str | None = Field(default=None, max_length=254)
    primary_color: str = Field(default="#1f4e79", max_length=9)
    logo_url: str | None = Field(default=None, max_length=500)
    default_language: str = Field(default="en", max_length=8)
    online_check_in_url: str | None = Field(default=None, max_length=500)


class MessageTemplate(PropertyModel, table=True):
    """A property's own wording for one kind and language (else the built-in template)."""

    __tablename__ = "message_templates"
    __table_args__ = (UniqueConstraint("kind", "language", "channel",
                                       name="uq_message_templates"),)

    id: uuid.UUID = uuid_pk()
    kind: str = Field(max_length=30)
    language: str = Field(max_length=8)
    channel: str = Field(default=Channel.email.value, max_length=10)
    subject: str = Field(default="", max_length=300)
    body_text: str = Field(max_length=20000)
    body_html: str | None = Field(default=None, max_length=50000)
    updated_at: datetime = created_at_field()


class Delivery(PropertyModel, table=True):
    """One message to one guest: rendered when queued, so the log shows exactly what was sent."""

    __tablename__ = "message_deliveries"

    id: uuid.UUID = uuid_pk()
    reservation_id: uuid.UUID | None = Field(default=None, index=True)
    kind: str = Field(max_length=30)
    channel: str = Field(max_length=10)
    language: str = Field(max_length=8)
    recipient: str = Field(max_length=254)
    subject: str = Field(default="", max_length=300)
    body_text: str = Field(max_length=20000)
    body_html: str | None = Field(default=None, max_length=60000)
    invoice_id: uuid.UUID | None = None  # attached as PDF
    # One message per business fact ("confirmation:<reservation>:v1"): re-queuing is a no-op.
    dedupe_key: str = Field(max_length=200, unique=True)
    status: str = Field(default=DeliveryStatus.queued.value, max_length=20, index=True)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=500)
    provider_message_id: str | None = Field(default=None, max_length=200)
    next_attempt_at: datetime | None = timestamp_field(index=True)
    created_at: datetime = created_at_field()
    sent_at: datetime | None = timestamp_field()
