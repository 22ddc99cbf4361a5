"""Writes whose results nobody reads, sent together: one round trip for all of them on Postgres.

A booking writes its booking row, reservations, inventory counters, outbox events and
idempotency answer; none of those statements returns anything the booking needs, yet each one
sent alone is a round trip (and on a busy server two context switches) plus SQLAlchemy's
per-statement work. `UnitOfWork.batched()` queues them (`UnitOfWork.write`) and this module sends
the queue: on PostgreSQL through psycopg's pipeline mode (every statement sent, one sync, results
read once), elsewhere one statement after another through SQLAlchemy. Statements run in the
order they were queued and inside the unit of work's transaction, so the effect is the same as
executing each at once; only the moment differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection, exc
from sqlalchemy.orm import Session
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.elements import ClauseElement


class Write(NamedTuple):
    statement: UpdateBase
    params: Mapping[str, Any] | Sequence[Mapping[str, Any]]
    rows: int | None = None  # the row count it must affect (checked once it ran), None: any
    error: str = ""  # what a wrong row count means


class Read(NamedTuple):
    """A statement whose rows a request will need (`prefetch`, then `read`)."""

    statement: Executable
    params: Mapping[str, Any]


class _Compiled(NamedTuple):
    sql: str
    prepare: Callable[[Mapping[str, Any]], dict[str, Any]]


# (statement, column keys) -> SQL text and parameter preparation, per dialect: compiling is
# most of SQLAlchemy's cost per statement, and these statements are module-level constants.
_compiled: dict[tuple[int, str, tuple[str, ...], bool],
                tuple[Executable, _Compiled | None]] = {}
_MAX_COMPILED = 256


def _compile(statement: Executable, connection: Connection, keys: tuple[str, ...],
             read: bool = False) -> _Compiled | None:
    """SQL and a parameter converter, or None when SQLAlchemy must execute it itself (a column
    default or onupdate evaluated in Python; returned values, unless `read` and every returned
    column comes back from the driver as SQLAlchemy would return it)."""
    dialect = connection.dialect
    cache_key = (id(statement), dialect.name, keys, read)
    found = _compiled.get(cache_key)
    if found is not None and found[0] is statement:
        return found[1]
    if not isinstance(statement, ClauseElement):  # only on a cache miss
        raise TypeError(f"cannot batch {statement!r}: not a SQL expression")
    compiled: Any = statement.compile(dialect=dialect, column_keys=list(keys),
                                      for_executemany=not read)
    converts = any(column[3]._cached_result_processor(dialect, None) is not None
                   for column in compiled._result_columns)
    result: _Compiled | None = None
    if not (compiled.insert_prefetch or compiled.update_prefetch or compiled.positional
            or (converts if read else compiled.effective_returning)):
        processors = dict(compiled._bind_processors)

        def prepare(params: Mapping[str, Any]) -> dict[str, Any]:
            values = compiled.construct_params(params)
            for name, process in processors.items():
                if name in values:
                    values[name] = process(values[name])
            return values

        result = _Compiled(compiled.string, prepare)
    if len(_compiled) >= _MAX_COMPILED:  # statements built per call would pile up otherwise
        _compiled.clear()
    _compiled[cache_key] = (statement, result)  # keeps the statement alive: its id stays unique
    return result


def send(connection: Connection, writes: Sequence[Write]) -> None:
    """Execute `writes` in order in the connection's transaction (one round trip on Postgres),
    after any writes `hold` kept for the commit.

    Raises as SQLAlchemy would (a DBAPIError wrapping the driver's error)."""
    held = connection.info.pop(_HELD, None) or []
    if not writes and not held:
        return
    plan = _pipeline_plan(connection, writes) \
        if connection.dialect.name == "postgresql" and (len(writes) > 1 or held) else None
    if plan is None:
        if held:
            _run(connection, held)
        for write in writes:
            result = connection.execute(write.statement, write.params)  # type: ignore[arg-type]
            _check(write, result.rowcount)
        return
    _run(connection, held + plan)


_Plan = list[tuple[Write, list[dict[str, Any]], str]]


def _queue(raw: Any, plan: _Plan) -> list[tuple[Write | None, Any]]:
    cursors: list[tuple[Write | None, Any]] = []
    for write, values, sql in plan:
        cursor = raw.cursor()
        if len(values) == 1:
            cursor.execute(sql, values[0])
        else:
            cursor.executemany(sql, values)
        cursors.append((write, cursor))
    return cursors


def _run(connection: Connection, plan: _Plan, *, commit: bool = False) -> None:
    """Send a plan in one pipeline, followed by COMMIT when `commit` (skipped by the server,
    the transaction left failed, when a write fails)."""
    raw: Any = connection.connection.driver_connection
    cursors: list[tuple[Write | None, Any]] = []  # None: the COMMIT
    try:
        try:
            with raw.pipeline():
                cursors = _queue(raw, plan)
                if commit:
                    cursors.append((None, raw.cursor()))
                    cursors[-1][1].execute("COMMIT")
        except connection.dialect.loaded_dbapi.Error as err:
            raise exc.DBAPIError.instance(plan[-1][2], None, err,
                                          connection.dialect.loaded_dbapi.Error,
                                          dialect=connection.dialect) from err
        for write, cursor in cursors:
            if write is not None:
                _check(write, cursor.rowcount)
    finally:
        for _write, cursor in cursors:
            cursor.close()


# -- writes sent with the COMMIT -------------------------------------------------------------

_HELD = "gj_held"  # Connection.info key: planned writes that go with the next statement/COMMIT


def hold(connection: Connection, writes: Sequence[Write]) -> bool:
    """Keep `writes` to send with the transaction's COMMIT (`commit_with_held`: one round trip
    for both) instead of now. Only on PostgreSQL, when none has a row count to check (it would
    be known only after the commit) and the driver can send each. Until then any other
    statement on the connection sends them first (`send`, `prefetch`, and SQLAlchemy's
    before-execute and commit events), so nothing ever reads around them; a rollback drops
    them. False when not held (the caller sends them now)."""
    if connection.dialect.name != "postgresql" or any(w.rows is not None for w in writes):
        return False
    plan = _pipeline_plan(connection, writes)
    if plan is None:
        return False
    _guard(connection.engine)
    connection.info.setdefault(_HELD, []).extend(plan)
    return True


def commit_with_held(session: Session) -> None:
    """Commit the session's transaction with the held writes sent ahead of the COMMIT in the
    same round trip. A failing write aborts the transaction: nothing is committed and its error
    is raised (as SQLAlchemy raises it)."""
    session.flush()  # ORM changes belong to the transaction: written before the COMMIT
    connection = session.connection()
    plan = connection.info.pop(_HELD, None)
    if plan:
        _run(connection, plan, commit=True)
    # SQLAlchemy's own commit: the driver finds the transaction already ended (no round trip).
    session.commit()


def _send_held(conn: Connection, *_args: Any) -> None:
    plan = conn.info.pop(_HELD, None)
    if plan:
        _run(conn, plan)


def _drop_held(conn: Connection, *_args: Any) -> None:
    conn.info.pop(_HELD, None)


def _guard(engine: Any) -> None:
    from sqlalchemy import event

    if not event.contains(engine, "before_cursor_execute", _send_held):
        event.listen(engine, "before_cursor_execute", _send_held)
        event.listen(engine, "commit", _send_held)
        event.listen(engine, "rollback", _drop_held)


def _pipeline_plan(connection: Connection, writes: Sequence[Write]) -> _Plan | None:
    """(write, driver parameters, SQL) per statement to send; None if one of them needs
    SQLAlchemy to execute it. Consecutive writes of one statement with the same columns and no
    row count to check become one executemany."""
    groups: list[tuple[Write, list[Mapping[str, Any]]]] = []
    for write in writes:
        params = [write.params] if isinstance(write.params, Mapping) else list(write.params)
        if not params:
            continue
        last = groups[-1] if groups else None
        if (last is not None and last[0].statement is write.statement
                and last[0].rows is None and write.rows is None
                and tuple(last[1][0]) == tuple(params[0])):
            last[1].extend(params)
        else:
            groups.append((write, params))
    plan = []
    for write, params in groups:
        compiled = _compile(write.statement, connection, tuple(params[0]))
        if compiled is None:
            return None
        plan.append((write, [compiled.prepare(p) for p in params], compiled.sql))
    return plan


_PREFETCHED = "gj_prefetched"  # Session.info key: rows read ahead, handed out once by `read`


def _read_key(read: Read) -> tuple[int, tuple[tuple[str, Any], ...]]:
    return id(read.statement), tuple(sorted(read.params.items()))


def prefetch(session: Session, reads: Sequence[Read]) -> bool:
    """Run independent reads, in order, in one round trip (PostgreSQL pipeline mode) and keep
    their rows for `read`. False, and nothing run, where that is not possible (SQLite, or a
    statement SQLAlchemy must execute itself): `read` then runs each statement as usual.

    The rows are handed out once each; `forget_prefetched` drops any left, so a prefetched read
    never answers a question asked after the request's own writes."""
    connection = session.connection()
    if connection.dialect.name != "postgresql" or len(reads) < 2:
        return False
    plan = []
    for one in reads:
        compiled = _compile(one.statement, connection, tuple(one.params), read=True)
        if compiled is None:
            return False
        plan.append((compiled.sql, compiled.prepare(one.params)))
    from psycopg.rows import namedtuple_row

    raw: Any = connection.connection.driver_connection
    held = connection.info.pop(_HELD, None) or []
    writes, cursors = [], []
    sql = ""
    try:
        with raw.pipeline():
            writes = _queue(raw, held)  # what must be written before anything is read
            for sql, values in plan:
                cursor = raw.cursor(row_factory=namedtuple_row)
                cursor.execute(sql, values)
                cursors.append(cursor)
        results = [cursor.fetchall() for cursor in cursors]
    except connection.dialect.loaded_dbapi.Error as err:
        raise exc.DBAPIError.instance(sql, None, err, connection.dialect.loaded_dbapi.Error,
                                      dialect=connection.dialect) from err
    finally:
        for cursor in cursors + [cursor for _write, cursor in writes]:
            cursor.close()
    store = session.info.setdefault(_PREFETCHED, {})
    for one, rows in zip(reads, results, strict=True):
        store[_read_key(one)] = rows
    return True


def read(session: Session, statement: Executable, params: Mapping[str, Any]) -> Sequence[Any]:
    """The rows of `statement`: prefetched ones (once), else from executing it now."""
    store = session.info.get(_PREFETCHED)
    if store:
        rows = store.pop(_read_key(Read(statement, params)), None)
        if rows is not None:
            return rows
    return session.connection().execute(statement, params).all()  # type: ignore[call-overload]


def forget_prefetched(session: Session) -> None:
    session.info.pop(_PREFETCHED, None)


def _check(write: Write, rowcount: int) -> None:
    if write.rows is not None and rowcount != write.rows:
        raise RuntimeError(write.error or f"{write.statement} changed {rowcount} row(s), "
                           f"expected {write.rows}")
