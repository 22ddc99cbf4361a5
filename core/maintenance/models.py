"""Work orders and their photos."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field, uuid_pk


class WorkOrderStatus(str, enum.Enum):
    open = "open"
    in_progress = "in_progress"
    done = "done"
    verified = "verified"  # checked after the fix: the order is closed


class Priority(str, enum.Enum):
    low = "low"
    normal = "normal"
    high = "high"
    urgent = "urgent"


class Category(str, enum.Enum):
    plumbing = "plumbing"
    electrical = "electrical"
    hvac = "hvac"
    furniture = "furniture"
    appliance = "appliance"
    doors_locks = "doors_locks"
    it_tv = "it_tv"
    painting = "painting"
    other = "other"


class WorkOrder(PropertyModel, table=True):
    __tablename__ = "work_orders"

    id: uuid.UUID = uuid_pk()
    room_id: uuid.UUID | None = Field(default=None, foreign_key="rooms.id", index=True)
    area: str | None = Field(default=None, max_length=120)
    category: str = Field(max_length=20)
    priority: str = Field(default=Priority.normal.value, max_length=10)
    description: str = Field(max_length=2000)
    status: str = Field(default=WorkOrderStatus.open.value, max_length=20, index=True)
    assignee_id: uuid.UUID | None = Field(default=None, index=True)
    assignee_name: str | None = Field(default=None, max_length=200)
    due_date: date | None = None
    source: str = Field(default="desk", max_length=20)  # desk | housekeeping | maintenance | api
    reported_by: str = Field(default="", max_length=200)
    # The out-of-order period this order opened (ended when the work is done).
    out_of_order_id: uuid.UUID | None = Field(default=None)
    resolution: str | None = Field(default=None, max_length=2000)
    started_at: datetime | None = timestamp_field()
    done_at: datetime | None = timestamp_field()
    verified_at: datetime | None = timestamp_field()
    verified_by: str | None = Field(default=None, max_length=200)
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class WorkOrderPhoto(PropertyModel, table=True):
    __tablename__ = "work_order_photos"

    id: uuid.UUID = uuid_pk()
    work_order_id: uuid.UUID = Field(foreign_key="work_orders.id", index=True)
    media_id: uuid.UUID = Field(foreign_key="media_files.id")
    created_at: datetime = created_at_field()
