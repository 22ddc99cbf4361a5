"""Which topics can be streamed, who may watch them, and how domain event types map to SSE kinds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from core.errors import NotFound

SSE_KINDS = ("created", "updated", "deleted")


@dataclass(frozen=True)
class StreamTopic:
    """A topic mobile apps and screens can subscribe to.

    `outbox_topics` are the topics services record under; one stream may merge several (room
    status changes are recorded by housekeeping and by front-desk check-out alike). Guest requests
    are one outbox topic with a category; a stream takes the categories it is about.
    """

    name: str
    permission: str
    outbox_topics: frozenset[str]
    request_categories: frozenset[str] = frozenset()

    @property
    def topics(self) -> frozenset[str]:
        """What to subscribe to in the outbox."""
        return self.outbox_topics | ({GUEST_REQUESTS} if self.request_categories else set())

    def matches(self, event: EventLike) -> bool:
        if event.topic in self.outbox_topics:
            return True
        return (event.topic == GUEST_REQUESTS
                and event.payload.get("category") in self.request_categories)


class EventLike(Protocol):
    @property
    def topic(self) -> str: ...

    @property
    def payload(self) -> dict: ...


GUEST_REQUESTS = "guest_requests"


def _topic(name: str, permission: str, *also: str, categories: tuple[str, ...] = ()
           ) -> StreamTopic:
    return StreamTopic(name, permission, frozenset({name, *also}), frozenset(categories))


STREAM_TOPICS: dict[str, StreamTopic] = {
    t.name: t
    for t in (
        _topic("reservations", "reservations.view"),
        _topic("housekeeping", "housekeeping.view", "room_status", "rooms"),
        _topic("maintenance", "maintenance.view", "work_orders", "rooms",
               categories=("maintenance",)),
        _topic("chat", "chat.use", "messaging"),  # streamed per channel only
        _topic("transfers", "guest_services.manage", categories=("transport",)),
        _topic("supply_requests", "guest_services.manage",
               categories=("housekeeping", "amenity")),
        _topic("incidents", "guest_services.manage"),
        _topic("room_service", "guest_services.manage", categories=("dining",)),
        # The audit's run: started, then completed (with its figures) or failed.
        _topic("night_audit", "night_audit.run"),
    )
}


def stream_topic(name: str) -> StreamTopic:
    """The stream topic called `name`, or NotFound naming the topics that exist."""
    topic = STREAM_TOPICS.get(name)
    if topic is None:
        known = ", ".join(sorted(STREAM_TOPICS))
        raise NotFound(f"There is no event stream called '{name}' (streams: {known}).",
                       fields={"topic": "unknown topic"}, code="unknown_topic")
    return topic


# Domain verbs (the part after the last dot of "reservation.cancelled") → what a client does with
# the entity. Cancelled, checked-in and the like are state changes of an entity that still exists,
# so they are updates; only verbs that make the entity disappear are deletes.
_VERB_KINDS: dict[str, str] = {
    "created": "created", "added": "created", "opened": "created", "posted": "created",
    "booked": "created", "reported": "created", "sent": "created", "requested": "created",
    "deleted": "deleted", "removed": "deleted", "purged": "deleted", "archived": "deleted",
}


def sse_kind(event_type: str) -> str:
    """Map a domain event type ("reservation.created", "inventory.changed") to created|updated|deleted."""
    verb = event_type.rsplit(".", 1)[-1].lower()
    if verb in SSE_KINDS:
        return verb
    return _VERB_KINDS.get(verb, "updated")


# Topics integrators may subscribe webhooks to: every streamable one plus the back-office ones.
WEBHOOK_TOPICS: frozenset[str] = frozenset().union(
    *(t.outbox_topics for t in STREAM_TOPICS.values()),
    {GUEST_REQUESTS, "inventory", "rates", "guests", "folios", "payments", "invoices", "blocks",
     "waitlist", "content", "setup", "messages", "lost_and_found", "night_audit"},
)
