"""Create, update and public shapes of guest requests."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class GuestRequestCreate(BaseModel):
    reservation_id: uuid.UUID | None = None
    room_id: uuid.UUID | None = None
    category: str = "other"
    priority: str = "normal"
    description: str = Field(max_length=4000)
    assignee_id: uuid.UUID | None = None
    assignee_name: str | None = Field(default=None, max_length=400)
    due_at: datetime | None = None


class GuestRequestStatusChange(BaseModel):
    status: str = Field(max_length=40)
    note: str | None = Field(default=None, max_length=4000)


class GuestRequestPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reservation_id: uuid.UUID | None = None
    room_id: uuid.UUID | None = None
    category: str
    priority: str
    description: str
    status: str
    assignee_id: uuid.UUID | None = None
    assignee_name: str | None = None
    due_at: datetime | None = None
    created_by: str
    note: str | None = None
    done_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
