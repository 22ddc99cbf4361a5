"""Outbox payloads and stored snapshots are plain JSON whatever the domain hands over."""

from __future__ import annotations

import enum
import json
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from core.events.outbox import _jsonable, new_event


class Colour(enum.Enum):
    red = "red"


@dataclass(frozen=True)
class Line:
    value: Decimal  # a field named "value" must not be mistaken for an enum
    day: date


@dataclass
class Snapshot:
    id: uuid.UUID
    lines: list[Line]
    ages: tuple[int, ...]
    extra: dict


def test_dataclasses_become_the_same_json_as_asdict_would_give():
    snap = Snapshot(uuid.uuid4(), [Line(Decimal("1.50"), date(2027, 1, 2))], (4, 9),
                    {"when": datetime(2027, 1, 1, tzinfo=UTC), "colour": Colour.red, "n": None})
    assert _jsonable(snap) == _jsonable(asdict(snap))
    assert _jsonable(snap)["lines"] == [{"value": "1.50", "day": "2027-01-02"}]
    json.dumps(_jsonable(snap))


def test_an_event_payload_that_cannot_be_sent_fails_inside_the_transaction():
    with pytest.raises(TypeError):
        new_event("t", "x.happened", None, {"blob": object()})
    event = new_event("t", "x.happened", 7, {"amount": Decimal("2.00"), "flag": True})
    assert (event.entity_id, event.payload) == ("7", {"amount": "2.00", "flag": True})
