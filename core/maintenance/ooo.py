"""Ending a work order's out-of-order period from today: past nights stay as they were."""

from __future__ import annotations

import uuid
from datetime import date

from core.db.uow import UnitOfWork
from core.inventory.models import RoomStay, RoomStayKind
from core.inventory.rooms import get_room, return_to_service
from core.inventory.services import recount_out_of_order


def end_out_of_order_today(uow: UnitOfWork, room_stay_id: uuid.UUID, on: date) -> None:
    """No-op if the period was already ended by hand or is over."""
    stay = uow.session.get(RoomStay, room_stay_id)
    if stay is None or stay.kind != RoomStayKind.out_of_order or stay.end_date <= on:
        return
    if stay.start_date >= on:
        return_to_service(uow, room_stay_id)
        return
    old_end, stay.end_date = stay.end_date, on
    uow.session.add(stay)
    uow.session.flush()
    recount_out_of_order(uow, get_room(uow, stay.room_id).room_type_id, on, old_end)
    uow.record_event("rooms", "room.returned_to_service", stay.room_id,
                     {"room_id": stay.room_id, "from": on, "to": old_end})
