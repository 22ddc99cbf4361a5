"""What an online charge means for the guest: taken now, held on the card, due at the hotel."""

from __future__ import annotations

import uuid
from decimal import Decimal

from core.payments.online import DEPOSIT, GUARANTEE, OnlineCharge, charge_summary


def _charge(purpose: str, amount: str) -> OnlineCharge:
    return OnlineCharge(property_id=uuid.uuid4(), payment_id=uuid.uuid4(), purpose=purpose,
                        amount=Decimal(amount), currency="EUR", payment_method="pm_card_visa")


def test_a_deposit_is_taken_now_and_the_rest_is_due_at_the_hotel():
    paid = charge_summary(Decimal("300.00"), _charge(DEPOSIT, "90.00"))
    assert (paid.charged, paid.held, paid.due_at_hotel) == (
        Decimal("90.00"), Decimal("0.00"), Decimal("210.00"))


def test_a_card_hold_takes_nothing_and_the_whole_stay_is_due_at_the_hotel():
    paid = charge_summary(Decimal("300.00"), _charge(GUARANTEE, "300.00"))
    assert (paid.charged, paid.held, paid.due_at_hotel) == (
        Decimal("0.00"), Decimal("300.00"), Decimal("300.00"))


def test_pay_at_hotel_has_no_charge():
    paid = charge_summary(Decimal("120.00"), None)
    assert (paid.charged, paid.held, paid.due_at_hotel) == (
        Decimal("0.00"), Decimal("0.00"), Decimal("120.00"))
