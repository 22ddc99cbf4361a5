"""core.db.rows: a Core-inserted row gets every default the model would have given it."""

from __future__ import annotations

import uuid

import pytest

from core.db.rows import insert_of, new_row
from core.db.tables import load_all

load_all()

from core.reservations.models import Booking, Reservation  # noqa: E402


def test_a_new_row_has_every_column_with_the_models_defaults():
    guest = uuid.uuid4()
    row = new_row(Booking, reference="ABCD2345", guest_id=guest)
    assert set(row) == set(Booking.__table__.c.keys())  # type: ignore[attr-defined]
    assert row["reference"] == "ABCD2345" and row["guest_id"] == guest
    assert row["channel"] == "direct" and row["notes"] == "" and row["updated_at"] is None
    assert isinstance(row["id"], uuid.UUID) and row["created_at"].tzinfo is not None
    other = new_row(Booking, reference="ABCD2346", guest_id=guest)
    assert other["id"] != row["id"]  # factories run per row


def test_mutable_defaults_are_fresh_for_each_row():
    values = dict(booking_id=uuid.uuid4(), guest_id=uuid.uuid4(), room_type_id=uuid.uuid4(),
                  rate_plan_id=uuid.uuid4(), arrival="2027-01-01", departure="2027-01-02",
                  currency="EUR")
    a, b = new_row(Reservation, **values), new_row(Reservation, **values)
    a["requests"].append("quiet room")
    assert b["requests"] == [] and a["version"] == 1


def test_a_missing_required_value_or_an_unknown_column_is_named():
    with pytest.raises(TypeError, match=r"Booking\.reference needs a value"):
        new_row(Booking, guest_id=uuid.uuid4())
    with pytest.raises(TypeError, match="Booking has no column.*colour"):
        new_row(Booking, reference="X", guest_id=uuid.uuid4(), colour="red")


def test_the_insert_is_built_once():
    assert insert_of(Booking) is insert_of(Booking)
