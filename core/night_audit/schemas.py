"""Public shape of a night-audit run: the business date it closed and what it did."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field


class AuditRequest(BaseModel):
    business_date: date | None = Field(
        default=None, description="The date to close; default: the current business date")


class NightAuditRunPublic(BaseModel):
    business_date: date = Field(description="The business date this run closed")
    summary: dict[str, Any] = Field(
        description="Room and no-show postings, the flash figures and the trial balance")
