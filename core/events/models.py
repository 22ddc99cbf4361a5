"""The outbox: events written in the same transaction as the change they describe."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Integer
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field


class OutboxEvent(PropertyModel, table=True):
    __tablename__ = "outbox_events"

    # Monotonic per property database: consumers resume from the last id they saw.
    id: int | None = Field(
        default=None,
        sa_column=Column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True,
                         autoincrement=True),
    )
    topic: str = Field(max_length=64, index=True)
    type: str = Field(max_length=64)
    entity_id: str | None = Field(default=None, max_length=64, index=True)  # history reads
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = created_at_field()
    published_at: datetime | None = timestamp_field(index=True)
    event_uuid: uuid.UUID = Field(default_factory=uuid.uuid4, unique=True)


class RelayState(PropertyModel, table=True):
    """The relay's lease and progress for this property's outbox (one row per relay stream).

    Only the holder of an unexpired lease publishes, so events leave in id order even with several
    relays running; `position` is the last event id published, from which a new holder resumes.
    """

    __tablename__ = "relay_state"

    name: str = Field(primary_key=True, max_length=32)
    holder: str | None = Field(default=None, max_length=128)
    lease_expires_at: datetime | None = timestamp_field()
    position: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    updated_at: datetime | None = timestamp_field()
