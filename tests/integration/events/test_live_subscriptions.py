"""Subscribers get committed events live and in order, replay what they missed, and never block."""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap

import pytest

from core.db.uow import property_uow
from core.events.relay import Relay
from core.events.subscribe import SubscriberDropped, open_subscription


async def _commit(pid, topic="reservations", type="reservation.created", n=1, **payload):
    def work():
        for i in range(n):
            with property_uow(pid) as uow:
                uow.record_event(topic, type, f"{topic}-{i}", {"n": i, **payload})
                uow.commit()
    await asyncio.to_thread(work)


async def _take(sub, n, timeout=5.0):
    got = []
    while len(got) < n:
        event = await sub.next(timeout=timeout)
        assert event is not None, f"only {len(got)} of {n} events arrived"
        got.append(event)
    return got


def test_live_events_arrive_in_order_and_rolled_back_ones_never(property_id):
    async def scenario():
        async with open_subscription(property_id, {"reservations"}) as sub:
            await _commit(property_id, n=3)

            def failed_booking():
                with property_uow(property_id) as uow:
                    uow.record_event("reservations", "reservation.created", "ghost", {})
                    uow.flush()
            await asyncio.to_thread(failed_booking)
            await _commit(property_id, type="reservation.cancelled", n=1)
            got = await _take(sub, 4)
            assert await sub.next(timeout=0.5) is None
        return got

    got = asyncio.run(scenario())
    assert [e.id for e in got] == sorted(e.id for e in got)
    assert [e.kind for e in got] == ["created"] * 3 + ["updated"]
    assert "ghost" not in [e.entity_id for e in got]


def test_topics_filter_what_a_subscriber_receives(sqlite_property_id):
    async def scenario():
        async with open_subscription(sqlite_property_id, {"housekeeping"}) as sub:
            await _commit(sqlite_property_id, "reservations", n=2)
            await _commit(sqlite_property_id, "housekeeping", "room_status.changed", room="101")
            [event] = await _take(sub, 1)
            assert await sub.next(timeout=0.4) is None
            return event

    event = asyncio.run(scenario())
    assert event.topic == "housekeeping" and event.payload["room"] == "101"


def test_last_event_id_replays_what_was_missed_then_continues_live(property_id):
    async def scenario():
        async with open_subscription(property_id, {"reservations"}) as first:
            await _commit(property_id, n=5)
            seen = await _take(first, 5)
        resume_from = seen[1].id
        await _commit(property_id, n=2)  # while nobody listens
        async with open_subscription(property_id, {"reservations"},
                                     last_event_id=resume_from) as again:
            replayed = await _take(again, 5)
            await _commit(property_id, n=1)
            [live] = await _take(again, 1)
        return seen, replayed, live

    seen, replayed, live = asyncio.run(scenario())
    assert [e.id for e in replayed][:3] == [e.id for e in seen[2:]]
    assert [e.id for e in replayed] == sorted({e.id for e in replayed})
    assert live.id > replayed[-1].id


def test_a_slow_subscriber_is_dropped_and_does_not_hold_back_the_others(sqlite_property_id):
    async def scenario():
        async with open_subscription(sqlite_property_id, max_queue=2) as slow, \
                open_subscription(sqlite_property_id) as quick:
            await _commit(sqlite_property_id, n=6)
            got = await _take(quick, 6)
            with pytest.raises(SubscriberDropped, match="too slow"):
                await slow.next(timeout=1)
            return got

    assert len(asyncio.run(scenario())) == 6


def test_events_committed_by_another_process_reach_this_one_without_redis(sqlite_property_id):
    """The embedded default: a booking made by the booking-site process shows in the PMS process."""
    script = textwrap.dedent(f"""
        from core.db.uow import property_uow
        with property_uow("{sqlite_property_id}") as uow:
            uow.record_event("reservations", "reservation.created", "from-booking-site", {{}})
            uow.commit()
    """)

    async def scenario():
        async with open_subscription(sqlite_property_id, {"reservations"}) as sub:
            proc = await asyncio.create_subprocess_exec(sys.executable, "-c", script,
                                                        env=dict(os.environ))
            assert await proc.wait() == 0
            [event] = await _take(sub, 1, timeout=10)
            return event

    assert asyncio.run(scenario()).entity_id == "from-booking-site"


@pytest.mark.redis
def test_with_redis_events_arrive_through_the_relay_and_survive_a_redis_outage(
        property_id, redis_proxy, monkeypatch):
    from core.config import reset_settings
    from core.events.feed import Feed

    monkeypatch.setenv("REDIS_URL", redis_proxy.url())
    reset_settings()
    # As if the commits came from another process: they reach the feed only through the relay
    # and Redis (or, while Redis is down, by the feed polling the outbox).
    monkeypatch.setattr(Feed, "wake", lambda self: None)
    relay = Relay(property_ids=[property_id], holder="t", poll_interval=0.05)
    relay.start()

    async def scenario():
        async with open_subscription(property_id, {"reservations"}) as sub:
            from core.events import feed as feed_mod

            for _ in range(50):
                if feed_mod.feed_for(property_id).mode == "redis":
                    break
                await asyncio.sleep(0.05)
            assert feed_mod.feed_for(property_id).mode == "redis"
            await _commit(property_id, n=2)
            before = await _take(sub, 2)
            redis_proxy.down()
            await _commit(property_id, n=2)  # the relay cannot publish these
            during = await _take(sub, 2)     # the feed tails the outbox meanwhile
            redis_proxy.up()
            for _ in range(100):
                if feed_mod.feed_for(property_id).mode == "redis":
                    break
                await asyncio.sleep(0.1)
            assert feed_mod.feed_for(property_id).mode == "redis", "did not go back to Redis"
            await _commit(property_id, n=2)
            after = await _take(sub, 2)
            assert await sub.next(timeout=0.5) is None  # no duplicates once the relay caught up
            return before + during + after

    try:
        got = asyncio.run(scenario())
    finally:
        relay.stop()
    ids = [e.id for e in got]
    assert ids == sorted(set(ids)) and len(ids) == 6
    assert relay.stats.published >= 6  # the relay caught up once Redis was back, no restart


def test_a_subscription_abandoned_without_closing_does_not_stay_attached(sqlite_property_id):
    import gc

    from core.events.feed import feed_for

    async def scenario():
        async with open_subscription(sqlite_property_id) as kept:
            abandoned = open_subscription(sqlite_property_id)
            await abandoned.__aenter__()  # e.g. an SSE response whose body never started
            feed = feed_for(sqlite_property_id)
            assert len(feed.subscribers) == 2
            del abandoned
            gc.collect()
            assert list(feed.subscribers) == [kept]
            await _commit(sqlite_property_id, n=1)
            assert (await _take(kept, 1))[0].entity_id == "reservations-0"

    asyncio.run(scenario())


def test_a_burst_is_drained_without_waiting_and_nothing_is_taken_twice(sqlite_property_id):
    async def scenario():
        async with open_subscription(sqlite_property_id, {"reservations"}) as sub:
            await _commit(sqlite_property_id, n=3)
            first = await sub.next(timeout=5)
            for _ in range(100):  # let the other two reach the queue (5 s at most)
                if sub._queue.qsize() >= 2:
                    break
                await asyncio.sleep(0.05)
            rest = [sub.next_ready(), sub.next_ready()]
            assert sub.next_ready() is None  # nothing queued: no wait, no read
            assert await sub.next(timeout=0.3) is None
            return [first, *rest]

    got = asyncio.run(scenario())
    assert [e.entity_id for e in got] == ["reservations-0", "reservations-1", "reservations-2"]
    assert [e.id for e in got] == sorted({e.id for e in got})
