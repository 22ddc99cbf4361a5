"""Folio ledger: postings, routing, reversals, transfers, closed folios, card-number refusal."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from core.actor import Actor
from core.db.uow import property_uow
from core.errors import PermissionDenied
from core.folio import services as folios
from core.folio.errors import (
    AlreadyReversed,
    CardNumberRefused,
    CurrencyMismatch,
    FolioClosed,
    InvalidAmount,
    OpenBalance,
)
from core.folio.invoices import issue_invoice
from core.folio.models import Posting
from core.folio.routing import add_routing_rule
from core.payments import manual

D = Decimal


def _folio(pid, name="Ana Silva", reservation_id=None, kind="guest"):
    with property_uow(pid) as uow:
        folio = folios.open_folio(uow, name=name, reservation_id=reservation_id, kind=kind)
        uow.commit()
        return folio.id


def _charge(pid, folio_id, amount, charge_type="fnb", description="Dinner", **kw):
    with property_uow(pid) as uow:
        posting = folios.post_charge(uow, folio_id, charge_type=charge_type, amount=amount,
                                     description=description, **kw)
        uow.commit()
        return posting


def _balance(pid, folio_id):
    with property_uow(pid, write=False) as uow:
        return folios.folio_balance(uow, folio_id)


def test_balance_is_the_sum_of_charges_and_payments(prop):
    folio_id = _folio(prop)
    _charge(prop, folio_id, "120.00", "room", "Room 101")
    _charge(prop, folio_id, "7.50", "minibar", "Water")
    _charge(prop, folio_id, "-10.00", "discount", "Loyalty")
    with property_uow(prop) as uow:
        manual.take_payment(uow, folio_id, "50.00", method="cash")
        uow.commit()
    assert _balance(prop, folio_id) == D("67.50")
    with property_uow(prop, write=False) as uow:
        view = folios.get_folio(uow, folio_id)
        assert [p.line_no for p in view.postings] == [1, 2, 3, 4]
        assert view.balance == D("67.50")


def test_routing_sends_room_and_tax_to_the_company_folio_and_extras_to_the_guest(prop):
    reservation_id = uuid.uuid4()
    guest = _folio(prop, "Ana Silva", reservation_id)
    company = _folio(prop, "ACME Ltd", reservation_id, kind="company")
    with property_uow(prop) as uow:
        add_routing_rule(uow, reservation_id, ["room", "tax"], company)
        uow.commit()
    room = _charge(prop, guest, "100.00", "room", "Night 1")
    tax = _charge(prop, guest, "6.00", "tax", "VAT", tax_code="VAT")
    bar = _charge(prop, guest, "12.00", "fnb", "Bar")
    assert room.folio_id == company and tax.folio_id == company and bar.folio_id == guest
    assert _balance(prop, company) == D("106.00")
    assert _balance(prop, guest) == D("12.00")


def test_a_reversal_cancels_a_line_once_and_never_edits_it(prop):
    folio_id = _folio(prop)
    wrong = _charge(prop, folio_id, "40.00", "minibar", "Minibar")
    with property_uow(prop) as uow:
        reversal = folios.reverse_posting(uow, wrong.id, reason="Guest did not use it")
        uow.commit()
    assert reversal.amount == D("-40.00") and reversal.voids_posting_id == wrong.id
    assert _balance(prop, folio_id) == 0
    with property_uow(prop) as uow, pytest.raises(AlreadyReversed):
        folios.reverse_posting(uow, wrong.id, reason="again")
    with property_uow(prop) as uow:
        row = uow.session.get(Posting, wrong.id)
        row.amount = D("1.00")
        with pytest.raises(RuntimeError, match="immutable"):
            uow.session.flush()


def test_a_transfer_moves_a_charge_between_folios(prop):
    a = _folio(prop, "Ana")
    b = _folio(prop, "Bruno")
    dinner = _charge(prop, a, "80.00")
    with property_uow(prop) as uow:
        out, moved = folios.transfer_posting(uow, dinner.id, b)
        uow.commit()
    assert out.transfer_id == moved.transfer_id
    assert (_balance(prop, a), _balance(prop, b)) == (0, D("80.00"))
    with property_uow(prop) as uow, pytest.raises(AlreadyReversed):
        folios.transfer_posting(uow, dinner.id, b)


def test_a_closed_folio_refuses_charges(prop):
    folio_id = _folio(prop)
    _charge(prop, folio_id, "30.00")
    with property_uow(prop) as uow:
        manual.take_payment(uow, folio_id, "30.00", method="terminal", reference="slip 88")
        issue_invoice(uow, folio_id)
        uow.commit()
    with property_uow(prop) as uow, pytest.raises(FolioClosed) as err:
        folios.post_charge(uow, folio_id, charge_type="fnb", amount="5.00", description="Late")
    assert err.value.fields == {"folio_id": "is closed"}


def test_bad_amounts_and_currencies_are_refused_with_the_field_named(prop):
    folio_id = _folio(prop)
    cases = [("12.345", InvalidAmount, "amount"), ("abc", InvalidAmount, "amount"),
             (12.5, InvalidAmount, "amount")]
    for amount, error, field in cases:
        with property_uow(prop) as uow, pytest.raises(error) as err:
            folios.post_charge(uow, folio_id, charge_type="fnb", amount=amount, description="x")
        assert field in err.value.fields
    with property_uow(prop) as uow, pytest.raises(CurrencyMismatch):
        folios.post_charge(uow, folio_id, charge_type="fnb", amount="1.00", description="x",
                           currency="USD")
    assert _balance(prop, folio_id) == 0


@pytest.mark.parametrize("text", ["Card 4242 4242 4242 4242", "pan 4000-0566-5566-5556 ok",
                                  "amex 378282246310005"])
def test_a_card_number_in_any_text_field_is_refused_and_nothing_is_stored(prop, text):
    folio_id = _folio(prop)
    with property_uow(prop) as uow, pytest.raises(CardNumberRefused) as err:
        folios.post_charge(uow, folio_id, charge_type="fnb", amount="1.00", description=text)
    assert "description" in err.value.fields
    with property_uow(prop) as uow, pytest.raises(CardNumberRefused):
        manual.take_payment(uow, folio_id, "1.00", method="cash", reference=text)
    with property_uow(prop, write=False) as uow:
        assert folios.get_folio(uow, folio_id).postings == []


def test_the_same_source_key_posts_once(prop):
    folio_id = _folio(prop)
    first = _charge(prop, folio_id, "9.00", source_key="pos:ticket:77")
    again = _charge(prop, folio_id, "9.00", source_key="pos:ticket:77")
    assert first.id == again.id and _balance(prop, folio_id) == D("9.00")


def test_checkout_needs_a_zero_balance(prop):
    reservation_id = uuid.uuid4()
    folio_id = _folio(prop, reservation_id=reservation_id)
    _charge(prop, folio_id, "55.00")
    with property_uow(prop) as uow, pytest.raises(OpenBalance) as err:
        folios.assert_settled_for_checkout(uow, reservation_id)
    assert "55.00" in err.value.message
    with property_uow(prop) as uow:
        manual.take_payment(uow, folio_id, "55.00", method="cash")
        folios.assert_settled_for_checkout(uow, reservation_id)


def test_staff_without_the_permission_cannot_post(prop):
    folio_id = _folio(prop)
    clerk = Actor(kind="staff", user_id=uuid.uuid4(), property_id=prop,
                  permissions=frozenset({"folio.view"}))
    with property_uow(prop, clerk) as uow, pytest.raises(PermissionDenied):
        folios.post_charge(uow, folio_id, charge_type="fnb", amount="1.00", description="x")
