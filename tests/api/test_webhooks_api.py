"""Webhook admin routes: create (secret shown once), validation, permissions, log and re-send."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from core.actor import Actor
from core.api import create_api
from core.db.uow import control_uow, property_uow
from core.events.relay import Relay
from core.webhooks.delivery import deliver_webhook

PASSWORD = "correct horse battery staple"


@pytest.fixture
def setup(tenant):
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user

    a = tenant.make_property("Hotel A")
    b = tenant.make_property("Hotel B")
    with control_uow(Actor.system()) as uow:
        update_security(uow, tenant.chain_id, mfa_required_roles=[])
        uow.commit()
    ensure_user("gm@example.com", "GM", PASSWORD, [("general_manager", a, None)])
    ensure_user("desk@example.com", "Desk", PASSWORD, [("front_desk", a, None)])
    client = TestClient(create_api("pms_app"))

    def auth(email):
        r = client.post("/auth/login", json={"email": email, "password": PASSWORD,
                                             "property_id": str(a)})
        return {"Authorization": f"Bearer {r.json()['data']['access_token']}"}

    return {"client": client, "a": a, "b": b, "gm": auth("gm@example.com"),
            "desk": auth("desk@example.com"),
            "url": f"/api/v1/properties/{a}/webhooks"}


def test_create_returns_the_secret_once_and_a_replayed_key_creates_nothing_more(setup):
    client, url, gm = setup["client"], setup["url"], setup["gm"]
    body = {"url": "https://pos.example.com/hooks", "topics": ["reservations", "housekeeping"]}
    headers = {**gm, "Idempotency-Key": "create-1"}
    first = client.post(url, json=body, headers=headers)
    assert first.status_code == 201
    created = first.json()["data"]
    assert len(created["secret"]) >= 32 and created["topics"] == ["housekeeping", "reservations"]
    again = client.post(url, json=body, headers=headers)
    assert again.json()["data"]["id"] == created["id"]
    listed = client.get(url, headers=gm).json()["data"]
    assert [s["id"] for s in listed] == [created["id"]] and "secret" not in listed[0]
    other = client.post(url, json={**body, "url": "https://elsewhere.example/"}, headers=headers)
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused"


def test_bad_input_names_the_field_and_other_callers_are_refused(setup):
    client, url = setup["client"], setup["url"]
    bad = client.post(url, json={"url": "ftp://x.example/", "topics": ["reservations"]},
                      headers=setup["gm"])
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "invalid_webhook" and "url" in bad.json()["error"]["fields"]
    assert client.get(url, headers=setup["desk"]).status_code == 403
    assert TestClient(client.app).get(url).status_code == 401  # no cookie, no token
    foreign = f"/api/v1/properties/{setup['b']}/webhooks"
    assert client.get(foreign, headers=setup["gm"]).status_code == 404


def test_the_delivery_log_pages_and_a_failed_delivery_can_be_resent(setup):
    client, url, gm, pid = setup["client"], setup["url"], setup["gm"], setup["a"]
    client.post(url, json={"url": "http://127.0.0.1:9/closed", "topics": ["reservations"]},
                headers=gm)
    for i in range(3):
        with property_uow(pid) as uow:
            uow.record_event("reservations", "reservation.created", f"r-{i}", {"id": f"r-{i}"})
            uow.commit()
    Relay(property_ids=[pid], holder="t", dispatch=deliver_webhook, sweep_interval=0).run_once()
    page = client.get(f"{url}/deliveries", params={"per_page": 2}, headers=gm).json()
    assert page["meta"] == {"page": 1, "total": 3} and len(page["data"]) == 2
    row = page["data"][0]
    assert row["status"] == "pending" and row["attempts"] == 1 and row["last_error"]
    resent = client.post(f"{url}/deliveries/{row['id']}/resend", headers=gm).json()["data"]
    assert resent["status"] == "pending" and resent["attempts"] == 0
    bad = client.get(f"{url}/deliveries", params={"status": "lost"}, headers=gm)
    assert bad.status_code == 422 and "status" in bad.json()["error"]["fields"]
    missing = client.post(f"{url}/deliveries/00000000-0000-0000-0000-000000000000/resend",
                          headers=gm)
    assert missing.status_code == 404
