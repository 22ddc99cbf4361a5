"""Prometheus metrics: per-route request counts and latency, requests in flight, process metrics."""

from __future__ import annotations

import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Process, platform and GC collectors are registered on the default registry by prometheus_client
# itself, so /metrics always includes process_cpu_seconds_total, process_resident_memory_bytes, ...
REQUESTS = Counter(
    "gj_http_requests_total", "HTTP requests served, by app, method, route template and status.",
    ["app", "method", "route", "status"],
)
LATENCY = Histogram(
    "gj_http_request_duration_seconds", "Time to the end of the HTTP response, by route template.",
    ["app", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
IN_FLIGHT = Gauge("gj_http_requests_in_flight", "HTTP requests being served now.", ["app"])


def route_label(scope: Scope) -> str:
    """A low-cardinality name for what served the request: the route template, never the raw path."""
    route = scope.get("route")
    if route is None:
        return "<unmatched>"
    if getattr(route, "name", None) == "frontend":
        return "<frontend>"  # static pages and assets of the compiled Reflex app
    return getattr(route, "path", None) or "<mount>"


class MetricsMiddleware:
    """Pure ASGI middleware (streams and websockets pass through untouched)."""

    def __init__(self, app: ASGIApp, app_name: str) -> None:
        self.app = app
        self.app_name = app_name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.perf_counter()
        in_flight = IN_FLIGHT.labels(self.app_name)
        in_flight.inc()

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            in_flight.dec()
            route = route_label(scope)
            method = scope.get("method", "GET")
            REQUESTS.labels(self.app_name, method, route, str(status)).inc()
            LATENCY.labels(self.app_name, method, route).observe(time.perf_counter() - started)


def render_metrics() -> tuple[bytes, str]:
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
