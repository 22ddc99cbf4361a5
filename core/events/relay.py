"""The outbox relay: publishes each property's committed events in order, then marks them published.

Run it alone with `gj relay` (gj_cli/relay_cmd.py); `gj run` starts one too.
Several may run at once: a lease row per property lets one publish it at a time. Delivery is
at-least-once (publish, then record progress), so a relay killed between the two republishes a
few events and consumers drop ids they already have. Redis being away only delays publishing:
the position does not move until Redis took the events.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import redis

from core.config import get_settings
from core.db.uow import on_property_commit, property_uow
from core.events import bus, lease
from core.events.cursor import OrderedCursor
from core.events.envelope import WAKE_CHANNEL

log = logging.getLogger(__name__)

Dispatch = Callable[[uuid.UUID, uuid.UUID], object]


@dataclass
class _Stream:
    property_id: uuid.UUID
    cursor: OrderedCursor | None = None  # set while we hold the lease
    renew_at: float = 0.0
    next_sweep: float = 0.0
    retry_at: float = 0.0


@dataclass
class RelayStats:
    published: int = 0
    batches: int = 0
    redis_failures: int = 0
    errors: list[str] = field(default_factory=list)


class Relay:
    """Publishes outbox events of every active property (or of `property_ids` when given)."""

    def __init__(self, *, holder: str | None = None, poll_interval: float = 0.2,
                 lease_ttl: float = 10.0, batch_size: int = 500, redis_url: str | None = None,
                 dispatch: Dispatch | None = None, property_ids: list[uuid.UUID] | None = None,
                 sweep_interval: float = 1.0, lease_retry: float = 2.0):
        settings = get_settings()
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.poll_interval = poll_interval
        self.lease_ttl = lease_ttl
        self.batch_size = batch_size
        self.sweep_interval = sweep_interval
        self.lease_retry = lease_retry  # how often a standby relay asks for a taken lease
        self.redis_url = redis_url if redis_url is not None else settings.redis_url
        self._redis = bus.redis_client(self.redis_url) if self.redis_url else None
        self._fixed = property_ids
        self._streams: dict[uuid.UUID, _Stream] = {}
        self._listed_at = 0.0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._pool: ThreadPoolExecutor | None = None
        self._dispatch = dispatch or self._deliver_in_pool
        self.stats = RelayStats()
        on_property_commit(self._on_commit)

    # -- waking -------------------------------------------------------------------------------
    def _on_commit(self, property_id: uuid.UUID) -> None:
        self._wake.set()

    def _listen_for_wakeups(self) -> None:
        """Other processes publish on the wake channel after committing events."""
        while not self._stop.is_set():
            try:
                pubsub = bus.redis_client(self.redis_url or "", timeout=5).pubsub()
                pubsub.subscribe(WAKE_CHANNEL)
                while not self._stop.is_set():
                    if pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0):
                        self._wake.set()
            except redis.RedisError:
                self._stop.wait(1.0)  # Redis is away: polling carries on; try again shortly

    # -- the loop -----------------------------------------------------------------------------
    def run_forever(self) -> None:
        if self._redis is not None:
            threading.Thread(target=self._listen_for_wakeups, name="relay-wake",
                             daemon=True).start()
        log.info("relay %s running (redis=%s)", self.holder, bool(self._redis))
        try:
            while not self._stop.is_set():
                busy = self.run_once()
                if not busy:
                    self._wake.wait(self.poll_interval)
                    self._wake.clear()
        finally:
            self.release_all()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run_forever, name="outbox-relay", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def run_once(self) -> int:
        """One pass over all properties; returns how many events were published."""
        total = 0
        for stream in self._current_streams():
            try:
                total += self._pump(stream)
            except lease.LeaseLost:
                log.warning("relay %s lost the lease of %s", self.holder, stream.property_id)
                stream.cursor = None
            except Exception as exc:  # one broken property must not stop the others
                log.exception("relay failed on property %s", stream.property_id)
                self.stats.errors.append(f"{stream.property_id}: {exc}")
                stream.cursor = None
                stream.retry_at = time.monotonic() + 1.0
        return total

    def _current_streams(self) -> list[_Stream]:
        now = time.monotonic()
        if self._fixed is not None:
            ids = self._fixed
        elif not self._listed_at or now - self._listed_at > 5.0:
            from core.tenancy.registry import list_properties

            try:
                ids = [p.id for p in list_properties(active_only=True)]
            except Exception:
                log.exception("could not list properties; keeping the known ones")
                ids = list(self._streams)
            self._listed_at = now
        else:
            ids = list(self._streams)
        for pid in ids:
            self._streams.setdefault(pid, _Stream(pid))
        for gone in set(self._streams) - set(ids):
            self._streams.pop(gone)
        return list(self._streams.values())

    def _pump(self, stream: _Stream) -> int:
        now = time.monotonic()
        if now < stream.retry_at:
            return 0
        pid = stream.property_id
        if stream.cursor is None or now >= stream.renew_at:
            with property_uow(pid) as uow:
                position = lease.try_acquire(uow.session, self.holder, self.lease_ttl)
                uow.commit()
            if position is None:
                stream.cursor = None
                stream.retry_at = now + self.lease_retry
                return 0
            if stream.cursor is None or stream.cursor.position != position:
                stream.cursor = OrderedCursor(pid, position)
            stream.renew_at = now + self.lease_ttl / 3
        cursor = stream.cursor
        with property_uow(pid, write=False) as uow:
            events = cursor.fetch(uow.session, self.batch_size)
            last = cursor.last_ready
        published = 0
        if last is not None:
            if events and self._redis is not None:
                try:
                    bus.publish(self._redis, events)
                except redis.RedisError as exc:
                    self.stats.redis_failures += 1
                    stream.retry_at = now + 1.0
                    log.warning("Redis refused events of %s (%s); will retry", pid, exc)
                    return 0
            from core.webhooks.dispatch import plan_deliveries

            with property_uow(pid) as uow:
                lease.record_published(uow.session, self.holder, self.lease_ttl,
                                       [e.id for e in events] or [last])
                plan_deliveries(uow.session, events)
                _plan_guest_messages(uow, events)
                uow.commit()
            cursor.advance(last)
            stream.renew_at = time.monotonic() + self.lease_ttl / 3
            published = len(events)
            self.stats.published += published
            self.stats.batches += 1
        if now >= stream.next_sweep:
            stream.next_sweep = now + self.sweep_interval
            self._sweep_webhooks(pid)
        return published

    def _sweep_webhooks(self, property_id: uuid.UUID) -> None:
        from core.webhooks.dispatch import any_due, claim_due

        # Look before writing: a write transaction every second would take SQLite's lock.
        with property_uow(property_id, write=False) as uow:
            if not any_due(uow.session):
                return
        with property_uow(property_id) as uow:
            due = claim_due(uow.session)
            uow.commit()
        for delivery_id in due:
            try:
                self._dispatch(property_id, delivery_id)
            except Exception:  # the delivery stays due and is claimed again later
                log.exception("could not dispatch webhook delivery %s", delivery_id)

    def _deliver_in_pool(self, property_id: uuid.UUID, delivery_id: uuid.UUID) -> None:
        from core.webhooks.delivery import deliver_webhook

        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="webhook")
        self._pool.submit(deliver_webhook, property_id, delivery_id)

    def release_all(self) -> None:
        for stream in self._streams.values():
            if stream.cursor is None:
                continue
            try:
                with property_uow(stream.property_id) as uow:
                    lease.release(uow.session, self.holder)
                    uow.commit()
            except Exception:
                log.exception("could not release the lease of %s", stream.property_id)
            stream.cursor = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def _plan_guest_messages(uow, events) -> None:
    """Queue the guest emails committed events call for (confirmation, change, cancellation).

    Each event in its own savepoint: one reservation whose message cannot be planned is logged
    and skipped, never allowed to hold back the property's event stream.
    """
    from core.notifications.services import plan_guest_messages

    for event in events:
        try:
            with uow.session.begin_nested():
                plan_guest_messages(uow, [event])
        except Exception:
            log.exception("could not plan the guest message for event %s", event.id)
