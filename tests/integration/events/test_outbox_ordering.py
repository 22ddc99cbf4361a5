"""Events leave in id order even when PostgreSQL transactions commit out of id order."""

from __future__ import annotations

from core.db.uow import property_uow
from core.events.cursor import OrderedCursor
from core.events.relay import Relay


def _fetch(cursor: OrderedCursor, pid) -> list[str | None]:
    with property_uow(pid, write=False) as uow:
        events = cursor.fetch(uow.session)
    cursor.advance()
    return [e.entity_id for e in events]


def _overtaken(pid, name: str = "slow"):
    """An open transaction holding a lower event id than one another transaction committed."""
    slow = property_uow(pid).__enter__()
    slow.record_event("reservations", "reservation.created", name, {})
    slow.flush()  # takes the lower id, commits (or rolls back) later
    with property_uow(pid) as fast:
        fast.record_event("reservations", "reservation.created", "fast", {})
        fast.commit()
    return slow


def test_a_later_commit_waits_for_an_earlier_id_still_in_flight(pg_tenant):
    pid = pg_tenant.make_property()
    cursor = OrderedCursor(pid)
    slow = _overtaken(pid)
    assert _fetch(cursor, pid) == []  # "fast" must not overtake "slow"
    slow.commit()
    slow.__exit__(None, None, None)
    assert _fetch(cursor, pid) == ["slow", "fast"]


def test_the_gap_of_a_rolled_back_transaction_is_stepped_over(pg_tenant):
    pid = pg_tenant.make_property()
    cursor = OrderedCursor(pid)
    doomed = _overtaken(pid, "doomed")
    assert _fetch(cursor, pid) == []
    doomed.__exit__(None, None, None)  # rolls back: its id will never appear
    assert _fetch(cursor, pid) == ["fast"]


def test_relay_publishes_out_of_order_commits_in_id_order(pg_tenant):
    pid = pg_tenant.make_property()
    relay = Relay(property_ids=[pid], holder="r")
    slow = _overtaken(pid)
    assert relay.run_once() == 0
    slow.commit()
    slow.__exit__(None, None, None)
    assert relay.run_once() == 2


def test_a_new_cursor_does_not_start_past_an_id_still_in_flight(pg_tenant):
    pid = pg_tenant.make_property()
    slow = _overtaken(pid)
    cursor = OrderedCursor(pid)
    with property_uow(pid, write=False) as uow:
        cursor.start_at_head(uow.session)
    slow.commit()
    slow.__exit__(None, None, None)
    assert "slow" in _fetch(cursor, pid)
