"""kill -9 of the relay mid-stream loses nothing: after a restart every event arrives, in order."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import redis
from sqlmodel import col, func, select

from core.db.uow import property_uow
from core.events.models import OutboxEvent

EVENTS = 60


def _start_relay(pid) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gj_cli", "relay", "--holder", "relay-under-test",
         "--poll", "0.05", "--property", str(pid)],
        env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _collect(redis_url, pid, got: list[int], stop: threading.Event, ready: threading.Event):
    pubsub = redis.Redis.from_url(redis_url).pubsub()
    pubsub.psubscribe(f"gj:{pid}:*")
    ready.set()
    while not stop.is_set():
        msg = pubsub.get_message(ignore_subscribe_messages=True, timeout=0.2)
        if msg:
            got.append(json.loads(msg["data"])["id"])
    pubsub.close()


def _unpublished(pid) -> int:
    with property_uow(pid, write=False) as uow:
        return uow.session.exec(select(func.count()).select_from(OutboxEvent)
                                .where(col(OutboxEvent.published_at).is_(None))).one()


def _wait(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.05)
    return predicate()


def test_killing_the_relay_mid_stream_loses_nothing_and_consumers_see_each_event_once(
        property_id, redis_url, record_events):
    got: list[int] = []
    stop, ready = threading.Event(), threading.Event()
    consumer = threading.Thread(target=_collect, args=(redis_url, property_id, got, stop, ready))
    consumer.start()
    ready.wait(5)
    relay = _start_relay(property_id)

    def write_steadily():
        for _ in range(EVENTS - 1):
            record_events(property_id)
            time.sleep(0.02)

    writer = threading.Thread(target=write_steadily)
    try:
        record_events(property_id)
        assert _wait(lambda: len(got) >= 1), "the relay published nothing"
        writer.start()
        assert _wait(lambda: len(got) >= 10)
        relay.send_signal(signal.SIGKILL)
        relay.wait(10)
        writer.join(60)
        time.sleep(0.3)
        assert len(set(got)) < EVENTS, "the kill came too late to prove anything"
        relay = _start_relay(property_id)
        with property_uow(property_id, write=False) as uow:
            committed = list(uow.session.exec(
                select(OutboxEvent.id).order_by(col(OutboxEvent.id))).all())
        assert len(committed) == EVENTS
        assert _wait(lambda: set(committed) <= set(got)), "events were lost"
        assert _wait(lambda: _unpublished(property_id) == 0)
    finally:
        relay.kill()
        relay.wait(10)
        stop.set()
        consumer.join(5)

    seen: list[int] = []
    for event_id in got:  # what a consumer does: drop ids it has passed
        if not seen or event_id > seen[-1]:
            seen.append(event_id)
    assert seen == committed
