"""The guest profile table."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field, uuid_pk


class Guest(PropertyModel, table=True):
    __tablename__ = "guests"

    id: uuid.UUID = uuid_pk()
    first_name: str = Field(default="", max_length=100)
    last_name: str = Field(max_length=100)
    # Lower-cased so a returning guest is found by email whatever case they type.
    email: str | None = Field(default=None, max_length=254, index=True)
    phone: str | None = Field(default=None, max_length=32)
    language: str | None = Field(default=None, max_length=8)
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()
