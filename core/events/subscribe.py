"""Subscribing to a property's live events: the API Reflex states and SSE streams both use.

    async with open_subscription(property_id, {"reservations"}, last_event_id=41) as sub:
        async for event in sub:          # replays 42.. from the outbox, then goes live
            ...

In a Reflex state, a background event keeps a screen live (no Reflex import is needed here):

    @rx.event(background=True)
    async def follow_arrivals(self):
        async for event in subscribe(self.property_id, {"reservations"}):
            async with self:
                self.reload_arrivals()      # or patch the row event.entity_id with event.payload

One shared feed per event loop and property reads the events (Redis pub/sub when REDIS_URL is
set, else by tailing the outbox table, which also reaches other processes) and fans them out to
bounded per-subscriber queues. A subscriber that lets its queue fill is dropped with a reason and
never slows the feed or its neighbours; it reconnects with the last id it saw and misses nothing.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Iterable

from core.db.uow import property_uow
from core.events.cursor import read_range
from core.events.envelope import EventEnvelope
from core.events.feed import Feed, feed_for

log = logging.getLogger(__name__)

DEFAULT_QUEUE = 1000
REPLAY_PAGE = 500

Predicate = Callable[[EventEnvelope], bool]


class SubscriberDropped(Exception):
    """The subscriber fell too far behind; reconnect with the last event id to catch up."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Subscription:
    def __init__(self, property_id: uuid.UUID, topics: Iterable[str] | None,
                 last_event_id: int | None, max_queue: int, where: Predicate | None):
        self.property_id = property_id
        self.topics = frozenset(topics) if topics is not None else None
        self.where = where
        self.last_id = last_event_id
        self.dropped: str | None = None
        self._queue: asyncio.Queue[EventEnvelope] = asyncio.Queue(maxsize=max_queue)
        self._replay_after = 0  # replay reads (after, upto] from the outbox, a page at a time
        self._replay_upto = 0
        self._replay: list[EventEnvelope] = []
        self._feed: Feed | None = None

    def wants(self, event: EventEnvelope) -> bool:
        return ((self.topics is None or event.topic in self.topics)
                and (self.where is None or self.where(event)))

    def offer(self, event: EventEnvelope) -> None:
        """Called by the feed; never blocks. A full queue drops this subscriber."""
        if self.dropped or not self.wants(event):
            return
        try:
            self._queue.put_nowait(event)
        except asyncio.QueueFull:
            self.dropped = (f"too slow: {self._queue.maxsize} events waiting; reconnect with "
                            f"Last-Event-ID {self.last_id or 0} to catch up")
            self.close()

    async def next(self, timeout: float | None = None) -> EventEnvelope | None:
        """The next event, or None if `timeout` seconds pass without one."""
        while True:
            if self.dropped:
                raise SubscriberDropped(self.dropped)
            while not self._replay and self._replay_after < self._replay_upto:
                await self._load_replay()
            if self._replay:
                event = self._replay.pop(0)
            elif not self._queue.empty():
                event = self._queue.get_nowait()
            else:
                try:
                    # asyncio.timeout, not wait_for: no extra task per event per subscriber.
                    async with asyncio.timeout(timeout):
                        event = await self._queue.get()
                except TimeoutError:
                    return None
            if self._accept(event):
                return event

    def next_ready(self) -> EventEnvelope | None:
        """The next event if one is already here (queued, or in a replay page already read);
        None otherwise, without waiting or reading. For draining a burst in one go."""
        while True:
            if self.dropped:
                raise SubscriberDropped(self.dropped)
            if self._replay:
                event = self._replay.pop(0)
            elif self._replay_after < self._replay_upto or self._queue.empty():
                return None  # a replay page must be read first: that is next()'s job
            else:
                event = self._queue.get_nowait()
            if self._accept(event):
                return event

    def _accept(self, event: EventEnvelope) -> bool:
        """False for an event already seen (replay overlap or a relay republishing after a
        crash); else it becomes the last one seen."""
        if self.last_id is not None and event.id <= self.last_id:
            return False
        self.last_id = event.id
        return True

    async def _load_replay(self) -> None:
        after, upto, pid = self._replay_after, self._replay_upto, self.property_id

        def read() -> list[EventEnvelope]:
            with property_uow(pid, write=False) as uow:
                return read_range(uow.session, pid, after, upto, self.topics, REPLAY_PAGE)

        page = await asyncio.to_thread(read)
        self._replay = [e for e in page if self.where is None or self.where(e)]
        self._replay_after = page[-1].id if len(page) == REPLAY_PAGE else upto

    def start_replay(self, upto: int) -> None:
        """Called by the feed on attach: events up to `upto` come from the outbox, later ones live."""
        if self.last_id is None:
            self.last_id = upto
        elif self.last_id < upto:
            self._replay_after, self._replay_upto = self.last_id, upto

    def __aiter__(self) -> AsyncIterator[EventEnvelope]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[EventEnvelope]:
        while True:
            event = await self.next()
            if event is not None:
                yield event

    def close(self) -> None:
        if self._feed is not None:
            self._feed.detach(self)
            self._feed = None

    async def __aenter__(self) -> Subscription:
        self._feed = feed_for(self.property_id)
        await self._feed.attach(self)
        return self

    async def __aexit__(self, *exc) -> None:
        self.close()


def open_subscription(property_id: uuid.UUID | str, topics: Iterable[str] | None = None,
                      last_event_id: int | None = None, *, max_queue: int = DEFAULT_QUEUE,
                      where: Predicate | None = None) -> Subscription:
    """A subscription to use as `async with`; `topics=None` means every topic."""
    pid = property_id if isinstance(property_id, uuid.UUID) else uuid.UUID(str(property_id))
    return Subscription(pid, topics, last_event_id, max_queue, where)


async def subscribe(property_id: uuid.UUID | str, topics: Iterable[str] | None = None,
                    last_event_id: int | None = None, **kwargs) -> AsyncIterator[EventEnvelope]:
    """Events after `last_event_id` (replayed from the outbox), then live ones, in id order."""
    async with open_subscription(property_id, topics, last_event_id, **kwargs) as sub:
        async for event in sub:
            yield event
