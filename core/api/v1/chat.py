"""Staff chat: channels (list, read, open, archive) and their messages (read, post)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from core.api.deps import CurrentActor
from core.api.idempotency import IdempotencyKey
from core.api.v1.common import Envelope, ListEnvelope, ok
from core.db.uow import property_uow
from core.messaging import services
from core.messaging.schemas import (
    ChannelCreate,
    ChannelPublic,
    ChannelStatusChange,
    MessageCreate,
    MessagePublic,
)

router = APIRouter(prefix="/api/v1/properties/{property_id}/messaging/staff/channels",
                   tags=["chat"])


@router.get("", response_model=Envelope[list[ChannelPublic]], summary="Chat channels")
def list_channels(property_id: uuid.UUID, actor: CurrentActor,
                  include_archived: bool = False) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok(services.list_channels(uow, include_archived=include_archived))


@router.post("", status_code=201, response_model=Envelope[ChannelPublic],
             summary="Open a channel")
def create_channel(property_id: uuid.UUID, body: ChannelCreate, actor: CurrentActor,
                   idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        row = services.create_channel(uow, body, idempotency_key=idempotency_key)
        uow.commit()
    return ok(row)


@router.get("/{channel_id}", response_model=Envelope[ChannelPublic], summary="One channel")
def get_channel(property_id: uuid.UUID, channel_id: uuid.UUID, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok(services.get_channel(uow, channel_id))


@router.put("/{channel_id}/status", response_model=Envelope[ChannelPublic],
            summary="Archive a channel or bring it back (active | archived)")
def set_channel_status(property_id: uuid.UUID, channel_id: uuid.UUID, body: ChannelStatusChange,
                       actor: CurrentActor) -> dict:
    # Setting a status is naturally idempotent: repeating it changes nothing.
    with property_uow(property_id, actor) as uow:
        row = services.set_channel_status(uow, channel_id, body.status)
        uow.commit()
    return ok(row)


@router.get("/{channel_id}/messages", response_model=ListEnvelope[MessagePublic],
            summary="The newest messages (oldest first); page back with `before`")
def list_messages(property_id: uuid.UUID, channel_id: uuid.UUID, actor: CurrentActor,
                  before: uuid.UUID | None = None,
                  per_page: Annotated[int, Query(ge=1, le=200)] = 50) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        items, total = services.list_messages(uow, channel_id, before=before, limit=per_page)
        return {"success": True, "data": items,
                "meta": {"page": 1, "per_page": per_page, "total": total,
                         "pages": -(-total // per_page)}}


@router.post("/{channel_id}/messages", status_code=201, response_model=Envelope[MessagePublic],
             summary="Post a message")
def post_message(property_id: uuid.UUID, channel_id: uuid.UUID, body: MessageCreate,
                 actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        row = services.post_message(uow, channel_id, body, idempotency_key=idempotency_key)
        uow.commit()
    return ok(row)
