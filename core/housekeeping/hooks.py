"""Ties housekeeping to the stay life cycle (check-out, room move) and the desk (imported by core.housekeeping's __init__)."""

from __future__ import annotations

from core.db.uow import UnitOfWork


def _dirty_on_check_out(uow: UnitOfWork, reservation) -> None:
    """Runs inside the check-out's transaction: if the check-out is refused, so is this."""
    from core.housekeeping.services import mark_dirty
    from core.reservations.queries import current_room, room_legs

    room_id = current_room(room_legs(uow, reservation.id))
    if room_id is not None:
        mark_dirty(uow, room_id)


def _dirty_on_room_vacated(uow: UnitOfWork, reservation, room_id) -> None:
    """Runs inside a room move's transaction: the in-house guest used the room they left."""
    from core.housekeeping.services import mark_dirty

    mark_dirty(uow, room_id)


def _room_statuses(uow: UnitOfWork) -> dict:
    """{room_id: dirty|clean|inspected|out_of_service} for the desk (rooms without a row are
    clean). Out of service wins: the desk should not pick such a room if it can avoid it."""
    from sqlmodel import select

    from core.housekeeping.models import Condition, RoomStatus
    from core.properties.models import Room

    rows = {r.room_id: r for r in uow.session.exec(select(RoomStatus)).all()}
    out = {}
    for room_id in uow.session.exec(select(Room.id).where(Room.active)).all():
        row = rows.get(room_id)
        out[room_id] = ("out_of_service" if row and row.out_of_service
                        else row.condition if row else Condition.clean.value)
    return out


def register() -> None:
    from core.frontdesk.room_status import register_room_status
    from core.reservations.assignment import on_room_vacated
    from core.reservations.lifecycle import on_check_out

    on_check_out(_dirty_on_check_out)
    on_room_vacated(_dirty_on_room_vacated)
    register_room_status(_room_statuses)


register()
