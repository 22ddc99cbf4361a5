"""UnitOfWork.batched(with_commit=True): on Postgres the writes wait for the COMMIT and go with
it; whatever runs before sees them, a rollback drops them, errors surface at the commit."""

from __future__ import annotations

import pytest
from sqlalchemy import exc, func, select

from core.db.rows import insert_of, new_row
from core.db.uow import property_uow
from core.guests.models import Guest
from core.idempotency.services import record_result

GUESTS = Guest.__table__  # type: ignore[attr-defined]


def _guest(last_name: str) -> dict:
    return new_row(Guest, first_name="Ada", last_name=last_name, email=f"{last_name}@example.com")


def _count(uow, name: str) -> int:
    return uow.session.execute(select(func.count()).select_from(GUESTS).where(
        GUESTS.c.last_name == name)).scalar_one()


def _stored(pid, name: str) -> int:
    with property_uow(pid, write=False) as uow:
        return _count(uow, name)


def test_writes_held_for_the_commit_are_seen_by_what_runs_before_it(property_id):
    with property_uow(property_id) as uow:
        with uow.batched(with_commit=True):
            uow.write_rows(insert_of(Guest), [_guest("Held-a"), _guest("Held-b")])
            uow.record_event("guests", "guest.held", None, {})
        assert _count(uow, "Held-a") == 1  # a statement after the block sends them first
        with uow.batched(with_commit=True):
            uow.write_rows(insert_of(Guest), _guest("Held-c"))
        uow.commit()  # sent with the COMMIT
    assert [_stored(property_id, n) for n in ("Held-a", "Held-b", "Held-c")] == [1, 1, 1]


def test_a_rollback_or_an_unfinished_unit_of_work_drops_held_writes(property_id):
    with property_uow(property_id) as uow:
        with uow.batched(with_commit=True):
            uow.write_rows(insert_of(Guest), _guest("Held-rolled-back"))
        uow.rollback()
        uow.write_rows(insert_of(Guest), _guest("Held-kept"))
        uow.commit()
    for _ in range(3):  # the pooled connection is reused: nothing is left on it
        with property_uow(property_id) as uow, uow.batched(with_commit=True):
            uow.write_rows(insert_of(Guest), _guest("Held-abandoned"))
    with property_uow(property_id) as uow:
        uow.write_rows(insert_of(Guest), _guest("Held-later"))
        uow.commit()
    assert _stored(property_id, "Held-rolled-back") == 0
    assert _stored(property_id, "Held-abandoned") == 0
    assert _stored(property_id, "Held-kept") == _stored(property_id, "Held-later") == 1


def test_a_failing_held_write_fails_the_commit_and_stores_nothing(property_id):
    row = _guest("Held-dup")
    with property_uow(property_id) as uow, pytest.raises(exc.IntegrityError):
        with uow.batched(with_commit=True):
            uow.write_rows(insert_of(Guest), _guest("Held-before-dup"))
            uow.write_rows(insert_of(Guest), row)
            uow.write_rows(insert_of(Guest), row)  # same primary key
        uow.commit()
    assert _stored(property_id, "Held-dup") == _stored(property_id, "Held-before-dup") == 0


def test_a_write_with_a_row_count_to_check_is_not_held(property_id):
    with property_uow(property_id) as uow, pytest.raises(RuntimeError, match="no such guest"):
        with uow.batched(with_commit=True):
            uow.write_rows(GUESTS.update().where(GUESTS.c.last_name == "nobody").values(
                phone="1"), {}, rows=1, error="no such guest")


def test_an_idempotency_answer_needs_a_claim_in_this_transaction(property_id):
    with property_uow(property_id) as uow, pytest.raises(RuntimeError, match="not claimed"):
        record_result(uow, "reservations.create_booking", "never-claimed", {})
