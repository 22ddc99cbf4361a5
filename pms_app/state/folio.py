"""The folio panel of the reservation page: postings, balances and the folio actions (a mixin)."""

from __future__ import annotations

import uuid

import reflex as rx

from core.actor import Actor
from core.errors import DomainError, ValidationFailed
from core.folio.invoices import folio_invoices, issue_invoice
from core.folio.models import SETTLEMENT_TYPES, ChargeType
from core.folio.services import (
    post_charge,
    post_to_reservation,
    reservation_folios,
    reverse_posting,
    transfer_posting,
)
from core.payments.refunds import refund_payment

# What the desk may post by hand: everything that sells something (settlements have own actions).
CHARGE_TYPES = [t.value for t in ChargeType if t.value not in SETTLEMENT_TYPES]


def invoice_pdf_url(property_id: str, invoice_id: str) -> str:
    """The API route that serves the PDF; it accepts the browser's session cookie."""
    return f"/api/v1/properties/{property_id}/invoices/{invoice_id}/pdf"


def _lines(postings) -> list[dict[str, str]]:
    # A reversal or transfer-out line points at the line it cancels, in the same folio.
    done = {p.voids_posting_id for p in postings if p.voids_posting_id is not None}
    return [_posting_row(p, p.id in done) for p in postings]


def _posting_row(p, cancelled: bool) -> dict[str, str]:
    return {"id": str(p.id), "line": str(p.line_no), "date": p.business_date.strftime("%d %b"),
            "description": p.description, "type": p.charge_type,
            "amount": f"{p.amount:,.2f}", "payment_id": str(p.payment_id or ""),
            # A line can be reversed/moved once; corrections and settlements never.
            "correctable": "1" if (p.voids_posting_id is None and not cancelled
                                   and p.charge_type not in SETTLEMENT_TYPES) else ""}


class FolioMixin(rx.State, mixin=True):
    """Mixed into ReservationState, so its handlers run on that state (reservation_id, session)."""

    folios: list[dict[str, str]] = []
    folio_lines: dict[str, list[dict[str, str]]] = {}
    folio_invoice_links: dict[str, list[dict[str, str]]] = {}
    charge_types: list[str] = CHARGE_TYPES
    charge_folio: str = ""
    charge_type: str = "other"
    charge_amount: str = ""
    charge_description: str = ""
    line_id: str = ""  # the posting the reverse/transfer/refund form is open for
    line_action: str = ""  # reverse | transfer | refund
    line_reason: str = ""
    line_amount: str = ""
    line_target: str = ""

    @rx.var
    def can_post_charge(self) -> bool:
        return "folio.post_charge" in self.permissions

    @rx.var
    def can_refund(self) -> bool:
        return "folio.refund" in self.permissions

    @rx.var
    def can_transfer(self) -> bool:
        return "folio.transfer" in self.permissions

    @rx.var
    def can_invoice(self) -> bool:
        return "folio.invoice" in self.permissions

    def _load_folios(self, actor: Actor | None = None) -> None:
        """Read the stay's folios (only for users who may see folios)."""
        if "folio.view" not in self.permissions:
            self.folios, self.folio_lines, self.folio_invoice_links = [], {}, {}
            return
        rid = uuid.UUID(self.reservation_id)
        views = self._read_as(actor, reservation_folios, rid)
        self.folios = [{"id": str(v.folio.id), "name": v.folio.name, "status": v.folio.status,
                        "currency": v.folio.currency, "balance": f"{v.balance:,.2f}"}
                       for v in views]
        self.folio_lines = {str(v.folio.id): _lines(v.postings) for v in views}
        self.folio_invoice_links = {
            str(v.folio.id): [{"number": i.display_number, "kind": i.kind,
                               "href": invoice_pdf_url(self.property_id, str(i.id))}
                              for i in self._read_as(actor, folio_invoices, v.folio.id)]
            for v in views}
        if not self.charge_folio or self.charge_folio not in self.folio_lines:
            self.charge_folio = self.folios[0]["id"] if self.folios else ""

    def _folio_done(self, ok: bool, message: str) -> None:
        self.notice = message if ok else ""
        if ok:
            self.line_id = self.line_action = self.line_reason = ""
            self.line_amount = self.line_target = ""
        self._reload()

    @rx.event
    def set_charge(self, name: str, value: str):
        if name in ("folio", "type", "amount", "description"):
            setattr(self, {"folio": "charge_folio", "type": "charge_type",
                           "amount": "charge_amount",
                           "description": "charge_description"}[name], value)

    @rx.event
    def post_folio_charge(self):
        self.notice = ""
        charge = {"charge_type": self.charge_type, "amount": self.charge_amount,
                  "description": self.charge_description}
        if self.charge_folio:
            result = self._write(post_charge, uuid.UUID(self.charge_folio), **charge)
        else:  # no folio yet: the service opens the guest folio
            result = self._write(post_to_reservation, uuid.UUID(self.reservation_id), **charge)
        if result is not None:
            self.charge_amount = self.charge_description = ""
        self._folio_done(result is not None, "Charge posted.")

    @rx.event
    def open_line_action(self, posting_id: str, action: str):
        self.line_id, self.line_action = posting_id, action
        self.line_reason = self.line_amount = self.line_target = ""
        self.error, self.field_errors = "", {}

    @rx.event
    def close_line_action(self):
        self.line_id = self.line_action = ""

    @rx.event
    def set_line(self, name: str, value: str):
        if name in ("reason", "amount", "target"):
            setattr(self, f"line_{name}", value)

    @rx.event
    def reverse_line(self):
        self.notice = ""
        result = self._write(reverse_posting, uuid.UUID(self.line_id), reason=self.line_reason)
        self._folio_done(result is not None, "Line reversed.")

    @rx.event
    def transfer_line(self):
        self.notice = ""
        if not self.line_target:
            self.error, self.field_errors = "Choose the folio to move it to.", {
                "target_folio_id": "is required"}
            return
        result = self._write(transfer_posting, uuid.UUID(self.line_id),
                             uuid.UUID(self.line_target))
        self._folio_done(result is not None, "Line moved.")

    @rx.event
    def refund_line(self, payment_id: str):
        """Refund (part of) the payment behind a payment line; the service caps the amount."""
        self.notice, self.error, self.field_errors = "", "", {}
        try:
            actor = self._actor()
            refund_payment(actor.property_id, actor, uuid.UUID(payment_id), self.line_amount,
                           reason=self.line_reason)
        except ValueError:
            exc = ValidationFailed("Choose a payment to refund.",
                                   fields={"payment_id": "is required"})
            self.error, self.field_errors = exc.message, dict(exc.fields)
        except DomainError as exc:
            self.error = exc.message
            self.field_errors = {k: str(v) for k, v in (exc.fields or {}).items()}
        self._folio_done(not self.error, "Refund recorded.")

    @rx.event
    def invoice_folio(self, folio_id: str):
        self.notice = ""
        result = self._write(issue_invoice, uuid.UUID(folio_id))
        self._folio_done(result is not None,
                         f"Invoice {result.display_number} issued." if result else "")
