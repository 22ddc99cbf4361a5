"""EventEnvelope: a committed outbox event as subscribers, Redis messages and webhooks see it."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from core.events.models import OutboxEvent
from core.events.topics import sse_kind


@dataclass(frozen=True)
class EventEnvelope:
    id: int
    property_id: uuid.UUID
    topic: str
    type: str
    entity_id: str | None
    payload: dict[str, Any] = field(default_factory=dict)
    created_at: str | None = None
    event_uuid: str | None = None

    @property
    def kind(self) -> str:
        """created | updated | deleted, as SSE clients see it."""
        return sse_kind(self.type)

    @classmethod
    def from_row(cls, property_id: uuid.UUID, row: OutboxEvent) -> EventEnvelope:
        return cls(
            id=int(row.id or 0), property_id=property_id, topic=row.topic, type=row.type,
            entity_id=row.entity_id, payload=dict(row.payload or {}),
            created_at=row.created_at.isoformat() if row.created_at else None,
            event_uuid=str(row.event_uuid) if row.event_uuid else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "property_id": str(self.property_id), "topic": self.topic,
            "type": self.type, "event": self.kind, "entity_id": self.entity_id,
            "created_at": self.created_at, "event_uuid": self.event_uuid, "data": self.payload,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str | bytes) -> EventEnvelope:
        body = json.loads(raw)
        return cls(
            id=int(body["id"]), property_id=uuid.UUID(body["property_id"]), topic=body["topic"],
            type=body["type"], entity_id=body.get("entity_id"), payload=body.get("data") or {},
            created_at=body.get("created_at"), event_uuid=body.get("event_uuid"),
        )

    def entity_json(self) -> dict[str, Any]:
        """The SSE `data:` body: the entity's public shape, plus the domain type it came from."""
        body = dict(self.payload)
        body.setdefault("event_type", self.type)
        body.setdefault("topic", self.topic)
        if self.entity_id is not None:
            body.setdefault("entity_id", self.entity_id)
        return body


def channel(property_id: uuid.UUID | str, topic: str) -> str:
    """The Redis pub/sub channel carrying one property's events of one topic."""
    return f"gj:{property_id}:{topic}"


def property_pattern(property_id: uuid.UUID | str) -> str:
    return f"gj:{property_id}:*"


WAKE_CHANNEL = "gj:relay:wake"
