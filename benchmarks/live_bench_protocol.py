"""Protocol-level Reflex clients for the live screens benchmark: a browser's socket, no browser.

A real Chromium tab opening Today is recorded once (`record_today`): the socket.io handshake
(the `token` query, its Cookie/User-Agent/Origin headers and the boot event it puts in the
CONNECT packet) and every event it emits. `ProtocolClients` then replays exactly that, with a
fresh client token per client, over python-socketio's websocket transport to /_event. The server
cannot tell these clients from tabs: each has its own socket, token, state and live follower,
runs the page's on_load and receives every delta. Each client records when the delta carrying an
awaited arrivals count reached it, so the benchmark checks none was missed.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

SOCKET_PATH = "/_event"


@dataclass
class Recording:
    """What one Chromium tab sent when it opened Today."""

    base: str  # the socket's origin, http://host:port
    namespace: str
    token: str
    connect_auth: dict | None
    events: list[dict]  # emitted after the connection, in order


@dataclass
class _Client:
    token: str
    sio: object
    frames: int = 0
    early: list[str] = field(default_factory=list)  # frames before the board (for errors)
    joined: float | None = None  # monotonic time the first arrivals count arrived
    seen: dict[str, float] = field(default_factory=dict)  # arrivals count → wall clock (s)


def record_today(context, url: str) -> Recording:
    """Open Today in a new tab of `context` and note what its socket sent; the tab is closed."""
    sent: list[str] = []
    ws_urls: list[str] = []
    page = context.new_page()

    def on_socket(ws) -> None:
        if SOCKET_PATH in ws.url:
            ws_urls.append(ws.url)
            ws.on("framesent", lambda payload: sent.append(
                payload if isinstance(payload, str) else payload.decode()))

    page.on("websocket", on_socket)
    page.goto(f"{url}/today", wait_until="commit")
    page.wait_for_function("window.__live.joined")
    page.wait_for_timeout(500)  # events the page sends right after it rendered
    page.close()
    if not ws_urls:
        raise RuntimeError("the recorded tab opened no socket to /_event")
    parts = urlsplit(ws_urls[-1])
    token = parse_qs(parts.query)["token"][0]
    base = f"{'https' if parts.scheme == 'wss' else 'http'}://{parts.netloc}"
    auth, events, namespace = None, [], "/"
    for frame in sent:  # socket.io packets: "40/ns,{auth}" connect, "42/ns,[name, arg]" event
        kind, body = frame[:2], frame[2:]
        if body.startswith("/"):
            namespace, _, body = body.partition(",")
        if kind == "40":
            auth = json.loads(body) if body else None
        elif kind == "42":
            name, *args = json.loads(body)
            if name == "event" and args:
                events.append(args[0])
    return Recording(base, namespace, token, auth, events)


def _with_token(value, old: str, new: str):
    return json.loads(json.dumps(value).replace(old, new))


class ProtocolClients:
    """N protocol clients on an event loop in a background thread of this process."""

    def __init__(self, recording: Recording, headers: dict[str, str],
                 reflex_version: str) -> None:
        self.recording = recording
        self.headers = headers
        self.reflex_version = reflex_version
        self.clients: list[_Client] = []
        self.target: str | None = None
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True,
                                        name="live-bench-protocol-clients")
        self._thread.start()

    def _run(self, coro, timeout: float):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def join(self, timeout: float = 90.0) -> float:
        """Connect one more client and wait until it shows the board; returns the join in ms."""
        return self._run(self._join(), timeout)

    async def _join(self) -> float:
        import socketio

        started = time.monotonic()
        token = str(uuid.uuid4())
        # Headers through websocket_extra_options: engine.io would move a Cookie header given
        # to connect() into aiohttp's cookie jar, which re-encodes it; this sends it as is.
        sio = socketio.AsyncClient(reconnection=False, handle_sigint=False,
                                   websocket_extra_options={"protocols": [self.reflex_version],
                                                            "headers": dict(self.headers)})
        client = _Client(token, sio)
        arrivals = re.compile(r'"arrivals":\s*"(\d+)"')

        async def on_event(data) -> None:
            client.frames += 1
            text = data if isinstance(data, str) else json.dumps(data)
            if client.joined is None:
                client.early.append(text)
            if (m := arrivals.search(text)) is None:
                return
            now = time.time()
            if client.joined is None:
                client.joined = time.monotonic()
            client.seen.setdefault(m.group(1), now)

        rec = self.recording
        sio.on("event", on_event, namespace=rec.namespace)
        auth = _with_token(rec.connect_auth, rec.token, token) if rec.connect_auth else None
        await sio.connect(f"{rec.base}?token={token}", auth=auth,
                          transports=["websocket"], socketio_path=SOCKET_PATH,
                          namespaces=[rec.namespace], wait_timeout=10)
        for event in rec.events:
            await sio.emit("event", _with_token(event, rec.token, token), namespace=rec.namespace)
        while client.joined is None:
            if time.monotonic() - started > 60:
                got = " | ".join(text[:600] for text in client.early)
                raise TimeoutError(f"protocol client {len(self.clients) + 1} got no board "
                                   f"({client.frames} frames, connected={sio.connected}): {got}")
            await asyncio.sleep(0.005)
        self.clients.append(client)
        return (client.joined - started) * 1000

    def __len__(self) -> int:
        return len(self.clients)

    def seen(self, target: str) -> list[float | None]:
        """Per client, the wall-clock time (s) the delta showing `target` arrivals arrived."""
        return [c.seen.get(target) for c in self.clients]

    def frames(self) -> int:
        return sum(c.frames for c in self.clients)

    def close(self) -> None:
        async def disconnect_all() -> None:
            await asyncio.gather(*(c.sio.disconnect() for c in self.clients),
                                 return_exceptions=True)

        try:
            self._run(disconnect_all(), 30)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(5)
