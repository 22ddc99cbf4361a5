"""UnitOfWork.batched(): queued writes run in order at the end of the block, on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import exc, func, select

from core.db.rows import insert_of, new_row
from core.db.uow import property_uow
from core.events.models import OutboxEvent
from core.guests.models import Guest

GUESTS = Guest.__table__  # type: ignore[attr-defined]
OUTBOX = OutboxEvent.__table__  # type: ignore[attr-defined]


def _guest(last_name: str) -> dict:
    return new_row(Guest, first_name="Ada", last_name=last_name, email=f"{last_name}@example.com")


def _names(pid) -> list[str]:
    with property_uow(pid, write=False) as uow:
        return list(uow.session.execute(
            select(GUESTS.c.last_name).order_by(GUESTS.c.last_name)).scalars())


def _event_types(pid) -> list[str]:
    with property_uow(pid, write=False) as uow:
        return list(uow.session.execute(select(OUTBOX.c.type).order_by(OUTBOX.c.id)).scalars())


def test_queued_writes_run_in_order_when_the_block_ends(property_id):
    first, second = _guest("Batch-a"), _guest("Batch-b")
    with property_uow(property_id) as uow:
        with uow.batched():
            uow.write_rows(insert_of(Guest), first)
            uow.record_event("guests", "guest.one", first["id"], {"n": 1})
            uow.write_rows(insert_of(Guest), [second])
            uow.record_event("guests", "guest.two", second["id"], {"n": 2})
            uow.record_event("guests", "guest.three", second["id"], {"n": 3})
            # Nothing is sent yet: a read in the block does not see the queued rows.
            assert uow.session.execute(select(func.count()).select_from(GUESTS).where(
                GUESTS.c.last_name.like("Batch-%"))).scalar_one() == 0
            # The second row's update runs after its insert, and must touch exactly one row.
            uow.write_rows(GUESTS.update().where(GUESTS.c.id == second["id"]).values(
                last_name="Batch-c"), {}, rows=1)
        uow.commit()
    assert _names(property_id) == ["Batch-a", "Batch-c"]
    assert _event_types(property_id)[-3:] == ["guest.one", "guest.two", "guest.three"]


def test_an_exception_in_the_block_drops_the_queue(property_id):
    with property_uow(property_id) as uow:
        with pytest.raises(ValueError), uow.batched():
            uow.write_rows(insert_of(Guest), _guest("Batch-dropped"))
            raise ValueError("the change failed")
        uow.commit()  # commits nothing of the block
    assert "Batch-dropped" not in _names(property_id)


def test_a_wrong_row_count_fails_the_block(property_id):
    with property_uow(property_id) as uow, pytest.raises(RuntimeError, match="no such guest"):
        with uow.batched():
            uow.write_rows(insert_of(Guest), _guest("Batch-x"))
            uow.write_rows(GUESTS.update().where(GUESTS.c.last_name == "nobody").values(
                phone="1"), {}, rows=1, error="no such guest")


def test_a_database_error_is_raised_as_sqlalchemy_raises_it(property_id):
    row = _guest("Batch-dup")
    with property_uow(property_id) as uow, pytest.raises(exc.IntegrityError):
        with uow.batched():
            uow.write_rows(insert_of(Guest), row)
            uow.write_rows(insert_of(Guest), row)  # same primary key
    assert "Batch-dup" not in _names(property_id)


def test_an_inner_block_leaves_sending_to_the_outer_one(property_id):
    with property_uow(property_id) as uow:
        with uow.batched():
            with uow.batched():
                uow.write_rows(insert_of(Guest), _guest("Batch-inner"))
            assert uow.session.execute(select(func.count()).select_from(GUESTS).where(
                GUESTS.c.last_name == "Batch-inner")).scalar_one() == 0
        with pytest.raises(RuntimeError), uow.batched():
            uow.commit()  # refused: the block's writes are not sent yet
        uow.commit()
    assert "Batch-inner" in _names(property_id)
