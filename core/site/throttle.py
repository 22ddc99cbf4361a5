"""Rate limit for the public booking lookup: a few tries per minute per address and reference.

Counters live in Redis when REDIS_URL is set (shared by all app processes), else in this
process. Only failed lookups count, so a guest who types their details right is never slowed.
"""

from __future__ import annotations

import threading
import time

from core.config import get_settings
from core.errors import DomainError

WINDOW = 60
MAX_FAILURES = 5
_memory: dict[tuple[str, int], int] = {}
_lock = threading.Lock()


class TooManyLookups(DomainError):
    http_status = 429
    code = "too_many_lookups"


def _redis():
    url = get_settings().redis_url
    if not url:
        return None
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)


def _count(key: str, window: int, add: int) -> int:
    client = _redis()
    name = f"gj:lookup:{key}:{window}"
    if client is not None:
        try:
            if add:
                pipe = client.pipeline()
                pipe.incrby(name, add)
                pipe.expire(name, WINDOW * 2)
                return int(pipe.execute()[0])
            return int(client.get(name) or 0)
        except Exception:  # noqa: BLE001 - a limiter outage must not block guests
            return 0
    with _lock:
        if len(_memory) > 50_000:
            _memory.clear()
        _memory[(key, window)] = _memory.get((key, window), 0) + add
        return _memory[(key, window)]


def _keys(ip: str | None, reference: str) -> list[str]:
    return [f"addr:{ip or 'unknown'}", f"ref:{reference.strip().upper()}"]


def check(ip: str | None, reference: str) -> None:
    window = int(time.time() // WINDOW)
    for key in _keys(ip, reference):
        if _count(key, window, 0) >= MAX_FAILURES:
            raise TooManyLookups("Too many attempts. Please wait a minute and try again.",
                                 fields={"reference": "too many attempts"})


def record_failure(ip: str | None, reference: str) -> None:
    window = int(time.time() // WINDOW)
    for key in _keys(ip, reference):
        _count(key, window, 1)
