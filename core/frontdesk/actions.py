"""Desk actions that combine the reservation life cycle with what housekeeping knows."""

from __future__ import annotations

import uuid

from core.db.uow import UnitOfWork
from core.frontdesk.room_status import ready_predicate
from core.reservations.assignment import auto_assign
from core.reservations.lifecycle import check_in
from core.reservations.schemas import ReservationPublic


def check_in_guest(uow: UnitOfWork, reservation_id: uuid.UUID, *,
                   room_id: uuid.UUID | None = None,
                   idempotency_key: str | None = None) -> ReservationPublic:
    """Check in to the chosen room, or the best clean vacant one (housekeeping's status decides
    what "ready" means, read in this same transaction)."""
    return check_in(uow, reservation_id, room_id=room_id, room_ready=ready_predicate(uow),
                    idempotency_key=idempotency_key)


def assign_best_room(uow: UnitOfWork, reservation_id: uuid.UUID) -> ReservationPublic:
    """Auto-assign preferring ready rooms; any free room of the type when none is ready yet."""
    ready = ready_predicate(uow)
    if ready is not None:
        from core.reservations.assignment import candidate_rooms
        from core.reservations.queries import get_reservation

        res = get_reservation(uow, reservation_id)
        if candidate_rooms(uow, res, ready):
            return auto_assign(uow, reservation_id, ready=ready)
    return auto_assign(uow, reservation_id)


def room_choices(uow: UnitOfWork, reservation_id: uuid.UUID) -> list[dict[str, str]]:
    """Free rooms of the reservation's type for its whole stay, ready ones first."""
    uow.actor.require("reservations.view")
    from core.frontdesk.room_status import room_statuses
    from core.reservations.assignment import candidate_rooms
    from core.reservations.queries import get_reservation

    res = get_reservation(uow, reservation_id)
    statuses = room_statuses(uow)
    rooms = candidate_rooms(uow, res)
    ready = ready_predicate(uow)
    rooms.sort(key=lambda r: 0 if ready is None or ready(r.id) else 1)
    return [{"id": str(r.id), "number": r.number, "status": statuses.get(r.id, "")}
            for r in rooms]


def place_on_room(uow: UnitOfWork, reservation_id: uuid.UUID, room_id: uuid.UUID
                  ) -> ReservationPublic:
    """The tape chart's drop: an in-house guest moves from today; a future stay is (re)assigned
    for its whole stay."""
    from core.reservations.assignment import assign_room, move_room
    from core.reservations.models import ReservationStatus
    from core.reservations.queries import get_reservation

    res = get_reservation(uow, reservation_id)
    if res.status == ReservationStatus.checked_in.value:
        return move_room(uow, reservation_id, room_id, reason="moved on the tape chart")
    return assign_room(uow, reservation_id, room_id)


def take_desk_payment(uow: UnitOfWork, reservation_id: uuid.UUID, amount: str, method: str
                      ) -> None:
    """Money received at the desk for a stay, credited to its guest folio (opened if needed)."""
    from core.folio.services import ensure_guest_folio
    from core.payments.manual import take_payment

    uow.actor.require("folio.take_payment")
    folio = ensure_guest_folio(uow, reservation_id)
    take_payment(uow, folio.id, amount, method=method)
