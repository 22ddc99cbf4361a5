"""Chat channels and their messages."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field, uuid_pk


class ChatChannel(PropertyModel, table=True):
    __tablename__ = "chat_channels"

    id: uuid.UUID = uuid_pk()
    name: str = Field(max_length=60, unique=True)  # lower-case slug, e.g. "front-desk"
    topic: str = Field(default="", max_length=300)
    created_by: str = Field(default="", max_length=200)
    archived_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()


class ChatMessage(PropertyModel, table=True):
    __tablename__ = "chat_messages"

    id: uuid.UUID = uuid_pk()
    channel_id: uuid.UUID = Field(foreign_key="chat_channels.id", index=True)
    author_id: uuid.UUID | None = None
    author_name: str = Field(max_length=200)
    body: str = Field(max_length=4000)
    created_at: datetime = created_at_field()
