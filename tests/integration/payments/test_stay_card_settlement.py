"""Whoever ends a stay (the desk, the REST API, the guest online), its online card payments are
settled per the sold policy, once, by a job that runs after the change committed; against
localstripe on SQLite and Postgres.

A hold is released inside the free period, or the fee is captured from it; a deposit is refunded
less the fee; a no-show keeps the no-show fee. A second run of the job, or a lost claim, refunds
nothing more; with Stripe unreachable the cancellation stands and the settlement is retried
later. The orphan sweep gives back booking-site payments whose booking was never written and
leaves a booked one alone. The desk's cancel dialog says beforehand what happens to the card.
"""

from __future__ import annotations

import sys
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from core.actor import Actor
from core.audit.models import AuditEntry
from core.db.uow import property_uow
from core.frontdesk.detail import reservation_detail
from core.identity.permissions import ROLE_PERMISSIONS
from core.jobs.payments import retry_settlements_job, settle_stay_payments_job
from core.payments.card import take_card_deposit
from core.payments.gateway import StripeGateway, set_gateway
from core.payments.models import CardSettlement
from core.payments.online import OnlineCharge, start_online_payment, take_online_payment
from core.payments.orphans import sweep_orphan_payments
from core.reservations.lifecycle import cancel_reservation, mark_no_show
from core.timeutil import utcnow

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "api"))
import test_booking_site_deposit_3ds as site  # noqa: E402
from api_support import api_on  # noqa: E402

# The same module fixture: King rooms at 100/night with deposit and card-hold plans.
hotel = site.hotel
_balance, _payments, _request, _start = site._balance, site._payments, site._request, site._start

# A front-desk clerk: may cancel and mark no-shows, may not refund by hand.
DESK = Actor(kind="staff", name="Desk Clerk", permissions=ROLE_PERMISSIONS["front_desk"])


def _desk(hotel, change, reservation_id):
    with property_uow(hotel.pid, DESK) as uow:
        out = change(uow, reservation_id)
        uow.commit()  # the settlement job runs once this committed (inline in tests)
    return out


def _settlement(pid, reservation_id) -> CardSettlement:
    with property_uow(pid, Actor.system(), write=False) as uow:
        row = uow.session.exec(select(CardSettlement).where(
            CardSettlement.reservation_id == reservation_id)).one()
        uow.session.expunge(row)
        return row


def _card_outcome(hotel, reservation_id) -> str:
    with property_uow(hotel.pid, DESK, write=False) as uow:
        return reservation_detail(uow, reservation_id).cancellation_card_now


def _refunds(gateway, intent_id) -> list[int]:
    refunds = gateway.client.v1.refunds.list(params={"limit": 100}).to_dict()["data"]
    return [r["amount"] for r in refunds if r["payment_intent"] == intent_id]


def _book(hotel, plan, offset, token, key):
    booking = _start(hotel, _request(hotel, plan, offset, token, key)).booking
    rid = booking.reservations[0].id
    (pay,) = _payments(hotel, rid)
    return rid, pay


@pytest.fixture(scope="module")
def no_show_plan(hotel):
    """A card-hold plan whose no-show costs the first night."""
    from core.properties.services import create_policy
    from core.rates.services import create_rate_plan, set_rate_days

    with property_uow(hotel.pid, Actor.system()) as uow:
        policy = create_policy(uow, {"code": "PNS", "name": "No-show first night",
                                     "free_cancellation_hours": 24,
                                     "cancellation_fee_kind": "first_night",
                                     "no_show_fee_kind": "first_night"})
        plan = create_rate_plan(uow, {"code": "NSF", "name": "Plan NSF", "room_type_id": hotel.rt,
                                      "adult_prices": {}, "policy_id": policy.id,
                                      "guarantee_type": "card"})
        set_rate_days(uow, plan.id, {"start": hotel.today,
                                     "end": hotel.today + timedelta(days=200),
                                     "price": Decimal("100.00")})
        uow.commit()
    return plan.id


def test_desk_cancel_in_the_free_period_releases_the_card_hold(hotel, stripe_gateway,
                                                               card_token):
    rid, hold = _book(hotel, hotel.crd, 120, card_token(), "desk-free")
    assert _card_outcome(hotel, rid) == "Card hold of 200.00 EUR released."
    out = _desk(hotel, lambda uow, r: cancel_reservation(uow, r, reason="guest phoned"), rid)
    assert out.cancellation_fee == Decimal("0.00")
    (after,) = _payments(hotel, rid)
    assert after.status == "canceled"
    assert stripe_gateway.retrieve(hold.provider_id, "EUR").status == "canceled"
    done = _settlement(hotel.pid, rid)
    assert (done.status, done.outcome, done.released, done.attempts) == (
        "done", "cancelled", Decimal("200.00"), 1)
    assert _card_outcome(hotel, rid) == ""  # nothing left on the card


def test_desk_cancel_inside_the_fee_window_captures_the_fee(hotel, stripe_gateway, card_token):
    rid, hold = _book(hotel, hotel.cnr, 121, card_token(), "desk-fee")
    assert _card_outcome(hotel, rid) == "Fee 100.00 EUR captured from the card hold."
    out = _desk(hotel, lambda uow, r: cancel_reservation(uow, r), rid)
    assert out.cancellation_fee == Decimal("100.00")
    (taken,) = _payments(hotel, rid)
    assert (taken.status, taken.amount_captured) == ("captured", Decimal("100.00"))
    # (localstripe does not report a partial capture's amount; the payment row has it)
    assert stripe_gateway.retrieve(hold.provider_id, "EUR").status == "succeeded"
    assert _settlement(hotel.pid, rid).captured == Decimal("100.00")
    assert _balance(hotel, rid) == Decimal("0.00")  # the fee is paid by the card


def test_a_no_show_keeps_the_no_show_fee_from_the_hold(hotel, no_show_plan, stripe_gateway,
                                                      card_token):
    rid, hold = _book(hotel, no_show_plan, 0, card_token(), "no-show")
    out = _desk(hotel, lambda uow, r: mark_no_show(uow, r), rid)
    assert (out.status, out.no_show_fee) == ("no_show", Decimal("100.00"))
    (taken,) = _payments(hotel, rid)
    assert (taken.status, taken.amount_captured) == ("captured", Decimal("100.00"))
    assert stripe_gateway.retrieve(hold.provider_id, "EUR").status == "succeeded"
    done = _settlement(hotel.pid, rid)
    assert (done.outcome, done.fee, done.captured, done.released) == (
        "no_show", Decimal("100.00"), Decimal("100.00"), Decimal("0.00"))
    assert _balance(hotel, rid) == Decimal("0.00")  # no-show fee posted, paid by the card


def test_the_settlement_job_run_again_refunds_nothing_more(hotel, stripe_gateway, card_token):
    rid, pay = _book(hotel, hotel.dep, 130, card_token(), "twice")
    assert _card_outcome(hotel, rid) == "60.00 EUR refunded to the card."
    _desk(hotel, lambda uow, r: cancel_reservation(uow, r), rid)
    assert _refunds(stripe_gateway, pay.provider_id) == [6000]
    assert settle_stay_payments_job(hotel.pid, rid) == "nothing to do"
    # Even a settlement whose claim was lost (its row back to pending) finds nothing left.
    with property_uow(hotel.pid, Actor.system()) as uow:
        row = uow.session.exec(select(CardSettlement).where(
            CardSettlement.reservation_id == rid)).one()
        row.status = "pending"
        uow.session.add(row)
        uow.commit()
    assert settle_stay_payments_job(hotel.pid, rid).startswith("refunded 0.00")
    assert _refunds(stripe_gateway, pay.provider_id) == [6000]
    assert _payments(hotel, rid)[0].amount_refunded == Decimal("60.00")
    assert _balance(hotel, rid) == Decimal("0.00")


def test_stripe_unreachable_the_cancellation_stands_and_is_settled_later(
        hotel, stripe_gateway, card_token):
    rid, pay = _book(hotel, hotel.dep, 140, card_token(), "offline")
    set_gateway(StripeGateway("sk_test_12345", api_base="http://127.0.0.1:9"))  # nothing there
    try:
        out = _desk(hotel, lambda uow, r: cancel_reservation(uow, r), rid)
    finally:
        set_gateway(stripe_gateway)
    assert out.status == "cancelled"
    waiting = _settlement(hotel.pid, rid)
    assert (waiting.status, waiting.attempts) == ("retrying", 1)
    assert "could not be reached" in waiting.last_error
    assert waiting.next_attempt_at > utcnow()
    assert _refunds(stripe_gateway, pay.provider_id) == []
    assert retry_settlements_job(hotel.pid) == 0  # not due yet: back-off
    with property_uow(hotel.pid, Actor.system()) as uow:  # the back-off has passed
        row = uow.session.get(CardSettlement, waiting.id)
        row.next_attempt_at = utcnow() - timedelta(seconds=1)
        uow.session.add(row)
        uow.commit()
    assert retry_settlements_job(hotel.pid) == 1
    done = _settlement(hotel.pid, rid)
    assert (done.status, done.attempts, done.refunded, done.last_error) == (
        "done", 2, Decimal("60.00"), None)
    assert _refunds(stripe_gateway, pay.provider_id) == [6000]
    assert _balance(hotel, rid) == Decimal("0.00")


def test_the_orphan_sweep_gives_back_unbooked_payments_only(hotel, stripe_gateway, card_token):
    booked_rid, booked = _book(hotel, hotel.dep, 150, card_token(), "orphan-booked")

    def charge(purpose, amount):
        return OnlineCharge(property_id=hotel.pid, payment_id=uuid.uuid4(), purpose=purpose,
                            amount=Decimal(amount), currency="EUR", payment_method=card_token())

    # The bank agreed and the deposit was taken, then the booking was never written.
    deposit = charge("deposit", "60.00")
    taken = take_online_payment(deposit, start_online_payment(deposit))
    assert taken.status == "succeeded"
    hold = charge("guarantee", "200.00")
    held = start_online_payment(hold)
    assert held.status == "requires_capture"
    young = {r.intent_id for r in sweep_orphan_payments()}
    assert not {taken.id, held.id} & young, "a payment younger than an hour may still be booked"

    done = {r.intent_id: r for r in sweep_orphan_payments(older_than=timedelta(0))}
    assert (done[taken.id].action, done[taken.id].amount) == ("refunded", Decimal("60.00"))
    assert (done[held.id].action, done[held.id].amount) == ("released", Decimal("200.00"))
    assert booked.provider_id not in done
    assert _refunds(stripe_gateway, taken.id) == [6000]
    assert stripe_gateway.retrieve(held.id, "EUR").status == "canceled"
    assert stripe_gateway.retrieve(booked.provider_id, "EUR").status == "succeeded"
    assert _refunds(stripe_gateway, booked.provider_id) == []
    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        actions = {e.entity_id: e.action for e in uow.session.exec(select(AuditEntry).where(
            AuditEntry.action.startswith("payments.orphan_"))).all()}
    assert actions[str(deposit.payment_id)] == "payments.orphan_refunded"
    assert actions[str(hold.payment_id)] == "payments.orphan_released"
    # A second sweep finds nothing more to give back.
    again = sweep_orphan_payments(older_than=timedelta(0))
    assert not {taken.id, held.id} & {r.intent_id for r in again}
    assert _refunds(stripe_gateway, taken.id) == [6000]


@pytest.fixture(scope="module")
def api(module_tenant):
    with api_on(module_tenant) as value:
        yield value


def test_an_api_cancellation_refunds_the_card_deposit(api, stripe_gateway, card_token):
    res = api.client.post(api.url("/reservations"), json=api.booking(),
                          headers=api.headers["desk"]).json()["data"]
    rid = uuid.UUID(res["id"])
    deposit = take_card_deposit(api.a.id, Actor.system(), rid, amount="50.00",
                                payment_method=card_token())
    assert deposit.status == "captured"
    r = api.client.put(api.url(f"/reservations/{rid}/status"), json={"status": "cancelled"},
                       headers=api.headers["desk"])
    assert r.status_code == 200, r.text
    fee = Decimal(str(r.json()["data"]["cancellation_fee"] or "0"))
    back = Decimal("50.00") - min(fee, Decimal("50.00"))
    assert back > 0, "the test hotel's plan must leave something to refund"
    done = _settlement(api.a.id, rid)
    assert (done.status, done.refunded) == ("done", back)
    assert _refunds(stripe_gateway, deposit.provider_id) == [int(back * 100)]


def test_a_fee_already_captured_by_an_earlier_try_is_not_taken_again(hotel, stripe_gateway,
                                                                     card_token):
    """The state a try leaves when it captured the fee from the first hold and then failed
    to release the second: the next try only releases the second."""
    from core.payments.card import authorize_card, capture_payment

    rid, first = _book(hotel, hotel.cnr, 160, card_token(), "two-holds")
    second = authorize_card(hotel.pid, Actor.system(), amount="50.00",
                            payment_method=card_token(), reservation_id=rid)
    capture_payment(hotel.pid, Actor.system(), first.id, Decimal("100.00"))
    assert _card_outcome(hotel, rid) == "Card hold of 50.00 EUR released."
    _desk(hotel, lambda uow, r: cancel_reservation(uow, r), rid)
    rows = {p.id: p for p in _payments(hotel, rid)}
    assert (rows[first.id].status, rows[first.id].amount_captured,
            rows[first.id].amount_refunded) == ("captured", Decimal("100.00"), Decimal("0.00"))
    assert rows[second.id].status == "canceled"
    assert stripe_gateway.retrieve(second.provider_id, "EUR").status == "canceled"
    assert _balance(hotel, rid) == Decimal("0.00")
