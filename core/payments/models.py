"""Payment tables: payments (by any method), refunds, and the Stripe events already handled."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from decimal import Decimal

from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, money_field, timestamp_field, uuid_pk


class PaymentMethod(str, enum.Enum):
    card = "card"  # online / card-not-present through Stripe
    cash = "cash"
    bank_transfer = "bank_transfer"
    terminal = "terminal"  # the desk's standalone card terminal (we only record the slip)


MANUAL_METHODS = (PaymentMethod.cash.value, PaymentMethod.bank_transfer.value,
                  PaymentMethod.terminal.value)


class PaymentPurpose(str, enum.Enum):
    payment = "payment"
    deposit = "deposit"
    guarantee = "guarantee"  # a card hold, captured (in part) at check-out or released


class PaymentStatus(str, enum.Enum):
    pending = "pending"  # being sent to the processor
    requires_action = "requires_action"  # the guest must authenticate (3-D Secure)
    authorized = "authorized"
    capturing = "capturing"
    captured = "captured"
    canceled = "canceled"
    expired = "expired"
    failed = "failed"


class Payment(PropertyModel, table=True):
    """Money in. Card data is referenced by the processor's tokens only, never stored."""

    __tablename__ = "payments"

    id: uuid.UUID = uuid_pk()
    reservation_id: uuid.UUID | None = Field(default=None, index=True)
    folio_id: uuid.UUID | None = Field(default=None, index=True)
    method: str = Field(max_length=20)
    purpose: str = Field(default=PaymentPurpose.payment.value, max_length=20)
    status: str = Field(max_length=20, index=True)
    currency: str = Field(min_length=3, max_length=3)
    amount: Decimal = money_field()  # authorised (cards) or received (manual)
    amount_captured: Decimal = money_field()
    amount_refunded: Decimal = money_field()
    reference: str = Field(default="", max_length=200)
    provider_id: str | None = Field(default=None, max_length=100, unique=True)
    customer_token: str | None = Field(default=None, max_length=100)
    payment_method_token: str | None = Field(default=None, max_length=100)
    card_brand: str | None = Field(default=None, max_length=20)
    card_last4: str | None = Field(default=None, max_length=4)
    failure_message: str | None = Field(default=None, max_length=300)
    authorized_at: datetime | None = timestamp_field()
    expires_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()


class RefundStatus(str, enum.Enum):
    pending = "pending"
    succeeded = "succeeded"
    failed = "failed"


class PaymentRefund(PropertyModel, table=True):
    __tablename__ = "payment_refunds"

    id: uuid.UUID = uuid_pk()
    payment_id: uuid.UUID = Field(foreign_key="payments.id", index=True)
    amount: Decimal = money_field()
    status: str = Field(default=RefundStatus.pending.value, max_length=20)
    reason: str = Field(default="", max_length=300)
    provider_id: str | None = Field(default=None, max_length=100, unique=True)
    failure_message: str | None = Field(default=None, max_length=300)
    created_at: datetime = created_at_field()


class StripeEvent(PropertyModel, table=True):
    """A Stripe webhook event already handled: the primary key makes each event count once."""

    __tablename__ = "stripe_events"

    id: str = Field(primary_key=True, max_length=100)
    type: str = Field(max_length=100)
    received_at: datetime = created_at_field()


class SettlementStatus(str, enum.Enum):
    pending = "pending"  # queued after the cancellation or no-show committed
    settling = "settling"  # claimed by a job now talking to Stripe
    retrying = "retrying"  # the last try failed; tried again at next_attempt_at
    done = "done"
    failed = "failed"  # gave up after many tries: the desk settles the card by hand


class CardSettlement(PropertyModel, table=True):
    """The online card payments of a cancelled or no-show stay, settled once per policy: a
    deposit refunded less the fee, a hold released or the fee captured from it."""

    __tablename__ = "card_settlements"

    id: uuid.UUID = uuid_pk()
    reservation_id: uuid.UUID = Field(unique=True)
    outcome: str = Field(max_length=20)  # cancelled | no_show
    status: str = Field(default=SettlementStatus.pending.value, max_length=20, index=True)
    attempts: int = Field(default=0)
    next_attempt_at: datetime | None = timestamp_field()
    last_error: str | None = Field(default=None, max_length=300)
    fee: Decimal = money_field()
    refunded: Decimal = money_field()
    captured: Decimal = money_field()
    released: Decimal = money_field()
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()
