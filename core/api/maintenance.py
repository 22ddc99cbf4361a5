"""Work order routes (list, by id, create, update, status, photos) and private media downloads."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, UploadFile
from fastapi.responses import Response

from core.api.deps import CurrentActor
from core.api.idempotency import IdempotencyKey
from core.api.v1.common import Envelope, ListEnvelope, Page, file_response, ok
from core.db.uow import property_uow
from core.maintenance import services as wo
from core.maintenance.schemas import (
    WorkOrderCreate,
    WorkOrderPublic,
    WorkOrderStatusChange,
    WorkOrderUpdate,
)
from core.media.rules import IMAGE_KINDS, MAX_UPLOAD_BYTES
from core.media.storage import read_media

router = APIRouter(prefix="/api/v1/properties/{property_id}", tags=["maintenance"])

# A download is the file itself, in one of the types uploads are stored as.
MEDIA_RESPONSE = file_response("The file (thumbnails are JPEG)", *IMAGE_KINDS.values(),
                               "application/pdf")


@router.get("/work-orders", response_model=ListEnvelope[WorkOrderPublic],
            summary="Work orders, most urgent first, then oldest")
def list_orders(property_id: uuid.UUID, actor: CurrentActor, page: Annotated[Page, Depends()],
                status: str | None = None, open_only: bool = False,
                room_id: uuid.UUID | None = None, assignee_id: uuid.UUID | None = None) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        items, total = wo.page_work_orders(uow, status=status, open_only=open_only,
                                           room_id=room_id, assignee_id=assignee_id,
                                           limit=page.per_page, offset=page.offset)
        return page.envelope(items, total)


@router.get("/work-orders/{work_order_id}", response_model=Envelope[WorkOrderPublic],
            summary="One work order")
def get_order(property_id: uuid.UUID, work_order_id: uuid.UUID, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok(wo.get_work_order(uow, work_order_id))


@router.post("/work-orders", status_code=201, response_model=Envelope[WorkOrderPublic],
             summary="Report a work order")
def create_order(property_id: uuid.UUID, body: WorkOrderCreate, actor: CurrentActor,
                 idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = wo.create_work_order(uow, body, idempotency_key=idempotency_key)
        uow.commit()
    return ok(out)


@router.patch("/work-orders/{work_order_id}", response_model=Envelope[WorkOrderPublic],
              summary="Reassign, reprioritise, reschedule")
def update_order(property_id: uuid.UUID, work_order_id: uuid.UUID, body: WorkOrderUpdate,
                 actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = wo.update_work_order(uow, work_order_id, body, idempotency_key=idempotency_key)
        uow.commit()
    return ok(out)


@router.put("/work-orders/{work_order_id}/status", response_model=Envelope[WorkOrderPublic],
            summary="open → in_progress → done → verified")
def order_status(property_id: uuid.UUID, work_order_id: uuid.UUID, body: WorkOrderStatusChange,
                 actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = wo.change_status(uow, work_order_id, body.status, note=body.note,
                               idempotency_key=idempotency_key)
        uow.commit()
    return ok(out)


@router.post("/work-orders/{work_order_id}/photos", status_code=201,
             response_model=Envelope[WorkOrderPublic],
             summary="Attach a photo (JPEG/PNG/WebP, re-encoded) or a PDF, at most 10 MB")
async def add_photo(property_id: uuid.UUID, work_order_id: uuid.UUID, actor: CurrentActor,
                    file: Annotated[UploadFile, File()]) -> dict:
    # core.api.bodylimit refuses a body declared over the cap before it is read; one byte
    # over is all the service needs to refuse a file that still slipped under it.
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    with property_uow(property_id, actor) as uow:
        out = wo.add_photo(uow, work_order_id, data, filename=file.filename)
        uow.commit()
    return ok(out)


@router.get("/media/{media_id}", response_class=Response, responses=MEDIA_RESPONSE,
            summary="A private file (photo or PDF), for permitted staff")
def media(property_id: uuid.UUID, media_id: uuid.UUID, actor: CurrentActor,
          thumbnail: bool = False) -> Response:
    with property_uow(property_id, actor, write=False) as uow:
        found = read_media(uow, media_id, thumbnail=thumbnail)
    safe = found.filename.replace('"', "")
    return Response(found.data, media_type=found.content_type, headers={
        "Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f'inline; filename="{safe}"'})
