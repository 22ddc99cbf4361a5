"""Reads that every live tab of this process can share instead of each repeating them.

When an event reaches a property's live screens, each of N tabs would read the same board: N
identical reads, each a few milliseconds. A page that knows its read depends only on the property,
the last event applied and what the viewer may see, asks here instead: the first tab computes,
the others (same key) reuse the result. Reflex runs the followers on one event loop, and
`_apply_live` is synchronous, so "first" is well defined and no lock is held across a read.

An entry lives MAX_AGE seconds at most: the key already changes with every event; the age only
bounds what a change without an event (there should be none) could leave on screen. Results are
shared objects: callers must treat them as read-only (assign copies to state vars they mutate).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

MAX_AGE = 5.0
MAX_ENTRIES = 256


class SharedReads:
    def __init__(self, max_age: float = MAX_AGE, max_entries: int = MAX_ENTRIES) -> None:
        self.max_age = max_age
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None and hit[0] > now:
                self.hits += 1
                return hit[1]
        value = compute()  # an exception is not cached: the next tab tries again
        with self._lock:
            self.misses += 1
            self._entries[key] = (now + self.max_age, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


SHARED_READS = SharedReads()


def viewer_key(actor: Any) -> Hashable:
    """What decides what a staff member may see of a property's shared screens (not who they
    are: use this only for reads that do not depend on the user)."""
    return (actor.kind, actor.property_id, actor.chain_id, actor.permissions, actor.is_superuser)


def live_key(page: str, events: Sequence[Any], actor: Any, *parts: Hashable) -> Hashable:
    """The key of a live page's shared read after `events`: the page, the last event applied,
    what the viewer may see, and whatever else the read depends on (a floor, a date range)."""
    return (page, events[-1].id if events else 0, viewer_key(actor), *parts)
