"""Out of order through the inventory engine: the room leaves inventory for those nights.

The inventory module's own entry points require `inventory.manage`, a permission no role holds;
here the catalogue's `maintenance.create` ("report work orders and put rooms out of order")
decides, and the inventory engine still refuses an overselling or overlapping period.
"""

from __future__ import annotations

import uuid
from datetime import date

from core.db.uow import UnitOfWork
from core.housekeeping.rules import required_text
from core.idempotency.services import idempotent
from core.inventory.rooms import _mark_out_of_order, _return_to_service
from core.inventory.schemas import OutOfOrderPublic


def put_out_of_order(uow: UnitOfWork, room_id: uuid.UUID, start: date, end: date, reason: str,
                     *, idempotency_key: str | None = None) -> OutOfOrderPublic:
    """Refused (room_occupied / sold_out) if a guest is in the room then or it would oversell."""
    uow.actor.require("maintenance.create")
    text = required_text(reason, "reason", "The reason")
    return idempotent(uow, "housekeeping.out_of_order", idempotency_key,
                      {"room_id": room_id, "start": start, "end": end, "reason": text},
                      lambda: _mark_out_of_order(uow, room_id, start, end, text),
                      OutOfOrderPublic)


def end_out_of_order(uow: UnitOfWork, room_stay_id: uuid.UUID, *,
                     idempotency_key: str | None = None) -> OutOfOrderPublic:
    """The room is back in inventory for the period's nights."""
    uow.actor.require("maintenance.update")
    return idempotent(uow, "housekeeping.end_out_of_order", idempotency_key,
                      {"room_stay_id": room_stay_id},
                      lambda: _return_to_service(uow, room_stay_id), OutOfOrderPublic)


__all__ = ["put_out_of_order", "end_out_of_order"]
