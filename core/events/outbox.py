"""Building outbox rows; services reach this through UnitOfWork.record_event."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert

from core.events.models import OutboxEvent
from core.timeutil import utcnow

_PLAIN = frozenset({str, int, float, bool, type(None)})


def _jsonable(value: Any) -> Any:
    """JSON-ready copy: Decimals, UUIDs and dates as strings, enums as values, dataclasses as
    dicts of their fields (as dataclasses.asdict, without its deep copies)."""
    if type(value) in _PLAIN:  # most leaves: checked first, as this runs on every snapshot
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    fields = getattr(type(value), "__dataclass_fields__", None)
    if fields is not None:
        return {name: _jsonable(getattr(value, name)) for name in fields}
    if hasattr(value, "value") and not isinstance(value, str | int | float | bool):
        return value.value  # enums
    return value


# Written by a prebuilt Core INSERT (see event_row): building an ORM object per event and
# flushing it cost more app CPU than the rest of an event's write.
OUTBOX_INSERT = insert(OutboxEvent.__table__)  # type: ignore[attr-defined]


def event_row(topic: str, type: str, entity_id: Any, payload: dict[str, Any]) -> dict[str, Any]:
    """An outbox row's values, every column's default included (for OUTBOX_INSERT)."""
    body = _jsonable(payload)
    json.dumps(body)  # fail inside the transaction, not in the relay, if it cannot be sent
    return {"topic": topic, "type": type,
            "entity_id": None if entity_id is None else str(entity_id), "payload": body,
            "created_at": utcnow(), "published_at": None, "event_uuid": uuid.uuid4()}


def new_event(topic: str, type: str, entity_id: Any, payload: dict[str, Any]) -> OutboxEvent:
    return OutboxEvent(**event_row(topic, type, entity_id, payload))


def _register_wakeup() -> None:
    # This module is imported by the first UnitOfWork.record_event in any process, so every
    # process that writes events also wakes relays elsewhere when it commits them.
    from core.db.uow import on_property_commit
    from core.events.bus import notify_commit

    on_property_commit(notify_commit)


_register_wakeup()
