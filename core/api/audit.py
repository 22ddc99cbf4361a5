"""Audit log reads: a property's log for its managers, the operator log for the chain console."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends

from core import audit
from core.api.deps import CurrentActor
from core.api.v1.common import ListEnvelope, Page
from core.audit.schemas import AuditEntryPublic
from core.db.uow import control_uow, property_uow

router = APIRouter(prefix="/api/v1", tags=["audit"])


def _page(page: Page, result: audit.AuditPage) -> dict:
    return page.envelope([AuditEntryPublic.model_validate(item) for item in result.items],
                         result.total)


@router.get("/properties/{property_id}/audit", response_model=ListEnvelope[AuditEntryPublic],
            summary="A property's audit log (audit.view), newest first")
def property_audit(property_id: uuid.UUID, actor: CurrentActor, page: Annotated[Page, Depends()],
                   user_id: uuid.UUID | None = None, action: str | None = None,
                   entity_type: str | None = None, entity_id: str | None = None,
                   since: datetime | None = None, until: datetime | None = None) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return _page(page, audit.query(uow, user_id=user_id, action=action,
                                       entity_type=entity_type, entity_id=entity_id, since=since,
                                       until=until, page=page.page, per_page=page.per_page))


@router.get("/audit", response_model=ListEnvelope[AuditEntryPublic],
            summary="The operator audit log of the caller's chain (audit.view), newest first")
def operator_audit(actor: CurrentActor, page: Annotated[Page, Depends()],
                   user_id: uuid.UUID | None = None, action: str | None = None,
                   entity_type: str | None = None, entity_id: str | None = None,
                   property_id: uuid.UUID | None = None, since: datetime | None = None,
                   until: datetime | None = None) -> dict:
    with control_uow(actor, write=False) as uow:
        return _page(page, audit.query(uow, user_id=user_id, action=action,
                                       entity_type=entity_type, entity_id=entity_id,
                                       property_id=property_id, since=since, until=until,
                                       page=page.page, per_page=page.per_page))
