"""Folio, payment and invoice routes for the desk and mobile apps; each calls one service."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from core.api.deps import CurrentActor
from core.api.idempotency import IdempotencyKey
from core.api.v1.common import Envelope, ListEnvelope, Page, file_response, ok
from core.db.uow import property_uow
from core.folio import city_ledger, invoices
from core.folio import services as folios
from core.folio.schemas import (
    ChargeCreate,
    CityLedgerEntryPublic,
    CityLedgerTransfer,
    FolioPublic,
    InvoicePublic,
    ManualPaymentCreate,
    PaymentPublic,
    PostingPublic,
    RefundCreate,
    RefundPublic,
    ReversalCreate,
    TransferCreate,
)
from core.idempotency.services import idempotent
from core.payments import manual, refunds
from core.payments.gateway import available_methods

router = APIRouter(prefix="/api/v1/properties/{property_id}", tags=["folios"])


@router.get("/reservations/{reservation_id}/folios", response_model=ListEnvelope[FolioPublic],
            summary="A reservation's folios (guest folio first), each with its lines and balance")
def reservation_folios(property_id: uuid.UUID, reservation_id: uuid.UUID, actor: CurrentActor,
                       page: Annotated[Page, Depends()]) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return page.envelope_of_all([FolioPublic.of(v)
                                     for v in folios.reservation_folios(uow, reservation_id)])


@router.get("/folios/{folio_id}", response_model=Envelope[FolioPublic],
            summary="A folio with its lines and balance")
def get_folio(property_id: uuid.UUID, folio_id: uuid.UUID, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok(FolioPublic.of(folios.get_folio(uow, folio_id)))


@router.post("/folios/{folio_id}/charges", status_code=201,
             response_model=Envelope[PostingPublic], summary="Post a charge (routed)")
def post_charge(property_id: uuid.UUID, folio_id: uuid.UUID, body: ChargeCreate,
                actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        posting = idempotent(uow, "folio.charge", idempotency_key,
                             {"folio_id": str(folio_id), **body.model_dump(mode="json")},
                             lambda: PostingPublic.model_validate(folios.post_charge(
                                 uow, folio_id, charge_type=body.charge_type, amount=body.amount,
                                 description=body.description, tax_code=body.tax_code)),
                             PostingPublic)
        uow.commit()
    return ok(posting)


@router.post("/postings/{posting_id}/reversal", status_code=201,
             response_model=Envelope[PostingPublic], summary="Reverse a line")
def reverse(property_id: uuid.UUID, posting_id: uuid.UUID, body: ReversalCreate,
            actor: CurrentActor) -> dict:
    with property_uow(property_id, actor) as uow:
        posting = folios.reverse_posting(uow, posting_id, reason=body.reason)
        uow.commit()
    return ok(PostingPublic.model_validate(posting))


@router.post("/postings/{posting_id}/transfer", status_code=201,
             response_model=Envelope[PostingPublic],
             summary="Move a line to another folio (answers the line on the target folio)")
def transfer(property_id: uuid.UUID, posting_id: uuid.UUID, body: TransferCreate,
             actor: CurrentActor) -> dict:
    with property_uow(property_id, actor) as uow:
        _, moved = folios.transfer_posting(uow, posting_id, body.target_folio_id)
        uow.commit()
    return ok(PostingPublic.model_validate(moved))


@router.get("/payment-methods", response_model=Envelope[list[str]],
            summary="Methods this property can take")
def payment_methods(property_id: uuid.UUID, actor: CurrentActor) -> dict:
    actor.require("folio.view")
    return ok(available_methods())


@router.post("/folios/{folio_id}/payments", status_code=201,
             response_model=Envelope[PaymentPublic], summary="Record cash, bank-transfer or terminal payment")
def take_payment(property_id: uuid.UUID, folio_id: uuid.UUID, body: ManualPaymentCreate,
                 actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        payment = idempotent(uow, "folio.payment", idempotency_key,
                             {"folio_id": str(folio_id), **body.model_dump(mode="json")},
                             lambda: PaymentPublic.model_validate(manual.take_payment(
                                 uow, folio_id, body.amount, method=body.method,
                                 reference=body.reference)), PaymentPublic)
        uow.commit()
    return ok(payment)


@router.post("/payments/{payment_id}/refunds", status_code=201,
             response_model=Envelope[RefundPublic], summary="Refund a payment")
def refund(property_id: uuid.UUID, payment_id: uuid.UUID, body: RefundCreate,
           actor: CurrentActor) -> dict:
    row = refunds.refund_payment(property_id, actor, payment_id, body.amount, reason=body.reason)
    return ok(RefundPublic.model_validate(row))


@router.post("/folios/{folio_id}/city-ledger", status_code=201,
             response_model=Envelope[CityLedgerEntryPublic], summary="Bill the open balance to a company's city-ledger account")
def to_city_ledger(property_id: uuid.UUID, folio_id: uuid.UUID, body: CityLedgerTransfer,
                   actor: CurrentActor) -> dict:
    with property_uow(property_id, actor) as uow:
        entry = city_ledger.transfer_balance_to_city_ledger(uow, folio_id, body.account_id)
        uow.commit()
    return ok(CityLedgerEntryPublic(entry_id=entry.id, amount=entry.amount, due_on=entry.due_on))


@router.post("/folios/{folio_id}/invoice", status_code=201, response_model=Envelope[InvoicePublic],
             summary="Invoice a settled folio")
def issue_invoice(property_id: uuid.UUID, folio_id: uuid.UUID, actor: CurrentActor,
                  idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        invoice = idempotent(uow, "folio.invoice", idempotency_key, {"folio_id": str(folio_id)},
                             lambda: InvoicePublic.model_validate(
                                 invoices.issue_invoice(uow, folio_id)), InvoicePublic)
        uow.commit()
    return ok(invoice)


@router.get("/invoices/{invoice_id}/pdf", summary="The invoice or credit note as PDF",
            response_class=Response,
            responses=file_response("The invoice or credit note", "application/pdf"))
def invoice_pdf(property_id: uuid.UUID, invoice_id: uuid.UUID, actor: CurrentActor) -> Response:
    with property_uow(property_id, actor, write=False) as uow:
        invoice = invoices.get_invoice(uow, invoice_id)
        return Response(invoice.pdf, media_type="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="{invoice.display_number}.pdf"'})
