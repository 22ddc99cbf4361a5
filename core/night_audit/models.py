"""Night-audit tables: the schedule, one run per business date, and the stored reports."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary, Time, UniqueConstraint
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field, uuid_pk


class NightAuditSchedule(PropertyModel, table=True):
    """When the automatic audit runs: the local time after midnight that closes the day."""

    __tablename__ = "night_audit_schedule"

    id: int = Field(default=1, primary_key=True)
    run_at: time = Field(default=time(3, 0), sa_column=Column(Time, nullable=False))
    enabled: bool = True


class NightAuditRun(PropertyModel, table=True):
    __tablename__ = "night_audit_runs"

    id: uuid.UUID = uuid_pk()
    business_date: date = Field(unique=True)
    status: str = Field(default="completed", max_length=20)
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    run_by: str = Field(default="", max_length=200)
    started_at: datetime = created_at_field()
    finished_at: datetime | None = timestamp_field()


class NightAuditReport(PropertyModel, table=True):
    __tablename__ = "night_audit_reports"
    __table_args__ = (UniqueConstraint("business_date", "kind", "format",
                                       name="uq_night_audit_reports"),)

    id: uuid.UUID = uuid_pk()
    business_date: date = Field(index=True)
    kind: str = Field(max_length=30)  # flash | trial_balance
    format: str = Field(max_length=10)  # csv | pdf
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = created_at_field()
