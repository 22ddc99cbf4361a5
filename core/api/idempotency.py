"""The HTTP side of idempotency: the `Idempotency-Key` header, handed to core services.

The key is stored by core.idempotency in the same transaction as the effect, so a replay
returns the first response (same status, same body) and causes no second effect, and the same
key with a different body is refused with 422 `idempotency_key_reused`. A concurrent duplicate
waits for the first request's transaction and then replays its answer.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Header

from core.idempotency.services import MAX_KEY_LENGTH

IdempotencyKey = Annotated[str | None, Header(
    alias="Idempotency-Key", min_length=1, max_length=MAX_KEY_LENGTH,
    description="Any unique string (a UUID is best). Retrying with the same key returns the "
                "first response without doing the work twice; reusing it with a different "
                "body is refused (422 idempotency_key_reused).")]


def item_key(key: str | None, index: int) -> str | None:
    """The key of one item of a bulk request: each item is replayed (or retried) on its own."""
    if key is None:
        return None
    suffix = f"#{index}"
    return key[:MAX_KEY_LENGTH - len(suffix)] + suffix
