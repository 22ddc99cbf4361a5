"""A reservation's notes: read them, add one, correct one's own."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from core.api.deps import CurrentActor
from core.api.idempotency import IdempotencyKey
from core.api.v1.common import Envelope, ok
from core.db.uow import property_uow
from core.reservations import notes
from core.reservations.schemas import NoteCreate, NoteEdit, NotePublic

router = APIRouter(prefix="/api/v1/properties/{property_id}/reservations/{reservation_id}/notes",
                   tags=["reservations"])


@router.get("", response_model=Envelope[list[NotePublic]],
            summary="The reservation's notes, newest first")
def list_(property_id: uuid.UUID, reservation_id: uuid.UUID, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok(notes.list_notes(uow, reservation_id))


@router.post("", status_code=201, response_model=Envelope[NotePublic],
             summary="Add a note (422 invalid_note when empty or over 2,000 characters)")
def add(property_id: uuid.UUID, reservation_id: uuid.UUID, body: NoteCreate,
        actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        note = notes.add_note(uow, reservation_id, body, idempotency_key=idempotency_key)
        uow.commit()
    return ok(note)


@router.patch("/{note_id}", response_model=Envelope[NotePublic],
              summary="Correct one's own note (403 not_your_note otherwise)")
def edit(property_id: uuid.UUID, reservation_id: uuid.UUID, note_id: uuid.UUID, body: NoteEdit,
         actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        note = notes.edit_note(uow, reservation_id, note_id, body,
                               idempotency_key=idempotency_key)
        uow.commit()
    return ok(note)
