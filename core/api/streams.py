"""Server-sent event streams for mobile apps: live entity changes of one property and topic.

Frames are `id: <event id>`, `event: created|updated|deleted`, `data: <entity JSON>`; a
`: keep-alive` comment every 15 s keeps proxies from closing an idle stream. Reconnecting with
`Last-Event-ID` (header, or `last_event_id` query for clients that cannot set headers) replays
what was missed from the outbox.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import StreamingResponse

from core.actor import Actor
from core.api.deps import CurrentActor
from core.db.uow import property_uow
from core.errors import NotFound, ValidationFailed
from core.events.envelope import EventEnvelope
from core.events.subscribe import SubscriberDropped, Subscription, open_subscription
from core.events.topics import STREAM_TOPICS, StreamTopic, stream_topic

KEEPALIVE_SECONDS = 15.0
RETRY_MS = 3000  # how long a client waits before reconnecting after the stream ends

router = APIRouter(prefix="/api/v1/properties/{property_id}", tags=["streams"])

LastEventHeader = Annotated[str | None, Header(alias="Last-Event-ID")]
LastEventQuery = Annotated[str | None, Query(alias="last_event_id")]


_frames_cache: OrderedDict[tuple[uuid.UUID, int], str] = OrderedDict()


def frame(event: EventEnvelope) -> str:
    """The SSE frame of an event, encoded once however many subscribers receive it."""
    key = (event.property_id, event.id)
    text = _frames_cache.get(key)
    if text is None:
        data = json.dumps(event.entity_json(), separators=(",", ":"), default=str)
        text = f"id: {event.id}\nevent: {event.kind}\ndata: {data}\n\n"
        _frames_cache[key] = text
        if len(_frames_cache) > 2048:
            _frames_cache.popitem(last=False)
    return text


def _canonical(ident: str) -> str:
    try:
        return str(uuid.UUID(ident))
    except ValueError:
        return ident


def _last_event_id(header: str | None, query: str | None) -> int | None:
    raw = header if header not in (None, "") else query
    if raw in (None, ""):
        return None
    try:
        value = int(str(raw).strip())
    except ValueError:
        value = -1
    if value < 0:
        raise ValidationFailed("Last-Event-ID must be the id of an event this stream sent.",
                               fields={"Last-Event-ID": "must be a whole number >= 0"})
    return value


async def _check(property_id: uuid.UUID, actor: Actor, topic: StreamTopic) -> None:
    """Refuse before streaming, so the caller gets a JSON error and a proper status."""
    actor.require(topic.permission)

    def check_property() -> None:
        # A property the caller does not belong to, or that does not exist, is "not found".
        with property_uow(property_id, actor, write=False):
            pass

    await asyncio.to_thread(check_property)


async def _subscribe(property_id: uuid.UUID, topic: StreamTopic, last_event_id: int | None,
                     where=None) -> Subscription:
    # Subscribed before the response starts, so nothing committed after the client saw
    # "200 OK" is missed. If the body is never iterated (the client left at once), the feed
    # forgets the subscription when it is garbage collected.
    sub = open_subscription(property_id, topic.topics, last_event_id,
                            where=where or topic.matches)
    await sub.__aenter__()
    return sub


async def _frames(request: Request, sub: Subscription) -> AsyncIterator[str]:
    try:
        yield f"retry: {RETRY_MS}\n\n"
        while True:
            try:
                event = await sub.next(timeout=KEEPALIVE_SECONDS)
            except SubscriberDropped as exc:
                yield f": dropped: {exc.reason}\n\n"
                return
            if event is not None:
                yield frame(event)
            elif await request.is_disconnected():
                return  # (writing to a closed connection also ends the stream)
            else:
                yield ": keep-alive\n\n"
    finally:
        sub.close()


def _stream(frames: AsyncIterator[str]) -> StreamingResponse:
    return StreamingResponse(frames, media_type="text/event-stream", headers={
        "Cache-Control": "no-store", "X-Accel-Buffering": "no", "Connection": "keep-alive"})


@router.get("/messaging/staff/channels/{channel_id}/stream",
            summary="Live messages of one staff chat channel (SSE)")
async def chat_channel_stream(property_id: uuid.UUID, channel_id: str, request: Request,
                              actor: CurrentActor, last_event_id: LastEventHeader = None,
                              last_event_id_q: LastEventQuery = None) -> StreamingResponse:
    resume = _last_event_id(last_event_id, last_event_id_q)
    topic = STREAM_TOPICS["chat"]
    await _check(property_id, actor, topic)
    channel = _canonical(channel_id)

    def in_channel(event: EventEnvelope) -> bool:
        # Messages name their channel; events about the channel itself are keyed by it.
        return (_canonical(str(event.payload.get("channel_id"))) == channel
                or _canonical(str(event.entity_id)) == channel)

    sub = await _subscribe(property_id, topic, resume, where=in_channel)
    return _stream(_frames(request, sub))


@router.get("/{topic}/stream", summary="Live changes of one topic of a property (SSE)")
async def topic_stream(property_id: uuid.UUID, topic: str, request: Request,
                       actor: CurrentActor, last_event_id: LastEventHeader = None,
                       last_event_id_q: LastEventQuery = None) -> StreamingResponse:
    spec = stream_topic(topic)
    if spec.name == "chat":
        raise NotFound("Chat is streamed per channel: use "
                       "/messaging/staff/channels/{channel_id}/stream.",
                       fields={"topic": "stream a chat channel instead"}, code="unknown_topic")
    resume = _last_event_id(last_event_id, last_event_id_q)
    await _check(property_id, actor, spec)
    return _stream(_frames(request, await _subscribe(property_id, spec, resume)))
