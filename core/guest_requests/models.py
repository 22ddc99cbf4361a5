"""The guest request table."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field, uuid_pk


class RequestStatus(str, enum.Enum):
    open = "open"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


class RequestCategory(str, enum.Enum):
    housekeeping = "housekeeping"  # towels, pillows, extra cleaning
    amenity = "amenity"  # toiletries, a cot, an iron
    dining = "dining"  # room service, table booking
    transport = "transport"  # taxi, airport transfer
    wake_up = "wake_up"
    maintenance = "maintenance"  # something broken the guest noticed
    other = "other"


class GuestRequest(PropertyModel, table=True):
    __tablename__ = "guest_requests"

    id: uuid.UUID = uuid_pk()
    reservation_id: uuid.UUID | None = Field(default=None, foreign_key="reservations.id",
                                             index=True)
    room_id: uuid.UUID | None = Field(default=None, foreign_key="rooms.id", index=True)
    category: str = Field(max_length=20)
    priority: str = Field(default="normal", max_length=10)
    description: str = Field(max_length=2000)
    status: str = Field(default=RequestStatus.open.value, max_length=20, index=True)
    assignee_id: uuid.UUID | None = Field(default=None, index=True)
    assignee_name: str | None = Field(default=None, max_length=200)
    due_at: datetime | None = timestamp_field()
    created_by: str = Field(default="", max_length=200)
    note: str | None = Field(default=None, max_length=2000)  # why it was closed or cancelled
    done_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()
