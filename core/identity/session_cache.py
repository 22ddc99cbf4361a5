"""A short-lived memo of resolved browser sessions, for screens that refresh many times a second.

A live screen re-reads its data on every event; resolving the session cookie each time (a control
database read, 2-3 ms) is paid per tab per event. Reads may instead reuse an Actor resolved at most
MAX_AGE seconds ago: a session revoked in another process stops receiving data within MAX_AGE, and
one revoked in this process (logout, password change, disabling the user, a role taken away) on
the very next request, because `sessions.revoke`/`revoke_all` and `grants.revoke_role` call
`forget_after_commit`: the memo is cleared when the revocation is written and again once its
transaction commits, so a read that raced the commit (and saw the old row) is not kept either.
Writes always resolve afresh.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict

from sqlalchemy import event
from sqlalchemy.orm import Session

from core.actor import Actor

MAX_AGE = 2.0      # seconds a resolved session may be reused for reads
MAX_ENTRIES = 2048

_Key = tuple[str, uuid.UUID | None, str | None, str | None]
_entries: OrderedDict[_Key, tuple[float, Actor]] = OrderedDict()
_lock = threading.Lock()
_generation = 0  # bumped by forget_all: a resolve that began before it is not kept


def recent_actor(cookie: str | None, *, property_id: uuid.UUID | None = None,
                 ip: str | None = None, user_agent: str | None = None) -> Actor:
    """The Actor of a browser session, resolved at most MAX_AGE seconds ago; InvalidToken (and
    the rest of actor_from_session_cookie's refusals) are never cached."""
    from core.identity.resolve import actor_from_session_cookie

    key = (cookie or "", property_id, ip, user_agent)
    now = time.monotonic()
    with _lock:
        hit = _entries.get(key)
        generation = _generation
    if hit is not None and hit[0] > now:
        return hit[1]
    actor = actor_from_session_cookie(cookie, property_id=property_id, ip=ip,
                                      user_agent=user_agent)
    with _lock:
        if generation == _generation:
            _entries[key] = (now + MAX_AGE, actor)
            _entries.move_to_end(key)
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    return actor


def forget_all() -> None:
    """A session ended in this process: resolve every session afresh from now on."""
    global _generation
    with _lock:
        _generation += 1
        _entries.clear()


def forget_after_commit(session: Session) -> None:
    """`session` is revoking a session or a role: forget every memo now and again when it commits
    (a resolve that began before then read the old rows, and the generation bump drops it)."""
    forget_all()
    if not event.contains(session, "after_commit", _forget_on_commit):
        event.listen(session, "after_commit", _forget_on_commit)


def _forget_on_commit(session: Session) -> None:
    forget_all()
