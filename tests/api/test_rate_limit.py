"""Rate limits per token and per address (429 + Retry-After), in memory and shared through Redis;
request body limits (413)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from core.api import create_api
from core.api.ratelimit import RateLimitMiddleware
from core.config import reset_settings

NOW = 1_800_000_010.0  # 10 s into a minute: the window does not roll over mid-test


def limited_client(monkeypatch, per_token: int, per_address: int) -> TestClient:
    monkeypatch.setenv("GJ_API_RATE_LIMIT_PER_TOKEN", str(per_token))
    monkeypatch.setenv("GJ_API_RATE_LIMIT_PER_ADDRESS", str(per_address))
    reset_settings()
    client = TestClient(create_api("pms_app"))
    client.get("/health")  # builds the middleware stack with the settings above
    layer = client.app.middleware_stack
    while not isinstance(layer, RateLimitMiddleware):
        layer = layer.app
    layer.clock = lambda: NOW
    return client


@pytest.fixture
def limits(api, monkeypatch):
    yield lambda per_token, per_address=1000: limited_client(monkeypatch, per_token, per_address)
    monkeypatch.undo()
    reset_settings()


def test_a_token_over_its_limit_gets_429_with_retry_after_and_others_go_on(api, limits):
    client = limits(per_token=5)
    url = api.url("/room-types")
    assert [client.get(url, headers=api.headers["desk"]).status_code
            for _ in range(5)] == [200] * 5
    over = client.get(url, headers=api.headers["desk"])
    assert over.status_code == 429 and over.json()["error"]["code"] == "rate_limited"
    assert over.headers["retry-after"] == "50"
    assert client.get(url, headers=api.headers["hk"]).status_code == 200


def test_an_address_over_its_limit_is_refused_whatever_the_token(api, limits):
    client = limits(per_token=100, per_address=4)
    url = api.url("/room-types")
    for user in ("desk", "hk", "gs", "gm"):
        assert client.get(url, headers=api.headers[user]).status_code == 200
    assert client.get(url, headers=api.headers["rm"]).status_code == 429
    assert client.get("/auth/me").status_code == 429  # even before signing in


def test_redis_counts_are_shared_by_every_process(api, limits, redis_url):
    first, second = limits(per_token=3), limits(per_token=3)
    url = api.url("/room-types")
    codes = [c.get(url, headers=api.headers["desk"]).status_code
             for c in (first, second, first, second)]
    assert codes == [200, 200, 200, 429]


def test_bodies_over_the_limit_are_refused_with_413(api):
    big = {"body": "x" * (1024 * 1024 + 10)}
    url = api.url("/messaging/staff/channels")
    r = api.client.post(url, json=big, headers=api.headers["desk"])
    assert r.status_code == 413 and r.json()["error"]["code"] == "body_too_large"

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(20):
            yield b"x" * 100_000

    r = api.client.post(url, content=chunks(), headers={**api.headers["desk"],
                                                        "Content-Type": "application/json"})
    assert r.status_code == 413
    small = api.client.post(url, content=iter([b'{"name": "chunked-ok"}']),
                            headers={**api.headers["desk"], "Content-Type": "application/json"})
    assert small.status_code == 201, small.text
