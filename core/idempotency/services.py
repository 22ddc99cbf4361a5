"""Run a mutation at most once per idempotency key; replays get the first result back."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import Table, bindparam, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import select

from core.db.batch import Read, prefetch, read
from core.db.uow import UnitOfWork
from core.errors import IdempotencyMismatch, ValidationFailed
from core.events.outbox import _jsonable
from core.idempotency.models import IdempotencyRecord
from core.timeutil import utcnow

T = TypeVar("T", bound=BaseModel)
MAX_KEY_LENGTH = 255

# The claim and the answer are written on every keyed mutation: built once (statement
# construction cost more app CPU than the round trip), keyed by "is this Postgres".
_TABLE: Table = IdempotencyRecord.__table__  # type: ignore[attr-defined]
_CLAIM = {postgres: insert(_TABLE).on_conflict_do_nothing().returning(_TABLE.c.key)
          for postgres, insert in ((True, pg_insert), (False, sqlite_insert))}
_RECORD = update(_TABLE).where(
    _TABLE.c.operation == bindparam("b_operation"), _TABLE.c.key == bindparam("b_key"),
    _TABLE.c.response.is_(None)).values(
        response=bindparam("b_response", type_=_TABLE.c.response.type))


# UnitOfWork.in_transaction key: (operation, key) claimed in this transaction and not answered
# yet (the unit of work forgets them when the transaction ends).
_CLAIMED = "idempotency_claimed"


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return _jsonable(value)


def fingerprint(request: Any) -> str:
    """A stable hash of the request body (key order and Decimal/date types do not matter)."""
    body = json.dumps(_plain(request), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def _load(uow: UnitOfWork, operation: str, key: str) -> IdempotencyRecord | None:
    stmt = select(IdempotencyRecord).where(IdempotencyRecord.operation == operation,
                                           IdempotencyRecord.key == key)
    return uow.session.exec(stmt.execution_options(populate_existing=True)).first()


def _replay(record: IdempotencyRecord, digest: str, key: str) -> dict[str, Any]:
    if record.fingerprint != digest:
        raise IdempotencyMismatch(
            f"The idempotency key '{key}' was already used with a different request.",
            fields={"idempotency_key": "already used with a different request"},
        )
    if record.response is None:  # only possible inside the winner's own transaction
        raise IdempotencyMismatch(f"The idempotency key '{key}' is in use by this request.",
                                  fields={"idempotency_key": "in use"})
    return record.response


def claim(uow: UnitOfWork, operation: str, key: str, request: Any,
          reads: Sequence[Read] = ()) -> dict[str, Any] | None:
    """Claim `key` for this transaction, or return the stored response of the first request.

    The claim is one INSERT ... ON CONFLICT DO NOTHING: on Postgres a concurrent duplicate
    waits on the primary key until the winner commits (then inserts nothing and reads the
    winner's response) or rolls back (then the claim succeeds). SQLite serialises writers.
    `reads` the mutation will need are sent after the claim in the same round trip where
    possible (`core.db.batch.prefetch`).
    """
    key = (key or "").strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValidationFailed(f"The idempotency key must be 1 to {MAX_KEY_LENGTH} characters.",
                               fields={"idempotency_key": "must be 1-255 characters"},
                               code="invalid_idempotency_key")
    digest = fingerprint(request)
    statement = _CLAIM[uow.dialect == "postgresql"]
    params = {"operation": operation, "key": key, "fingerprint": digest, "created_at": utcnow()}
    if reads:
        prefetch(uow.session, [Read(statement, params), *reads])
    if read(uow.session, statement, params):
        uow.in_transaction.setdefault(_CLAIMED, set()).add((operation, key))
        return None
    existing = _load(uow, operation, key)
    if existing is None:  # pragma: no cover - the winner's row vanished: a real bug
        raise RuntimeError(f"idempotency key {key!r} conflicted but cannot be read")
    return _replay(existing, digest, key)


def record_result(uow: UnitOfWork, operation: str, key: str, response: dict[str, Any]) -> None:
    """Store the answer to replay; `response` is JSON-ready already (a model_dump(mode="json"):
    walking it again to convert values cost app CPU on every keyed booking).

    Once per claim made in this transaction: the claim inserted the row (with no response) and
    holds it until the commit, and nothing else writes the table, so the update changes exactly
    that row. Checking that here, rather than the update's row count, lets the update go with
    the COMMIT (`UnitOfWork.batched(with_commit=True)`)."""
    key = key.strip()
    claimed = uow.in_transaction.get(_CLAIMED, set())
    if (operation, key) not in claimed:
        raise RuntimeError(f"idempotency key {key!r} was not claimed in this transaction")
    claimed.discard((operation, key))
    uow.write_rows(_RECORD, {"b_operation": operation, "b_key": key, "b_response": response})


def idempotent(uow: UnitOfWork, operation: str, key: str | None, request: Any,
               run: Callable[[], T], result_type: type[T], *,
               reads: Sequence[Read] = ()) -> T:
    """Run `run()` once per (operation, key) in this unit of work; replays rebuild the first result.

    With no key the mutation simply runs. The caller commits the unit of work as usual, so the
    key, the effect and its events are stored together or not at all. `reads`: statements
    `run()` will read, sent with the claim in one round trip where possible.
    """
    if key is None:
        if reads:
            prefetch(uow.session, reads)
        return run()
    # The caller is part of the fingerprint: someone else's key can never replay their answer.
    caller = f"{uow.actor.kind}:{uow.actor.user_id or uow.actor.name}"
    stored = claim(uow, operation, key, {"caller": caller, "request": request}, reads)
    if stored is not None:
        return result_type.model_validate(stored)
    result = run()
    record_result(uow, operation, key, result.model_dump(mode="json"))
    return result
