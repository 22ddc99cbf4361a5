"""Redis pub/sub transport: publishing event envelopes and waking relays in other processes."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Sequence

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from core.config import get_settings
from core.events.envelope import WAKE_CHANNEL, EventEnvelope, channel

log = logging.getLogger(__name__)


def redis_client(url: str, *, timeout: float = 2.0) -> redis.Redis:
    # One quick retry only: callers have their own, slower retry (the relay keeps the events and
    # tries again), and a client stuck retrying would hold up every other property.
    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout,
                                health_check_interval=30, retry=Retry(NoBackoff(), 1))


def publish(client: redis.Redis, events: Sequence[EventEnvelope]) -> None:
    """Publish in order on one connection (a pipeline keeps order); raises redis errors."""
    pipe = client.pipeline(transaction=False)
    for event in events:
        pipe.publish(channel(event.property_id, event.topic), event.to_json())
    pipe.execute()


class _WakeNotifier:
    """After a commit that recorded events, tell relays in other processes to look now.

    Without this a relay elsewhere would only notice on its next poll. It must never slow a commit
    down much, so after a Redis failure it stays quiet for a few seconds (relays still poll).
    """

    def __init__(self) -> None:
        self._client: redis.Redis | None = None
        self._url: str | None = None
        self._quiet_until = 0.0
        self._lock = threading.Lock()

    def __call__(self, property_id: uuid.UUID) -> None:
        url = get_settings().redis_url
        if not url or time.monotonic() < self._quiet_until:
            return
        with self._lock:
            if self._client is None or self._url != url:
                self._client, self._url = redis_client(url, timeout=0.25), url
            client = self._client
        try:
            client.publish(WAKE_CHANNEL, str(property_id))
        except redis.RedisError as exc:
            self._quiet_until = time.monotonic() + 5.0
            log.warning("could not wake relays through Redis (%s); they will poll", exc)


notify_commit = _WakeNotifier()
