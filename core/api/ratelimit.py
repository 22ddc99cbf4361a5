"""Rate limits for the API: per credential and per source address, in fixed one-minute windows.

Counters live in Redis when REDIS_URL is set (shared by every process), else in this process.
A caller over a limit gets 429 with Retry-After and the error envelope. If Redis is unreachable
the limiter lets requests through (and logs it): an outage of the limiter must not be an outage
of the API.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable

from starlette.requests import Request

from core.api.deps import client_ip
from core.config import get_settings

log = logging.getLogger(__name__)
WINDOW = 60
LIMITED_PREFIXES = ("/api/", "/auth/")
# Cheap, unauthenticated reads that monitoring polls; never limited.
EXEMPT = ("/api/openapi.json", "/api/docs")


class MemoryCounter:
    """Fixed-window counters in this process (the embedded mode: one process serves the API)."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, window: int) -> int:
        with self._lock:
            if len(self._counts) > 100_000:  # drop finished windows, keep memory bounded
                self._counts = {k: v for k, v in self._counts.items() if k[1] >= window}
            count = self._counts.get((key, window), 0) + 1
            self._counts[(key, window)] = count
            return count


class RedisCounter:
    def __init__(self, url: str) -> None:
        import redis

        self._client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)

    def hit(self, key: str, window: int) -> int:
        name = f"gj:ratelimit:{key}:{window}"
        pipe = self._client.pipeline()
        pipe.incr(name)
        pipe.expire(name, WINDOW * 2)
        return int(pipe.execute()[0])


def _credential(headers: dict[bytes, bytes]) -> str | None:
    """A hash of whatever identifies the caller: bearer token, else the auth cookies."""
    auth = headers.get(b"authorization", b"")
    if auth[:7].lower() == b"bearer " and auth[7:].strip():
        raw = auth[7:].strip()
    else:
        cookie = headers.get(b"cookie", b"")
        parts = [p.strip() for p in cookie.split(b";")
                 if p.strip().startswith((b"access_token=", b"gj_session="))]
        raw = b";".join(sorted(parts)) if parts else b""
    return hashlib.sha256(raw).hexdigest()[:32] if raw else None


class RateLimitMiddleware:
    """Pure ASGI (streams such as SSE pass through untouched)."""

    def __init__(self, app, *, clock: Callable[[], float] = time.time) -> None:
        self.app = app
        self.clock = clock
        settings = get_settings()
        self.per_token = settings.api_rate_limit_per_token
        self.per_address = settings.api_rate_limit_per_address
        self.counter = RedisCounter(settings.redis_url) if settings.redis_url else MemoryCounter()

    def _over(self, scope) -> tuple[int, int] | None:
        """(limit, seconds to wait) when this request is over a limit, else None."""
        now = self.clock()
        window = int(now // WINDOW)
        headers = dict(scope.get("headers") or [])
        checks = []
        credential = _credential(headers)
        if credential:
            checks.append((f"token:{credential}", self.per_token))
        address = client_ip(Request(scope))  # behind our proxies: X-Forwarded-For (GJ_PROXY_HOPS)
        if address:
            checks.append((f"addr:{address}", self.per_address))
        try:
            for key, limit in checks:
                if self.counter.hit(key, window) > limit:
                    return limit, max(1, int((window + 1) * WINDOW - now + 0.999))
        except Exception as exc:  # noqa: BLE001 - see the module docstring
            log.warning("rate limiter unavailable, letting the request through: %s", exc)
        return None

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(LIMITED_PREFIXES) or path in EXEMPT:
            await self.app(scope, receive, send)
            return
        over = self._over(scope)
        if over is None:
            await self.app(scope, receive, send)
            return
        limit, retry_after = over
        body = json.dumps({"success": False, "error": {
            "code": "rate_limited",
            "message": f"Too many requests: the limit is {limit} per minute. "
                       f"Try again in {retry_after} s.", "fields": {}}}).encode()
        await send({"type": "http.response.start", "status": 429, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(retry_after).encode())]})
        await send({"type": "http.response.body", "body": body})
