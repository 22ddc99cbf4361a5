"""Housekeeping routes: the room status board, cleaning tasks, inspections, OOS and OOO."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends

from core.api.deps import CurrentActor
from core.api.idempotency import IdempotencyKey
from core.api.v1.common import Envelope, ListEnvelope, Page, ok
from core.db.uow import property_uow
from core.housekeeping import services as hk
from core.housekeeping.board import room_board
from core.housekeeping.schemas import (
    AssignRooms,
    CleaningTaskPublic,
    ConditionChange,
    OutOfOrderCreate,
    OutOfService,
    RoomConditionPublic,
    RoomStatusPublic,
    TaskStatusChange,
)
from core.inventory.rooms import mark_out_of_order, return_to_service
from core.inventory.schemas import OutOfOrderPublic

router = APIRouter(prefix="/api/v1/properties/{property_id}/housekeeping",
                   tags=["housekeeping"])


@router.get("/rooms", response_model=ListEnvelope[RoomStatusPublic],
            summary="Room status board (occupancy × condition, OOO, OOS), by floor and number")
def board(property_id: uuid.UUID, actor: CurrentActor, page: Annotated[Page, Depends()],
          floor: str | None = None,
          attendant_id: uuid.UUID | None = None, on: date | None = None) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return page.envelope_of_all(room_board(uow, floor=floor, attendant_id=attendant_id,
                                               on=on))


@router.get("/tasks", response_model=ListEnvelope[CleaningTaskPublic],
            summary="Cleaning tasks of a day (default today), oldest first")
def tasks(property_id: uuid.UUID, actor: CurrentActor, page: Annotated[Page, Depends()],
          work_date: date | None = None, attendant_id: uuid.UUID | None = None) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        items, total = hk.list_tasks(uow, work_date=work_date, attendant_id=attendant_id,
                                     limit=page.per_page, offset=page.offset)
        return page.envelope(items, total)


@router.get("/tasks/{task_id}", response_model=Envelope[CleaningTaskPublic],
            summary="One cleaning task")
def task(property_id: uuid.UUID, task_id: uuid.UUID, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok(hk.get_task(uow, task_id))


@router.post("/assignments", status_code=201, response_model=Envelope[list[CleaningTaskPublic]],
             summary="Assign rooms to an attendant (one task per room)")
def assign(property_id: uuid.UUID, body: AssignRooms, actor: CurrentActor,
           idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = hk.assign_rooms(uow, body, idempotency_key=idempotency_key)
        uow.commit()
    return ok(out)


@router.put("/tasks/{task_id}/status", response_model=Envelope[CleaningTaskPublic],
            summary="Start (in_progress), finish (done), pass or fail (inspection) a task")
def task_status(property_id: uuid.UUID, task_id: uuid.UUID, body: TaskStatusChange,
                actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = hk.change_task_status(uow, task_id, body.status, note=body.note,
                                    idempotency_key=idempotency_key)
        uow.commit()
    return ok(out)


@router.put("/rooms/{room_id}/condition", response_model=Envelope[RoomConditionPublic],
            summary="Mark a room dirty, clean or inspected")
def condition(property_id: uuid.UUID, room_id: uuid.UUID, body: ConditionChange,
              actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = hk.set_condition(uow, room_id, body.condition, note=body.note,
                               idempotency_key=idempotency_key)
        uow.commit()
    return ok(out)


@router.put("/rooms/{room_id}/out-of-service", response_model=Envelope[RoomConditionPublic],
            summary="Flag or clear out of service")
def out_of_service(property_id: uuid.UUID, room_id: uuid.UUID, body: OutOfService,
                   actor: CurrentActor) -> dict:
    # Setting the flag is naturally idempotent: repeating it changes nothing.
    with property_uow(property_id, actor) as uow:
        out = hk.set_out_of_service(uow, room_id, body.out_of_service, reason=body.reason)
        uow.commit()
    return ok(out)


@router.post("/rooms/{room_id}/out-of-order", status_code=201,
             response_model=Envelope[OutOfOrderPublic],
             summary="Take a room out of order (out of inventory) for [start, end)")
def out_of_order(property_id: uuid.UUID, room_id: uuid.UUID, body: OutOfOrderCreate,
                 actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = mark_out_of_order(uow, room_id, body.start, body.end, body.reason,
                                idempotency_key=idempotency_key)
        uow.commit()
    return ok(out)


@router.delete("/out-of-order/{period_id}", response_model=Envelope[OutOfOrderPublic],
               summary="End an out-of-order period")
def end_ooo(property_id: uuid.UUID, period_id: uuid.UUID, actor: CurrentActor,
            idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = return_to_service(uow, period_id, idempotency_key=idempotency_key)
        uow.commit()
    return ok(out)
