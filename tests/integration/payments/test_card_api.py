"""Card routes over HTTP against localstripe: hold a token, capture part, the folio settles.
Answers are checked against the shapes /api/openapi.json documents (tests/api/contract.py)."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from fastapi.testclient import TestClient

from core.actor import Actor
from core.api import create_api
from core.db.uow import control_uow, property_uow
from core.folio import services as folios

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "api"))
from contract import documented  # noqa: E402

PASSWORD = "correct horse battery staple"


def _login(prop) -> tuple[TestClient, dict]:
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user
    from core.tenancy.registry import get_property

    email = f"desk-{uuid.uuid4().hex[:6]}@example.com"
    with control_uow(Actor.system()) as uow:
        update_security(uow, get_property(prop).chain_id, mfa_required_roles=[])
        uow.commit()
    ensure_user(email, "Desk", PASSWORD, [("front_desk", prop, None)])
    client = TestClient(create_api("pms_app"))
    r = client.post("/auth/login", json={"email": email, "password": PASSWORD,
                                         "property_id": str(prop)})
    return client, {"Authorization": f"Bearer {r.json()['data']['access_token']}"}


def test_the_desk_holds_and_captures_a_card_over_the_api(prop, stripe_gateway, card_token):
    client, auth = _login(prop)
    with property_uow(prop, Actor.system()) as uow:
        folio = folios.open_folio(uow, name="API guest")
        folios.post_charge(uow, folio.id, charge_type="room", amount="90.00", description="Room")
        uow.commit()
    base = f"/api/v1/properties/{prop}/payments"
    config = documented(client.get(f"{base}/config", headers=auth), client.app)["data"]
    assert "card" in config["methods"]
    raw = client.post(f"{base}/card-authorizations", headers=auth, json={
        "payment_method": "4242424242424242", "amount": "120.00", "folio_id": str(folio.id)})
    assert raw.status_code == 422
    assert documented(raw, client.app)["error"]["code"] == "card_number_refused"
    hold = client.post(f"{base}/card-authorizations", headers=auth, json={
        "payment_method": card_token(), "amount": "120.00", "folio_id": str(folio.id)})
    assert hold.status_code == 201 and documented(hold, client.app)["data"]["status"] == "authorized"
    payment_id = hold.json()["data"]["id"]
    done = client.post(f"{base}/{payment_id}/capture", headers=auth, json={"amount": "90.00"})
    assert documented(done, client.app)["data"]["amount_captured"] == "90.00"
    late = client.post(f"{base}/{payment_id}/release", headers=auth)
    assert late.status_code == 409 and documented(late, client.app)["success"] is False
    with property_uow(prop, write=False) as uow:
        assert folios.folio_balance(uow, folio.id) == 0
    second = documented(client.post(f"{base}/card-authorizations", headers=auth, json={
        "payment_method": card_token(), "amount": "30.00", "folio_id": str(folio.id)}),
        client.app)["data"]
    released = client.post(f"{base}/{second['id']}/release", headers=auth)
    assert documented(released, client.app)["data"]["status"] == "canceled"
    missing = client.post(f"{base}/{uuid.uuid4()}/capture", headers=auth, json={})
    assert missing.status_code == 404 and documented(missing, client.app)["success"] is False
