"""The idempotency-key table, written in the same transaction as the effect it guards."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field


class IdempotencyRecord(PropertyModel, table=True):
    __tablename__ = "idempotency_keys"

    # (operation, key) is the primary key: a concurrent duplicate collides on it and waits for,
    # then reads, the winner's row instead of doing the work twice.
    operation: str = Field(primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=255)
    fingerprint: str = Field(max_length=64)
    response: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = created_at_field()
