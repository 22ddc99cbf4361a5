"""Public shapes of work orders."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class WorkOrderCreate(BaseModel):
    room_id: uuid.UUID | None = None
    area: str | None = None
    category: str = "other"
    priority: str = "normal"
    description: str
    assignee_id: uuid.UUID | None = None
    assignee_name: str | None = None
    due_date: date | None = None
    source: str = "desk"
    # Take the room out of order from today until the work is done (through inventory).
    out_of_order: bool = False


class WorkOrderUpdate(BaseModel):
    priority: str | None = None
    assignee_id: uuid.UUID | None = None
    assignee_name: str | None = None
    due_date: date | None = None


class WorkOrderStatusChange(BaseModel):
    status: str
    note: str | None = None


class WorkOrderPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    room_id: uuid.UUID | None = None
    room_number: str | None = None
    area: str | None = None
    category: str = Field(description="plumbing | electrical | hvac | furniture | appliance | "
                                      "doors_locks | it_tv | painting | other")
    priority: str = Field(description="low | normal | high | urgent")
    description: str
    status: str = Field(description="open | in_progress | done | verified (closed)")
    assignee_id: uuid.UUID | None = None
    assignee_name: str | None = None
    due_date: date | None = None
    source: str
    reported_by: str
    out_of_order_id: uuid.UUID | None = Field(
        default=None, description="The out-of-order period the order took the room out for")
    resolution: str | None = None
    started_at: datetime | None = None
    done_at: datetime | None = None
    verified_at: datetime | None = None
    verified_by: str | None = None
    created_at: datetime
    photo_ids: list[uuid.UUID] = Field(
        default=[], description="Media ids, read with GET .../media/{media_id}")
