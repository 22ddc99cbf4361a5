"""Which topics can be streamed, who may watch them, and how domain event types map to SSE kinds."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import NotFound

SSE_KINDS = ("created", "updated", "deleted")


@dataclass(frozen=True)
class StreamTopic:
    """A topic mobile apps and screens can subscribe to.

    `outbox_topics` are the topics services record under; one stream may merge several (room
    status changes are recorded by housekeeping and by front-desk check-out alike).
    """

    name: str
    permission: str
    outbox_topics: frozenset[str]


def _topic(name: str, permission: str, *also: str) -> StreamTopic:
    return StreamTopic(name, permission, frozenset({name, *also}))


STREAM_TOPICS: dict[str, StreamTopic] = {
    t.name: t
    for t in (
        _topic("reservations", "reservations.view"),
        _topic("housekeeping", "housekeeping.view", "room_status", "rooms"),
        _topic("maintenance", "maintenance.view", "work_orders"),
        _topic("chat", "chat.use", "messaging"),  # streamed per channel only
        _topic("transfers", "guest_services.manage"),
        _topic("supply_requests", "guest_services.manage"),
        _topic("incidents", "guest_services.manage"),
        _topic("room_service", "guest_services.manage"),
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
    {"inventory", "rates", "guests", "folios", "payments", "invoices", "properties", "requests",
     "lost_and_found", "night_audit"},
)
