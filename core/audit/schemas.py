"""Public shape of an audit log entry (a property's log and the operator log alike)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class AuditEntryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="Increasing: a later entry has a larger id")
    occurred_at: datetime
    actor_kind: str = Field(description="staff | guest | system | api")
    user_id: uuid.UUID | None = None
    actor_name: str = ""
    session_id: str | None = None
    chain_id: uuid.UUID | None = None
    property_id: uuid.UUID | None = None
    action: str = Field(description="e.g. reservations.created")
    entity_type: str
    entity_id: str | None = None
    summary: str = ""
    changes: dict[str, Any] = Field(default_factory=dict,
                                    description="What changed, e.g. {field: [old, new]}")
    ip: str | None = None
    user_agent: str | None = None
