"""Work order use cases: report, assign, work on, finish, verify; photos; out of order until done."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.housekeeping.board import today
from core.idempotency.services import idempotent
from core.inventory.rooms import get_room, mark_out_of_order
from core.maintenance import rules
from core.maintenance.errors import InvalidWorkOrder, WorkOrderNotFound
from core.maintenance.models import Priority, WorkOrder, WorkOrderPhoto, WorkOrderStatus
from core.maintenance.ooo import end_out_of_order_today
from core.maintenance.schemas import WorkOrderCreate, WorkOrderPublic, WorkOrderUpdate
from core.media.storage import store_upload
from core.properties.models import Room
from core.timeutil import utcnow

TOPIC = "maintenance"
MAX_PAGE = 200


def _load(uow: UnitOfWork, work_order_id: uuid.UUID, *, for_update: bool = False) -> WorkOrder:
    stmt = select(WorkOrder).where(WorkOrder.id == work_order_id)
    if for_update and uow.dialect == "postgresql":
        stmt = stmt.with_for_update()
    order = uow.session.exec(stmt.execution_options(populate_existing=True)).first()
    if order is None:
        raise WorkOrderNotFound("Work order not found.", fields={"work_order_id": "not found"})
    return order


def _public(uow: UnitOfWork, order: WorkOrder) -> WorkOrderPublic:
    out = WorkOrderPublic.model_validate(order)
    if order.room_id is not None:
        room = uow.session.get(Room, order.room_id)
        out.room_number = room.number if room else None
    out.photo_ids = list(uow.session.exec(
        select(WorkOrderPhoto.media_id).where(WorkOrderPhoto.work_order_id == order.id)
        .order_by(col(WorkOrderPhoto.created_at))).all())
    return out


def _event(uow: UnitOfWork, order: WorkOrder, verb: str) -> None:
    uow.record_event(TOPIC, f"work_order.{verb}", order.id, {
        "room_id": order.room_id, "status": order.status, "priority": order.priority,
        "assignee_id": order.assignee_id})


def create_work_order(uow: UnitOfWork, data: WorkOrderCreate, *,
                      photos: list[tuple[bytes, str | None]] | None = None,
                      idempotency_key: str | None = None) -> WorkOrderPublic:
    """Report a job; with `out_of_order` the room leaves inventory from today until it is done
    (or its due date, at least one night) — refused, with nothing stored, if that would oversell
    or a guest is in the room. `photos` (bytes, file name) are attached in the same transaction:
    one refused photo refuses the report."""
    uow.actor.require("maintenance.create")
    if data.assignee_id is not None or data.assignee_name:
        uow.actor.require("maintenance.update")

    def run() -> WorkOrderPublic:
        on = today(uow)
        rules.raise_if(rules.validate_create(
            room_given=data.room_id is not None, area=data.area, category=data.category,
            priority=data.priority, description=data.description, due_date=data.due_date,
            today=on, source=data.source, out_of_order=data.out_of_order))
        if data.room_id is not None:
            get_room(uow, data.room_id)
        order = WorkOrder(room_id=data.room_id, area=(data.area or "").strip() or None,
                          category=data.category, priority=data.priority,
                          description=data.description.strip(), assignee_id=data.assignee_id,
                          assignee_name=(data.assignee_name or "").strip()[:200] or None,
                          due_date=data.due_date, source=data.source,
                          reported_by=uow.actor.name[:200])
        uow.session.add(order)
        uow.session.flush()
        if data.out_of_order and data.room_id is not None:
            until = max(data.due_date or on, on) + timedelta(days=1)
            stay = mark_out_of_order(uow, data.room_id, on, until,
                                      f"Work order: {order.description[:450]}")
            order.out_of_order_id = stay.id
        for data_, name in photos or []:
            _attach(uow, order, data_, name)
        _event(uow, order, "created")
        return _public(uow, order)

    return idempotent(uow, "maintenance.create", idempotency_key, data, run, WorkOrderPublic)


def get_work_order(uow: UnitOfWork, work_order_id: uuid.UUID) -> WorkOrderPublic:
    uow.actor.require("maintenance.view")
    return _public(uow, _load(uow, work_order_id))


_PRIORITY_ORDER = {p.value: i for i, p in enumerate(reversed(list(Priority)))}


def _matching(uow: UnitOfWork, *, status: str | None, open_only: bool,
              room_id: uuid.UUID | None, assignee_id: uuid.UUID | None) -> list[WorkOrder]:
    uow.actor.require("maintenance.view")
    stmt = select(WorkOrder)
    if status:
        if status not in rules.WORDS:
            raise InvalidWorkOrder(f"'{status[:40]}' is not a work order status.",
                                   fields={"status": "unknown status"})
        stmt = stmt.where(WorkOrder.status == status)
    if open_only:
        stmt = stmt.where(WorkOrder.status != WorkOrderStatus.verified.value)
    if room_id is not None:
        stmt = stmt.where(WorkOrder.room_id == room_id)
    if assignee_id is not None:
        stmt = stmt.where(WorkOrder.assignee_id == assignee_id)
    return sorted(uow.session.exec(stmt).all(),
                  key=lambda o: (_PRIORITY_ORDER.get(o.priority, 9), o.created_at))


def list_work_orders(uow: UnitOfWork, *, status: str | None = None, open_only: bool = False,
                     room_id: uuid.UUID | None = None,
                     assignee_id: uuid.UUID | None = None) -> list[WorkOrderPublic]:
    """Most urgent first, then oldest; `open_only` leaves out verified (closed) orders."""
    return [_public(uow, o) for o in _matching(uow, status=status, open_only=open_only,
                                               room_id=room_id, assignee_id=assignee_id)]


def page_work_orders(uow: UnitOfWork, *, status: str | None = None, open_only: bool = False,
                     room_id: uuid.UUID | None = None, assignee_id: uuid.UUID | None = None,
                     limit: int = 50, offset: int = 0) -> tuple[list[WorkOrderPublic], int]:
    """One page of list_work_orders (same order) and how many match in all."""
    orders = _matching(uow, status=status, open_only=open_only, room_id=room_id,
                       assignee_id=assignee_id)
    start = max(offset, 0)
    chosen = orders[start:start + min(max(limit, 1), MAX_PAGE)]
    return [_public(uow, o) for o in chosen], len(orders)


def update_work_order(uow: UnitOfWork, work_order_id: uuid.UUID, data: WorkOrderUpdate, *,
                      idempotency_key: str | None = None) -> WorkOrderPublic:
    """Reassign, reprioritise or reschedule an order that is not closed."""
    uow.actor.require("maintenance.update")

    def run() -> WorkOrderPublic:
        order = _load(uow, work_order_id, for_update=True)
        if order.status == WorkOrderStatus.verified.value:
            raise rules.InvalidWorkOrderTransition("A verified work order is closed.",
                                                   fields={"status": "verified"})
        errors = rules.validate_create(
            room_given=True, area=None, category=order.category,
            priority=data.priority or order.priority, description=order.description,
            due_date=data.due_date, today=today(uow), source=order.source, out_of_order=False)
        rules.raise_if(errors)
        if data.priority:
            order.priority = data.priority
        if "assignee_id" in data.model_fields_set:
            order.assignee_id = data.assignee_id
            order.assignee_name = (data.assignee_name or "").strip()[:200] or None
        if "due_date" in data.model_fields_set:
            order.due_date = data.due_date
        order.updated_at = utcnow()
        uow.session.add(order)
        _event(uow, order, "updated")
        return _public(uow, order)

    return idempotent(uow, "maintenance.update", idempotency_key,
                      {"id": work_order_id, **data.model_dump(mode="json", exclude_unset=True)},
                      run, WorkOrderPublic)


def change_status(uow: UnitOfWork, work_order_id: uuid.UUID, status: str, *,
                  note: str | None = None,
                  idempotency_key: str | None = None) -> WorkOrderPublic:
    """Move an order along open → in progress → done → verified. Done ends its out-of-order
    period (the room is back in inventory from today)."""
    uow.actor.require("maintenance.update")

    def run() -> WorkOrderPublic:
        order = _load(uow, work_order_id, for_update=True)
        rules.check_transition(order.status, status)
        now = utcnow()
        if status == WorkOrderStatus.in_progress.value:
            order.started_at = order.started_at or now
            if order.assignee_id is None and uow.actor.user_id is not None:
                order.assignee_id, order.assignee_name = uow.actor.user_id, uow.actor.name[:200]
        elif status == WorkOrderStatus.done.value:
            order.done_at = now
            order.resolution = (note or "").strip()[:2000] or order.resolution
            if order.out_of_order_id is not None:
                end_out_of_order_today(uow, order.out_of_order_id, today(uow))
        elif status == WorkOrderStatus.verified.value:
            order.verified_at, order.verified_by = now, uow.actor.name[:200]
        order.status, order.updated_at = status, now
        uow.session.add(order)
        _event(uow, order, "updated")
        return _public(uow, order)

    return idempotent(uow, "maintenance.status", idempotency_key,
                      {"id": work_order_id, "status": status, "note": note}, run,
                      WorkOrderPublic)


def add_photo(uow: UnitOfWork, work_order_id: uuid.UUID, data: bytes, *,
              filename: str | None = None) -> WorkOrderPublic:
    """Attach a photo or PDF (checked, re-encoded, stored privately; seen with maintenance.view)."""
    uow.actor.require("maintenance.create")
    order = _load(uow, work_order_id)
    _attach(uow, order, data, filename)
    _event(uow, order, "updated")
    return _public(uow, order)


def _attach(uow: UnitOfWork, order: WorkOrder, data: bytes, filename: str | None) -> None:
    media = store_upload(uow, data, filename=filename, view_permission="maintenance.view",
                         owner_type="work_order", owner_id=order.id)
    uow.session.add(WorkOrderPhoto(work_order_id=order.id, media_id=media.id))
    uow.session.flush()


__all__ = ["create_work_order", "get_work_order", "list_work_orders", "page_work_orders",
           "update_work_order", "change_status", "add_photo"]
