"""Live screens: a page follows its property's topics and refreshes exactly what an event touched.

A page state mixes in LiveMixin, names its topics and implements `_apply_live`:

    class TodayState(PmsState, LiveMixin):
        LIVE_TOPICS: ClassVar[frozenset[str]] = frozenset({"reservations"})

        def _live_property_id(self) -> str: return self.property_id
        def _apply_live(self, events): self.reload()          # or patch rows by event.entity_id

    # load ends with `return self._start_live()`, so the follower starts once the page's
    # property is known (events of one on_load list may run concurrently).
    app.add_page(today, on_load=TodayState.load)

Why per-client subscription tasks rather than rx.SharedState: a linked shared state costs
O(N²) joins and never forgets a disconnected client, while a subscription is one bounded queue
on the process's single feed per property (core.events.subscribe), so an event costs O(clients
following that topic) and nothing else. The task is chained from the page's on_load handler, so Reflex
cancels it when the tab navigates away, disconnects or reconnects (a reconnect runs on_load again,
which resubscribes from the last event id the tab saw, so nothing is missed); it also stops by
itself when its socket is gone, so a client that vanished is pruned within HEARTBEAT seconds.

Presence ("who else is viewing this reservation") rides the same task: each follower refreshes
its own entry every HEARTBEAT seconds and reads the others'; entries expire after PRESENCE_TTL.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import logging
import time
from collections.abc import Sequence
from typing import ClassVar

import reflex as rx

from core.events.envelope import EventEnvelope
from core.events.subscribe import SubscriberDropped, open_subscription

log = logging.getLogger(__name__)

HEARTBEAT = 2.0  # seconds between presence refreshes and liveness checks
MAX_BATCH = 200
GENERATION_CHECK_EVERY = 5  # quiet heartbeats between looks at whether the page was reloaded
PRESENCE_TTL = 3 * HEARTBEAT


class PresenceBoard:
    """Who is looking at what, per property and key, shared by every tab of this process.

    With several Reflex backend processes, presence is per process unless REDIS_URL is set,
    in which case entries live in a Redis hash per key (field = tab token, value = name|expiry).
    """

    def __init__(self) -> None:
        self._local: dict[str, dict[str, tuple[str, float]]] = {}

    @staticmethod
    def _redis():
        from core.config import get_settings

        url = get_settings().redis_url
        return _redis_client(url) if url else None

    def touch(self, key: str, token: str, name: str) -> list[str]:
        """Record this tab as viewing `key`; return the names of the *other* viewers."""
        now = time.time()
        client = self._redis()
        if client is not None:
            try:
                rkey = f"gj:presence:{key}"
                client.hset(rkey, token, f"{now + PRESENCE_TTL}|{name}")
                client.expire(rkey, int(PRESENCE_TTL * 2))
                entries = {t: v.split("|", 1) for t, v in
                           ((k.decode(), v.decode()) for k, v in client.hgetall(rkey).items())}
                stale = [t for t, (exp, _) in entries.items() if float(exp) < now]
                if stale:
                    client.hdel(rkey, *stale)
                return sorted({n for t, (exp, n) in entries.items()
                               if t != token and float(exp) >= now})
            except Exception:  # noqa: BLE001 - presence is a hint; fall back to this process
                log.warning("presence: Redis unavailable, using this process only")
        viewers = self._local.setdefault(key, {})
        viewers[token] = (name, now + PRESENCE_TTL)
        for t in [t for t, (_, exp) in viewers.items() if exp < now]:
            del viewers[t]
        return sorted({n for t, (n, _) in viewers.items() if t != token})

    def leave(self, key: str, token: str) -> None:
        self._local.get(key, {}).pop(token, None)
        client = self._redis()
        if client is not None:
            with contextlib.suppress(Exception):
                client.hdel(f"gj:presence:{key}", token)


@functools.lru_cache(maxsize=4)
def _redis_client(url: str):
    import redis

    return redis.Redis.from_url(url, socket_timeout=1)


PRESENCE = PresenceBoard()


_NAMESPACE: list = []  # the running app's socket namespace, once found


def _event_namespace():
    """The app's Reflex event namespace (None outside a running app, e.g. in unit tests).
    Looked up once: every follower asks after every event."""
    if _NAMESPACE:
        return _NAMESPACE[0]
    try:
        from reflex.utils.prerequisites import get_and_validate_app

        namespace = get_and_validate_app().app.event_namespace
    except Exception:  # noqa: BLE001 - outside a running app
        return None
    if namespace is not None:
        _NAMESPACE.append(namespace)
    return namespace


def client_connected(token: str) -> bool:
    """Whether this process still has a socket for the tab (True when it cannot tell)."""
    namespace = _event_namespace()
    if namespace is None:
        return True
    manager = getattr(namespace, "_token_manager", None)
    sockets = getattr(manager, "token_to_socket", None)
    if sockets is None:  # another token manager: the public (copying) mapping
        return token in namespace.token_to_sid
    return token in sockets


class LiveMixin(rx.State, mixin=True):
    """Adds `follow_live` (a background event) and presence to a page state."""

    LIVE_TOPICS: ClassVar[frozenset[str]] = frozenset()
    viewers: list[str] = []
    live_connected: bool = False
    _live_last_event_id: int = 0
    _live_generation: int = 0

    # --- what a page provides ---------------------------------------------------------
    def _live_property_id(self) -> str:
        return ""

    def _presence_key(self) -> str:
        """Non-empty to show who else views the same thing (e.g. a reservation id)."""
        return ""

    def _presence_name(self) -> str:
        return "Someone"

    def _apply_live(self, events: Sequence[EventEnvelope]) -> None:
        """Refresh what these events changed. Runs with the state locked."""

    # --- the mechanism ----------------------------------------------------------------
    async def _wait_for_property(self, tries: int = 40) -> str:
        """With `on_load=[load, follow_live]` the two may run concurrently: give load up to
        2 s to say which property the page shows."""
        for _ in range(tries):
            async with self:
                pid = self._live_property_id()
            if pid:
                return pid
            await asyncio.sleep(0.05)
        return ""

    def _start_live(self):
        """Return this from the page's load handler (after it set what the page shows)."""
        return type(self).follow_live

    @rx.event(background=True)
    async def follow_live(self):
        await self._wait_for_property()
        async with self:
            self._live_generation += 1
            generation = self._live_generation
            pid = self._live_property_id()
            topics = set(self.LIVE_TOPICS)
            last = self._live_last_event_id or None
            token = self.router.session.client_token
            key = self._presence_key()
            key = f"{pid}:{key}" if key else ""
            name = self._presence_name()
        if not pid or not topics:
            return
        try:
            async with open_subscription(pid, topics, last) as sub:
                async with self:
                    self.live_connected = True
                    if key:
                        self.viewers = PRESENCE.touch(key, token, name)
                quiet = 0
                while True:
                    batch = await _next_batch(sub)
                    if not client_connected(token):
                        return
                    if not batch and not key and (quiet := quiet + 1) < GENERATION_CHECK_EVERY:
                        continue  # nothing to apply or show: leave the state (and its lock) alone
                    quiet = 0
                    # On the state itself, as a normal handler runs (the lock is held, and
                    # what changed is sent on exit); through the background proxy every read
                    # would be wrapped again.
                    async with _locked(self, token) as state:
                        if state._live_generation != generation:
                            return  # the page was loaded again: a newer follower took over
                        if batch:
                            state._live_last_event_id = batch[-1].id
                            state._apply_live(batch)
                        if key and (viewers := PRESENCE.touch(key, token, name)) != state.viewers:
                            state.viewers = viewers  # sent only when someone came or went
        except SubscriberDropped:
            # Fell behind: start again from the last event applied (the outbox replays the rest).
            return type(self).follow_live
        finally:
            if key:
                PRESENCE.leave(key, token)


class _locked:
    """`async with self` for a live follower, without the background proxy's per-use cost.

    With the in-memory state manager (one backend process, no Redis) the follower takes the
    tab's state lock from the manager itself, updates the state object, and sends what changed
    before letting go, as the proxy does; the message itself is encoded once for every tab that
    gets the same delta (`_encoded`): N tabs of one board after one event get N equal deltas.
    That is most of what an event costs per tab (benchmarks/live_bench.py). Anything else (Redis
    state, a state tree that expired and must be rehydrated, no socket here) goes through the
    proxy, which handles it.
    """

    __slots__ = ("_proxy", "_token", "_actx", "_root", "_state")

    def __init__(self, proxy, token: str) -> None:
        self._proxy = proxy
        self._token = token
        self._actx = self._root = self._state = None

    async def __aenter__(self):
        proxy = self._proxy
        lean = _lean_manager(proxy)
        if lean is not None:
            self._actx = lean.modify_state(proxy._self_substate_token)
            root = await self._actx.__aenter__()
            if getattr(root, "router_data", None):
                self._root = root
                self._state = root.get_substate(proxy._self_substate_path)
                return self._state
            await self._actx.__aexit__(None, None, None)  # expired tree: the proxy rehydrates
            self._actx = None
        await proxy.__aenter__()
        self._state = getattr(proxy, "__wrapped__", proxy)
        return self._state

    async def __aexit__(self, *exc_info) -> None:
        if self._actx is None:
            await self._proxy.__aexit__(*exc_info)
            return
        try:
            root = self._root
            delta = await root._get_resolved_delta()
            root._clean()
            if delta:
                await _send_delta(self._token, delta)
        finally:
            await self._actx.__aexit__(*exc_info)


def _lean_manager(proxy):
    """The in-memory state manager when `proxy` is a background task's state proxy; else None."""
    if not hasattr(proxy, "_self_substate_token"):
        return None
    try:
        from reflex.istate.manager.memory import StateManagerMemory
        from reflex_base.event.context import EventContext

        manager = EventContext.get().state_manager
    except Exception:  # noqa: BLE001 - no event context: not in a running app
        return None
    return manager if isinstance(manager, StateManagerMemory) else None


async def _send_delta(token: str, delta) -> None:
    """Send a delta to the tab as Reflex's own emit does, reusing the encoded message."""
    namespace = _event_namespace()
    tokens = getattr(namespace, "_token_manager", None)
    record = getattr(tokens, "token_to_socket", {}).get(token)
    eio_sid = None
    if record is not None and record.instance_id == tokens.instance_id:
        eio_sid = namespace.server.manager.eio_sid_from_sid(record.sid, namespace.namespace)
    if eio_sid is None:  # not connected here: Reflex's path logs it (or forwards it, with Redis)
        from reflex_base.event.context import EventContext

        await EventContext.get().emit_delta(delta)
        return
    await namespace.server.eio.send_packet(eio_sid, _encoded(namespace, delta))


ENCODED_KEPT = 8
_ENCODED: list[tuple[object, object]] = []  # (delta, engine.io packet), most recent first


def _encoded(namespace, delta):
    """The engine.io message carrying `delta` as Reflex's emit encodes it (a socket.io "event"
    with a StateUpdate), built once per distinct delta among the last few: comparing equal
    deltas is several times cheaper than encoding them again. A delta holds the state's own
    values, which a later handler may change in place, so what is kept is a copy."""
    for i, (known, packet) in enumerate(_ENCODED):
        if known == delta:
            if i:
                _ENCODED.insert(0, _ENCODED.pop(i))
            return packet
    from engineio import packet as eio_packet
    from reflex.state import StateUpdate
    from reflex_base import constants
    from socketio import packet as sio_packet

    server = namespace.server
    message = server.packet_class(sio_packet.EVENT, namespace=namespace.namespace,
                                  data=[str(constants.SocketEvent.EVENT), StateUpdate(delta=delta)])
    encoded = message.encode()
    if isinstance(encoded, list):  # binary attachments: never for JSON deltas
        raise TypeError("a state delta encoded to several socket.io packets")
    packet = eio_packet.Packet(eio_packet.MESSAGE, encoded)
    _ENCODED.insert(0, (copy.deepcopy(delta), packet))
    del _ENCODED[ENCODED_KEPT:]
    return packet


async def _next_batch(sub) -> list[EventEnvelope]:
    """The next events (possibly none after HEARTBEAT seconds): the first one, then whatever is
    already queued behind it. Nothing waits for more: a burst that arrives while the state is
    being updated is taken in one go by the next call, so batching costs no latency."""
    first = await sub.next(timeout=HEARTBEAT)
    if first is None:
        return []
    batch = [first]
    while len(batch) < MAX_BATCH and (nxt := sub.next_ready()) is not None:
        batch.append(nxt)
    return batch


def touched_ids(events: Sequence[EventEnvelope]) -> set[str]:
    """The entity ids the events are about (to patch rows instead of reloading a whole list)."""
    return {str(e.entity_id) for e in events if e.entity_id}
