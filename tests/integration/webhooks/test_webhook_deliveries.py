"""Outbound webhooks: signed deliveries, retries with back-off, the delivery log and re-send."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import update

from core.actor import Actor
from core.db.uow import property_uow
from core.errors import PermissionDenied
from core.events.relay import Relay
from core.timeutil import utcnow
from core.webhooks import services
from core.webhooks.delivery import deliver_webhook
from core.webhooks.errors import InvalidWebhook
from core.webhooks.models import WebhookDelivery
from core.webhooks.rules import MAX_ATTEMPTS, SIGNATURE_HEADER, verify
from core.webhooks.schemas import WebhookSubscriptionCreate

MANAGER = Actor(kind="staff", name="GM", permissions=frozenset({"webhooks.manage"}))


def _subscribe(pid, url, topics=("reservations",)):
    with property_uow(pid, MANAGER) as uow:
        sub = services.create_subscription(
            uow, WebhookSubscriptionCreate(url=url, topics=list(topics)))
        uow.commit()
    return sub


def _book(pid, entity="r-1"):
    with property_uow(pid) as uow:
        uow.record_event("reservations", "reservation.created", entity,
                         {"id": entity, "guest": "Ana Silva"})
        uow.commit()


def _relay(pid):
    # Jobs run inline here, as the job queue runs them in tests.
    return Relay(property_ids=[pid], holder="t", dispatch=deliver_webhook, sweep_interval=0)


def _log(pid):
    with property_uow(pid, MANAGER, write=False) as uow:
        rows, _ = services.list_deliveries(uow)
    return rows


def _make_due(pid):
    with property_uow(pid) as uow:
        uow.session.execute(update(WebhookDelivery).values(
            next_attempt_at=utcnow() - timedelta(seconds=1)))
        uow.commit()


def test_a_committed_event_is_delivered_signed_with_the_subscription_secret(property_id, receiver):
    sub = _subscribe(property_id, receiver.url)
    _subscribe(property_id, receiver.url + "?other", topics=["housekeeping"])
    _book(property_id)
    _relay(property_id).run_once()
    [req] = receiver.wait_for(1)
    body = json.loads(req.body)
    assert body["type"] == "reservation.created" and body["event"] == "created"
    assert body["data"] == {"id": "r-1", "guest": "Ana Silva"}
    assert body["property_id"] == str(property_id)
    assert verify(sub.secret, req.body, req.headers[SIGNATURE_HEADER])
    assert not verify("another-secret-entirely", req.body, req.headers[SIGNATURE_HEADER])
    assert not verify(sub.secret, req.body + b" ", req.headers[SIGNATURE_HEADER])
    [logged] = _log(property_id)
    assert logged.status == "succeeded" and logged.attempts == 1
    assert logged.last_status_code == 200 and logged.event_id == body["id"]


def test_failed_deliveries_retry_with_growing_back_off_until_they_succeed(property_id, receiver):
    _subscribe(property_id, receiver.url)
    receiver.answers = [500, 503]
    relay = _relay(property_id)
    _book(property_id)
    relay.run_once()
    [first] = _log(property_id)
    assert first.status == "pending" and first.attempts == 1 and first.last_status_code == 500
    wait_1 = first.next_attempt_at - first.last_attempt_at
    assert timedelta(seconds=25) < wait_1 <= timedelta(seconds=35)
    assert deliver_webhook(property_id, first.id) == "pending"  # not due yet: no request
    assert len(receiver.requests) == 1

    _make_due(property_id)
    relay.run_once()
    [second] = _log(property_id)
    assert second.attempts == 2 and second.last_status_code == 503
    assert second.next_attempt_at - second.last_attempt_at > wait_1  # exponential

    _make_due(property_id)
    relay.run_once()
    [done] = _log(property_id)
    assert done.status == "succeeded" and done.attempts == 3
    assert len(receiver.wait_for(3)) == 3
    assert deliver_webhook(property_id, done.id) == "succeeded"  # a re-run job sends nothing
    assert len(receiver.requests) == 3


def test_a_delivery_gives_up_after_the_last_retry_and_a_manual_resend_delivers_it(
        property_id, receiver):
    _subscribe(property_id, receiver.url)
    receiver.answers = [500] * MAX_ATTEMPTS
    _book(property_id)
    relay = _relay(property_id)
    relay.run_once()
    for _ in range(MAX_ATTEMPTS - 1):
        _make_due(property_id)
        relay.run_once()
    [dead] = _log(property_id)
    assert dead.status == "failed" and dead.attempts == MAX_ATTEMPTS
    assert "HTTP 500" in dead.last_error and "maintenance" in dead.response_excerpt

    with property_uow(property_id, MANAGER) as uow:
        again = services.resend_delivery(uow, dead.id)
        uow.commit()
    assert again.status == "pending" and again.attempts == 0
    relay.run_once()
    [ok] = _log(property_id)
    assert ok.status == "succeeded" and len(receiver.wait_for(MAX_ATTEMPTS + 1)) == MAX_ATTEMPTS + 1


def test_an_unreachable_receiver_is_logged_and_retried(sqlite_property_id):
    _subscribe(sqlite_property_id, "http://127.0.0.1:9/nothing-listens-here")
    _book(sqlite_property_id)
    _relay(sqlite_property_id).run_once()
    [row] = _log(sqlite_property_id)
    assert row.status == "pending" and row.last_status_code is None
    assert "Connect" in row.last_error


def test_bad_subscriptions_are_refused_naming_the_field_and_nothing_is_stored(sqlite_property_id):
    for url, topics, field in [("ftp://example.com/hook", ["reservations"], "url"),
                               ("example.com/hook", ["reservations"], "url"),
                               ("https://user:pw@example.com/", ["reservations"], "url"),
                               ("https://example.com/hook", [], "topics"),
                               ("https://example.com/hook", ["bookings"], "topics")]:
        with pytest.raises(InvalidWebhook) as err:
            _subscribe(sqlite_property_id, url, topics)
        assert field in err.value.fields
    with property_uow(sqlite_property_id, MANAGER, write=False) as uow:
        assert services.list_subscriptions(uow) == []


def test_managing_webhooks_needs_the_webhooks_permission(sqlite_property_id):
    clerk = Actor(kind="staff", name="Desk", permissions=frozenset({"reservations.view"}))
    with pytest.raises(PermissionDenied), property_uow(sqlite_property_id, clerk) as uow:
        services.create_subscription(uow, WebhookSubscriptionCreate(
            url="https://example.com/hook", topics=["reservations"]))


def test_an_inactive_subscription_gets_no_new_deliveries(sqlite_property_id, receiver):
    from core.webhooks.schemas import WebhookSubscriptionUpdate

    sub = _subscribe(sqlite_property_id, receiver.url)
    with property_uow(sqlite_property_id, MANAGER) as uow:
        services.update_subscription(uow, sub.id, WebhookSubscriptionUpdate(active=False))
        uow.commit()
    _book(sqlite_property_id)
    _relay(sqlite_property_id).run_once()
    assert _log(sqlite_property_id) == [] and receiver.requests == []


def test_a_delivery_whose_worker_died_mid_attempt_is_sent_again_once_its_claim_lapses(
        property_id, receiver):
    from core.webhooks.models import DeliveryStatus

    _subscribe(property_id, receiver.url)
    receiver.answers = [500]
    _book(property_id)
    relay = _relay(property_id)
    relay.run_once()
    with property_uow(property_id) as uow:  # as a worker killed -9 while sending leaves it
        uow.session.execute(update(WebhookDelivery).values(
            status=DeliveryStatus.sending, locked_until=utcnow() + timedelta(minutes=1),
            dispatched_at=utcnow() - timedelta(minutes=5)))
        uow.commit()
    relay.run_once()
    assert _log(property_id)[0].status == "sending"  # its claim is still live: left alone
    with property_uow(property_id) as uow:
        uow.session.execute(update(WebhookDelivery).values(
            locked_until=utcnow() - timedelta(seconds=1)))
        uow.commit()
    relay.run_once()
    [row] = _log(property_id)
    assert row.status == "succeeded" and len(receiver.wait_for(2)) == 2


def test_gj_relay_hands_deliveries_to_the_job_queue(sqlite_property_id, receiver):
    from gj_cli.relay_cmd import dispatch_webhook

    _subscribe(sqlite_property_id, receiver.url)
    _book(sqlite_property_id)
    # GJ_ENV=test without Redis: core.jobs runs the job inline, as RQ would in a worker.
    Relay(property_ids=[sqlite_property_id], holder="t", dispatch=dispatch_webhook,
          sweep_interval=0).run_once()
    assert len(receiver.wait_for(1)) == 1
    assert _log(sqlite_property_id)[0].status == "succeeded"
