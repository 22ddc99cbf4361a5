"""Invoices (gap-free, immutable, credit notes, tax breakdown, PDF) and the city ledger."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from core.db.uow import property_uow
from core.folio import city_ledger as cl
from core.folio import services as folios
from core.folio.errors import AlreadyCredited, CreditLimitExceeded, FolioClosed, OpenBalance
from core.folio.invoices import issue_credit_note, issue_invoice
from core.folio.ledger_models import Invoice
from core.payments import manual

D = Decimal


def _settled_folio(pid, lines=(("room", "100.00", None, "0"), ("tax", "6.00", "VAT", "0"))):
    with property_uow(pid) as uow:
        folio = folios.open_folio(uow, name="Ana Silva")
        total = D("0")
        for charge_type, amount, tax_code, included in lines:
            folios.post_charge(uow, folio.id, charge_type=charge_type, amount=amount,
                               description=charge_type.title(), tax_code=tax_code,
                               included_tax=included)
            total += D(amount)
        manual.take_payment(uow, folio.id, total, method="cash")
        uow.commit()
        return folio.id


def test_an_invoice_lists_sales_lines_and_a_tax_breakdown_and_closes_the_folio(prop):
    folio_id = _settled_folio(prop, [("room", "110.00", "VAT", "10.00"),
                                     ("tax", "2.00", "CITY", "0"), ("fnb", "20.00", None, "0")])
    with property_uow(prop) as uow:
        invoice = issue_invoice(uow, folio_id)
        uow.commit()
    assert invoice.display_number.startswith("INV-")
    assert [line["description"] for line in invoice.lines] == ["Room", "Tax", "Fnb"]
    assert {t["code"]: t["amount"] for t in invoice.tax_breakdown} == {"CITY": "2.00",
                                                                       "VAT": "10.00"}
    assert (invoice.total, invoice.tax_total, invoice.net_total) == (D("132.00"), D("12.00"),
                                                                      D("120.00"))
    assert invoice.pdf.startswith(b"%PDF") and invoice.seller["name"]
    with property_uow(prop) as uow, pytest.raises(FolioClosed):
        issue_invoice(uow, folio_id)


def test_an_invoice_needs_a_settled_folio(prop):
    with property_uow(prop) as uow:
        folio = folios.open_folio(uow, name="Unpaid")
        folios.post_charge(uow, folio.id, charge_type="fnb", amount="10.00", description="Bar")
        with pytest.raises(OpenBalance):
            issue_invoice(uow, folio.id)


def test_an_issued_invoice_cannot_be_changed_only_credited_once(prop):
    folio_id = _settled_folio(prop)
    with property_uow(prop) as uow:
        invoice = issue_invoice(uow, folio_id)
        uow.commit()
    with property_uow(prop) as uow:
        row = uow.session.get(Invoice, invoice.id)
        row.total = D("1.00")
        with pytest.raises(RuntimeError, match="immutable"):
            uow.session.flush()
    with property_uow(prop) as uow:
        note = issue_credit_note(uow, invoice.id, reason="Wrong company name")
        uow.commit()
    assert note.display_number.startswith("CN-") and note.total == -invoice.total
    assert note.corrects_invoice_id == invoice.id
    with property_uow(prop) as uow, pytest.raises(AlreadyCredited):
        issue_credit_note(uow, invoice.id, reason="again")
    # The folio is open again: correct it and invoice anew.
    with property_uow(prop) as uow:
        again = issue_invoice(uow, folio_id, buyer={"name": "ACME Ltd"})
        uow.commit()
    assert again.number == invoice.number + 1 and again.buyer["name"] == "ACME Ltd"


def test_invoice_numbers_have_no_gaps_when_an_issue_rolls_back(prop):
    first, second = _settled_folio(prop), _settled_folio(prop)
    with property_uow(prop) as uow:
        a = issue_invoice(uow, first)
        uow.commit()
    with property_uow(prop) as uow:
        issue_invoice(uow, second)  # not committed: the number is given back
    with property_uow(prop) as uow:
        b = issue_invoice(uow, second)
        uow.commit()
    assert b.number == a.number + 1


def test_city_ledger_transfer_settles_the_folio_and_ages_the_receivable(prop):
    code = f"AC{uuid.uuid4().hex[:6]}".upper()
    with property_uow(prop) as uow:
        account = cl.create_account(uow, code=code, name="ACME Ltd", credit_limit="500.00",
                                    payment_terms_days=30)
        reservation_id = uuid.uuid4()
        folio = folios.open_folio(uow, name="ACME stay", reservation_id=reservation_id)
        folios.post_charge(uow, folio.id, charge_type="room", amount="300.00", description="Room")
        uow.commit()
    with property_uow(prop) as uow:
        entry = cl.transfer_balance_to_city_ledger(uow, folio.id, account.id)
        folios.assert_settled_for_checkout(uow, reservation_id)  # zero balance now
        uow.commit()
    with property_uow(prop, write=False) as uow:
        assert folios.folio_balance(uow, folio.id) == 0
        assert cl.account_balance(uow, account.id) == D("300.00")
        later = entry.due_on + timedelta(days=45)
        assert cl.account_aging(uow, account.id, later)["31_60"] == D("300.00")
    with property_uow(prop) as uow:
        other = folios.open_folio(uow, name="Second stay")
        folios.post_charge(uow, other.id, charge_type="room", amount="250.00", description="Room")
        with pytest.raises(CreditLimitExceeded):
            cl.transfer_balance_to_city_ledger(uow, other.id, account.id)
    with property_uow(prop) as uow:
        cl.record_account_payment(uow, account.id, "100.00", reference="wire 1",
                                  source_key="bank:1")
        cl.record_account_payment(uow, account.id, "100.00", reference="wire 1",
                                  source_key="bank:1")
        uow.commit()
    with property_uow(prop, write=False) as uow:
        statement = cl.account_statement(uow, account.id, entry.business_date,
                                         entry.business_date + timedelta(days=1))
        assert statement.closing_balance == D("200.00") and len(statement.entries) == 2
        assert "Payment received" in cl.statement_csv(statement)
        assert cl.statement_pdf(statement, "Test Hotel").startswith(b"%PDF")


@pytest.mark.postgres
def test_concurrent_invoices_get_unique_gap_free_numbers(pg_tenant):
    pid = pg_tenant.make_property()
    folio_ids = [_settled_folio(pid) for _ in range(8)]
    numbers: list[int] = []
    errors: list[Exception] = []
    barrier = threading.Barrier(len(folio_ids))

    def issue(folio_id):
        try:
            barrier.wait()
            with property_uow(pid) as uow:
                numbers.append(issue_invoice(uow, folio_id).number)
                uow.commit()
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=issue, args=(f,)) for f in folio_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, len(folio_ids) + 1))
    with property_uow(pid, write=False) as uow:
        stored = uow.session.exec(select(Invoice.number)).all()
    assert sorted(stored) == sorted(numbers)


def test_an_invoice_carries_the_hotels_legal_name_and_tax_number(prop):
    from core.properties.services import update_settings

    with property_uow(prop) as uow:
        update_settings(uow, {"legal_name": "Harbour City Hotéis, Lda.", "tax_id": "PT 513 000 042"})
        uow.commit()
    folio_id = _settled_folio(prop)
    with property_uow(prop) as uow:
        invoice = issue_invoice(uow, folio_id)
        uow.commit()
    assert invoice.seller["legal_name"] == "Harbour City Hotéis, Lda."
    assert invoice.seller["tax_id"] == "PT 513 000 042"


def test_a_malformed_tax_number_is_refused_and_nothing_changes(prop):
    from core.errors import ValidationFailed
    from core.properties.models import get_settings_row
    from core.properties.services import update_settings

    with property_uow(prop, write=False) as uow:
        before = get_settings_row(uow.session).tax_id
    with property_uow(prop) as uow, pytest.raises(ValidationFailed) as err:
        update_settings(uow, {"tax_id": "<script>"})
    assert "tax_id" in err.value.fields
    with property_uow(prop, write=False) as uow:
        assert get_settings_row(uow.session).tax_id == before
