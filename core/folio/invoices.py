"""Invoices and credit notes: numbered without gaps per property, frozen once issued.

The number comes from a counter row locked in the issuing transaction, so a rolled-back issue
gives its number back and two desks issuing at once get consecutive numbers.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select

from core import audit
from core.db.uow import UnitOfWork
from core.folio.errors import AlreadyCredited, FolioClosed, InvoiceNotFound, OpenBalance
from core.folio.ledger_models import DocumentCounter, Invoice, InvoiceKind
from core.folio.models import SETTLEMENT_TYPES, FolioStatus, Posting
from core.folio.pdf import invoice_pdf
from core.folio.rules import ZERO, LineView, invoice_lines, refuse_card_numbers, tax_breakdown
from core.folio.services import TOPIC, business_date, folio_balance, lock_folio
from core.timeutil import utcnow

PREFIX = {InvoiceKind.invoice.value: "INV", InvoiceKind.credit_note.value: "CN"}


def next_number(uow: UnitOfWork, kind: str) -> int:
    """Take the next number of a series inside the caller's transaction (row-locked)."""
    insert = pg_insert if uow.dialect == "postgresql" else sqlite_insert
    uow.session.execute(insert(DocumentCounter).values(kind=kind, next_number=1)
                        .on_conflict_do_nothing(index_elements=["kind"]))
    counter = uow.session.exec(select(DocumentCounter).where(DocumentCounter.kind == kind)
                               .with_for_update().execution_options(populate_existing=True)).one()
    number = counter.next_number
    counter.next_number = number + 1
    uow.session.add(counter)
    uow.session.flush()
    return number


def _seller(uow: UnitOfWork) -> dict[str, Any]:
    from core.properties.models import get_settings_row

    s = get_settings_row(uow.session)
    return {"name": s.name, "legal_name": s.legal_name or s.name, "address": s.address,
            "country": s.country, "email": s.email, "phone": s.phone, "tax_id": s.tax_id}


def _buyer(uow: UnitOfWork, folio) -> dict[str, Any]:
    if folio.city_ledger_account_id is not None:
        from core.folio.city_ledger import get_account

        account = get_account(uow, folio.city_ledger_account_id)
        return {"name": account.name, "address": account.address, "tax_id": account.tax_id}
    return {"name": folio.name}


def _tax_names(uow: UnitOfWork) -> dict[str, str]:
    from core.properties.models import Tax

    return {t.code: t.name for t in uow.session.exec(select(Tax)).all()}


def issue_invoice(uow: UnitOfWork, folio_id: uuid.UUID, *, buyer: dict[str, str] | None = None
                  ) -> Invoice:
    """Invoice a settled folio (balance zero) and close it; later changes need a credit note."""
    uow.actor.require("folio.invoice")
    folio = lock_folio(uow, folio_id)
    if folio.status != FolioStatus.open.value:
        raise FolioClosed("This folio is already invoiced.", fields={"folio_id": "is closed"})
    balance = folio_balance(uow, folio.id)
    if balance != 0:
        raise OpenBalance(f"Settle the folio before invoicing it (balance {balance} "
                          f"{folio.currency}).", fields={"folio_id": f"balance is {balance}"})
    if buyer:
        refuse_card_numbers(**{f"buyer.{k}": v for k, v in buyer.items()})
    postings = uow.session.exec(select(Posting).where(Posting.folio_id == folio.id)
                                .order_by(col(Posting.line_no))).all()
    views = [LineView(p.id, p.charge_type, p.description, p.amount, p.business_date, p.tax_code,
                      p.included_tax, p.voids_posting_id) for p in postings]
    lines = invoice_lines(views, SETTLEMENT_TYPES)
    breakdown = tax_breakdown(lines, _tax_names(uow))
    total = sum((line.amount for line in lines), ZERO)
    tax_total = sum((Decimal(t["amount"]) for t in breakdown), ZERO)
    number = next_number(uow, InvoiceKind.invoice.value)
    doc = {
        "kind": InvoiceKind.invoice.value, "display_number": f"INV-{number:06d}",
        "business_date": business_date(uow).isoformat(), "currency": folio.currency,
        "seller": _seller(uow), "buyer": {**_buyer(uow, folio), **(buyer or {})},
        "lines": [{"date": line.business_date.isoformat(), "charge_type": line.charge_type,
                   "description": line.description, "amount": str(line.amount),
                   "tax_code": line.tax_code} for line in lines],
        "tax_breakdown": breakdown, "net_total": str(total - tax_total),
        "tax_total": str(tax_total), "total": str(total),
    }
    invoice = _store(uow, doc, number=number, folio=folio)
    folio.status = FolioStatus.closed.value
    folio.closed_at = utcnow()
    uow.session.add(folio)
    audit.record(uow, "folio.invoice_issued", "invoice", invoice.id,
                 f"Invoice {invoice.display_number} for {total} {folio.currency}")
    return invoice


def _store(uow: UnitOfWork, doc: dict[str, Any], *, number: int, folio,
           corrects: Invoice | None = None, reason: str = "") -> Invoice:
    from datetime import date

    invoice = Invoice(
        kind=doc["kind"], number=number, display_number=doc["display_number"], folio_id=folio.id,
        reservation_id=folio.reservation_id,
        corrects_invoice_id=corrects.id if corrects else None,
        business_date=date.fromisoformat(doc["business_date"]), currency=doc["currency"],
        seller=doc["seller"], buyer=doc["buyer"], lines=doc["lines"],
        tax_breakdown=doc["tax_breakdown"], net_total=Decimal(doc["net_total"]),
        tax_total=Decimal(doc["tax_total"]), total=Decimal(doc["total"]), reason=reason,
        pdf=invoice_pdf(doc))
    uow.session.add(invoice)
    uow.session.flush()
    uow.record_event(TOPIC, f"{doc['kind']}.issued", invoice.id,
                     {"folio_id": folio.id, "number": invoice.display_number})
    return invoice


def _negate(value: str) -> str:
    return str(-Decimal(value))


def issue_credit_note(uow: UnitOfWork, invoice_id: uuid.UUID, *, reason: str) -> Invoice:
    """Cancel an invoice in full with a credit note and reopen its folio for corrections."""
    uow.actor.require("folio.invoice")
    reason = (reason or "").strip()
    if not reason:
        from core.errors import ValidationFailed

        raise ValidationFailed("Say why the invoice is credited.", fields={"reason": "is required"})
    refuse_card_numbers(reason=reason)
    original = get_invoice(uow, invoice_id)
    if original.kind != InvoiceKind.invoice.value:
        raise AlreadyCredited("A credit note cannot itself be credited.",
                              fields={"invoice_id": "is a credit note"})
    folio = lock_folio(uow, original.folio_id)
    if uow.session.exec(select(Invoice.id).where(Invoice.corrects_invoice_id == original.id)).first():
        raise AlreadyCredited(f"Invoice {original.display_number} was already credited.",
                              fields={"invoice_id": "already credited"})
    number = next_number(uow, InvoiceKind.credit_note.value)
    doc = {
        "kind": InvoiceKind.credit_note.value, "display_number": f"CN-{number:06d}",
        "business_date": business_date(uow).isoformat(), "currency": original.currency,
        "seller": original.seller, "buyer": original.buyer,
        "lines": [{**line, "amount": _negate(line["amount"])} for line in original.lines],
        "tax_breakdown": [{**t, "amount": _negate(t["amount"])} for t in original.tax_breakdown],
        "net_total": str(-original.net_total), "tax_total": str(-original.tax_total),
        "total": str(-original.total), "corrects": original.display_number, "reason": reason,
    }
    note = _store(uow, doc, number=number, folio=folio, corrects=original, reason=reason)
    folio.status = FolioStatus.open.value
    folio.closed_at = None
    uow.session.add(folio)
    audit.record(uow, "folio.credit_note_issued", "invoice", original.id,
                 f"Credit note {note.display_number} cancels {original.display_number}",
                 {"reason": reason})
    return note


def get_invoice(uow: UnitOfWork, invoice_id: uuid.UUID) -> Invoice:
    uow.actor.require("folio.view")
    invoice = uow.session.get(Invoice, invoice_id)
    if invoice is None:
        raise InvoiceNotFound("Invoice not found.", fields={"invoice_id": "no such invoice"})
    return invoice


def folio_invoices(uow: UnitOfWork, folio_id: uuid.UUID) -> list[Invoice]:
    uow.actor.require("folio.view")
    return list(uow.session.exec(select(Invoice).where(Invoice.folio_id == folio_id)
                                 .order_by(col(Invoice.issued_at))).all())
