"""SSE streams over a real HTTP server: frames, keep-alive, resume, auth and property scope."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time

import httpx
import pytest
import uvicorn

from core.api import create_api
from core.db.uow import property_uow

PASSWORD = "correct horse battery staple"


@pytest.fixture
def api(tenant, monkeypatch):
    from core.api import streams
    from core.identity.grants import ensure_user

    monkeypatch.setattr(streams, "KEEPALIVE_SECONDS", 0.5)
    a = tenant.make_property("Hotel A")
    b = tenant.make_property("Hotel B")
    ensure_user("desk@example.com", "Desk", PASSWORD, [("front_desk", a, None)])
    ensure_user("hk@example.com", "Housekeeper", PASSWORD, [("housekeeper", a, None)])
    ensure_user("audit@example.com", "Nina Night", PASSWORD, [("night_auditor", a, None)])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_api("pms_app"), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)

    def token(email):
        r = httpx.post(f"{base}/auth/login",
                       json={"email": email, "password": PASSWORD, "property_id": str(a)})
        assert r.status_code == 200, r.text
        return r.json()["data"]["access_token"]

    yield {"base": base, "a": a, "b": b, "desk": token("desk@example.com"),
           "hk": token("hk@example.com"), "auditor": token("audit@example.com")}
    server.should_exit = True
    thread.join(10)


def _commit(pid, topic="reservations", type="reservation.created", n=1, **payload):
    for i in range(n):
        with property_uow(pid) as uow:
            uow.record_event(topic, type, f"{topic}-{i}", {"id": f"{topic}-{i}", **payload})
            uow.commit()


async def _read_frames(url, token, n_events, *, headers=None, during=None, timeout=10.0):
    """Connect, run `during()` once connected, and return the parsed frames and comments."""
    events, comments = [], []
    hdrs = {"Authorization": f"Bearer {token}", **(headers or {})}
    async with httpx.AsyncClient(timeout=timeout) as client, \
            client.stream("GET", url, headers=hdrs) as response:
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("text/event-stream")
        if during:
            await asyncio.to_thread(during)
        block: dict[str, str] = {}
        async with asyncio.timeout(timeout):
            async for line in response.aiter_lines():
                if line.startswith(":"):
                    comments.append(line)
                elif line == "":
                    if "id" in block:
                        events.append(block)
                    block = {}
                    if len(events) >= n_events and any("keep-alive" in c for c in comments):
                        break
                elif ":" in line:
                    key, _, value = line.partition(":")
                    block[key] = value.strip()
    return events, comments


def test_stream_sends_id_event_and_entity_data_frames_and_keep_alives(api):
    url = f"{api['base']}/api/v1/properties/{api['a']}/reservations/stream"
    frames, comments = asyncio.run(_read_frames(
        url, api["desk"], 2, during=lambda: (
            _commit(api["a"], n=1, guest="Ana"),
            _commit(api["a"], "housekeeping", "room_status.changed"),  # other topic: not sent
            _commit(api["a"], type="reservation.cancelled", n=1))))
    frames = [f for f in frames if "id" in f]
    assert [f["event"] for f in frames] == ["created", "updated"]
    assert int(frames[0]["id"]) < int(frames[1]["id"])
    data = json.loads(frames[0]["data"])
    assert data["guest"] == "Ana" and data["event_type"] == "reservation.created"
    assert json.loads(frames[1]["data"])["event_type"] == "reservation.cancelled"
    assert ": keep-alive" in comments


def test_last_event_id_replays_the_missed_events(api):
    _commit(api["a"], n=4)
    with property_uow(api["a"], write=False) as uow:
        from sqlmodel import select

        from core.events.models import OutboxEvent
        ids = [e.id for e in uow.session.exec(select(OutboxEvent).order_by(OutboxEvent.id))]
    url = f"{api['base']}/api/v1/properties/{api['a']}/reservations/stream"
    frames, _ = asyncio.run(_read_frames(url, api["desk"], 2,
                                         headers={"Last-Event-ID": str(ids[1])}))
    assert [int(f["id"]) for f in frames if "id" in f] == ids[2:]


def test_chat_streams_only_the_channel_asked_for(api):
    import uuid

    front_office, kitchen = uuid.uuid4(), uuid.uuid4()
    url = (f"{api['base']}/api/v1/properties/{api['a']}/messaging/staff/channels/"
           f"{str(front_office).upper()}/stream")

    def chat():
        _commit(api["a"], "chat", "message.created", channel_id=str(kitchen), text="no")
        _commit(api["a"], "chat", "message.created", channel_id=str(front_office), text="hi")
        with property_uow(api["a"]) as uow:  # an event about the channel itself
            uow.record_event("chat", "channel.archived", front_office, {"name": "Front office"})
            uow.commit()

    frames, _ = asyncio.run(_read_frames(url, api["desk"], 2, during=chat))
    frames = [json.loads(f["data"]) for f in frames if "id" in f]
    assert [f.get("text") for f in frames] == ["hi", None]
    assert frames[1]["event_type"] == "channel.archived"


def test_bad_stream_requests_are_refused_with_clear_errors(api):
    base, a, b = api["base"], api["a"], api["b"]
    auth = {"Authorization": f"Bearer {api['desk']}"}
    cases = [
        (f"{base}/api/v1/properties/{a}/bookings/stream", auth, 404, "unknown_topic"),
        (f"{base}/api/v1/properties/{a}/chat/stream", auth, 404, "unknown_topic"),
        (f"{base}/api/v1/properties/{b}/reservations/stream", auth, 404, None),
        (f"{base}/api/v1/properties/{a}/reservations/stream", {}, 401, None),
        (f"{base}/api/v1/properties/{a}/reservations/stream",
         {"Authorization": f"Bearer {api['hk']}"}, 403, "forbidden"),
        (f"{base}/api/v1/properties/{a}/reservations/stream",
         {**auth, "Last-Event-ID": "yesterday"}, 422, "validation_error"),
    ]
    for url, headers, status, code in cases:
        r = httpx.get(url, headers=headers, timeout=5)
        assert r.status_code == status, (url, r.text)
        body = r.json()
        assert body["success"] is False
        if code:
            assert body["error"]["code"] == code


def test_a_housekeeper_streams_room_status_but_not_reservations(api):
    url = f"{api['base']}/api/v1/properties/{api['a']}/housekeeping/stream"
    frames, _ = asyncio.run(_read_frames(url, api["hk"], 1, during=lambda: _commit(
        api["a"], "housekeeping", "room_status.changed", room="101", status="clean")))
    [frame] = [f for f in frames if "id" in f]
    assert frame["event"] == "updated" and json.loads(frame["data"])["status"] == "clean"


def test_the_night_auditor_streams_the_audit_run_and_the_desk_may_not(api):
    from core.actor import Actor
    from core.night_audit.runner import close_business_date

    url = f"{api['base']}/api/v1/properties/{api['a']}/night_audit/stream"
    auditor = Actor.system("night-audit")
    frames, _ = asyncio.run(_read_frames(url, api["auditor"], 2, during=lambda: (
        close_business_date(api["a"], auditor))))
    frames = [f for f in frames if "id" in f]
    types = [json.loads(f["data"])["event_type"] for f in frames]
    assert types == ["night_audit.started", "night_audit.completed"]
    assert json.loads(frames[1]["data"])["by"] == "night-audit"
    r = httpx.get(url, headers={"Authorization": f"Bearer {api['desk']}"}, timeout=5)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
