"""Writing and reading audit entries. Who, where and from where come from the unit of work's actor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from core.audit.models import AuditEntry, AuditFields, OperatorAuditEntry
from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.events.outbox import _jsonable

MAX_PAGE = 200


def record(uow: UnitOfWork, action: str, entity_type: str, entity_id: Any = None,
           summary: str = "", changes: dict[str, Any] | None = None) -> AuditFields:
    """Append an audit entry in `uow`'s transaction: it exists if and only if the change commits.

    A property unit of work writes to that property's log; a control-plane one to the operator log.
    `changes` is a small {field: [old, new]} (or any JSON-able) summary; never put secrets in it.
    """
    actor = uow.actor
    model = AuditEntry if uow.property_id is not None else OperatorAuditEntry
    entry = model(
        actor_kind=actor.kind,
        user_id=actor.user_id,
        actor_name=(actor.name or "")[:200],
        session_id=actor.session_id,
        chain_id=actor.chain_id,
        property_id=uow.property_id or actor.property_id,
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        summary=(summary or "")[:500],
        changes=_jsonable(changes or {}),
        ip=actor.ip,
        user_agent=(actor.user_agent or "")[:400] or None,
    )
    uow.session.add(entry)
    return entry


@dataclass
class AuditPage:
    items: list[AuditFields]
    total: int
    page: int
    per_page: int


def query(uow: UnitOfWork, *, user_id: uuid.UUID | None = None, action: str | None = None,
          entity_type: str | None = None, entity_id: str | None = None,
          since: datetime | None = None, until: datetime | None = None,
          property_id: uuid.UUID | None = None, page: int = 1, per_page: int = 50) -> AuditPage:
    """Newest first. `action` matches a prefix ("reservations." gives every reservation action).

    In a property unit of work this reads that property's log; in a control-plane one the operator
    log, limited to the actor's own chain unless the actor is a superuser.
    """
    uow.actor.require("audit.view")
    if page < 1 or not 1 <= per_page <= MAX_PAGE:
        raise ValidationFailed("The page is not valid.",
                               fields={"page": "must be 1 or more",
                                       "per_page": f"must be between 1 and {MAX_PAGE}"})
    if since and until and since > until:
        raise ValidationFailed("The date range is not valid.",
                               fields={"until": "must be after 'since'"})
    model: Any = AuditEntry if uow.property_id is not None else OperatorAuditEntry
    conditions = []
    if model is OperatorAuditEntry and not uow.actor.is_superuser:
        conditions.append(col(model.chain_id) == uow.actor.chain_id)
    if user_id is not None:
        conditions.append(col(model.user_id) == user_id)
    if action:
        conditions.append(col(model.action).startswith(action, autoescape=True))
    if entity_type:
        conditions.append(col(model.entity_type) == entity_type)
    if entity_id:
        conditions.append(col(model.entity_id) == str(entity_id))
    if since:
        conditions.append(col(model.occurred_at) >= since)
    if until:
        conditions.append(col(model.occurred_at) < until)
    if property_id and model is OperatorAuditEntry:
        conditions.append(col(model.property_id) == property_id)
    total = uow.session.exec(select(func.count()).select_from(model).where(*conditions)).one()
    rows = uow.session.exec(select(model).where(*conditions).order_by(col(model.id).desc())
                            .offset((page - 1) * per_page).limit(per_page)).all()
    items = list(rows)
    for row in items:  # usable after the unit of work ends (a read-only one rolls back)
        uow.session.expunge(row)
    return AuditPage(items=items, total=int(total), page=page, per_page=per_page)
