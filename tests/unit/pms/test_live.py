"""The live mechanism's parts: presence (in-process and on real Redis) and event batching."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from core.events.envelope import EventEnvelope
from ui_kit import live
from ui_kit.live import PresenceBoard, _next_batch, touched_ids


@pytest.fixture
def no_redis(monkeypatch):
    from core.config import reset_settings

    monkeypatch.delenv("REDIS_URL", raising=False)
    reset_settings()
    yield
    reset_settings()


def test_viewers_see_each_other_but_not_themselves_and_leaving_removes_them(no_redis):
    board = PresenceBoard()

    assert board.touch("p:res-1", "tab-a", "Ana") == []
    assert board.touch("p:res-1", "tab-b", "Bruno") == ["Ana"]
    assert board.touch("p:res-1", "tab-a", "Ana") == ["Bruno"]
    assert board.touch("p:res-2", "tab-c", "Carla") == []  # another reservation
    board.leave("p:res-1", "tab-b")
    assert board.touch("p:res-1", "tab-a", "Ana") == []


def test_a_viewer_that_stops_refreshing_expires(no_redis, monkeypatch):
    board = PresenceBoard()
    clock = [1000.0]
    monkeypatch.setattr(live.time, "time", lambda: clock[0])
    board.touch("p:res-1", "tab-gone", "Gone")

    clock[0] += live.PRESENCE_TTL + 1

    assert board.touch("p:res-1", "tab-a", "Ana") == []


@pytest.mark.redis
def test_presence_is_shared_through_redis_between_processes(redis_url):
    one, other = PresenceBoard(), PresenceBoard()  # two app processes

    one.touch("p:res-9", "tab-a", "Ana")

    assert other.touch("p:res-9", "tab-b", "Bruno") == ["Ana"]
    one.leave("p:res-9", "tab-a")
    assert other.touch("p:res-9", "tab-b", "Bruno") == []


class _FakeSub:
    """Stands in for a core.events subscription: yields queued events, then times out."""

    def __init__(self, events):
        self.events = list(events)

    async def next(self, timeout=None):
        if self.events:
            return self.events.pop(0)
        await asyncio.sleep(0)
        return None

    def next_ready(self):
        return self.events.pop(0) if self.events else None


def _event(n: int, entity: str) -> EventEnvelope:
    return EventEnvelope(id=n, property_id=uuid.uuid4(), topic="reservations",
                         type="reservation.created", entity_id=entity)


def test_events_arriving_together_are_applied_as_one_batch():
    sub = _FakeSub([_event(1, "a"), _event(2, "b"), _event(3, "a")])

    batch = asyncio.run(_next_batch(sub))

    assert [e.id for e in batch] == [1, 2, 3]
    assert touched_ids(batch) == {"a", "b"}
    assert asyncio.run(_next_batch(sub)) == []  # a quiet heartbeat: nothing to apply


def test_a_lone_event_is_applied_at_once_without_waiting_for_more():
    sub = _FakeSub([_event(1, "a")])

    async def timed():
        loop = asyncio.get_running_loop()
        start = loop.time()
        batch = await _next_batch(sub)
        return batch, loop.time() - start

    batch, took = asyncio.run(timed())

    assert [e.id for e in batch] == [1]
    assert took < 0.01  # no coalescing window: the change goes out now


def test_a_shared_read_is_computed_once_per_key_and_a_failure_is_not_kept(monkeypatch):
    from ui_kit import shared_reads

    reads = shared_reads.SharedReads(max_age=1.0)
    clock = [50.0]
    monkeypatch.setattr(shared_reads.time, "monotonic", lambda: clock[0])
    calls = []

    def board():
        calls.append(1)
        return {"arrivals": len(calls)}

    assert reads.get(("today", 7), board) is reads.get(("today", 7), board)
    assert len(calls) == 1
    reads.get(("today", 8), board)  # the next event: read again
    assert len(calls) == 2

    def broken():
        raise RuntimeError("database blinked")

    with pytest.raises(RuntimeError):
        reads.get(("today", 9), broken)
    assert reads.get(("today", 9), board) == {"arrivals": 3}
    clock[0] += 1.5  # too old: read again even for the same key
    assert reads.get(("today", 9), board) == {"arrivals": 4}


def _socket_namespace():
    """What `_encoded` needs of Reflex's event namespace: its socket.io server (configured with
    Reflex's JSON, as the app configures it) and the namespace's name."""
    from types import SimpleNamespace

    import socketio
    from reflex.app import _sio_dumps, _sio_loads

    server = socketio.AsyncServer(async_mode="asgi", json=SimpleNamespace(
        dumps=staticmethod(_sio_dumps), loads=staticmethod(_sio_loads)))
    return SimpleNamespace(server=server, namespace="/_event")


def test_tabs_given_equal_deltas_share_one_message_encoded_as_reflex_does(monkeypatch):
    from reflex.state import StateUpdate
    from socketio import packet

    namespace = _socket_namespace()
    monkeypatch.setattr(live, "_ENCODED", [])
    rows = [{"guest": "Ana", "room": "101"}]

    first = live._encoded(namespace, {"today": {"rows": rows, "count": "1"}})
    again = live._encoded(namespace, {"today": {"rows": [{"guest": "Ana", "room": "101"}],
                                                "count": "1"}})

    assert again is first  # another tab, the same change: not encoded again
    reflex_own = namespace.server.packet_class(
        packet.EVENT, namespace="/_event",
        data=["event", StateUpdate(delta={"today": {"rows": rows, "count": "1"}})]).encode()
    assert first.encode() == "4" + reflex_own  # what Reflex's emit puts on the socket
    rows.append({"guest": "Bruno", "room": "102"})  # a handler changes the state's list in place
    grown = live._encoded(namespace, {"today": {"rows": rows, "count": "2"}})
    assert grown is not first and "Bruno" in grown.encode()
    assert live._encoded(namespace, {"today": {"rows": rows[:1], "count": "1"}}) is first
