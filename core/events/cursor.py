"""Reading a property's outbox in id order without overtaking transactions still in flight.

On SQLite writers are serialised, so ids become visible in the order they were given out. On
PostgreSQL two transactions can commit out of id order: if event 11 is visible while event 10's
transaction is still open, a reader that moved past 11 would make every consumer (who drops ids it
has already passed) lose 10 for good. So the cursor stops at the first missing id (a "hole"), and
only steps over it once every transaction of this database that was running when the hole was
seen has ended (or the cluster-wide snapshot xmin passed the xmax recorded then): by then the hole
is either filled or was a rollback that will never appear. A transaction gets its id when it first
writes, which for a service is before it inserts its outbox row, so the one holding a hole is
always among those seen running.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from core.events.envelope import EventEnvelope
from core.events.models import OutboxEvent

# How far below the head a freshly started cursor looks for ids still in flight.
_START_WINDOW = 500


@dataclass(frozen=True)
class _Hole:
    xmax: int                 # no transaction that started after this can hold the missing id
    running: frozenset[str]   # transactions of this database that were running when it was seen


class OrderedCursor:
    """Position in one property's outbox; `fetch` returns the next events that are safe to deliver."""

    def __init__(self, property_id: uuid.UUID, position: int = 0):
        self.property_id = property_id
        self.position = position
        self._holes: dict[int, _Hole] = {}
        self.last_ready: int | None = None  # last id the latest fetch found safe (any topic)

    def fetch(self, session: Session, limit: int = 500,
              topics: Iterable[str] | None = None) -> list[EventEnvelope]:
        """Events after `position`, in id order, stopping before any id that may still commit.

        Does not advance the position: call `advance()` once they were handed on. `topics`
        filters what is returned, never what is waited for, so ordering holds across topics.
        """
        pg = session.get_bind().dialect.name == "postgresql"
        for _ in range(2):
            holes_before = set(self._holes)
            # Looked at before reading, so a hole judged finished was finished before the read.
            settled = self._finished_holes(session) if pg and self._holes else set()
            rows = session.exec(
                select(OutboxEvent).where(col(OutboxEvent.id) > self.position)
                .order_by(col(OutboxEvent.id)).limit(limit)
            ).all()
            if not pg or not rows:
                ready = list(rows)
                break
            ready = self._settled_prefix(session, list(rows), settled)
            if set(self._holes) <= holes_before:
                break
            # A new hole: if its transaction has already ended (the usual rollback), a second
            # look settles it now instead of on the next poll.
        self.last_ready = int(ready[-1].id or 0) if ready else None
        wanted = set(topics) if topics is not None else None
        return [EventEnvelope.from_row(self.property_id, r) for r in ready
                if wanted is None or r.topic in wanted]

    def _finished_holes(self, session: Session) -> set[int]:
        xmin = _snapshot(session, "xmin")
        running = _running_xids(session)
        return {h for h, hole in self._holes.items()
                if xmin >= hole.xmax or not (hole.running & running)}

    def _settled_prefix(self, session: Session, rows: list[OutboxEvent],
                        settled: set[int]) -> list[OutboxEvent]:
        ready: list[OutboxEvent] = []
        expected = self.position + 1
        for row in rows:
            rid = int(row.id or 0)
            while expected < rid:
                if expected in settled:
                    del self._holes[expected]  # its transaction ended without committing it
                    expected += 1
                    continue
                if expected not in self._holes:
                    self._holes[expected] = _hole_now(session)
                return ready
            ready.append(row)
            self._holes.pop(rid, None)
            expected = rid + 1
        return ready

    def advance(self, last_id: int | None = None) -> None:
        """Move past the events last returned by `fetch` (or up to `last_id`)."""
        target = last_id if last_id is not None else self.last_ready
        if target is not None and target > self.position:
            self.position = target
            self._holes = {h: x for h, x in self._holes.items() if h > target}

    def start_at_head(self, session: Session) -> None:
        """Start after the newest event, but before any recent id whose transaction is in flight."""
        head = session.exec(select(func.max(OutboxEvent.id))).one() or 0
        self.position = int(head)
        if session.get_bind().dialect.name != "postgresql" or head == 0:
            return
        low = max(0, head - _START_WINDOW)
        present = set(session.exec(
            select(OutboxEvent.id).where(col(OutboxEvent.id) > low)).all())
        missing = [i for i in range(low + 1, head + 1) if i not in present]
        if missing:
            # Start just before the oldest gap; events after it that a new subscriber receives
            # happened a moment before it subscribed, which is harmless (it reloads), whereas a
            # late commit of the gap itself would otherwise be lost.
            self.position = missing[0] - 1
            hole = _hole_now(session)
            self._holes = {m: hole for m in missing}


def _snapshot(session: Session, which: str) -> int:
    fn = "pg_snapshot_xmin" if which == "xmin" else "pg_snapshot_xmax"
    return int(session.execute(text(f"SELECT {fn}(pg_current_snapshot())::text::bigint")).scalar_one())


def _running_xids(session: Session) -> frozenset[str]:
    """Transactions with an id, running now in this database (other databases cannot hold ours)."""
    rows = session.execute(text(
        "SELECT backend_xid::text FROM pg_stat_activity "
        "WHERE datname = current_database() AND backend_xid IS NOT NULL"
    )).scalars().all()
    return frozenset(rows)


def _hole_now(session: Session) -> _Hole:
    return _Hole(_snapshot(session, "xmax"), _running_xids(session))


def read_range(session: Session, property_id: uuid.UUID, after_id: int, upto_id: int,
               topics: Iterable[str] | None = None, limit: int = 500) -> list[EventEnvelope]:
    """Committed events with after_id < id <= upto_id (a range a cursor has already passed)."""
    query = (select(OutboxEvent).where(col(OutboxEvent.id) > after_id)
             .where(col(OutboxEvent.id) <= upto_id).order_by(col(OutboxEvent.id)).limit(limit))
    if topics is not None:
        query = query.where(col(OutboxEvent.topic).in_(list(topics)))
    return [EventEnvelope.from_row(property_id, r) for r in session.exec(query).all()]
