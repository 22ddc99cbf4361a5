"""GET /health, GET /metrics and the error envelope of the API every app mounts."""

from __future__ import annotations

import pytest
from contract import documented
from fastapi import APIRouter
from fastapi.testclient import TestClient
from pydantic import BaseModel

from core.api import create_api
from core.errors import Conflict


@pytest.fixture
def client(tenant) -> TestClient:
    """The PMS API on a fresh control plane, once per backend (SQLite and PostgreSQL)."""
    return TestClient(create_api("pms_app"))


@pytest.fixture
def sqlite_client(sqlite_tenant) -> TestClient:
    return TestClient(create_api("pms_app"))


def test_health_reports_ok_with_the_database_reachable_and_no_redis_configured(client, tenant):
    response = client.get("/health")

    assert response.status_code == 200
    body = documented(response, client.app)
    assert body["status"] == "ok"
    assert body["app"] == "pms_app"
    assert body["version"]
    assert body["checks"]["control_db"]["ok"] is True
    assert body["checks"]["control_db"]["latency_ms"] >= 0
    assert body["checks"]["redis"]["ok"] is None  # embedded mode: not configured, not "down"


@pytest.mark.redis
def test_health_checks_redis_when_it_is_configured(tenant, redis_url):
    body = TestClient(create_api("booking_site")).get("/health").json()

    assert body["status"] == "ok"
    assert body["checks"]["redis"]["ok"] is True


def test_health_is_503_and_degraded_when_configured_redis_is_down(sqlite_tenant, monkeypatch):
    from core.config import reset_settings

    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    reset_settings()

    app = create_api("tenant_admin")
    response = TestClient(app).get("/health")

    assert response.status_code == 503
    body = documented(response, app)
    assert body["status"] == "degraded"
    assert body["checks"]["redis"]["ok"] is False
    assert "error" in body["checks"]["redis"]
    assert body["checks"]["control_db"]["ok"] is True


def test_health_is_503_when_the_control_database_is_unreachable(sqlite_tenant, monkeypatch):
    from core.config import reset_settings
    from core.db.engines import reset_engines

    monkeypatch.setenv("CONTROL_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/none")
    reset_settings()
    reset_engines()

    response = TestClient(create_api("pms_app")).get("/health")

    assert response.status_code == 503
    assert response.json()["checks"]["control_db"]["ok"] is False


def test_metrics_count_requests_per_route_template_in_prometheus_text(sqlite_client):
    client = sqlite_client
    client.get("/health")
    client.get("/health")
    client.get("/no/such/page")

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert "# TYPE gj_http_requests_total counter" in text
    health_line = next(line for line in text.splitlines()
                       if line.startswith("gj_http_requests_total{")
                       and 'route="/health"' in line and 'app="pms_app"' in line)
    assert float(health_line.rsplit(" ", 1)[1]) >= 2
    assert 'route="<unmatched>"' in text  # unknown paths share one label, not one each
    assert "gj_http_request_duration_seconds_bucket" in text
    assert "gj_http_requests_in_flight" in text
    assert "process_resident_memory_bytes" in text


class _Booking(BaseModel):
    nights: int


def _api_with_failing_routes():
    api = create_api("pms_app")
    router = APIRouter()

    @router.post("/_test/conflict")
    def conflict() -> None:
        raise Conflict("Room 101 is already taken for those nights.", fields={"room": "taken"},
                       code="room_taken")

    @router.get("/_test/bug")
    def bug() -> None:
        raise RuntimeError("secret connection string in a stack trace")

    @router.post("/_test/validate")
    def validate(booking: _Booking) -> dict:
        return {"nights": booking.nights}

    api.include_router(router)
    return api


def test_domain_errors_become_the_error_envelope_with_their_status():
    response = TestClient(_api_with_failing_routes()).post("/_test/conflict")

    assert response.status_code == 409
    assert response.json() == {
        "success": False,
        "error": {"code": "room_taken", "message": "Room 101 is already taken for those nights.",
                  "fields": {"room": "taken"}},
    }


def test_invalid_request_bodies_get_the_envelope_naming_the_field():
    response = TestClient(_api_with_failing_routes()).post("/_test/validate",
                                                           json={"nights": "many"})

    assert response.status_code == 422
    body = response.json()
    assert body["success"] is False
    assert body["error"]["code"] == "validation_error"
    assert "nights" in body["error"]["fields"]


def test_an_unexpected_error_is_a_500_envelope_that_reveals_nothing():
    client = TestClient(_api_with_failing_routes(), raise_server_exceptions=False)

    response = client.get("/_test/bug")

    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "secret" not in response.text
    metrics = client.get("/metrics").text
    assert 'route="/_test/bug",status="500"' in metrics


def test_an_unknown_app_name_is_refused():
    with pytest.raises(ValueError, match="unknown app"):
        create_api("shop")


def test_a_dependency_that_never_answers_is_reported_down_within_the_probe_timeout(
        sqlite_client, monkeypatch):
    import threading

    from core.api import health

    hang = threading.Event()
    monkeypatch.setattr(health, "CHECK_TIMEOUT_S", 0.2)
    monkeypatch.setattr(health, "check_redis",
                        lambda: {**health._timed(lambda: hang.wait(5)), "configured": True})
    try:
        response = sqlite_client.get("/health")
    finally:
        hang.set()

    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == {
        "ok": False, "error": "no answer within 0.2s", "latency_ms": pytest.approx(200, abs=150),
        "configured": True}
