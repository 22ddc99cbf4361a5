"""Public and input shapes of folios, postings, payments and invoices (the API never shows tables)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class PostingPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    line_no: int
    charge_type: str
    description: str
    amount: Decimal
    currency: str
    business_date: date
    tax_code: str | None
    voids_posting_id: uuid.UUID | None
    transfer_id: uuid.UUID | None
    payment_id: uuid.UUID | None
    created_by_name: str
    created_at: datetime


class FolioPublic(BaseModel):
    id: uuid.UUID
    reservation_id: uuid.UUID | None
    kind: str
    name: str
    currency: str
    status: str
    balance: Decimal
    postings: list[PostingPublic]

    @classmethod
    def of(cls, view) -> FolioPublic:
        f = view.folio
        return cls(id=f.id, reservation_id=f.reservation_id, kind=f.kind, name=f.name,
                   currency=f.currency, status=f.status, balance=view.balance,
                   postings=[PostingPublic.model_validate(p) for p in view.postings])


class ChargeCreate(BaseModel):
    charge_type: str
    amount: Decimal = Field(max_digits=14, decimal_places=2)
    description: str = Field(max_length=300)
    tax_code: str | None = None


class ManualPaymentCreate(BaseModel):
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    method: str
    reference: str = Field(default="", max_length=200)


class RefundCreate(BaseModel):
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    reason: str = Field(max_length=300)


class ReversalCreate(BaseModel):
    reason: str = Field(max_length=300)


class TransferCreate(BaseModel):
    target_folio_id: uuid.UUID


class CityLedgerTransfer(BaseModel):
    account_id: uuid.UUID


class PaymentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    folio_id: uuid.UUID | None
    reservation_id: uuid.UUID | None
    method: str
    purpose: str
    status: str
    currency: str
    amount: Decimal
    amount_captured: Decimal
    amount_refunded: Decimal
    card_brand: str | None
    card_last4: str | None


class RefundPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    payment_id: uuid.UUID
    amount: Decimal
    status: str
    reason: str


class InvoicePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    number: int
    display_number: str
    folio_id: uuid.UUID
    corrects_invoice_id: uuid.UUID | None
    business_date: date
    currency: str
    lines: list[dict]
    tax_breakdown: list[dict]
    net_total: Decimal
    tax_total: Decimal
    total: Decimal


class CityLedgerEntryPublic(BaseModel):
    """The receivable a folio's balance became on a company's city-ledger account."""

    entry_id: uuid.UUID
    amount: Decimal
    due_on: date
