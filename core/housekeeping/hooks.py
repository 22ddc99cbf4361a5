"""Ties housekeeping to the stay life cycle (imported by core.housekeeping's __init__)."""

from __future__ import annotations

from core.db.uow import UnitOfWork


def _dirty_on_check_out(uow: UnitOfWork, reservation) -> None:
    """Runs inside the check-out's transaction: if the check-out is refused, so is this."""
    from core.housekeeping.services import mark_dirty
    from core.reservations.queries import current_room, room_legs

    room_id = current_room(room_legs(uow, reservation.id))
    if room_id is not None:
        mark_dirty(uow, room_id)


def register() -> None:
    from core.reservations.lifecycle import on_check_out

    on_check_out(_dirty_on_check_out)


register()
