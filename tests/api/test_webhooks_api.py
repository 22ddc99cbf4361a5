"""Webhook admin routes: create (secret shown once), validation, permissions, log and re-send."""

from __future__ import annotations

import pytest
from contract import documented
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
    created = documented(first, client.app)["data"]
    assert len(created["secret"]) >= 32 and created["topics"] == ["housekeeping", "reservations"]
    again = client.post(url, json=body, headers=headers)
    assert documented(again, client.app)["data"]["id"] == created["id"]
    listed = documented(client.get(url, headers=gm), client.app)
    assert [s["id"] for s in listed["data"]] == [created["id"]] and "secret" not in listed["data"][0]
    assert listed["meta"] == {"page": 1, "per_page": 50, "total": 1, "pages": 1}
    other = client.post(url, json={**body, "url": "https://elsewhere.example/"}, headers=headers)
    assert other.status_code == 422
    assert documented(other, client.app)["error"]["code"] == "idempotency_key_reused"


def test_a_subscription_is_changed_its_secret_rotated_and_removed(setup):
    client, url, gm = setup["client"], setup["url"], setup["gm"]
    created = client.post(url, json={"url": "https://pos.example.com/hooks",
                                     "topics": ["reservations"]}, headers=gm).json()["data"]
    changed = client.patch(f"{url}/{created['id']}", json={"active": False}, headers=gm)
    body = documented(changed, client.app)["data"]
    assert body["active"] is False and "secret" not in body
    rotated = documented(client.post(f"{url}/{created['id']}/rotate-secret", headers=gm),
                         client.app)["data"]
    assert len(rotated["secret"]) >= 32 and rotated["secret"] != created["secret"]
    bad = client.patch(f"{url}/{created['id']}", json={"url": "ftp://x.example/"}, headers=gm)
    assert bad.status_code == 422 and "url" in documented(bad, client.app)["error"]["fields"]
    assert documented(client.get(url, headers=gm), client.app)["data"][0]["url"] == \
        "https://pos.example.com/hooks"  # the refused change stored nothing
    gone = client.delete(f"{url}/{created['id']}", headers=gm)
    assert documented(gone, client.app) == {"success": True, "data": None}
    again = client.delete(f"{url}/{created['id']}", headers=gm)
    assert again.status_code == 404 and documented(again, client.app)["success"] is False
    assert documented(client.get(url, headers=gm), client.app)["meta"]["total"] == 0


def test_bad_input_names_the_field_and_other_callers_are_refused(setup):
    client, url = setup["client"], setup["url"]
    bad = client.post(url, json={"url": "ftp://x.example/", "topics": ["reservations"]},
                      headers=setup["gm"])
    assert bad.status_code == 422
    error = documented(bad, client.app)["error"]
    assert error["code"] == "invalid_webhook" and "url" in error["fields"]
    desk = client.get(url, headers=setup["desk"])
    assert desk.status_code == 403 and documented(desk, client.app)["error"]["code"] == "forbidden"
    anonymous = TestClient(client.app).get(url)  # no cookie, no token
    assert anonymous.status_code == 401 and documented(anonymous, client.app)["success"] is False
    foreign = client.get(f"/api/v1/properties/{setup['b']}/webhooks", headers=setup["gm"])
    assert foreign.status_code == 404 and documented(foreign, client.app)["success"] is False
    paging = client.get(url, params={"per_page": 0}, headers=setup["gm"])
    assert paging.status_code == 422 and "per_page" in documented(paging, client.app)["error"][
        "fields"]


def test_the_delivery_log_pages_and_a_failed_delivery_can_be_resent(setup):
    client, url, gm, pid = setup["client"], setup["url"], setup["gm"], setup["a"]
    client.post(url, json={"url": "http://127.0.0.1:9/closed", "topics": ["reservations"]},
                headers=gm)
    for i in range(3):
        with property_uow(pid) as uow:
            uow.record_event("reservations", "reservation.created", f"r-{i}", {"id": f"r-{i}"})
            uow.commit()
    Relay(property_ids=[pid], holder="t", dispatch=deliver_webhook, sweep_interval=0).run_once()
    page = documented(client.get(f"{url}/deliveries", params={"per_page": 2}, headers=gm),
                      client.app)
    assert page["meta"] == {"page": 1, "per_page": 2, "total": 3, "pages": 2}
    assert len(page["data"]) == 2
    last = documented(client.get(f"{url}/deliveries", params={"per_page": 2, "page": 2},
                                 headers=gm), client.app)
    assert len(last["data"]) == 1 and last["data"][0]["id"] not in {r["id"] for r in page["data"]}
    row = page["data"][0]
    assert row["status"] == "pending" and row["attempts"] == 1 and row["last_error"]
    resent = documented(client.post(f"{url}/deliveries/{row['id']}/resend", headers=gm),
                        client.app)["data"]
    assert resent["status"] == "pending" and resent["attempts"] == 0
    bad = client.get(f"{url}/deliveries", params={"status": "lost"}, headers=gm)
    assert bad.status_code == 422 and "status" in documented(bad, client.app)["error"]["fields"]
    missing = client.post(f"{url}/deliveries/00000000-0000-0000-0000-000000000000/resend",
                          headers=gm)
    assert missing.status_code == 404 and documented(missing, client.app)["success"] is False
