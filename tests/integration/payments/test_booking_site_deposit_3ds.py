"""Booking-site deposits and 3-D Secure against localstripe, on SQLite and Postgres.

A deposit plan charges its deposit at booking (held for the stay until check-in), the email says
what was charged and what is due at the hotel, and a cancellation refunds it within the free
period or keeps the policy's fee. A card that needs 3-D Secure books only once the bank agreed,
as Stripe (not the page) reports it; a failed or abandoned check books and holds nothing.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlmodel import select

from core.actor import Actor
from core.db.uow import property_uow
from core.errors import DomainError
from core.folio import services as folios
from core.folio.models import Deposit
from core.payments.models import Payment
from core.payments.online import PaymentActionRequired
from core.reservations.models import Reservation
from core.site.actors import public_booking_actor
from core.site.booking import GuestDetails, StayRequest, book_stay
from core.site.card import (
    CardBooking,
    abandon_card_payment,
    finish_card_booking,
    start_card_booking,
)
from core.site.manage import OwnerProof, cancel_own

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cms"))
from site_support import setup_hotel  # noqa: E402

THREE_DS = "4000002760003184"  # localstripe (like Stripe) always asks this card to authenticate
GUEST = GuestDetails(first_name="Dora", last_name="Deposito", email="dora@example.com")


@pytest.fixture(scope="module")
def hotel(module_tenant):
    """King rooms at 100/night, with a deposit plan (30%, free cancellation until 48 hours
    before), a non-refundable deposit plan (first night), and card-hold plans."""
    from core.properties.services import create_policy
    from core.rates.services import create_rate_plan, set_rate_days

    h = setup_hotel(module_tenant.make_property("Deposit Hotel"))
    policies = {
        "DEP": {"free_cancellation_hours": 48, "cancellation_fee_kind": "first_night",
                "deposit_kind": "percent", "deposit_value": Decimal("30")},
        "DNR": {"free_cancellation_hours": None, "cancellation_fee_kind": "first_night",
                "deposit_kind": "first_night"},
        "CRD": {"free_cancellation_hours": 24, "cancellation_fee_kind": "first_night"},
        "CNR": {"free_cancellation_hours": None, "cancellation_fee_kind": "first_night"},
    }
    guarantees = {"DEP": "deposit", "DNR": "deposit", "CRD": "card", "CNR": "card"}
    with property_uow(h.pid, Actor.system()) as uow:
        for code, terms in policies.items():
            policy = create_policy(uow, {"code": f"P{code}", "name": f"Policy {code}", **terms})
            plan = create_rate_plan(uow, {"code": code, "name": f"Plan {code}",
                                          "room_type_id": h.rt, "adult_prices": {},
                                          "policy_id": policy.id,
                                          "guarantee_type": guarantees[code]})
            set_rate_days(uow, plan.id, {"start": h.today, "end": h.today + timedelta(days=200),
                                         "price": Decimal("100.00")})
            setattr(h, code.lower(), plan.id)
        uow.commit()
    return h


def _request(hotel, plan, offset, pm, key, guest=GUEST):
    arrival = hotel.today + timedelta(days=offset)
    return CardBooking(property_id=hotel.pid,
                       stay=StayRequest(arrival, arrival + timedelta(days=2), 2),
                       room_type_id=hotel.rt, rate_plan_id=plan, expected_total=Decimal("200.00"),
                       guest=guest, payment_method=pm, idempotency_key=key)


def _read(hotel):
    return lambda: property_uow(hotel.pid, public_booking_actor(hotel.pid), write=False)


def _write(hotel):
    return lambda: property_uow(hotel.pid, public_booking_actor(hotel.pid))


def _start(hotel, request):
    return start_card_booking(request, _read(hotel), _write(hotel))


def _bank(localstripe_url, client_secret, success):
    """What Stripe.js does when the guest answers the bank's 3-D Secure step."""
    intent = client_secret.split("_secret_")[0]
    r = httpx.post(f"{localstripe_url}/v1/payment_intents/{intent}/_authenticate",
                   params={"success": "true" if success else "false"},
                   json={"key": "pk_test_local", "client_secret": client_secret})
    assert r.status_code == 200, r.text


def _payments(hotel, reservation_id):
    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        return uow.session.exec(select(Payment).where(
            Payment.reservation_id == reservation_id)).all()


def _count(hotel, last_name):
    from core.guests.models import Guest

    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        return len(uow.session.exec(select(Reservation).join(
            Guest, Guest.id == Reservation.guest_id).where(Guest.last_name == last_name)).all())


def _balance(hotel, reservation_id):
    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        return sum((f.balance for f in folios.reservation_folios(uow, reservation_id)),
                   Decimal("0.00"))


def _cancel(hotel, booking, last_name=GUEST.last_name):
    return cancel_own(hotel.pid, OwnerProof(booking.reference, last_name),
                      booking.reservations[0].id, idempotency_key=f"x-{booking.reference}")


def test_a_deposit_plan_charges_the_deposit_and_the_email_says_what_is_due(
        hotel, stripe_gateway, card_token):
    step = _start(hotel, _request(hotel, hotel.dep, 30, card_token(), "dep-1"))
    booking = step.booking
    assert booking is not None and step.charge.amount == Decimal("60.00")  # 30% of 200
    (pay,) = _payments(hotel, booking.reservations[0].id)
    assert (pay.purpose, pay.status, pay.amount, pay.amount_captured) == (
        "deposit", "captured", Decimal("60.00"), Decimal("60.00"))
    intent = stripe_gateway.retrieve(pay.provider_id, "EUR")
    assert intent.status == "succeeded" and intent.amount_received == Decimal("60.00")
    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        (deposit,) = uow.session.exec(select(Deposit).where(Deposit.payment_id == pay.id)).all()
        assert (deposit.status, deposit.amount, deposit.method) == ("held", Decimal("60.00"), "card")
        from core.notifications.render import render
        from core.notifications.services import reservation_context

        context, language, _ = reservation_context(uow, booking.reservations[0].id)
        text = render("confirmation", language, context).text
    assert "Charged now (deposit): €60.00" in text and "Due at the hotel: €140.00" in text
    assert "Pre-authorised" not in text
    # A double submit: the same booking, one deposit.
    again = _start(hotel, _request(hotel, hotel.dep, 30, pay.payment_method_token, "dep-1"))
    assert again.booking.reference == booking.reference
    assert len(_payments(hotel, booking.reservations[0].id)) == 1


def test_cancelling_within_the_free_period_refunds_the_deposit(hotel, stripe_gateway, card_token):
    booking = _start(hotel, _request(hotel, hotel.dep, 40, card_token(), "dep-free")).booking
    out = _cancel(hotel, booking)
    assert (out["status"], out["fee"], out["refunded"]) == (
        "cancelled", Decimal("0.00"), Decimal("60.00"))
    (pay,) = _payments(hotel, booking.reservations[0].id)
    assert pay.amount_refunded == Decimal("60.00")
    refunds = stripe_gateway.client.v1.refunds.list(params={"limit": 100}).to_dict()["data"]
    assert [r["amount"] for r in refunds if r["payment_intent"] == pay.provider_id] == [6000]
    assert _balance(hotel, booking.reservations[0].id) == Decimal("0.00")
    # The guest retries the cancellation: nothing is refunded twice.
    assert _cancel(hotel, booking)["refunded"] == Decimal("0.00")
    assert _payments(hotel, booking.reservations[0].id)[0].amount_refunded == Decimal("60.00")


def test_cancelling_a_non_refundable_deposit_keeps_the_fee(hotel, stripe_gateway, card_token):
    booking = _start(hotel, _request(hotel, hotel.dnr, 50, card_token(), "dep-nr")).booking
    (pay,) = _payments(hotel, booking.reservations[0].id)
    assert pay.amount_captured == Decimal("100.00")  # the first night
    out = _cancel(hotel, booking)
    assert (out["fee"], out["refunded"]) == (Decimal("100.00"), Decimal("0.00"))
    assert _payments(hotel, booking.reservations[0].id)[0].amount_refunded == Decimal("0.00")
    # The fee is on the folio and the deposit pays it.
    assert _balance(hotel, booking.reservations[0].id) == Decimal("0.00")


def test_a_card_hold_is_released_or_pays_the_fee_on_cancellation(hotel, stripe_gateway,
                                                                 card_token):
    free = _start(hotel, _request(hotel, hotel.crd, 60, card_token(), "crd-free")).booking
    (hold,) = _payments(hotel, free.reservations[0].id)
    assert (hold.purpose, hold.status, hold.amount) == ("guarantee", "authorized",
                                                         Decimal("200.00"))
    assert _cancel(hotel, free)["released"] == Decimal("200.00")
    assert _payments(hotel, free.reservations[0].id)[0].status == "canceled"
    assert stripe_gateway.retrieve(hold.provider_id, "EUR").status == "canceled"

    late = _start(hotel, _request(hotel, hotel.cnr, 61, card_token(), "crd-late")).booking
    out = _cancel(hotel, late)
    assert (out["fee"], out["captured"]) == (Decimal("100.00"), Decimal("100.00"))
    (taken,) = _payments(hotel, late.reservations[0].id)
    assert (taken.status, taken.amount_captured) == ("captured", Decimal("100.00"))
    assert _balance(hotel, late.reservations[0].id) == Decimal("0.00")


def test_3ds_books_once_after_the_bank_agrees(hotel, stripe_gateway, card_token,
                                             localstripe_url):
    request = _request(hotel, hotel.plan, 70, card_token(THREE_DS), "3ds-ok",
                       GuestDetails(first_name="Tomas", last_name="Tresde", email="t@example.com"))
    step = _start(hotel, request)
    assert step.booking is None and step.client_secret.startswith(step.intent_id + "_secret_")
    assert _count(hotel, "Tresde") == 0  # nothing booked while the bank is asked
    # The page reporting success is not enough: Stripe still says requires_action.
    with pytest.raises(PaymentActionRequired):
        finish_card_booking(request, step.charge, step.intent_id, _write(hotel))
    _bank(localstripe_url, step.client_secret, success=True)
    booking = finish_card_booking(request, step.charge, step.intent_id, _write(hotel))
    again = finish_card_booking(request, step.charge, step.intent_id, _write(hotel))
    assert again.reference == booking.reference and _count(hotel, "Tresde") == 1
    (hold,) = _payments(hotel, booking.reservations[0].id)
    assert (hold.status, hold.amount, hold.provider_id) == ("authorized", Decimal("200.00"),
                                                            step.intent_id)
    assert hold.card_last4 == "3184"


def test_a_failed_3ds_check_books_and_holds_nothing(hotel, stripe_gateway, card_token,
                                                   localstripe_url):
    guest = GuestDetails(first_name="Fia", last_name="Falhou", email="f@example.com")
    request = _request(hotel, hotel.dep, 80, card_token(THREE_DS), "3ds-fail", guest)
    step = _start(hotel, request)
    _bank(localstripe_url, step.client_secret, success=False)
    with pytest.raises(DomainError) as err:
        finish_card_booking(request, step.charge, step.intent_id, _write(hotel))
    assert err.value.code == "authentication_failed" and "nothing was booked" in err.value.message
    assert _count(hotel, "Falhou") == 0
    assert stripe_gateway.retrieve(step.intent_id, "EUR").status == "canceled"


def test_a_guest_gone_after_the_banks_step_leaves_no_money_taken(hotel, stripe_gateway,
                                                               card_token, localstripe_url):
    """The browser closed between the bank's yes and our booking: the deposit is only held
    (it lapses at Stripe), never captured without a booking."""
    guest = GuestDetails(first_name="Vera", last_name="Vanished", email="v@example.com")
    step = _start(hotel, _request(hotel, hotel.dep, 95, card_token(THREE_DS), "3ds-vanish", guest))
    _bank(localstripe_url, step.client_secret, success=True)
    intent = stripe_gateway.retrieve(step.intent_id, "EUR")
    assert (intent.status, intent.amount_received) == ("requires_capture", Decimal("0.00"))
    assert _count(hotel, "Vanished") == 0
    abandon_card_payment(step.charge, step.intent_id)


def test_an_abandoned_3ds_check_is_released(hotel, stripe_gateway, card_token):
    guest = GuestDetails(first_name="Ana", last_name="Abandona", email="a@example.com")
    step = _start(hotel, _request(hotel, hotel.plan, 90, card_token(THREE_DS), "3ds-gone", guest))
    abandon_card_payment(step.charge, step.intent_id)
    assert stripe_gateway.retrieve(step.intent_id, "EUR").status == "canceled"
    assert _count(hotel, "Abandona") == 0


def test_another_bookings_intent_is_refused(hotel, stripe_gateway, card_token, localstripe_url):
    """The page cannot swap in an intent it did not get for this booking (say, an earlier one)."""
    first = _start(hotel, _request(hotel, hotel.plan, 100, card_token(THREE_DS), "3ds-a"))
    _bank(localstripe_url, first.client_secret, success=True)
    other = _request(hotel, hotel.plan, 101, card_token(THREE_DS), "3ds-b",
                     GuestDetails(first_name="Mia", last_name="Mismatch", email="m@example.com"))
    other_step = _start(hotel, other)
    with pytest.raises(DomainError) as err:
        finish_card_booking(other, other_step.charge, first.intent_id, _write(hotel))
    assert err.value.code == "payment_mismatch" and _count(hotel, "Mismatch") == 0
    # Not ours to release: the first guest's hold is untouched.
    assert stripe_gateway.retrieve(first.intent_id, "EUR").status == "requires_capture"
    abandon_card_payment(first.charge, first.intent_id)
    abandon_card_payment(other_step.charge, other_step.intent_id)


def test_sold_out_during_3ds_refunds_the_deposit(hotel, stripe_gateway, card_token,
                                                 localstripe_url):
    guest = GuestDetails(first_name="Sol", last_name="Esgotado", email="s@example.com")
    request = _request(hotel, hotel.dep, 110, card_token(THREE_DS), "3ds-sold", guest)
    step = _start(hotel, request)
    for n in range(2):  # meanwhile the last two King rooms are booked at the hotel's own rate
        with property_uow(hotel.pid, public_booking_actor(hotel.pid)) as uow:
            book_stay(uow, request.stay, room_type_id=hotel.rt, rate_plan_id=hotel.plan,
                      expected_total=None, guest=GUEST, idempotency_key=f"sold-{n}")
            uow.commit()
    _bank(localstripe_url, step.client_secret, success=True)
    with pytest.raises(DomainError):
        finish_card_booking(request, step.charge, step.intent_id, _write(hotel))
    assert _count(hotel, "Esgotado") == 0
    refunds = stripe_gateway.client.v1.refunds.list(params={"limit": 100}).to_dict()["data"]
    assert [r["amount"] for r in refunds if r["payment_intent"] == step.intent_id] == [6000]
