"""Guest requests and chat messages made through the API reach SSE subscribers after commit."""

from __future__ import annotations

import asyncio
import json

import httpx
from api_support import live_server


async def _first_frame(url: str, headers: dict, during) -> dict:
    async with httpx.AsyncClient(timeout=15) as client, \
            client.stream("GET", url, headers=headers) as response:
        assert response.status_code == 200, await response.aread()
        await asyncio.to_thread(during)
        block: dict[str, str] = {}
        async with asyncio.timeout(15):
            async for line in response.aiter_lines():
                if line == "" and "id" in block:
                    return block
                if line and not line.startswith(":"):
                    key, _, value = line.partition(":")
                    block[key] = value.strip()
    raise AssertionError("no frame")


def test_a_dining_request_is_streamed_on_room_service(api):
    created = {}

    def log_request():
        r = api.client.post(api.url("/guest-requests"), json={
            "room_id": str(api.a.room_ids[2]), "category": "dining",
            "description": "Breakfast in the room"}, headers=api.headers["desk"])
        created.update(r.json()["data"])

    with live_server(api.client.app) as base:
        frame = asyncio.run(_first_frame(f"{base}{api.url('/room_service/stream')}",
                                         api.headers["gs"], log_request))
    assert frame["event"] == "created"
    data = json.loads(frame["data"])
    assert data["event_type"] == "guest_request.created" and data["category"] == "dining"
    assert created["id"] in frame["data"]


def test_a_chat_message_is_streamed_on_its_channel(api):
    channel = api.client.post(api.url("/messaging/staff/channels"), json={"name": "live"},
                              headers=api.headers["desk"]).json()["data"]
    path = api.url(f"/messaging/staff/channels/{channel['id']}")

    def post():
        api.client.post(f"{path}/messages", json={"body": "VIP arriving"},
                        headers=api.headers["desk"])

    with live_server(api.client.app) as base:
        frame = asyncio.run(_first_frame(f"{base}{path}/stream", api.headers["hk"], post))
    assert frame["event"] == "created"
    assert json.loads(frame["data"])["event_type"] == "message.created"
