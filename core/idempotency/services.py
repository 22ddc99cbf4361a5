"""Run a mutation at most once per idempotency key; replays get the first result back."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from core.db.uow import UnitOfWork
from core.errors import IdempotencyMismatch, ValidationFailed
from core.events.outbox import _jsonable
from core.idempotency.models import IdempotencyRecord

T = TypeVar("T", bound=BaseModel)
MAX_KEY_LENGTH = 255


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


def claim(uow: UnitOfWork, operation: str, key: str, request: Any) -> dict[str, Any] | None:
    """Claim `key` for this transaction, or return the stored response of the first request.

    The claim is an INSERT in a savepoint: on Postgres a concurrent duplicate blocks on the
    primary key until the winner commits (then fails and reads the winner's response) or rolls
    back (then the claim succeeds). On SQLite writers are serialised, so the read suffices.
    """
    key = (key or "").strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValidationFailed(f"The idempotency key must be 1 to {MAX_KEY_LENGTH} characters.",
                               fields={"idempotency_key": "must be 1-255 characters"},
                               code="invalid_idempotency_key")
    digest = fingerprint(request)
    existing = _load(uow, operation, key)
    if existing is not None:
        return _replay(existing, digest, key)
    try:
        with uow.session.begin_nested():
            uow.session.add(IdempotencyRecord(operation=operation, key=key, fingerprint=digest))
    except IntegrityError:
        existing = _load(uow, operation, key)
        if existing is None:  # pragma: no cover - the winner's row vanished: a real bug
            raise
        return _replay(existing, digest, key)
    return None


def record_result(uow: UnitOfWork, operation: str, key: str, response: dict[str, Any]) -> None:
    record = _load(uow, operation, key.strip())
    if record is None:
        raise RuntimeError(f"idempotency key {key!r} was not claimed in this transaction")
    record.response = _jsonable(response)
    uow.session.add(record)


def idempotent(uow: UnitOfWork, operation: str, key: str | None, request: Any,
               run: Callable[[], T], result_type: type[T]) -> T:
    """Run `run()` once per (operation, key) in this unit of work; replays rebuild the first result.

    With no key the mutation simply runs. The caller commits the unit of work as usual, so the
    key, the effect and its events are stored together or not at all.
    """
    if key is None:
        return run()
    stored = claim(uow, operation, key, request)
    if stored is not None:
        return result_type.model_validate(stored)
    result = run()
    record_result(uow, operation, key, result.model_dump(mode="json"))
    return result
