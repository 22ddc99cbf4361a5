"""Night-audit routes: run the audit on demand, download the day's reports."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response

from core.api.deps import CurrentActor
from core.api.v1.common import Envelope, file_response, ok
from core.db.uow import property_uow
from core.night_audit.runner import close_business_date
from core.night_audit.schemas import AuditRequest, NightAuditRunPublic
from core.night_audit.services import get_report

router = APIRouter(prefix="/api/v1/properties/{property_id}/night-audit", tags=["night audit"])
MEDIA = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


@router.post("", response_model=Envelope[NightAuditRunPublic],
             summary="Close the business date (repeating it for a closed date is a no-op)")
def run(property_id: uuid.UUID, body: AuditRequest, actor: CurrentActor) -> dict:
    # The same runner as the PMS page and the scheduler: the run is announced (started, then
    # completed or failed) so every screen and stream following the audit sees it.
    result = close_business_date(property_id, actor, body.business_date)
    return ok(NightAuditRunPublic(business_date=result.business_date, summary=result.summary))


@router.get("/{business_date}/{kind}.{fmt}", response_class=Response,
            responses=file_response("The report, as CSV or PDF (as the path's extension says)",
                                    "text/csv", "application/pdf"),
            summary="A stored report: flash or trial balance")
def report(property_id: uuid.UUID, business_date: date,
           kind: Literal["flash", "trial_balance"], fmt: Literal["csv", "pdf"],
           actor: CurrentActor) -> Response:
    with property_uow(property_id, actor, write=False) as uow:
        content = get_report(uow, business_date, kind, fmt)
    return Response(content, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="{kind}-{business_date}.{fmt}"'})
