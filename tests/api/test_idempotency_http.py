"""Idempotency-Key over HTTP: a replay returns the first response, reuse with another body is
refused, and ten concurrent identical requests to a live server make one reservation."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from api_support import live_server


def _count(api, arrival: str) -> int:
    return api.client.get(api.url("/reservations"), headers=api.headers["desk"], params={
        "arrival_from": arrival, "arrival_to": arrival}).json()["meta"]["total"]


def test_a_replay_returns_the_first_response_and_books_once(api):
    body, key = api.booking(), str(uuid.uuid4())
    headers = {**api.headers["desk"], "Idempotency-Key": key}
    first = api.client.post(api.url("/reservations"), json=body, headers=headers)
    again = api.client.post(api.url("/reservations"), json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert _count(api, body["arrival"]) == 1


def test_the_same_key_with_another_body_is_refused_with_422(api):
    body, key = api.booking(), str(uuid.uuid4())
    headers = {**api.headers["desk"], "Idempotency-Key": key}
    assert api.client.post(api.url("/reservations"), json=body, headers=headers).status_code == 201
    other = api.client.post(api.url("/reservations"), json={**body, "adults": 1},
                            headers=headers)
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert "idempotency_key" in other.json()["error"]["fields"]
    # Another user's identical request with that key is not answered with the first one's data.
    theirs = api.client.post(api.url("/reservations"), json=body,
                             headers={**api.headers["gm"], "Idempotency-Key": key})
    assert theirs.status_code == 422
    assert _count(api, body["arrival"]) == 1


def test_a_replayed_status_change_does_not_fail_the_second_time(api):
    res = api.client.post(api.url("/reservations"), json=api.booking(),
                          headers=api.headers["desk"]).json()["data"]
    headers = {**api.headers["desk"], "Idempotency-Key": str(uuid.uuid4())}
    url = api.url(f"/reservations/{res['id']}/status")
    first = api.client.put(url, json={"status": "cancelled"}, headers=headers)
    again = api.client.put(url, json={"status": "cancelled"}, headers=headers)
    assert first.status_code == again.status_code == 200 and again.json() == first.json()
    # Without the key the same request is a new one, and cancelling twice is refused.
    assert api.client.put(url, json={"status": "cancelled"},
                          headers=api.headers["desk"]).status_code == 409


def test_ten_concurrent_identical_requests_make_one_reservation(api):
    body, key = api.booking(), str(uuid.uuid4())
    headers = {**api.headers["desk"], "Idempotency-Key": key}
    with live_server(api.client.app) as base:
        def send(_):
            with httpx.Client(base_url=base, timeout=30) as http:
                return http.post(api.url("/reservations"), json=body, headers=headers)

        with ThreadPoolExecutor(max_workers=10) as pool:
            answers = list(pool.map(send, range(10)))
    assert {a.status_code for a in answers} == {201}, [a.text for a in answers]
    assert len({a.json()["data"]["id"] for a in answers}) == 1
    assert _count(api, body["arrival"]) == 1


def test_a_blank_or_overlong_key_is_refused(api):
    for key in (" ", "k" * 300):
        r = api.client.post(api.url("/reservations"), json=api.booking(),
                            headers={**api.headers["desk"], "Idempotency-Key": key})
        assert r.status_code == 422 and r.json()["success"] is False
