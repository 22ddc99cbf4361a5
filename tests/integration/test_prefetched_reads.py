"""core.db.batch.prefetch/read: reads sent together are handed out once, never answered later."""

from __future__ import annotations

from sqlalchemy import bindparam, select

from core.db.batch import Read, forget_prefetched, prefetch, read
from core.db.rows import insert_of, new_row
from core.db.uow import property_uow
from core.guests.models import Guest

GUESTS = Guest.__table__  # type: ignore[attr-defined]
BY_NAME = select(GUESTS.c.last_name).where(GUESTS.c.last_name == bindparam("b_name"))


def _add(uow, name: str) -> None:
    uow.write_rows(insert_of(Guest), new_row(Guest, last_name=name, email=f"{name}@example.com"))


def test_prefetched_rows_are_handed_out_once_then_the_statement_runs_again(property_id):
    with property_uow(property_id) as uow:
        first, second = Read(BY_NAME, {"b_name": "Ahead-a"}), Read(BY_NAME, {"b_name": "Ahead-b"})
        sent = prefetch(uow.session, [first, second])
        assert sent == (uow.dialect == "postgresql")  # SQLite: nothing sent, reads run as asked
        _add(uow, "Ahead-a")
        _add(uow, "Ahead-b")
        # A prefetched answer is what the database said when it was sent (the caller's
        # contract: read ahead only what it would have read before its own writes) ...
        assert len(read(uow.session, *first)) == (0 if sent else 1)
        # ... and it is given once: asked again, the statement runs and sees the new row.
        assert [r.last_name for r in read(uow.session, *first)] == ["Ahead-a"]
        forget_prefetched(uow.session)  # what was not used is dropped
        assert [r.last_name for r in read(uow.session, *second)] == ["Ahead-b"]
        uow.commit()


def test_a_rollback_drops_what_was_read_ahead(property_id):
    with property_uow(property_id) as uow:
        _add(uow, "Ahead-c")
        uow.commit()
    with property_uow(property_id) as uow:
        ahead = Read(BY_NAME, {"b_name": "Ahead-c"})
        prefetch(uow.session, [ahead, Read(BY_NAME, {"b_name": "none"})])
        uow.rollback()
        uow.session.execute(GUESTS.delete().where(GUESTS.c.last_name == "Ahead-c"))
        assert read(uow.session, *ahead) == []
