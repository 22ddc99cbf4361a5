"""Folio tables: folios, append-only postings, routing rules and deposits held before arrival."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Column, Index, UniqueConstraint, event
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, money_field, timestamp_field, uuid_pk


class FolioStatus(str, enum.Enum):
    open = "open"
    closed = "closed"  # invoiced: nothing more may be posted until a credit note reopens it


class FolioKind(str, enum.Enum):
    guest = "guest"
    company = "company"
    extras = "extras"


class ChargeType(str, enum.Enum):
    """What a posting is for. Charges are positive amounts; settlements negative."""

    room = "room"
    tax = "tax"
    fnb = "fnb"
    minibar = "minibar"
    fee = "fee"
    no_show = "no_show"
    cancellation = "cancellation"
    discount = "discount"  # a negative charge
    other = "other"
    payment = "payment"
    refund = "refund"
    deposit = "deposit"  # a deposit applied at check-in
    city_ledger = "city_ledger"  # balance moved to a company's account


# Settlements move money rather than sell something: they are not invoice lines.
SETTLEMENT_TYPES = frozenset({ChargeType.payment.value, ChargeType.refund.value,
                              ChargeType.deposit.value, ChargeType.city_ledger.value})


class Folio(PropertyModel, table=True):
    __tablename__ = "folios"

    id: uuid.UUID = uuid_pk()
    reservation_id: uuid.UUID | None = Field(default=None, index=True)
    kind: str = Field(default=FolioKind.guest.value, max_length=20)
    name: str = Field(max_length=200)
    currency: str = Field(min_length=3, max_length=3)
    status: str = Field(default=FolioStatus.open.value, max_length=20, index=True)
    # The company account a company folio is billed to at check-out (optional).
    city_ledger_account_id: uuid.UUID | None = Field(default=None, foreign_key="city_ledger_accounts.id")
    created_at: datetime = created_at_field()
    closed_at: datetime | None = timestamp_field()


class Posting(PropertyModel, table=True):
    """One immutable ledger line. A folio's balance is the sum of its postings' amounts."""

    __tablename__ = "postings"
    __table_args__ = (
        UniqueConstraint("folio_id", "line_no", name="uq_postings_folio_line"),
        Index("ix_postings_business_date", "business_date"),
    )

    id: uuid.UUID = uuid_pk()
    folio_id: uuid.UUID = Field(foreign_key="folios.id", index=True)
    line_no: int
    charge_type: str = Field(max_length=20)
    description: str = Field(max_length=300)
    amount: Decimal = money_field()
    currency: str = Field(min_length=3, max_length=3)
    business_date: date
    tax_code: str | None = Field(default=None, max_length=20)
    # Tax already inside `amount` (inclusive VAT), for the invoice's tax breakdown.
    included_tax: Decimal = money_field()
    # The posting this one cancels (a reversal, or the outgoing half of a transfer): at most one.
    voids_posting_id: uuid.UUID | None = Field(default=None, foreign_key="postings.id", unique=True)
    transfer_id: uuid.UUID | None = Field(default=None, index=True)
    payment_id: uuid.UUID | None = Field(default=None, index=True)
    reservation_id: uuid.UUID | None = Field(default=None, index=True)
    # Makes automatic postings (night audit, webhooks, deposits) happen once whatever retries.
    source_key: str | None = Field(default=None, max_length=200, unique=True)
    created_by: uuid.UUID | None = None
    created_by_name: str = Field(default="", max_length=200)
    created_at: datetime = created_at_field()


def _refuse_update(mapper, connection, target) -> None:
    raise RuntimeError(f"{type(target).__name__} rows are immutable; post a correction instead")


# Append-only at the ORM level too: a stray attribute change can never rewrite the ledger.
event.listen(Posting, "before_update", _refuse_update)
event.listen(Posting, "before_delete", _refuse_update)


class RoutingRule(PropertyModel, table=True):
    """Send the listed charge types of a reservation to another folio (room + tax → company)."""

    __tablename__ = "folio_routing_rules"

    id: uuid.UUID = uuid_pk()
    reservation_id: uuid.UUID = Field(index=True)
    charge_types: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    target_folio_id: uuid.UUID = Field(foreign_key="folios.id")
    created_at: datetime = created_at_field()


class DepositStatus(str, enum.Enum):
    held = "held"
    applied = "applied"
    refunded = "refunded"


class Deposit(PropertyModel, table=True):
    """Money received before arrival: a liability until check-in applies it to the folio."""

    __tablename__ = "deposits"

    id: uuid.UUID = uuid_pk()
    reservation_id: uuid.UUID = Field(index=True)
    amount: Decimal = money_field()
    currency: str = Field(min_length=3, max_length=3)
    status: str = Field(default=DepositStatus.held.value, max_length=20, index=True)
    method: str = Field(max_length=20)
    payment_id: uuid.UUID | None = None
    reference: str = Field(default="", max_length=200)
    received_on: date
    applied_posting_id: uuid.UUID | None = None
    created_at: datetime = created_at_field()
    applied_at: datetime | None = timestamp_field()


__all__ = ["Folio", "FolioStatus", "FolioKind", "ChargeType", "SETTLEMENT_TYPES", "Posting",
           "RoutingRule", "Deposit", "DepositStatus", "JSON"]
