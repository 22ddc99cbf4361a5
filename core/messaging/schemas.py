"""Create and public shapes of chat channels and messages."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ChannelCreate(BaseModel):
    name: str = Field(max_length=200)
    topic: str = Field(default="", max_length=1000)


class ChannelStatusChange(BaseModel):
    status: str = Field(max_length=40)  # "active" | "archived"


class ChannelPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    topic: str
    status: str
    created_by: str
    created_at: datetime

    @classmethod
    def of(cls, row) -> ChannelPublic:
        return cls(id=row.id, name=row.name, topic=row.topic, created_by=row.created_by,
                   created_at=row.created_at,
                   status="archived" if row.archived_at else "active")


class MessageCreate(BaseModel):
    body: str = Field(max_length=8000)


class MessagePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    channel_id: uuid.UUID
    author_id: uuid.UUID | None = None
    author_name: str
    body: str
    created_at: datetime
