"""Folio and night-audit API: envelopes, idempotent charges, permissions, isolation, downloads.
Answers are checked against the shapes /api/openapi.json documents (tests/api/contract.py)."""

from __future__ import annotations

import uuid

import pytest
from api_support import make_api
from contract import documented
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
    assert first.status_code == 201
    assert documented(again, c.app)["data"]["id"] == documented(first, c.app)["data"]["id"]
    folio = documented(c.get(f"{base}/folios/{desk['folio']}", headers=fd), c.app)["data"]
    assert folio["balance"] == "7.50" and len(folio["postings"]) == 1
    bad = c.post(url, json={**body, "description": "card 4242 4242 4242 4242"}, headers=fd)
    assert bad.status_code == 422
    assert documented(bad, c.app)["error"]["code"] == "card_number_refused"
    assert "description" in bad.json()["error"]["fields"]
    wrong = c.post(url, json={**body, "amount": "1.234"}, headers=fd)
    assert wrong.status_code == 422 and "amount" in documented(wrong, c.app)["error"]["fields"]
    folio = documented(c.get(f"{base}/folios/{desk['folio']}", headers=fd), c.app)["data"]
    assert folio["balance"] == "7.50" and len(folio["postings"]) == 1  # refusals stored nothing


def test_pay_invoice_and_download_the_pdf_with_the_right_roles(desk):
    c, base, fd, night = desk["client"], desk["base"], desk["fd"], desk["night"]
    folio_url = f"{base}/folios/{desk['folio']}"
    c.post(f"{folio_url}/charges", json={"charge_type": "fnb", "amount": "20.00",
                                        "description": "Dinner"}, headers=fd)
    paid = c.post(f"{folio_url}/payments", json={"amount": "20.00", "method": "cash"},
                  headers=fd)
    assert paid.status_code == 201 and documented(paid, c.app)["data"]["status"] == "captured"
    refused = c.post(f"{folio_url}/invoice", headers=fd)  # desk cannot invoice
    assert refused.status_code == 403 and documented(refused, c.app)["error"]["code"] == "forbidden"
    issued = c.post(f"{folio_url}/invoice", headers=night)
    assert issued.status_code == 201
    invoice = documented(issued, c.app)["data"]
    assert invoice["display_number"].startswith("INV-") and invoice["total"] == "20.00"
    pdf = c.get(f"{base}/invoices/{invoice['id']}/pdf", headers=night)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    pdf_doc = c.app.openapi()["paths"]["/api/v1/properties/{property_id}/invoices/{invoice_id}/pdf"]
    assert pdf_doc["get"]["responses"]["200"]["content"] == {
        "application/pdf": {"schema": {"type": "string", "format": "binary"}}}
    closed = c.post(f"{folio_url}/charges", json={"charge_type": "fnb", "amount": "1.00",
                                                 "description": "Late"}, headers=fd)
    assert closed.status_code == 409 and documented(closed, c.app)["error"]["code"] == "folio_closed"
    foreign = c.get(f"/api/v1/properties/{desk['b']}/folios/{desk['folio']}", headers=fd)
    assert foreign.status_code == 404 and documented(foreign, c.app)["success"] is False


def _audit_event_types(property_id) -> list[str]:
    from sqlmodel import col, select

    from core.events.models import OutboxEvent

    with property_uow(property_id, Actor.system(), write=False) as uow:
        return [e.type for e in uow.session.exec(select(OutboxEvent).where(
            OutboxEvent.topic == "night_audit").order_by(col(OutboxEvent.id))).all()]


def test_the_night_audit_runs_on_demand_and_its_reports_download(desk):
    c, base, night = desk["client"], desk["base"], desk["night"]
    refused = c.post(f"{base}/night-audit", json={}, headers=desk["fd"])
    assert refused.status_code == 403 and documented(refused, c.app)["success"] is False
    run = c.post(f"{base}/night-audit", json={}, headers=night)
    assert run.status_code == 200
    done = documented(run, c.app)["data"]
    day = done["business_date"]
    assert done["summary"]["trial_balance"]["balanced"] is True
    again = c.post(f"{base}/night-audit", json={"business_date": day}, headers=night)
    assert documented(again, c.app)["data"]["business_date"] == day
    # Started over the API, the run is announced like one from the PMS or the scheduler (once).
    assert _audit_event_types(desk["a"]) == ["night_audit.started", "night_audit.completed"]
    csv = c.get(f"{base}/night-audit/{day}/flash.csv", headers=night)
    assert csv.status_code == 200 and "occupancy_pct" in csv.text
    assert csv.headers["content-type"].startswith("text/csv")
    pdf = c.get(f"{base}/night-audit/{day}/trial_balance.pdf", headers=night)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    report_doc = c.app.openapi()["paths"][
        "/api/v1/properties/{property_id}/night-audit/{business_date}/{kind}.{fmt}"]
    assert set(report_doc["get"]["responses"]["200"]["content"]) == {"text/csv",
                                                                     "application/pdf"}
    missing = c.get(f"{base}/night-audit/2001-01-01/flash.pdf", headers=night)
    assert missing.status_code == 404
    assert documented(missing, c.app)["error"]["code"] == "report_not_found"
    bad_date = c.post(f"{base}/night-audit", json={"business_date": "31.12.2030"}, headers=night)
    assert bad_date.status_code == 422
    assert "business_date" in documented(bad_date, c.app)["error"]["fields"]


@pytest.fixture
def stay(sqlite_tenant, monkeypatch):
    """Two hotels with rooms and rates, a booked reservation at A, its guest and extras folios."""
    api = make_api(sqlite_tenant, monkeypatch)
    res = api.client.post(api.url("/reservations"), json=api.booking(),
                          headers=api.headers["gm"]).json()["data"]
    with property_uow(api.a.id, Actor.system()) as uow:
        folios.ensure_guest_folio(uow, uuid.UUID(res["id"]))
        extras = folios.open_folio(uow, name="Extras", reservation_id=uuid.UUID(res["id"]),
                                   kind="extras").id
        uow.commit()
    return api, res["id"], str(extras)


def test_a_reservations_folios_page_and_a_line_moves_and_is_reversed(stay):
    api, reservation_id, extras = stay
    c, gm = api.client, api.headers["gm"]
    listed = documented(c.get(api.url(f"/reservations/{reservation_id}/folios"), headers=gm),
                        c.app)
    assert listed["meta"]["total"] == len(listed["data"]) == 2
    assert extras in {f["id"] for f in listed["data"]}
    one = documented(c.get(api.url(f"/reservations/{reservation_id}/folios"),
                           params={"per_page": 1, "page": 2}, headers=gm), c.app)
    assert one["meta"]["page"] == 2 and len(one["data"]) == 1
    guest = next(f["id"] for f in listed["data"] if f["id"] != extras)
    charge = documented(c.post(api.url(f"/folios/{guest}/charges"), headers=gm, json={
        "charge_type": "minibar", "amount": "9.00", "description": "Juice"}), c.app)["data"]
    moved = c.post(api.url(f"/postings/{charge['id']}/transfer"), headers=gm,
                   json={"target_folio_id": extras})
    assert moved.status_code == 201
    line = documented(moved, c.app)["data"]
    assert line["amount"] == "9.00" and line["transfer_id"]
    reversed_ = c.post(api.url(f"/postings/{line['id']}/reversal"), headers=gm,
                       json={"reason": "Not taken"})
    assert reversed_.status_code == 201
    assert documented(reversed_, c.app)["data"]["voids_posting_id"] == line["id"]
    twice = c.post(api.url(f"/postings/{line['id']}/reversal"), headers=gm,
                   json={"reason": "Again"})
    assert twice.status_code == 409 and documented(twice, c.app)["success"] is False
    extras_now = documented(c.get(api.url(f"/folios/{extras}"), headers=gm), c.app)["data"]
    assert extras_now["balance"] == "0.00"
    missing = c.get(api.url(f"/reservations/{uuid.uuid4()}/folios"), headers=gm)
    assert missing.status_code == 404 and documented(missing, c.app)["success"] is False
    foreign = c.get(api.url(f"/reservations/{reservation_id}/folios", api.b),
                    headers=api.headers["desk_b"])
    assert foreign.status_code == 404 and documented(foreign, c.app)["success"] is False


def test_payment_options_and_a_refund_of_a_cash_payment(stay):
    api, _, extras = stay
    c, gm = api.client, api.headers["gm"]
    methods = documented(c.get(api.url("/payment-methods"), headers=gm), c.app)["data"]
    assert "cash" in methods
    config = documented(c.get(api.url("/payments/config"), headers=gm), c.app)["data"]
    assert config["methods"] == methods
    c.post(api.url(f"/folios/{extras}/charges"), headers=gm, json={
        "charge_type": "fnb", "amount": "30.00", "description": "Lunch"})
    paid = documented(c.post(api.url(f"/folios/{extras}/payments"), headers=gm,
                             json={"amount": "30.00", "method": "cash"}), c.app)["data"]
    refund = c.post(api.url(f"/payments/{paid['id']}/refunds"), headers=gm,
                    json={"amount": "10.00", "reason": "Overcharged"})
    assert refund.status_code == 201
    assert documented(refund, c.app)["data"]["amount"] == "10.00"
    too_much = c.post(api.url(f"/payments/{paid['id']}/refunds"), headers=gm,
                      json={"amount": "25.00", "reason": "Again"})
    assert too_much.status_code in (409, 422) and documented(too_much, c.app)["success"] is False
    no_reason = c.post(api.url(f"/payments/{paid['id']}/refunds"), headers=gm,
                       json={"amount": "1.00"})
    assert no_reason.status_code == 422
    assert "reason" in documented(no_reason, c.app)["error"]["fields"]
    hold = c.post(api.url("/payments/card-authorizations"), headers=gm,
                  json={"payment_method": "pm_card_visa", "amount": "50.00",
                        "folio_id": extras})
    assert hold.status_code in (409, 422) and documented(hold, c.app)["success"] is False


def _ledger(property_id, account_id):
    """(account balance, entries, the folios topic's city-ledger events) as stored."""
    from sqlmodel import col, select

    from core.events.models import OutboxEvent
    from core.folio.city_ledger import account_balance
    from core.folio.ledger_models import CityLedgerEntry

    with property_uow(property_id, Actor.system(), write=False) as uow:
        entries = uow.session.exec(select(CityLedgerEntry)
                                   .where(CityLedgerEntry.account_id == account_id)).all()
        events = uow.session.exec(select(OutboxEvent).where(
            OutboxEvent.topic == "folios", OutboxEvent.type == "city_ledger.charged")
            .order_by(col(OutboxEvent.id))).all()
        return account_balance(uow, account_id), entries, events


def test_a_folio_balance_billed_to_the_city_ledger_once(stay):
    from datetime import timedelta
    from decimal import Decimal

    from core.folio.city_ledger import create_account

    api, _, extras = stay
    c, gm, desk = api.client, api.headers["gm"], api.headers["desk"]
    with property_uow(api.a.id, Actor.system()) as uow:
        account = create_account(uow, code="ACME", name="Acme Travel", payment_terms_days=30).id
        uow.commit()
    url = api.url(f"/folios/{extras}/city-ledger")
    c.post(api.url(f"/folios/{extras}/charges"), headers=gm, json={
        "charge_type": "fnb", "amount": "45.00", "description": "Working dinner"})

    refused = c.post(url, headers=api.headers["hk"], json={"account_id": str(account)})
    assert refused.status_code == 403
    assert documented(refused, c.app)["error"]["code"] == "forbidden"
    assert _ledger(api.a.id, account)[0] == Decimal("0.00")

    moved = c.post(url, headers=desk, json={"account_id": str(account)})
    assert moved.status_code == 201
    entry = documented(moved, c.app)["data"]
    assert entry["amount"] == "45.00"
    assert entry["due_on"] == (api.a.today + timedelta(days=30)).isoformat()
    folio = documented(c.get(api.url(f"/folios/{extras}"), headers=gm), c.app)["data"]
    assert folio["balance"] == "0.00"
    line = folio["postings"][-1]
    assert (line["charge_type"], line["amount"]) == ("city_ledger", "-45.00")
    owed, entries, events = _ledger(api.a.id, account)
    assert owed == Decimal("45.00")
    [stored] = entries
    assert (str(stored.id), str(stored.folio_id), stored.reference) == (
        entry["entry_id"], extras, line["id"])
    [event] = events
    assert event.entity_id == str(account) and Decimal(str(event.payload["amount"])) == 45
    logged = documented(c.get(api.url("/audit"), headers=gm,
                              params={"action": "city_ledger.transfer"}), c.app)
    assert [(e["entity_id"], e["actor_name"]) for e in logged["data"]] == [(extras, "Desk")]

    # Nothing is left to bill: refused with its stable code, and the ledger is as it was.
    again = c.post(url, headers=desk, json={"account_id": str(account)})
    assert again.status_code == 422
    body = documented(again, c.app)
    assert body["error"]["code"] == "nothing_to_transfer" and "folio_id" in body["error"]["fields"]
    owed, entries, events = _ledger(api.a.id, account)
    assert (owed, len(entries), len(events)) == (Decimal("45.00"), 1, 1)
