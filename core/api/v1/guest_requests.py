"""Guest service requests: list, read, log and move along (open → in progress → done)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from core.api.deps import CurrentActor
from core.api.idempotency import IdempotencyKey
from core.api.v1.common import Envelope, ListEnvelope, Page, ok
from core.db.uow import property_uow
from core.guest_requests import services
from core.guest_requests.schemas import (
    GuestRequestCreate,
    GuestRequestPublic,
    GuestRequestStatusChange,
)

router = APIRouter(prefix="/api/v1/properties/{property_id}/guest-requests",
                   tags=["guest requests"])


@router.get("", response_model=ListEnvelope[GuestRequestPublic],
            summary="Guest requests, newest first")
def list_(property_id: uuid.UUID, actor: CurrentActor, page: Annotated[Page, Depends()],
          status: Annotated[str | None, Query(max_length=40)] = None, open_only: bool = False,
          reservation_id: uuid.UUID | None = None, room_id: uuid.UUID | None = None) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        items, total = services.list_requests(uow, status=status, open_only=open_only,
                                              reservation_id=reservation_id, room_id=room_id,
                                              limit=page.per_page, offset=page.offset)
        return page.envelope(items, total)


@router.post("", status_code=201, response_model=Envelope[GuestRequestPublic],
             summary="Log a guest's request")
def create(property_id: uuid.UUID, body: GuestRequestCreate, actor: CurrentActor,
           idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        row = services.create_request(uow, body, idempotency_key=idempotency_key)
        uow.commit()
    return ok(row)


@router.get("/{request_id}", response_model=Envelope[GuestRequestPublic], summary="One request")
def get(property_id: uuid.UUID, request_id: uuid.UUID, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok(services.get_request(uow, request_id))


@router.put("/{request_id}/status", response_model=Envelope[GuestRequestPublic],
            summary="Start, finish, reopen or cancel a request")
def set_status(property_id: uuid.UUID, request_id: uuid.UUID, body: GuestRequestStatusChange,
               actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        row = services.change_status(uow, request_id, body, idempotency_key=idempotency_key)
        uow.commit()
    return ok(row)
