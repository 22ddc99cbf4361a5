"""Housekeeping use cases: room condition, out of service, assignments, cleaning, inspection."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlmodel import col, func, select

from core.db.uow import UnitOfWork
from core.housekeeping import rules
from core.housekeeping.board import occupancy, today
from core.housekeeping.errors import InvalidHousekeepingInput, NotYourTask, TaskNotFound
from core.housekeeping.models import CleaningTask, Condition, RoomStatus, TaskStatus
from core.housekeeping.schemas import (
    AssignedTasks,
    AssignRooms,
    CleaningTaskPublic,
    RoomConditionPublic,
)
from core.idempotency.services import idempotent
from core.inventory.rooms import get_room
from core.timeutil import utcnow

TOPIC = "housekeeping"
MAX_PAGE = 200


def _status_row(uow: UnitOfWork, room_id: uuid.UUID) -> RoomStatus:
    """The room's status row, locked. On Postgres the row is created first if missing (two
    first changes at once must not both insert it); SQLite serialises writers anyway."""
    get_room(uow, room_id)  # "room_not_found" for an id of another property
    stmt = select(RoomStatus).where(RoomStatus.room_id == room_id)
    if uow.dialect == "postgresql":
        uow.session.execute(pg_insert(RoomStatus).values(
            room_id=room_id, condition=Condition.clean.value, out_of_service=False,
            changed_by="", changed_at=utcnow()).on_conflict_do_nothing())
        stmt = stmt.with_for_update()
    row = uow.session.exec(stmt.execution_options(populate_existing=True)).first()
    return row or RoomStatus(room_id=room_id)


def _save(uow: UnitOfWork, row: RoomStatus, event: str) -> None:
    row.changed_by, row.changed_at = uow.actor.name[:200], utcnow()
    uow.session.add(row)
    uow.session.flush()
    uow.record_event(TOPIC, event, row.room_id, {
        "room_id": row.room_id, "condition": row.condition,
        "out_of_service": row.out_of_service})


def _public(row: RoomStatus) -> RoomConditionPublic:
    return RoomConditionPublic(room_id=row.room_id, condition=row.condition,
                               out_of_service=row.out_of_service,
                               out_of_service_reason=row.out_of_service_reason)


def _set_condition(uow: UnitOfWork, room_id: uuid.UUID, condition: str,
                   note: str | None = None) -> RoomStatus:
    row = _status_row(uow, room_id)
    row.condition = condition
    if note is not None:
        row.note = note.strip()[:500] or None
    _save(uow, row, "room_status.updated")
    return row


def set_condition(uow: UnitOfWork, room_id: uuid.UUID, condition: str, *,
                  note: str | None = None,
                  idempotency_key: str | None = None) -> RoomConditionPublic:
    """Mark a room dirty, clean or inspected by hand (only an inspector may say inspected)."""
    uow.actor.require("housekeeping.update_status")
    condition = rules.parse_condition(condition)
    if condition == Condition.inspected.value:
        uow.actor.require("housekeeping.inspect")

    return idempotent(uow, "housekeeping.condition", idempotency_key,
                      {"room_id": room_id, "condition": condition, "note": note},
                      lambda: _public(_set_condition(uow, room_id, condition, note)),
                      RoomConditionPublic)


def mark_dirty(uow: UnitOfWork, room_id: uuid.UUID) -> None:
    """A guest left the room: it needs a departure clean (called inside the check-out)."""
    _set_condition(uow, room_id, Condition.dirty.value)


def set_out_of_service(uow: UnitOfWork, room_id: uuid.UUID, out_of_service: bool, *,
                       reason: str | None = None) -> RoomConditionPublic:
    """Flag a minor problem: the room stays in inventory but should not be assigned."""
    uow.actor.require("housekeeping.update_status")
    text = rules.required_text(reason, "reason", "The reason") if out_of_service else None
    row = _status_row(uow, room_id)
    row.out_of_service, row.out_of_service_reason = out_of_service, text
    _save(uow, row, "room_status.updated")
    return _public(row)


def _task(uow: UnitOfWork, task_id: uuid.UUID) -> CleaningTask:
    stmt = select(CleaningTask).where(CleaningTask.id == task_id)
    if uow.dialect == "postgresql":
        stmt = stmt.with_for_update()
    task = uow.session.exec(stmt.execution_options(populate_existing=True)).first()
    if task is None:
        raise TaskNotFound("Cleaning task not found.", fields={"task_id": "no such task"})
    return task


def get_task(uow: UnitOfWork, task_id: uuid.UUID) -> CleaningTaskPublic:
    uow.actor.require("housekeeping.view")
    return CleaningTaskPublic.model_validate(_task(uow, task_id))


def list_tasks(uow: UnitOfWork, *, work_date: date | None = None,
               attendant_id: uuid.UUID | None = None, limit: int = 50,
               offset: int = 0) -> tuple[list[CleaningTaskPublic], int]:
    """The cleaning tasks of a day (default the business date), oldest first: (page, total)."""
    uow.actor.require("housekeeping.view")
    stmt = select(CleaningTask).where(CleaningTask.work_date == (work_date or today(uow)))
    if attendant_id is not None:
        stmt = stmt.where(CleaningTask.attendant_id == attendant_id)
    total = uow.session.exec(select(func.count()).select_from(stmt.subquery())).one()
    rows = uow.session.exec(stmt.order_by(col(CleaningTask.created_at), col(CleaningTask.id))
                            .offset(max(offset, 0)).limit(min(max(limit, 1), MAX_PAGE))).all()
    return [CleaningTaskPublic.model_validate(t) for t in rows], total


def assign_rooms(uow: UnitOfWork, data: AssignRooms, *,
                 idempotency_key: str | None = None) -> list[CleaningTaskPublic]:
    """Give rooms to an attendant for a day: creates the day's task or reassigns it."""
    uow.actor.require("housekeeping.assign")
    if not data.room_ids:
        raise InvalidHousekeepingInput("Choose at least one room.",
                                       fields={"room_ids": "at least one room"})
    if data.attendant_id is not None and not (data.attendant_name or "").strip():
        raise InvalidHousekeepingInput("Name the attendant.",
                                       fields={"attendant_name": "is required with an attendant"})
    kind = rules.parse_kind(data.kind) if data.kind else None

    def run() -> AssignedTasks:
        on = data.work_date or today(uow)
        occ = occupancy(uow, on, list(data.room_ids))
        out = []
        for room_id in sorted(set(data.room_ids)):
            get_room(uow, room_id)
            task_kind = kind or rules.default_task_kind(
                occupied=room_id in occ.occupied, departing_today=room_id in occ.departing)
            task, created = _day_task(uow, room_id, on, task_kind)
            task.attendant_id = data.attendant_id
            task.attendant_name = (data.attendant_name or "").strip()[:200] or None
            uow.session.add(task)
            uow.session.flush()
            uow.record_event(TOPIC, "cleaning_task.created" if created else
                             "cleaning_task.assigned", task.id,
                             {"room_id": room_id, "attendant_id": task.attendant_id})
            out.append(CleaningTaskPublic.model_validate(task))
        return AssignedTasks(tasks=out)

    return idempotent(uow, "housekeeping.assign", idempotency_key, data, run,
                      AssignedTasks).tasks


def _day_task(uow: UnitOfWork, room_id: uuid.UUID, on: date,
              kind: str) -> tuple[CleaningTask, bool]:
    """The room's task of `kind` on `on`, locked; created if missing (True). On Postgres two
    supervisors assigning the same room at once both get the one task, not a unique error."""
    stmt = select(CleaningTask).where(CleaningTask.room_id == room_id,
                                      CleaningTask.work_date == on, CleaningTask.kind == kind)
    if uow.dialect != "postgresql":
        task = uow.session.exec(stmt).first()
        return (task, False) if task else (CleaningTask(room_id=room_id, work_date=on,
                                                        kind=kind), True)
    inserted = uow.session.execute(pg_insert(CleaningTask).values(
        id=uuid.uuid4(), room_id=room_id, work_date=on, kind=kind,
        status=TaskStatus.open.value, failed_inspections=0, created_at=utcnow(),
    ).on_conflict_do_nothing().returning(col(CleaningTask.id))).first()
    task = uow.session.exec(stmt.with_for_update()
                            .execution_options(populate_existing=True)).one()
    return task, inserted is not None


def _own_task(uow: UnitOfWork, task: CleaningTask) -> None:
    """Attendants work their own rooms; a supervisor (who assigns) may act for anyone."""
    if uow.actor.can("housekeeping.assign") or task.attendant_id in (None, uow.actor.user_id):
        return
    raise NotYourTask(f"This room is assigned to {task.attendant_name or 'another attendant'}.",
                      fields={"task_id": "assigned to someone else"})


def _transition(uow: UnitOfWork, task: CleaningTask, target: str, note: str | None) -> None:
    rules.check_task_transition(task.status, target)
    now = utcnow()
    if target == TaskStatus.in_progress.value:
        task.started_at = now
        if task.attendant_id is None and uow.actor.user_id is not None:
            task.attendant_id, task.attendant_name = uow.actor.user_id, uow.actor.name[:200]
    elif target == TaskStatus.done.value:
        task.finished_at = now
    elif target in (TaskStatus.passed.value, TaskStatus.open.value) and \
            task.status == TaskStatus.done.value:
        task.inspected_at, task.inspected_by = now, uow.actor.name[:200]
        task.inspection_note = (note or "").strip()[:500] or None
        if target == TaskStatus.open.value:
            task.failed_inspections += 1
    task.status = target
    uow.session.add(task)
    condition = rules.condition_after_task(target)
    if condition is not None:
        _set_condition(uow, task.room_id, condition)
    uow.record_event(TOPIC, "cleaning_task.updated", task.id,
                     {"room_id": task.room_id, "status": target})


def change_task_status(uow: UnitOfWork, task_id: uuid.UUID, status: str, *,
                       note: str | None = None,
                       idempotency_key: str | None = None) -> CleaningTaskPublic:
    """in_progress / done for the attendant; passed / failed for an inspector."""
    if status in ("passed", "failed"):
        uow.actor.require("housekeeping.inspect")
        if status == "failed":
            note = rules.required_text(note, "note", "What failed the inspection")
    elif status in ("in_progress", "done"):
        uow.actor.require("housekeeping.update_status")
    else:
        raise InvalidHousekeepingInput(
            f"'{status}' is not a task status; use in_progress, done, passed or failed.",
            fields={"status": "must be in_progress, done, passed or failed"})

    def run() -> CleaningTaskPublic:
        task = _task(uow, task_id)
        if status in ("in_progress", "done"):
            _own_task(uow, task)
        elif task.status != TaskStatus.done.value:
            raise rules.InvalidTaskTransition("Only a finished room can be inspected.",
                                              fields={"status": f"task is {task.status}"})
        target = TaskStatus.open.value if status == "failed" else status
        _transition(uow, task, target, note)
        return CleaningTaskPublic.model_validate(task)

    return idempotent(uow, "housekeeping.task_status", idempotency_key,
                      {"id": task_id, "status": status, "note": note}, run, CleaningTaskPublic)


def start_cleaning(uow: UnitOfWork, task_id: uuid.UUID) -> CleaningTaskPublic:
    return change_task_status(uow, task_id, "in_progress")


def finish_cleaning(uow: UnitOfWork, task_id: uuid.UUID) -> CleaningTaskPublic:
    """The room is clean and waits for the supervisor's inspection."""
    return change_task_status(uow, task_id, "done")


def inspect(uow: UnitOfWork, task_id: uuid.UUID, *, passed: bool,
            note: str | None = None) -> CleaningTaskPublic:
    """Pass (room inspected, ready to sell) or fail (room dirty again, task back to the attendant)."""
    return change_task_status(uow, task_id, "passed" if passed else "failed", note=note)


__all__ = ["set_condition", "mark_dirty", "set_out_of_service", "assign_rooms", "get_task",
           "list_tasks", "change_task_status", "start_cleaning", "finish_cleaning", "inspect"]
