"""Dependency checks behind GET /health: is the control database and (if configured) Redis reachable."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import text

from core.config import get_settings
from core.db.engines import control_engine

CHECK_TIMEOUT_S = 3.0


class DependencyCheck(BaseModel):
    ok: bool | None = Field(description="null: not part of this deployment (Redis unset)")
    latency_ms: float | None = None
    error: str | None = Field(default=None, description="Why it is unreachable")
    configured: bool | None = None


class HealthReport(BaseModel):
    """Bare (no envelope): load balancers and probes read `status` or just the HTTP status."""

    status: Literal["ok", "degraded"]
    app: str
    version: str
    checks: dict[str, DependencyCheck] = Field(description="control_db and redis")

# Checks run here so a server that never answers (a dropped packet, not a refusal) costs a probe
# CHECK_TIMEOUT_S, not a hung /health request.
_probes = ThreadPoolExecutor(max_workers=4, thread_name_prefix="gj-health")


def _timed(check) -> dict[str, Any]:
    started = time.perf_counter()

    def elapsed() -> float:
        return round((time.perf_counter() - started) * 1000, 2)

    try:
        _probes.submit(check).result(timeout=CHECK_TIMEOUT_S)
    except FutureTimeout:
        return {"ok": False, "error": f"no answer within {CHECK_TIMEOUT_S:g}s",
                "latency_ms": elapsed()}
    except Exception as exc:  # noqa: BLE001 - any failure means "unreachable"; report it.
        return {"ok": False, "error": f"{exc.__class__.__name__}: {str(exc)[:200]}",
                "latency_ms": elapsed()}
    return {"ok": True, "latency_ms": elapsed()}


def check_control_db() -> dict[str, Any]:
    def ping() -> None:
        with control_engine().connect() as conn:
            conn.execute(text("SELECT 1"))

    return _timed(ping)


def check_redis() -> dict[str, Any]:
    url = get_settings().redis_url
    if not url:
        # Embedded mode: Redis is not part of this deployment, so it cannot be "down".
        return {"ok": None, "configured": False}

    def ping() -> None:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        try:
            client.ping()
        finally:
            client.close()

    return {**_timed(ping), "configured": True}


def health_report(app_name: str, version: str) -> tuple[int, dict[str, Any]]:
    """The /health body and its HTTP status: 503 when a configured dependency is down."""
    checks = {"control_db": check_control_db(), "redis": check_redis()}
    healthy = all(c["ok"] is not False for c in checks.values())
    body = {"status": "ok" if healthy else "degraded", "app": app_name, "version": version,
            "checks": checks}
    # Validated so the answer is always the documented shape; unset keys stay absent.
    return (200 if healthy else 503), HealthReport.model_validate(body).model_dump(
        mode="json", exclude_unset=True)
