"""Guest profiles: search and read (created through bookings)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from core.api.deps import CurrentActor
from core.api.v1.common import Envelope, ListEnvelope, Page, ok
from core.db.uow import property_uow
from core.guests.queries import guest_profile, search_guests
from core.guests.schemas import GuestPublic

router = APIRouter(prefix="/api/v1/properties/{property_id}/guests", tags=["guests"])


@router.get("", response_model=ListEnvelope[GuestPublic], summary="Search guests")
def list_(property_id: uuid.UUID, actor: CurrentActor, page: Annotated[Page, Depends()],
          q: Annotated[str | None, Query(max_length=100)] = None) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        items, total = search_guests(uow, q, limit=page.per_page, offset=page.offset)
        return page.envelope(items, total)


@router.get("/{guest_id}", response_model=Envelope[GuestPublic], summary="One guest")
def get(property_id: uuid.UUID, guest_id: uuid.UUID, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok(guest_profile(uow, guest_id))
