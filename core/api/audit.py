"""Audit log reads: a property's log for its managers, the operator log for the chain console."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter

from core import audit
from core.api.deps import CurrentActor
from core.db.uow import control_uow, property_uow

router = APIRouter(prefix="/api/v1", tags=["audit"])


def _page(result: audit.AuditPage) -> dict:
    return {"success": True,
            "data": [item.model_dump(mode="json") for item in result.items],
            "meta": {"page": result.page, "per_page": result.per_page, "total": result.total}}


@router.get("/properties/{property_id}/audit", summary="A property's audit log (audit.view)")
def property_audit(property_id: uuid.UUID, actor: CurrentActor, user_id: uuid.UUID | None = None,
                   action: str | None = None, entity_type: str | None = None,
                   entity_id: str | None = None, since: datetime | None = None,
                   until: datetime | None = None, page: int = 1, per_page: int = 50) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return _page(audit.query(uow, user_id=user_id, action=action, entity_type=entity_type,
                                 entity_id=entity_id, since=since, until=until, page=page,
                                 per_page=per_page))


@router.get("/audit", summary="The operator audit log of the caller's chain (audit.view)")
def operator_audit(actor: CurrentActor, user_id: uuid.UUID | None = None,
                   action: str | None = None, entity_type: str | None = None,
                   entity_id: str | None = None, property_id: uuid.UUID | None = None,
                   since: datetime | None = None, until: datetime | None = None,
                   page: int = 1, per_page: int = 50) -> dict:
    with control_uow(actor, write=False) as uow:
        return _page(audit.query(uow, user_id=user_id, action=action, entity_type=entity_type,
                                 entity_id=entity_id, property_id=property_id, since=since,
                                 until=until, page=page, per_page=per_page))
