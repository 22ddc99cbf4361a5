"""Housekeeping routes: the room status board, cleaning tasks, inspections, OOS and OOO."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Header

from core.api.deps import CurrentActor
from core.db.uow import property_uow
from core.housekeeping import services as hk
from core.housekeeping.board import room_board
from core.housekeeping.schemas import (
    AssignRooms,
    ConditionChange,
    OutOfOrderCreate,
    OutOfService,
    TaskStatusChange,
)
from core.inventory.rooms import mark_out_of_order, return_to_service

router = APIRouter(prefix="/api/v1/properties/{property_id}/housekeeping",
                   tags=["housekeeping"])
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key")]


def ok(data, **meta) -> dict:
    return {"success": True, "data": data, **({"meta": meta} if meta else {})}


def _json(items) -> list[dict]:
    return [i.model_dump(mode="json") for i in items]


@router.get("/rooms", summary="Room status board (occupancy × condition, OOO, OOS)")
def board(property_id: uuid.UUID, actor: CurrentActor, floor: str | None = None,
          attendant_id: uuid.UUID | None = None, on: date | None = None) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        rows = room_board(uow, floor=floor, attendant_id=attendant_id, on=on)
    return ok(_json(rows), total=len(rows))


@router.get("/tasks", summary="Cleaning tasks of a day (default today)")
def tasks(property_id: uuid.UUID, actor: CurrentActor, work_date: date | None = None,
          attendant_id: uuid.UUID | None = None) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        rows = hk.list_tasks(uow, work_date=work_date, attendant_id=attendant_id)
    return ok(_json(rows), total=len(rows))


@router.get("/tasks/{task_id}", summary="One cleaning task")
def task(property_id: uuid.UUID, task_id: uuid.UUID, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok(hk.get_task(uow, task_id).model_dump(mode="json"))


@router.post("/assignments", status_code=201, summary="Assign rooms to an attendant")
def assign(property_id: uuid.UUID, body: AssignRooms, actor: CurrentActor,
           idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = hk.assign_rooms(uow, body, idempotency_key=idempotency_key)
        uow.commit()
    return ok(_json(out))


@router.put("/tasks/{task_id}/status",
            summary="Start (in_progress), finish (done), pass or fail (inspection) a task")
def task_status(property_id: uuid.UUID, task_id: uuid.UUID, body: TaskStatusChange,
                actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = hk.change_task_status(uow, task_id, body.status, note=body.note,
                                    idempotency_key=idempotency_key)
        uow.commit()
    return ok(out.model_dump(mode="json"))


@router.put("/rooms/{room_id}/condition", summary="Mark a room dirty, clean or inspected")
def condition(property_id: uuid.UUID, room_id: uuid.UUID, body: ConditionChange,
              actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = hk.set_condition(uow, room_id, body.condition, note=body.note,
                               idempotency_key=idempotency_key)
        uow.commit()
    return ok(out.model_dump(mode="json"))


@router.put("/rooms/{room_id}/out-of-service", summary="Flag or clear out of service")
def out_of_service(property_id: uuid.UUID, room_id: uuid.UUID, body: OutOfService,
                   actor: CurrentActor) -> dict:
    with property_uow(property_id, actor) as uow:
        out = hk.set_out_of_service(uow, room_id, body.out_of_service, reason=body.reason)
        uow.commit()
    return ok(out.model_dump(mode="json"))


@router.post("/rooms/{room_id}/out-of-order", status_code=201,
             summary="Take a room out of order (out of inventory) for [start, end)")
def out_of_order(property_id: uuid.UUID, room_id: uuid.UUID, body: OutOfOrderCreate,
                 actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = mark_out_of_order(uow, room_id, body.start, body.end, body.reason,
                               idempotency_key=idempotency_key)
        uow.commit()
    return ok(out.model_dump(mode="json"))


@router.delete("/out-of-order/{period_id}", summary="End an out-of-order period")
def end_ooo(property_id: uuid.UUID, period_id: uuid.UUID, actor: CurrentActor,
            idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        out = return_to_service(uow, period_id, idempotency_key=idempotency_key)
        uow.commit()
    return ok(out.model_dump(mode="json"))
