"""Units of work: the only way services touch a property's (or the control plane's) data.

A unit of work owns one session and one transaction. Services record outbox events on it; the
events are rows in the same transaction, so they exist if and only if the change committed.
Callbacks registered with `after_commit` run once the commit succeeded (never on rollback).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.sql.dml import UpdateBase
from sqlmodel import Session

from core.actor import Actor
from core.db.batch import Write, commit_with_held, forget_prefetched, hold, send

log = logging.getLogger(__name__)

# Process-wide listeners told "property X committed events" (the realtime relay wakes on this).
_commit_listeners: list[Callable[[uuid.UUID], None]] = []


def on_property_commit(listener: Callable[[uuid.UUID], None]) -> None:
    if listener not in _commit_listeners:
        _commit_listeners.append(listener)


class UnitOfWork:
    def __init__(self, engine: Engine, actor: Actor | None = None, *, write: bool = True,
                 property_id: uuid.UUID | None = None):
        self.engine = engine
        self.actor = actor or Actor.system()
        self.write = write
        self.property_id = property_id
        self.session: Session
        self._after_commit: list[Callable[[], Any]] = []
        self._events_recorded = 0
        self._committed = False
        self._batch: list[Write] | None = None
        # What services remember for the current transaction only (the idempotency keys it
        # claimed): emptied when the transaction ends, by commit or rollback.
        self.in_transaction: dict[str, Any] = {}
        self._held = False  # a batch waits for the commit (batched(with_commit=True))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def __enter__(self) -> UnitOfWork:
        self.session = Session(self.engine, expire_on_commit=False)
        if self.dialect == "sqlite":
            # Writers take SQLite's write lock up front so read-then-write rules are atomic.
            mode = "IMMEDIATE" if self.write else "DEFERRED"
            self.session.connection(execution_options={"sqlite_begin": mode})
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        # close() rolls back whatever was not committed and detaches the loaded objects
        # without expiring them, so results read in the block stay readable after it.
        self.session.close()

    def record_event(self, topic: str, type: str, entity_id: Any = None,
                     payload: dict | None = None) -> None:
        """Write an outbox event in this transaction (published by the relay after commit)."""
        if self.property_id is None:
            raise RuntimeError("events are recorded in a property unit of work")
        from core.events.outbox import OUTBOX_INSERT, event_row

        self.write_rows(OUTBOX_INSERT, event_row(topic, type, entity_id, payload or {}))
        self._events_recorded += 1

    def write_rows(self, statement: UpdateBase,
              params: Mapping[str, Any] | Sequence[Mapping[str, Any]], *,
              rows: int | None = None, error: str = "") -> None:
        """Run an INSERT/UPDATE/DELETE whose result nobody reads: now, or inside `batched()`
        when the block ends, with the block's other writes in one round trip. `rows`: the row
        count it must affect (else RuntimeError(error) when it runs)."""
        write = Write(statement, params, rows, error)
        if self._batch is not None:
            self._batch.append(write)
        else:
            send(self.session.connection(), [write])

    @contextmanager
    def batched(self, *, with_commit: bool = False) -> Iterator[None]:
        """Queue `write_rows` (and recorded events) made in the block; send them in order, in one
        round trip on PostgreSQL, when it ends. Statements run in the block see none of the
        queued writes, so use it only around code that never reads back what it writes. An
        exception drops the queue (the change failed); an inner block leaves sending to the
        outer one.

        `with_commit`: on PostgreSQL, when no queued write has a row count to check, they wait
        and go with the COMMIT in one round trip (`core.db.batch.hold`); any statement run
        before that sends them first, so the effect is the same, but a database error in them
        (a duplicate key) is raised by that statement or by `commit()`, not here."""
        if self._batch is not None:
            yield
            return
        self._batch = batch = list[Write]()
        try:
            yield
        finally:
            self._batch = None
        if batch:
            connection = self.session.connection()
            if with_commit and hold(connection, batch):
                self._held = True
            else:
                send(connection, batch)

    def after_commit(self, callback: Callable[[], Any]) -> None:
        self._after_commit.append(callback)

    def flush(self) -> None:
        self.session.flush()

    def commit(self) -> None:
        if self._batch is not None:
            raise RuntimeError("commit inside UnitOfWork.batched(): its writes are not sent yet")
        if self._held:
            self._held = False
            commit_with_held(self.session)
        else:
            self.session.commit()
        self._committed = True
        self.in_transaction.clear()
        if self._events_recorded and self.property_id is not None:
            for listener in list(_commit_listeners):
                try:
                    listener(self.property_id)
                except Exception:  # a listener must never undo or hide a commit
                    log.exception("commit listener failed")
        for callback in self._after_commit:
            try:
                callback()
            except Exception:
                log.exception("after-commit callback failed")

    def rollback(self) -> None:
        self.session.rollback()
        forget_prefetched(self.session)  # rows read (and locked) in the rolled-back transaction
        self._held = False  # held writes are dropped with the transaction (core.db.batch)
        self.in_transaction.clear()  # what it claimed was undone too
        if self._batch is not None:
            self._batch.clear()
        self._after_commit.clear()
        self._events_recorded = 0


def property_uow(property_id: uuid.UUID | str, actor: Actor | None = None, *,
                 write: bool = True) -> UnitOfWork:
    """Open a unit of work on one property's database.

    The actor's property is checked here: a staff actor bound to another property is refused
    as "not found", so no service can be tricked into reading a foreign property.
    """
    from core.db.engines import engines
    from core.errors import NotFound

    _load_domains()
    pid = property_id if isinstance(property_id, uuid.UUID) else uuid.UUID(str(property_id))
    if actor is not None and not actor.is_superuser:
        if actor.property_id is not None and actor.property_id != pid:
            raise NotFound("Property not found.")
        if actor.property_id is None and actor.chain_id is not None:
            # A chain-level actor (an operator in tenant admin) reaches its own chain only.
            from core.tenancy.registry import property_chain_id

            if property_chain_id(pid) != actor.chain_id:
                raise NotFound("Property not found.")
    return UnitOfWork(engines.get(pid), actor, write=write, property_id=pid)


_domains_loaded = False


def _load_domains() -> None:
    """Import every table module once, and with it each domain package's hook registrations.

    Rules that span domains (check-out refuses an open folio, check-out makes the room dirty)
    register themselves when their package is imported; loading them here means no process can
    change a property's data with a rule missing because it happened not to import a package.
    """
    global _domains_loaded
    if not _domains_loaded:
        from core.db.tables import load_all

        load_all()
        _domains_loaded = True


def control_uow(actor: Actor | None = None, *, write: bool = True) -> UnitOfWork:
    from core.db.engines import control_engine

    return UnitOfWork(control_engine(), actor, write=write)
