"""Card payments against localstripe: holds, partial capture, expiry, refunds, declines."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest

from core.actor import Actor
from core.db.uow import property_uow
from core.folio import services as folios
from core.payments import card, refunds
from core.payments.errors import (
    AuthorizationExpired,
    CaptureExceedsAuthorized,
    InvalidPaymentState,
    PaymentDeclined,
    PaymentsNotConfigured,
    RefundExceedsPaid,
)
from core.payments.gateway import available_methods, set_gateway
from core.payments.models import Payment, PaymentRefund
from core.timeutil import utcnow

D = Decimal
DESK = Actor(kind="staff", user_id=uuid.uuid4(), name="Desk", permissions=frozenset({
    "folio.view", "folio.post_charge", "folio.take_payment", "folio.refund"}))


def _folio_with_charge(pid, amount="150.00"):
    with property_uow(pid) as uow:
        folio = folios.open_folio(uow, name="Card guest")
        folios.post_charge(uow, folio.id, charge_type="room", amount=amount, description="Room")
        uow.commit()
        return folio.id


def _balance(pid, folio_id):
    with property_uow(pid, write=False) as uow:
        return folios.folio_balance(uow, folio_id)


def test_a_hold_is_captured_in_part_at_check_out_and_the_folio_settles(prop, stripe_gateway,
                                                                      card_token):
    folio_id = _folio_with_charge(prop, "150.00")
    hold = card.authorize_card(prop, DESK, folio_id=folio_id, amount="200.00",
                               payment_method=card_token())
    assert hold.status == "authorized" and hold.card_last4 == "4242"
    assert hold.payment_method_token.startswith("pm_")
    with pytest.raises(CaptureExceedsAuthorized):
        card.capture_payment(prop, DESK, hold.id, "250.00")
    captured = card.capture_payment(prop, DESK, hold.id, "150.00")
    assert captured.status == "captured" and captured.amount_captured == D("150.00")
    assert _balance(prop, folio_id) == 0
    intent = stripe_gateway.client.v1.payment_intents.retrieve(hold.provider_id)
    assert intent["status"] == "succeeded"
    with pytest.raises(InvalidPaymentState):  # a second capture is refused, nothing posted
        card.capture_payment(prop, DESK, hold.id, "1.00")
    assert _balance(prop, folio_id) == 0


def test_a_capture_after_the_hold_expired_is_refused(prop, stripe_gateway, card_token):
    folio_id = _folio_with_charge(prop)
    hold = card.authorize_card(prop, DESK, folio_id=folio_id, amount="150.00",
                               payment_method=card_token())
    with property_uow(prop) as uow:
        row = uow.session.get(Payment, hold.id)
        row.expires_at = utcnow() - timedelta(minutes=1)
        uow.session.add(row)
        uow.commit()
    with pytest.raises(AuthorizationExpired):
        card.capture_payment(prop, DESK, hold.id)
    assert _balance(prop, folio_id) == D("150.00")


def test_refunds_never_exceed_what_was_paid(prop, stripe_gateway, card_token):
    folio_id = _folio_with_charge(prop, "100.00")
    hold = card.authorize_card(prop, DESK, folio_id=folio_id, amount="100.00",
                               payment_method=card_token())
    card.capture_payment(prop, DESK, hold.id)
    first = refunds.refund_payment(prop, DESK, hold.id, "30.00", reason="Minibar disputed")
    assert first.status == "succeeded" and first.provider_id.startswith("re_")
    with pytest.raises(RefundExceedsPaid) as err:
        refunds.refund_payment(prop, DESK, hold.id, "70.01", reason="too much")
    assert err.value.fields == {"amount": "must be at most 70.00"}
    assert _balance(prop, folio_id) == D("30.00")
    with property_uow(prop, write=False) as uow:
        assert uow.session.get(Payment, hold.id).amount_refunded == D("30.00")
        assert len(uow.session.exec(
            __import__("sqlmodel").select(PaymentRefund)
            .where(PaymentRefund.payment_id == hold.id)).all()) == 1


def test_a_declined_card_records_a_failed_payment_and_posts_nothing(prop, stripe_gateway,
                                                                   card_token):
    folio_id = _folio_with_charge(prop)
    with pytest.raises(PaymentDeclined):
        card.authorize_card(prop, DESK, folio_id=folio_id, amount="150.00",
                            payment_method=card_token("4000000000000341"))
    assert _balance(prop, folio_id) == D("150.00")


def test_a_release_cancels_the_hold(prop, stripe_gateway, card_token):
    folio_id = _folio_with_charge(prop)
    hold = card.authorize_card(prop, DESK, folio_id=folio_id, amount="150.00",
                               payment_method=card_token())
    released = card.release_authorization(prop, DESK, hold.id)
    assert released.status == "canceled"
    intent = stripe_gateway.client.v1.payment_intents.retrieve(hold.provider_id)
    assert intent["status"] == "canceled"


def test_raw_card_numbers_are_refused_before_reaching_stripe(prop, stripe_gateway):
    folio_id = _folio_with_charge(prop)
    with pytest.raises(Exception) as err:
        card.authorize_card(prop, DESK, folio_id=folio_id, amount="10.00",
                            payment_method="4242 4242 4242 4242")
    assert err.value.code == "card_number_refused"


def test_without_stripe_keys_only_manual_methods_are_offered(prop):
    set_gateway(None)
    assert available_methods() == ["cash", "bank_transfer", "terminal"]
    with pytest.raises(PaymentsNotConfigured):
        card.authorize_card(prop, DESK, folio_id=uuid.uuid4(), amount="10.00",
                            payment_method="pm_123")


def test_the_expiry_job_marks_lapsed_holds_and_running_it_twice_changes_nothing(
        prop, stripe_gateway, card_token):
    from core.jobs.payments import expire_card_holds_job

    folio_id = _folio_with_charge(prop)
    hold = card.authorize_card(prop, DESK, folio_id=folio_id, amount="150.00",
                               payment_method=card_token())
    with property_uow(prop) as uow:
        row = uow.session.get(Payment, hold.id)
        row.expires_at = utcnow() - timedelta(seconds=1)
        uow.session.add(row)
        uow.commit()
    assert expire_card_holds_job(prop) == 1
    assert expire_card_holds_job(prop) == 0
    from core.jobs.payments import expire_all_card_holds_job

    assert expire_all_card_holds_job() == 0  # the cron sweep over every property
    with pytest.raises(InvalidPaymentState):
        card.capture_payment(prop, DESK, hold.id)
