"""One live feed per event loop and property, fanning events out to local subscribers.

The feed follows Redis pub/sub when REDIS_URL is set and otherwise tails the outbox table. When
Redis fails it tails the outbox meanwhile and goes back to Redis once it answers again, catching up
from the outbox first, so a Redis outage delays nothing and loses nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
import uuid
import weakref
from typing import TYPE_CHECKING

import redis
import redis.asyncio as aioredis

from core.config import get_settings
from core.db.uow import on_property_commit, property_uow
from core.events.cursor import OrderedCursor
from core.events.envelope import EventEnvelope, property_pattern

if TYPE_CHECKING:
    from core.events.subscribe import Subscription

log = logging.getLogger(__name__)

POLL_INTERVAL = 0.1         # tailing: how often to read when nothing told us to look sooner
PROBE_INTERVAL = 0.01       # SQLite: how often to stat the database files for another process's commit
FILE_POLL_INTERVAL = 1.0    # SQLite: the stat sees every commit; reading anyway is a safety net
REDIS_RETRY_INTERVAL = 2.0  # after Redis failed: tail the outbox, and try Redis again this often
TAIL_BATCH = 500
HAND_OUT_GROUP = 10         # subscribers offered an event before letting them run


class Feed:
    def __init__(self, property_id: uuid.UUID, loop: asyncio.AbstractEventLoop):
        self.property_id = property_id
        self.loop = loop
        self.position = 0
        self.mode = "starting"
        # Weak: a subscription whose owner vanished without closing it (an SSE response that was
        # never started because the client left) simply disappears instead of leaking.
        self.subscribers: weakref.WeakSet[Subscription] = weakref.WeakSet()
        self._cursor = OrderedCursor(property_id)
        self._ready = asyncio.Event()
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._start_error: BaseException | None = None
        self._files: tuple[str, ...] = ()  # SQLite database files whose changes we watch
        self._pending: list[EventEnvelope] = []  # delivered, not yet offered to everyone
        self._handing_out: asyncio.Task | None = None

    async def attach(self, sub: Subscription) -> None:
        self.subscribers.add(sub)
        if self._task is None or self._task.done():
            self._task = self.loop.create_task(self._run(), name=f"feed-{self.property_id}")
        await self._ready.wait()
        if self._start_error is not None:
            self.detach(sub)
            raise self._start_error
        sub.start_replay(self.position)

    def detach(self, sub: Subscription) -> None:
        self.subscribers.discard(sub)
        if not self.subscribers:
            _forget(self)
            if self._task is not None:
                self._task.cancel()

    def wake(self) -> None:
        """Thread-safe: a commit in this process recorded events for our property."""
        with contextlib.suppress(RuntimeError):  # the loop is already closed
            self.loop.call_soon_threadsafe(self._wake.set)

    def _deliver(self, events: list[EventEnvelope]) -> None:
        """Queue new events for every subscriber; `_hand_out` gives them out in id order."""
        for event in events:
            if event.id <= self.position:
                continue
            self.position = event.id
            self._pending.append(event)
        if self._pending and (self._handing_out is None or self._handing_out.done()):
            self._handing_out = self.loop.create_task(self._hand_out(),
                                                      name=f"feed-out-{self.property_id}")

    async def _hand_out(self) -> None:
        """Offer the pending events to a few subscribers at a time, letting them run before the
        next few: what they send (a live tab's delta, an SSE frame) leaves at once, instead of
        every subscriber computing first and every socket writing after all of them, so with
        100 live tabs the first browsers render while the last tabs are still computed. One
        task, so events reach every subscriber in id order. Groups of HAND_OUT_GROUP, not one:
        each turn of the event loop polls the sockets, and a turn per subscriber cost 200 SSE
        streams ~40 % more CPU per event (sse_bench.py)."""
        while self._pending:
            events, self._pending = self._pending, []
            for n, sub in enumerate(list(self.subscribers), 1):
                for event in events:
                    sub.offer(event)
                if n % HAND_OUT_GROUP == 0:
                    await asyncio.sleep(0)

    async def _run(self) -> None:
        if not self._ready.is_set():  # a restarted feed keeps its position
            try:
                await asyncio.to_thread(self._start_at_head)
                self.position = self._cursor.position
            except Exception as exc:
                self._start_error = exc
                self._ready.set()
                _forget(self)
                return
            self._ready.set()
        try:
            await self._follow()
        finally:
            if not self.subscribers:
                _forget(self)

    async def _follow(self) -> None:
        redis_url = get_settings().redis_url
        retry_redis_at = 0.0
        while self.subscribers:
            if redis_url and self.loop.time() >= retry_redis_at:
                try:
                    await self._follow_redis(redis_url)
                except (redis.RedisError, OSError) as exc:
                    log.warning("live feed of %s: Redis unavailable (%s); tailing the outbox",
                                self.property_id, exc)
                    retry_redis_at = self.loop.time() + REDIS_RETRY_INTERVAL
                continue
            self.mode = "tail"
            self._wake.clear()
            before = _stat_files(self._files)  # before the read: a commit during it is seen
            try:
                await self._tail()
            except Exception:  # the database blinked: keep the subscribers, try again shortly
                log.exception("live feed of %s could not read the outbox", self.property_id)
            await self._wait_for_change(before)

    async def _wait_for_change(self, before: tuple) -> None:
        """Until a commit here wakes us, the SQLite files change (a commit elsewhere), or the poll.

        A commit by another process (the booking site, a job) shows up as a change of the
        database or its write-ahead log; a stat is microseconds, a read would be a transaction,
        so with files to watch an idle feed reads only every FILE_POLL_INTERVAL.
        """
        deadline = self.loop.time() + (FILE_POLL_INTERVAL if self._files else POLL_INTERVAL)
        while self.loop.time() < deadline:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(PROBE_INTERVAL if self._files else POLL_INTERVAL):
                    await self._wake.wait()
            if self._wake.is_set() or (self._files and _stat_files(self._files) != before):
                return

    async def _follow_local_commits(self) -> None:
        """With Redis: a commit in this very process is read at once instead of via the relay.

        Both paths hand out settled events in id order and `_deliver` drops what it has passed,
        so whichever arrives first wins and nothing is doubled or skipped.
        """
        while True:
            await self._wake.wait()
            self._wake.clear()
            try:
                await self._tail()
            except Exception:
                log.exception("live feed of %s could not read the outbox", self.property_id)

    def _start_at_head(self) -> None:
        with property_uow(self.property_id, write=False) as uow:
            self._cursor.start_at_head(uow.session)
            if uow.dialect == "sqlite" and uow.engine.url.database not in (None, "", ":memory:"):
                db = str(uow.engine.url.database)
                self._files = (db, db + "-wal")

    def _read(self) -> list[EventEnvelope]:
        # Only this method (one call at a time) touches the cursor; Redis may have moved us on.
        self._cursor.advance(self.position)
        with property_uow(self.property_id, write=False) as uow:
            events = self._cursor.fetch(uow.session, TAIL_BATCH)
            return events

    async def _tail(self) -> None:
        while True:
            events = await asyncio.to_thread(self._read)
            self._deliver(events)
            if len(events) < TAIL_BATCH:
                return

    async def _follow_redis(self, url: str) -> None:
        client = aioredis.from_url(url, socket_connect_timeout=2, health_check_interval=10)
        pubsub = client.pubsub()
        local: asyncio.Task | None = None
        try:
            await pubsub.psubscribe(property_pattern(self.property_id))
            # Subscribed first, then catch up: whatever Redis carried meanwhile is a duplicate.
            await self._tail()
            self.mode = "redis"
            local = self.loop.create_task(self._follow_local_commits())
            while self.subscribers:
                msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if msg and msg.get("type") == "pmessage":
                    self._deliver([EventEnvelope.from_json(msg["data"])])
        finally:
            if local is not None:
                local.cancel()
            self.mode = "tail"
            with contextlib.suppress(Exception):
                await pubsub.aclose()
                await client.aclose()


def _stat_files(paths: tuple[str, ...]) -> tuple:
    out: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            st = os.stat(path)
            out.append((st.st_mtime_ns, st.st_size))
        except OSError:
            out.append(None)
    return tuple(out)


# Feeds by event loop (each Reflex/uvicorn worker has one loop; tests may make several).
_feeds: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[uuid.UUID, Feed]] = \
    weakref.WeakKeyDictionary()
_all: weakref.WeakSet[Feed] = weakref.WeakSet()
_lock = threading.Lock()


def feed_for(property_id: uuid.UUID) -> Feed:
    loop = asyncio.get_running_loop()
    with _lock:
        feeds = _feeds.setdefault(loop, {})
        feed = feeds.get(property_id)
        if feed is None:
            feed = feeds[property_id] = Feed(property_id, loop)
            _all.add(feed)
        return feed


def _forget(feed: Feed) -> None:
    with _lock:
        feeds = _feeds.get(feed.loop, {})
        if feeds.get(feed.property_id) is feed:
            del feeds[feed.property_id]
        _all.discard(feed)


def _on_commit(property_id: uuid.UUID) -> None:
    with _lock:
        feeds = [f for f in _all if f.property_id == property_id]
    for feed in feeds:
        feed.wake()


on_property_commit(_on_commit)
