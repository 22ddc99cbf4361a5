"""Housekeeping tables: each room's condition and out-of-service flag, and cleaning tasks."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field, uuid_pk


class Condition(str, enum.Enum):
    dirty = "dirty"
    clean = "clean"
    inspected = "inspected"  # clean and checked by a supervisor: ready for an arriving guest


class TaskKind(str, enum.Enum):
    departure = "departure"
    stay_over = "stay_over"
    turndown = "turndown"


class TaskStatus(str, enum.Enum):
    open = "open"
    in_progress = "in_progress"
    done = "done"  # cleaned, waiting for inspection
    passed = "passed"  # a supervisor passed the inspection


class RoomStatus(PropertyModel, table=True):
    """A room's housekeeping condition. Occupancy is not stored: it follows the stays in house.

    A room without a row is clean (a new room is handed over clean).
    """

    __tablename__ = "room_statuses"

    room_id: uuid.UUID = Field(foreign_key="rooms.id", primary_key=True)
    condition: str = Field(default=Condition.clean.value, max_length=20)
    out_of_service: bool = False
    out_of_service_reason: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=500)
    changed_by: str = Field(default="", max_length=200)
    changed_at: datetime = created_at_field()


class CleaningTask(PropertyModel, table=True):
    """One cleaning job for a room on a day, optionally assigned to an attendant."""

    __tablename__ = "cleaning_tasks"
    __table_args__ = (UniqueConstraint("room_id", "work_date", "kind", name="uq_cleaning_task"),)

    id: uuid.UUID = uuid_pk()
    room_id: uuid.UUID = Field(foreign_key="rooms.id", index=True)
    work_date: date = Field(index=True)
    kind: str = Field(max_length=20)
    status: str = Field(default=TaskStatus.open.value, max_length=20)
    attendant_id: uuid.UUID | None = Field(default=None, index=True)
    attendant_name: str | None = Field(default=None, max_length=200)
    started_at: datetime | None = timestamp_field()
    finished_at: datetime | None = timestamp_field()
    inspected_at: datetime | None = timestamp_field()
    inspected_by: str | None = Field(default=None, max_length=200)
    inspection_note: str | None = Field(default=None, max_length=500)
    failed_inspections: int = 0
    created_at: datetime = created_at_field()
