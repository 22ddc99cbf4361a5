"""Work order routes (list, by id, create, update, status, photos) and private media downloads."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Header, UploadFile
from fastapi.responses import Response

from core.api.deps import CurrentActor
from core.db.uow import property_uow
from core.maintenance import services as wo
from core.maintenance.schemas import WorkOrderCreate, WorkOrderStatusChange, WorkOrderUpdate
from core.media.rules import MAX_UPLOAD_BYTES
from core.media.storage import read_media

router = APIRouter(prefix="/api/v1/properties/{property_id}", tags=["maintenance"])
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key")]


def ok(data, **meta) -> dict:
    return {"success": True, "data": data, **({"meta": meta} if meta else {})}


@router.get("/work-orders", summary="Work orders, most urgent first")
def list_orders(property_id: uuid.UUID, actor: CurrentActor, status: str | None = None,
                open_only: bool = False, room_id: uuid.UUID | None = None,
                assignee_id: uuid.UUID | None = None) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        rows = wo.list_work_orders(uow, status=status, open_only=open_only, room_id=room_id,
                                   assignee_id=assignee_id)
    return ok([r.model_dump(mode="json") for r in rows], total=len(rows))


@router.get("/work-orders/{work_order_id}", summary="One work order")
def get_order(property_id: uuid.UUID, work_order_id: uuid.UUID, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok(wo.get_work_order(uow, work_order_id).model_dump(mode="json"))


@router.post("/work-orders", status_code=201, summary="Report a work order")
def create_order(property_id: uuid.UUID, body: WorkOrderCreate, actor: CurrentActor,
                 idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = wo.create_work_order(uow, body, idempotency_key=idempotency_key)
        uow.commit()
    return ok(out.model_dump(mode="json"))


@router.patch("/work-orders/{work_order_id}", summary="Reassign, reprioritise, reschedule")
def update_order(property_id: uuid.UUID, work_order_id: uuid.UUID, body: WorkOrderUpdate,
                 actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = wo.update_work_order(uow, work_order_id, body, idempotency_key=idempotency_key)
        uow.commit()
    return ok(out.model_dump(mode="json"))


@router.put("/work-orders/{work_order_id}/status",
            summary="open → in_progress → done → verified")
def order_status(property_id: uuid.UUID, work_order_id: uuid.UUID, body: WorkOrderStatusChange,
                 actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = wo.change_status(uow, work_order_id, body.status, note=body.note,
                               idempotency_key=idempotency_key)
        uow.commit()
    return ok(out.model_dump(mode="json"))


@router.post("/work-orders/{work_order_id}/photos", status_code=201,
             summary="Attach a photo (JPEG/PNG/WebP, re-encoded) or a PDF, at most 10 MB")
async def add_photo(property_id: uuid.UUID, work_order_id: uuid.UUID, actor: CurrentActor,
                    file: Annotated[UploadFile, File()]) -> dict:
    # core.api.bodylimit refuses a body declared over the cap before it is read; one byte
    # over is all the service needs to refuse a file that still slipped under it.
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    with property_uow(property_id, actor) as uow:
        out = wo.add_photo(uow, work_order_id, data, filename=file.filename)
        uow.commit()
    return ok(out.model_dump(mode="json"))


@router.get("/media/{media_id}", summary="A private file (photo or PDF), for permitted staff")
def media(property_id: uuid.UUID, media_id: uuid.UUID, actor: CurrentActor,
          thumbnail: bool = False) -> Response:
    with property_uow(property_id, actor, write=False) as uow:
        found = read_media(uow, media_id, thumbnail=thumbnail)
    safe = found.filename.replace('"', "")
    return Response(found.data, media_type=found.content_type, headers={
        "Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f'inline; filename="{safe}"'})
