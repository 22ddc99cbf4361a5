"""Guest request use cases: log a request, list and read them, move them along their life cycle."""

from __future__ import annotations

import uuid

from sqlalchemy import func
from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.guest_requests import rules
from core.guest_requests.errors import GuestRequestNotFound, InvalidGuestRequest
from core.guest_requests.models import GuestRequest, RequestStatus
from core.guest_requests.schemas import (
    GuestRequestCreate,
    GuestRequestPublic,
    GuestRequestStatusChange,
)
from core.idempotency.services import idempotent
from core.properties.models import Room
from core.reservations.queries import current_room, get_reservation, room_legs
from core.timeutil import utcnow

TOPIC = "guest_requests"
PERMISSION = "guest_services.manage"
MAX_PAGE = 200


def _load(uow: UnitOfWork, request_id: uuid.UUID, *, for_update: bool = False) -> GuestRequest:
    stmt = select(GuestRequest).where(GuestRequest.id == request_id)
    if for_update and uow.dialect == "postgresql":
        stmt = stmt.with_for_update()
    row = uow.session.exec(stmt.execution_options(populate_existing=True)).first()
    if row is None:
        raise GuestRequestNotFound("Guest request not found.",
                                   fields={"request_id": "no such request"})
    return row


def _event(uow: UnitOfWork, row: GuestRequest, verb: str) -> None:
    uow.record_event(TOPIC, f"guest_request.{verb}", row.id, {
        "status": row.status, "category": row.category, "room_id": row.room_id,
        "reservation_id": row.reservation_id, "priority": row.priority})


def create_request(uow: UnitOfWork, data: GuestRequestCreate, *,
                   idempotency_key: str | None = None) -> GuestRequestPublic:
    """Log what a guest asked for, for a reservation (its room is filled in) or a room."""
    uow.actor.require(PERMISSION)

    def run() -> GuestRequestPublic:
        rules.raise_if(rules.validate_create(
            category=data.category, priority=data.priority, description=data.description,
            place_given=data.reservation_id is not None or data.room_id is not None))
        room_id = data.room_id
        if data.reservation_id is not None:
            get_reservation(uow, data.reservation_id)
            room_id = room_id or current_room(room_legs(uow, data.reservation_id))
        if data.room_id is not None and uow.session.get(Room, data.room_id) is None:
            raise InvalidGuestRequest("That room does not exist.",
                                      fields={"room_id": "no such room"})
        row = GuestRequest(reservation_id=data.reservation_id, room_id=room_id,
                           category=data.category, priority=data.priority,
                           description=data.description.strip(), assignee_id=data.assignee_id,
                           assignee_name=(data.assignee_name or "").strip()[:200] or None,
                           due_at=data.due_at, created_by=uow.actor.name[:200])
        uow.session.add(row)
        uow.session.flush()
        _event(uow, row, "created")
        return GuestRequestPublic.model_validate(row)

    return idempotent(uow, "guest_requests.create", idempotency_key, data, run,
                      GuestRequestPublic)


def get_request(uow: UnitOfWork, request_id: uuid.UUID) -> GuestRequestPublic:
    uow.actor.require(PERMISSION)
    return GuestRequestPublic.model_validate(_load(uow, request_id))


def list_requests(uow: UnitOfWork, *, status: str | None = None, open_only: bool = False,
                  reservation_id: uuid.UUID | None = None, room_id: uuid.UUID | None = None,
                  limit: int = 50, offset: int = 0) -> tuple[list[GuestRequestPublic], int]:
    """Newest first; `open_only` leaves out done and cancelled requests. Returns (page, total)."""
    uow.actor.require(PERMISSION)
    stmt = select(GuestRequest)
    if status:
        if status not in rules.TRANSITIONS:
            raise InvalidGuestRequest(f"'{status[:40]}' is not a request status.",
                                      fields={"status": "unknown status"})
        stmt = stmt.where(GuestRequest.status == status)
    if open_only:
        stmt = stmt.where(col(GuestRequest.status).not_in(rules.CLOSED))
    if reservation_id is not None:
        stmt = stmt.where(GuestRequest.reservation_id == reservation_id)
    if room_id is not None:
        stmt = stmt.where(GuestRequest.room_id == room_id)
    total = uow.session.exec(select(func.count()).select_from(stmt.subquery())).one()
    rows = uow.session.exec(stmt.order_by(col(GuestRequest.created_at).desc(), col(GuestRequest.id))
                            .offset(max(offset, 0)).limit(min(max(limit, 1), MAX_PAGE))).all()
    return [GuestRequestPublic.model_validate(r) for r in rows], total


def change_status(uow: UnitOfWork, request_id: uuid.UUID, change: GuestRequestStatusChange, *,
                  idempotency_key: str | None = None) -> GuestRequestPublic:
    """Start, finish, reopen or cancel a request (see rules.TRANSITIONS)."""
    uow.actor.require(PERMISSION)

    def run() -> GuestRequestPublic:
        row = _load(uow, request_id, for_update=True)
        rules.check_transition(row.status, change.status)
        now = utcnow()
        row.status = change.status
        row.done_at = now if change.status == RequestStatus.done.value else None
        if change.note is not None:
            row.note = change.note.strip()[:2000] or None
        row.updated_at = now
        uow.session.add(row)
        uow.session.flush()
        _event(uow, row, "updated")
        return GuestRequestPublic.model_validate(row)

    return idempotent(uow, "guest_requests.status", idempotency_key,
                      {"id": request_id, **change.model_dump()}, run, GuestRequestPublic)
