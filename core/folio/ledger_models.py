"""City-ledger and invoice tables: receivables of companies and agents, gap-free legal documents."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary, UniqueConstraint, event
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, money_field, uuid_pk
from core.folio.models import _refuse_update


class AccountKind(str, enum.Enum):
    company = "company"
    travel_agent = "travel_agent"


class CityLedgerAccount(PropertyModel, table=True):
    __tablename__ = "city_ledger_accounts"

    id: uuid.UUID = uuid_pk()
    code: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=200)
    kind: str = Field(default=AccountKind.company.value, max_length=20)
    currency: str = Field(min_length=3, max_length=3)
    email: str | None = Field(default=None, max_length=254)
    address: str = Field(default="", max_length=500)
    tax_id: str | None = Field(default=None, max_length=40)
    credit_limit: Decimal | None = money_field(None, nullable=True)
    payment_terms_days: int = Field(default=30, ge=0, le=365)
    active: bool = True
    created_at: datetime = created_at_field()


class CityLedgerEntryKind(str, enum.Enum):
    charge = "charge"  # a folio balance transferred at check-out (receivable +)
    payment = "payment"  # the company paid (receivable −)
    adjustment = "adjustment"


class CityLedgerEntry(PropertyModel, table=True):
    """Append-only, like postings: the account's balance is the sum of its entries."""

    __tablename__ = "city_ledger_entries"

    id: uuid.UUID = uuid_pk()
    account_id: uuid.UUID = Field(foreign_key="city_ledger_accounts.id", index=True)
    kind: str = Field(max_length=20)
    amount: Decimal = money_field()
    currency: str = Field(min_length=3, max_length=3)
    description: str = Field(max_length=300)
    business_date: date
    due_on: date
    folio_id: uuid.UUID | None = None
    reference: str = Field(default="", max_length=200)
    source_key: str | None = Field(default=None, max_length=200, unique=True)
    created_at: datetime = created_at_field()


class InvoiceKind(str, enum.Enum):
    invoice = "invoice"
    credit_note = "credit_note"


class DocumentCounter(PropertyModel, table=True):
    """The next number of each document series; locked and bumped in the issuing transaction."""

    __tablename__ = "document_counters"

    kind: str = Field(primary_key=True, max_length=20)
    next_number: int = 1


class Invoice(PropertyModel, table=True):
    """An issued invoice or credit note: never changed after insert."""

    __tablename__ = "invoices"
    __table_args__ = (UniqueConstraint("kind", "number", name="uq_invoices_kind_number"),)

    id: uuid.UUID = uuid_pk()
    kind: str = Field(max_length=20)
    number: int
    display_number: str = Field(max_length=30, unique=True)
    folio_id: uuid.UUID = Field(foreign_key="folios.id", index=True)
    reservation_id: uuid.UUID | None = Field(default=None, index=True)
    # A credit note names the invoice it cancels; an invoice is credited at most once.
    corrects_invoice_id: uuid.UUID | None = Field(default=None, foreign_key="invoices.id",
                                                  unique=True)
    business_date: date
    currency: str = Field(min_length=3, max_length=3)
    seller: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    buyer: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    lines: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    tax_breakdown: list[dict[str, Any]] = Field(default_factory=list,
                                                sa_column=Column(JSON, nullable=False))
    net_total: Decimal = money_field()
    tax_total: Decimal = money_field()
    total: Decimal = money_field()
    reason: str = Field(default="", max_length=500)
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    issued_at: datetime = created_at_field()


def _immutable(mapper, connection, target) -> None:
    raise RuntimeError("issued invoices are immutable; issue a credit note to correct one")


event.listen(Invoice, "before_update", _immutable)
event.listen(Invoice, "before_delete", _immutable)
event.listen(CityLedgerEntry, "before_update", _refuse_update)
