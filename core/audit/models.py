"""Audit log tables: property actions in each property's database, operator actions in the control plane."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, event
from sqlmodel import Field, SQLModel

from core.db.base import ControlModel, PropertyModel, created_at_field

_ID_TYPE = BigInteger().with_variant(Integer(), "sqlite")


class AuditFields(SQLModel):
    """Who did what, when and from where; both audit tables have exactly these columns."""

    # Monotonic ids give a stable order for entries written in the same microsecond.
    id: int | None = Field(default=None, primary_key=True, sa_type=_ID_TYPE)
    occurred_at: datetime = created_at_field()
    actor_kind: str = Field(max_length=10)
    user_id: uuid.UUID | None = Field(default=None, index=True)
    actor_name: str = Field(default="", max_length=200)
    session_id: str | None = Field(default=None, max_length=64)
    chain_id: uuid.UUID | None = Field(default=None, index=True)
    property_id: uuid.UUID | None = None
    action: str = Field(max_length=80, index=True)
    entity_type: str = Field(max_length=60, index=True)
    entity_id: str | None = Field(default=None, max_length=64, index=True)
    summary: str = Field(default="", max_length=500)
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)
    ip: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=400)


class AuditEntry(AuditFields, PropertyModel, table=True):
    """Something a person or job changed at a property (in that property's database)."""

    __tablename__ = "audit_log"


class OperatorAuditEntry(AuditFields, ControlModel, table=True):
    """Something changed in the control plane: users, grants, settings, sign-ins."""

    __tablename__ = "operator_audit_log"


class AuditLogIsAppendOnly(RuntimeError):
    pass


def _refuse(mapper, connection, target) -> None:
    raise AuditLogIsAppendOnly("audit entries are never changed or deleted")


# Append-only at the ORM level: no code path can update or delete an entry through a session.
for _model in (AuditEntry, OperatorAuditEntry):
    event.listen(_model, "before_update", _refuse)
    event.listen(_model, "before_delete", _refuse)
