"""Reading the audit log over the API: managers see their property's log, others get 403/404."""

from __future__ import annotations

import pytest
from contract import documented
from fastapi.testclient import TestClient

from core import audit
from core.actor import Actor
from core.api import create_api
from core.db.uow import control_uow, property_uow

PASSWORD = "correct horse battery staple"


@pytest.fixture
def hotel(tenant):
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user

    a, b = tenant.make_property("Hotel A"), tenant.make_property("Hotel B")
    with control_uow(Actor.system()) as uow:
        update_security(uow, tenant.chain_id, mfa_required_roles=[])
        uow.commit()
    ensure_user("gm@example.com", "GM", PASSWORD, [("general_manager", a, None)])
    ensure_user("desk@example.com", "Desk", PASSWORD, [("front_desk", a, None)])
    with property_uow(a) as uow:
        audit.record(uow, "reservations.cancel", "reservation", "r-9", "Cancelled for Ana")
        uow.commit()
    return {"a": str(a), "b": str(b), "app": create_api("pms_app")}


def _client(hotel, email) -> TestClient:
    client = TestClient(hotel["app"])
    response = client.post("/auth/login", json={"email": email, "password": PASSWORD,
                                                "property_id": hotel["a"]})
    assert response.status_code == 200
    return client


def test_a_manager_reads_and_filters_their_property_log(hotel):
    client = _client(hotel, "gm@example.com")
    body = documented(client.get(f"/api/v1/properties/{hotel['a']}/audit",
                                 params={"action": "reservations."}), client.app)
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 1, "pages": 1}
    assert body["data"][0]["entity_id"] == "r-9" and body["data"][0]["summary"] == "Cancelled for Ana"
    none = client.get(f"/api/v1/properties/{hotel['a']}/audit", params={"entity_type": "folio"})
    assert documented(none, client.app)["meta"]["total"] == 0
    bad = client.get(f"/api/v1/properties/{hotel['a']}/audit", params={"per_page": 201})
    assert bad.status_code == 422 and "per_page" in documented(bad, client.app)["error"]["fields"]
    backwards = client.get(f"/api/v1/properties/{hotel['a']}/audit",
                           params={"since": "2030-01-02T00:00:00Z", "until": "2030-01-01T00:00:00Z"})
    assert backwards.status_code == 422
    assert "until" in documented(backwards, client.app)["error"]["fields"]


def test_another_property_is_not_found_and_front_desk_is_forbidden(hotel):
    gm = _client(hotel, "gm@example.com")
    response = gm.get(f"/api/v1/properties/{hotel['b']}/audit")
    assert response.status_code == 404
    assert documented(response, gm.app)["error"]["code"] == "not_found"
    assert gm.get("/api/v1/properties/not-a-uuid/audit").status_code in (404, 422)
    desk = _client(hotel, "desk@example.com")
    refused = desk.get(f"/api/v1/properties/{hotel['a']}/audit")
    assert refused.status_code == 403 and documented(refused, desk.app)["success"] is False
    anonymous = TestClient(hotel["app"]).get(f"/api/v1/properties/{hotel['a']}/audit")
    assert anonymous.status_code == 401 and documented(anonymous, hotel["app"])["success"] is False


def test_the_operator_log_shows_sign_ins_of_the_chain(hotel):
    gm = _client(hotel, "gm@example.com")
    body = documented(gm.get("/api/v1/audit", params={"action": "auth.login"}), gm.app)
    assert body["meta"]["total"] >= 1 and body["meta"]["per_page"] == 50
    assert all(item["action"].startswith("auth.login") for item in body["data"])
