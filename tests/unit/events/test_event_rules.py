"""Pure rules of the realtime layer: SSE kinds, stream topics, webhook signatures and back-off."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from core.errors import NotFound
from core.events.envelope import EventEnvelope
from core.events.topics import sse_kind, stream_topic
from core.webhooks.errors import InvalidWebhook
from core.webhooks.rules import (
    MAX_ATTEMPTS,
    matches,
    retry_delay,
    sign,
    validate_subscription,
    verify,
)


@pytest.mark.parametrize("domain_type, kind", [
    ("reservation.created", "created"), ("work_order.reported", "created"),
    ("message.posted", "created"), ("reservation.cancelled", "updated"),
    ("reservation.checked_in", "updated"), ("inventory.changed", "updated"),
    ("room_status.changed", "updated"), ("lost_item.deleted", "deleted"),
    ("task.removed", "deleted"), ("updated", "updated"), ("something_new", "updated"),
])
def test_domain_event_types_map_to_what_an_sse_client_does(domain_type, kind):
    assert sse_kind(domain_type) == kind


def test_an_unknown_stream_topic_is_not_found_and_lists_the_real_ones():
    with pytest.raises(NotFound) as err:
        stream_topic("bookings")
    assert err.value.code == "unknown_topic" and "reservations" in err.value.message
    assert stream_topic("housekeeping").permission == "housekeeping.view"
    assert "room_status" in stream_topic("housekeeping").outbox_topics


def test_an_envelope_survives_the_trip_through_redis_and_keeps_its_domain_type():
    event = EventEnvelope(id=7, property_id=uuid.uuid4(), topic="reservations",
                          type="reservation.cancelled", entity_id="r-1",
                          payload={"id": "r-1", "status": "cancelled"})
    again = EventEnvelope.from_json(event.to_json())
    assert again == event and again.kind == "updated"
    assert again.entity_json()["event_type"] == "reservation.cancelled"
    assert again.entity_json()["status"] == "cancelled"


def test_a_signature_verifies_only_with_the_secret_the_body_and_a_fresh_timestamp():
    body = b'{"id": 1}'
    header = sign("s3cret-s3cret-s3cret", body, timestamp=1_700_000_000)
    assert header.startswith("t=1700000000,v1=")
    assert verify("s3cret-s3cret-s3cret", body, header, now=1_700_000_100)
    assert not verify("another-secret-xxxx", body, header, now=1_700_000_100)
    assert not verify("s3cret-s3cret-s3cret", body + b"x", header, now=1_700_000_100)
    assert not verify("s3cret-s3cret-s3cret", body, header, now=1_700_001_000)  # replayed late
    assert not verify("s3cret-s3cret-s3cret", body, "garbage", now=1_700_000_100)


def test_retries_back_off_exponentially_then_give_up():
    delays = [retry_delay(n) for n in range(1, MAX_ATTEMPTS)]
    assert delays[0] == timedelta(seconds=30)
    assert all(later == 2 * earlier for earlier, later in zip(delays, delays[1:], strict=False))
    assert retry_delay(MAX_ATTEMPTS) is None


def test_subscription_urls_must_be_http_and_topics_known():
    known = {"reservations", "housekeeping"}
    assert validate_subscription("https://x.example/h", ["reservations", "reservations"],
                                 known) == ["reservations"]
    assert validate_subscription("http://127.0.0.1:8080/h", ["*"], known) == ["*"]
    with pytest.raises(InvalidWebhook) as err:
        validate_subscription("javascript:alert(1)", ["bookings"], known)
    assert set(err.value.fields) == {"url", "topics"}
    assert matches(["*"], "anything") and not matches(["housekeeping"], "reservations")


def test_guest_requests_reach_the_stream_of_their_category():
    def request(category):
        return EventEnvelope(id=1, property_id=uuid.uuid4(), topic="guest_requests",
                             type="guest_request.created", entity_id="g-1",
                             payload={"category": category})

    transfers, room_service = stream_topic("transfers"), stream_topic("room_service")
    assert "guest_requests" in transfers.topics
    assert transfers.matches(request("transport")) and not transfers.matches(request("dining"))
    assert room_service.matches(request("dining"))
    assert stream_topic("maintenance").matches(request("maintenance"))
    direct = EventEnvelope(id=2, property_id=uuid.uuid4(), topic="transfers",
                           type="transfer.scheduled", entity_id="t-1")
    assert transfers.matches(direct) and not room_service.matches(direct)
