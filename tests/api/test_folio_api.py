"""Folio and night-audit API: envelopes, idempotent charges, permissions, isolation, downloads."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from core.actor import Actor
from core.api import create_api
from core.db.uow import control_uow, property_uow
from core.folio import services as folios

PASSWORD = "correct horse battery staple"


@pytest.fixture
def desk(sqlite_tenant):
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user

    a = sqlite_tenant.make_property("Hotel A")
    b = sqlite_tenant.make_property("Hotel B")
    with control_uow(Actor.system()) as uow:
        update_security(uow, sqlite_tenant.chain_id, mfa_required_roles=[])
        uow.commit()
    ensure_user("night@example.com", "Nina", PASSWORD, [("night_auditor", a, None)])
    ensure_user("fd@example.com", "Fred", PASSWORD, [("front_desk", a, None)])
    client = TestClient(create_api("pms_app"))

    def auth(email):
        r = client.post("/auth/login", json={"email": email, "password": PASSWORD,
                                             "property_id": str(a)})
        return {"Authorization": f"Bearer {r.json()['data']['access_token']}"}

    with property_uow(a, Actor.system()) as uow:
        folio_id = folios.open_folio(uow, name="Ana Silva").id
        uow.commit()
    return {"client": client, "a": a, "b": b, "night": auth("night@example.com"),
            "fd": auth("fd@example.com"), "folio": folio_id,
            "base": f"/api/v1/properties/{a}"}


def test_a_charge_replayed_with_its_key_posts_once_and_bad_input_names_the_field(desk):
    c, base, fd = desk["client"], desk["base"], desk["fd"]
    url = f"{base}/folios/{desk['folio']}/charges"
    body = {"charge_type": "minibar", "amount": "7.50", "description": "Water"}
    first = c.post(url, json=body, headers={**fd, "Idempotency-Key": "k1"})
    again = c.post(url, json=body, headers={**fd, "Idempotency-Key": "k1"})
    assert first.status_code == 201 and again.json()["data"]["id"] == first.json()["data"]["id"]
    folio = c.get(f"{base}/folios/{desk['folio']}", headers=fd).json()["data"]
    assert folio["balance"] == "7.50" and len(folio["postings"]) == 1
    bad = c.post(url, json={**body, "description": "card 4242 4242 4242 4242"}, headers=fd)
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "card_number_refused"
    assert "description" in bad.json()["error"]["fields"]
    wrong = c.post(url, json={**body, "amount": "1.234"}, headers=fd)
    assert wrong.status_code == 422 and "amount" in wrong.json()["error"]["fields"]


def test_pay_invoice_and_download_the_pdf_with_the_right_roles(desk):
    c, base, fd, night = desk["client"], desk["base"], desk["fd"], desk["night"]
    folio_url = f"{base}/folios/{desk['folio']}"
    c.post(f"{folio_url}/charges", json={"charge_type": "fnb", "amount": "20.00",
                                        "description": "Dinner"}, headers=fd)
    paid = c.post(f"{folio_url}/payments", json={"amount": "20.00", "method": "cash"},
                  headers=fd)
    assert paid.status_code == 201 and paid.json()["data"]["status"] == "captured"
    assert c.post(f"{folio_url}/invoice", headers=fd).status_code == 403  # desk cannot invoice
    invoice = c.post(f"{folio_url}/invoice", headers=night).json()["data"]
    assert invoice["display_number"].startswith("INV-")
    pdf = c.get(f"{base}/invoices/{invoice['id']}/pdf", headers=night)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    closed = c.post(f"{folio_url}/charges", json={"charge_type": "fnb", "amount": "1.00",
                                                 "description": "Late"}, headers=fd)
    assert closed.status_code == 409 and closed.json()["error"]["code"] == "folio_closed"
    foreign = f"/api/v1/properties/{desk['b']}/folios/{desk['folio']}"
    assert c.get(foreign, headers=fd).status_code == 404


def test_the_night_audit_runs_on_demand_and_its_reports_download(desk):
    c, base, night = desk["client"], desk["base"], desk["night"]
    assert c.post(f"{base}/night-audit", json={}, headers=desk["fd"]).status_code == 403
    run = c.post(f"{base}/night-audit", json={}, headers=night)
    assert run.status_code == 200
    day = run.json()["data"]["business_date"]
    again = c.post(f"{base}/night-audit", json={"business_date": day}, headers=night)
    assert again.json()["data"]["business_date"] == day
    csv = c.get(f"{base}/night-audit/{day}/flash.csv", headers=night)
    assert csv.status_code == 200 and "occupancy_pct" in csv.text
    missing = c.get(f"{base}/night-audit/2001-01-01/flash.pdf", headers=night)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "report_not_found"
