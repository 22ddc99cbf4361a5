"""The relay publishes committed events in order, once per lease holder, and marks them published."""

from __future__ import annotations

import json
import time

import redis
from sqlmodel import col, select

from core.db.uow import property_uow
from core.events.models import OutboxEvent, RelayState
from core.events.relay import Relay


def _published_ids(pid) -> list[int]:
    with property_uow(pid, write=False) as uow:
        rows = uow.session.exec(select(OutboxEvent).where(col(OutboxEvent.published_at).is_not(None))
                                .order_by(col(OutboxEvent.id))).all()
        return [r.id for r in rows]


def test_relay_marks_committed_events_published_and_never_a_rolled_back_one(property_id, record_events):
    record_events(property_id, n=2)
    with property_uow(property_id) as uow:  # a booking that failed half-way
        uow.record_event("reservations", "reservation.created", "ghost", {})
        uow.flush()
    record_events(property_id, n=1)
    relay = Relay(property_ids=[property_id], holder="r1")
    assert relay.run_once() == 3
    ids = _published_ids(property_id)
    assert len(ids) == 3 and ids == sorted(ids)
    with property_uow(property_id, write=False) as uow:
        assert uow.session.get(RelayState, "outbox").position == ids[-1]
        assert all(e.entity_id != "ghost" for e in uow.session.exec(select(OutboxEvent)))
    assert relay.run_once() == 0  # nothing is published twice


def test_relay_publishes_each_event_on_its_property_topic_channel_in_order(property_id, redis_url, record_events):
    client = redis.Redis.from_url(redis_url)
    pubsub = client.pubsub()
    pubsub.psubscribe(f"gj:{property_id}:*")
    pubsub.get_message(timeout=1)  # the subscribe confirmation
    record_events(property_id, "reservations", n=3)
    record_events(property_id, "housekeeping", "room_status.changed", n=1, room="101")
    with property_uow(property_id) as uow:
        uow.record_event("reservations", "reservation.created", "rolled-back", {})
        uow.flush()  # never committed
    Relay(property_ids=[property_id], holder="r1").run_once()
    got = []
    deadline = time.monotonic() + 5
    while len(got) < 4 and time.monotonic() < deadline:
        msg = pubsub.get_message(ignore_subscribe_messages=True, timeout=0.5)
        if msg:
            got.append((msg["channel"].decode(), json.loads(msg["data"])))
    assert [body["id"] for _, body in got] == sorted(body["id"] for _, body in got)
    assert [ch.rsplit(":", 1)[1] for ch, _ in got] == ["reservations"] * 3 + ["housekeeping"]
    assert got[-1][1]["event"] == "updated" and got[-1][1]["data"]["room"] == "101"
    assert got[0][1]["event"] == "created" and got[0][1]["type"] == "reservation.created"
    assert all(body["entity_id"] != "rolled-back" for _, body in got)
    assert pubsub.get_message(ignore_subscribe_messages=True, timeout=0.3) is None


def test_only_one_relay_publishes_a_property_until_its_lease_is_released(property_id, record_events):
    first = Relay(property_ids=[property_id], holder="first", lease_ttl=30)
    second = Relay(property_ids=[property_id], holder="second", lease_ttl=30,
                   lease_retry=0)
    record_events(property_id, n=2)
    assert first.run_once() == 2
    record_events(property_id, n=2)
    assert second.run_once() == 0  # the first still holds the lease
    assert first.run_once() == 2
    first.release_all()
    record_events(property_id, n=1)
    assert second.run_once() == 1  # takes over where the first stopped, nothing repeated
    assert len(_published_ids(property_id)) == 5


def test_a_relay_whose_lease_expired_resumes_from_the_new_holders_position(property_id, record_events):
    stale = Relay(property_ids=[property_id], holder="stale", lease_ttl=0.2,
                  lease_retry=0)
    record_events(property_id, n=1)
    assert stale.run_once() == 1
    time.sleep(0.3)
    fresh = Relay(property_ids=[property_id], holder="fresh", lease_ttl=30)
    record_events(property_id, n=2)
    assert fresh.run_once() == 2
    record_events(property_id, n=1)
    assert stale.run_once() == 0  # it cannot renew, so it cannot publish
    assert fresh.run_once() == 1
    assert len(_published_ids(property_id)) == 4


def test_redis_going_away_delays_publishing_and_the_relay_recovers_without_restart(
        property_id, redis_url, redis_proxy, record_events):
    client = redis.Redis.from_url(redis_url)  # the consumer talks to Redis directly
    pubsub = client.pubsub()
    pubsub.psubscribe(f"gj:{property_id}:*")
    pubsub.get_message(timeout=1)
    relay = Relay(property_ids=[property_id], holder="r1", redis_url=redis_proxy.url())
    record_events(property_id, n=1)
    assert relay.run_once() == 1
    redis_proxy.down()  # the relay's path to Redis is cut
    record_events(property_id, n=2)
    assert relay.run_once() == 0
    assert relay.stats.redis_failures == 1
    assert len(_published_ids(property_id)) == 1  # not marked: they wait for Redis
    redis_proxy.up()
    relay._streams[property_id].retry_at = 0  # skip the 1 s back-off
    assert relay.run_once() == 2
    got = []
    while (msg := pubsub.get_message(ignore_subscribe_messages=True, timeout=0.5)) is not None:
        got.append(json.loads(msg["data"])["id"])
    assert got == sorted(got) and len(got) == 3
