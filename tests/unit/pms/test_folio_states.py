"""The reservation page's folio panel: postings and balances, each action behind its permission,
refused by the services anyway, bad input named on its field and nothing stored."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from pms_support import make_state, run

from pms_app.state.reservation import ReservationState as S


@pytest.fixture(scope="module")
def stay(desk) -> str:
    """A confirmed stay with its guest folio and a second, company folio."""
    from desk_support import DESK

    from core.folio.services import ensure_guest_folio, open_folio

    hotel = desk.hotel
    rid = hotel.book(hotel.today + timedelta(days=3), last_name="Foliotest").reservations[0].id
    with hotel.uow(DESK) as uow:
        ensure_guest_folio(uow, rid)
        open_folio(uow, name="Company", reservation_id=rid, kind="company")
        uow.commit()
    return str(rid)


def _page(desk, role: str, rid: str):
    state = make_state(S, desk.cookies[role], params={"rid": rid})
    run(S.load, state)
    return state


def _charge(state, folio: int, kind: str, amount: str, description: str) -> None:
    run(S.set_charge, state, "folio", state.folios[folio]["id"])
    run(S.set_charge, state, "type", kind)
    run(S.set_charge, state, "amount", amount)
    run(S.set_charge, state, "description", description)
    run(S.post_folio_charge, state)


def _lines(state, folio: int) -> list[dict[str, str]]:
    return state.folio_lines[state.folios[folio]["id"]]


def test_desk_sees_folios_and_posts_a_charge_with_errors_on_the_field(desk, stay):
    state = _page(desk, "front_desk", stay)
    assert [f["name"] for f in state.folios][1] == "Company"
    assert state.can_post_charge and state.can_transfer
    assert not state.can_refund and not state.can_invoice
    assert "room" in state.charge_types and "payment" not in state.charge_types

    _charge(state, 0, "minibar", "abc", "Water")
    assert state.field_errors == {"amount": state.field_errors["amount"]} and state.error
    _charge(state, 0, "minibar", "12.50", "   ")
    assert "description" in state.field_errors
    assert _lines(state, 0) == []  # nothing stored

    _charge(state, 0, "minibar", "12.50", "Water and crisps")
    assert state.error == "" and state.notice == "Charge posted."
    line = _lines(state, 0)[0]
    assert (line["type"], line["amount"], line["description"]) == (
        "minibar", "12.50", "Water and crisps")
    assert state.folios[0]["balance"] == "12.50"
    assert state.charge_amount == "" and state.charge_description == ""


def test_reverse_needs_a_reason_then_cancels_the_line(desk, stay):
    state = _page(desk, "front_desk", stay)
    _charge(state, 0, "fnb", "30", "Room service")
    line = _lines(state, 0)[-1]
    run(S.open_line_action, state, line["id"], "reverse")
    run(S.reverse_line, state)
    assert state.field_errors == {"reason": "is required"}
    run(S.set_line, state, "reason", "posted to the wrong room")
    run(S.reverse_line, state)

    assert state.notice == "Line reversed." and state.line_id == ""
    reversal = _lines(state, 0)[-1]
    assert reversal["amount"] == "-30.00" and reversal["correctable"] == ""
    assert reversal["description"] == f"Reversal of line {line['line']}: posted to the wrong room"
    assert next(x for x in _lines(state, 0) if x["id"] == line["id"])["correctable"] == ""
    run(S.open_line_action, state, line["id"], "reverse")  # twice (a crafted event): refused
    run(S.set_line, state, "reason", "again")
    run(S.reverse_line, state)
    assert "already reversed" in state.error


def test_transfer_moves_a_line_to_the_company_folio(desk, stay):
    state = _page(desk, "front_desk", stay)
    _charge(state, 0, "fee", "45", "Parking")
    line = _lines(state, 0)[-1]

    run(S.open_line_action, state, line["id"], "transfer")
    run(S.transfer_line, state)
    assert state.field_errors == {"target_folio_id": "is required"}
    run(S.set_line, state, "target", state.folios[1]["id"])
    run(S.transfer_line, state)

    assert state.notice == "Line moved."
    assert [(x["description"], x["amount"]) for x in _lines(state, 1)] == [("Parking", "45.00")]
    assert _lines(state, 0)[-1]["amount"] == "-45.00"


def test_concierge_sees_no_folio_and_a_crafted_charge_is_refused(desk, stay):
    state = _page(desk, "guest_services", stay)
    assert state.folios == [] and not state.can_post_charge
    run(S.set_charge, state, "amount", "99")
    run(S.set_charge, state, "description", "Sneaky")
    run(S.post_folio_charge, state)
    assert "permission" in state.error

    desk_view = _page(desk, "front_desk", stay)
    assert all(x["description"] != "Sneaky" for f in desk_view.folios
               for x in desk_view.folio_lines[f["id"]])


def test_refund_is_hidden_from_the_desk_and_refused_if_called(desk, stay):
    state = _page(desk, "front_desk", stay)
    run(S.set_payment, state, "amount", "20")
    run(S.take_payment, state)
    payment = next(x for x in _lines(state, 0) if x["type"] == "payment")

    run(S.open_line_action, state, payment["id"], "refund")
    run(S.set_line, state, "amount", "5")
    run(S.set_line, state, "reason", "goodwill")
    run(S.refund_line, state, payment["payment_id"])
    assert "permission" in state.error


def test_accountant_refunds_at_most_what_was_paid_and_invoices_a_settled_folio(desk):
    hotel = desk.hotel
    rid = str(hotel.book(hotel.today + timedelta(days=20)).reservations[0].id)
    state = _page(desk, "accountant", rid)
    assert state.can_refund and state.can_invoice
    _charge_first = {"amount": "80", "description": "Spa"}
    run(S.set_charge, state, "type", "other")
    for k, v in _charge_first.items():
        run(S.set_charge, state, k, v)
    run(S.post_folio_charge, state)  # no folio yet: the guest folio is opened for it
    assert state.error == "" and len(state.folios) == 1
    run(S.set_payment, state, "amount", "100")
    run(S.take_payment, state)
    payment = next(x for x in _lines(state, 0) if x["type"] == "payment")
    assert state.folios[0]["balance"] == "-20.00"

    run(S.open_line_action, state, payment["id"], "refund")
    run(S.set_line, state, "amount", "150")
    run(S.set_line, state, "reason", "overpaid")
    run(S.refund_line, state, payment["payment_id"])
    assert state.field_errors == {"amount": "must be at most 100.00"}
    assert state.folios[0]["balance"] == "-20.00"

    run(S.invoice_folio, state, state.folios[0]["id"])
    assert "balance" in state.error.lower()  # not settled yet: no invoice

    run(S.set_line, state, "amount", "20")
    run(S.refund_line, state, payment["payment_id"])
    assert state.error == "" and state.notice == "Refund recorded."
    assert state.folios[0]["balance"] == "0.00"

    folio_id = state.folios[0]["id"]
    run(S.invoice_folio, state, folio_id)
    assert state.error == "" and state.notice.startswith("Invoice ")
    assert state.folios[0]["status"] != "open"
    link = state.folio_invoice_links[folio_id][0]
    assert link["href"] == (f"/api/v1/properties/{hotel.property_id}/invoices/"
                            f"{link['href'].split('/')[-2]}/pdf")
    uuid.UUID(link["href"].split("/")[-2])
    from fastapi.testclient import TestClient

    from core.api import create_api

    client = TestClient(create_api("pms_app"))  # the link works with the browser's session
    client.cookies.set("gj_session", desk.cookies["accountant"])
    pdf = client.get(link["href"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    concierge = TestClient(create_api("pms_app"))
    concierge.cookies.set("gj_session", desk.cookies["guest_services"])
    assert concierge.get(link["href"]).status_code == 403

    _charge(state, 0, "other", "5", "Late extra")  # the invoiced folio is closed
    assert state.field_errors == {"folio_id": "is closed"} and "closed" in state.error
