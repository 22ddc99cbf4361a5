"""Where the front desk learns each room's housekeeping status, without importing housekeeping.

Housekeeping registers its reader at import (`register_room_status(reader)`); until it does, every
room counts as "unknown" and check-in trusts the agent's choice of room.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from core.db.uow import UnitOfWork

# Reads {room_id: status} for the property of the unit of work (one query for all rooms).
RoomStatusReader = Callable[[UnitOfWork], dict[uuid.UUID, str]]
READY_STATUSES = frozenset({"clean", "inspected"})
_readers: list[RoomStatusReader] = []


def register_room_status(reader: RoomStatusReader) -> None:
    if reader not in _readers:
        _readers.append(reader)


def room_statuses(uow: UnitOfWork) -> dict[uuid.UUID, str]:
    out: dict[uuid.UUID, str] = {}
    for reader in _readers:
        out.update(reader(uow))
    return out


def ready_predicate(uow: UnitOfWork) -> Callable[[uuid.UUID], bool] | None:
    """The `room_ready` predicate for check-in/auto-assign, or None when no status is known."""
    if not _readers:
        return None
    statuses = room_statuses(uow)
    return lambda room_id: statuses.get(room_id) in READY_STATUSES
