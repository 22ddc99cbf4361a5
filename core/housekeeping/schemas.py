"""Public shapes of housekeeping: board rows, room statuses and cleaning tasks."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class CleaningTaskPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    room_id: uuid.UUID
    work_date: date
    kind: str = Field(description="departure | stay_over | turndown")
    status: str = Field(description="open | in_progress | done (waiting for inspection) | passed")
    attendant_id: uuid.UUID | None = None
    attendant_name: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    inspected_at: datetime | None = None
    inspected_by: str | None = None
    inspection_note: str | None = None
    failed_inspections: int = 0


class RoomStatusPublic(BaseModel):
    room_id: uuid.UUID
    number: str
    floor: str | None = None
    room_type: str
    occupied: bool
    condition: str = Field(description="dirty | clean | inspected")
    out_of_order: bool = False
    out_of_order_reason: str | None = None
    out_of_order_until: date | None = None
    out_of_service: bool = False
    out_of_service_reason: str | None = None
    arrival_today: bool = False
    departure_today: bool = False
    label: str = Field(description="Occupancy and condition for people, e.g. Vacant dirty")
    task: CleaningTaskPublic | None = Field(default=None, description="The day's cleaning task")


class AssignRooms(BaseModel):
    room_ids: list[uuid.UUID]
    attendant_id: uuid.UUID | None = None
    attendant_name: str | None = None
    kind: str | None = None  # default: departure or stay-over from the room's stays
    work_date: date | None = None  # default: the property's business date


class ConditionChange(BaseModel):
    condition: str
    note: str | None = None


class OutOfService(BaseModel):
    out_of_service: bool
    reason: str | None = None


class OutOfOrderCreate(BaseModel):
    start: date
    end: date
    reason: str


class TaskStatusChange(BaseModel):
    status: str  # in_progress | done | passed | failed
    note: str | None = None


class RoomConditionPublic(BaseModel):
    room_id: uuid.UUID
    condition: str = Field(description="dirty | clean | inspected")
    out_of_service: bool = False
    out_of_service_reason: str | None = None


class AssignedTasks(BaseModel):
    tasks: list[CleaningTaskPublic]
