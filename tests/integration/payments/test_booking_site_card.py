"""Booking-site card guarantee against localstripe: the card is pre-authorised before booking,
a declined card books nothing, a changed price is refused before the card is touched, a retry
books once. Deposits and 3-D Secure: test_booking_site_deposit_3ds.py."""

from __future__ import annotations

import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from core.actor import Actor
from core.db.uow import property_uow
from core.errors import DomainError
from core.payments.models import Payment
from core.reservations.models import Reservation
from core.site.actors import public_booking_actor
from core.site.booking import GuestDetails, StayRequest
from core.site.card import CardBooking, start_card_booking, start_card_setup

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cms"))
from site_support import setup_hotel  # noqa: E402

GUEST = GuestDetails(first_name="Carla", last_name="Card", email="carla@example.com")


@pytest.fixture(scope="module")
def hotel(module_tenant):
    return setup_hotel(module_tenant.make_property("Card Hotel"))


def _book(hotel, offset, pm, key, total="200.00"):
    arrival = hotel.today + timedelta(days=offset)
    stay = StayRequest(arrival=arrival, departure=arrival + timedelta(days=2), adults=2)
    request = CardBooking(property_id=hotel.pid, stay=stay, room_type_id=hotel.rt,
                          rate_plan_id=hotel.plan, expected_total=Decimal(total), guest=GUEST,
                          payment_method=pm, idempotency_key=key)
    step = start_card_booking(
        request, lambda: property_uow(hotel.pid, public_booking_actor(hotel.pid), write=False),
        lambda: property_uow(hotel.pid, public_booking_actor(hotel.pid)))
    assert step.booking is not None, "this card needs no 3-D Secure step"
    return step.booking


def _rows(hotel):
    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        return (len(uow.session.exec(select(Reservation)).all()),
                uow.session.exec(select(Payment)).all())


def test_a_card_is_pre_authorised_and_the_booking_holds_its_payment(hotel, stripe_gateway,
                                                                   card_token):
    setup = start_card_setup(hotel.pid)
    assert setup.client_secret.startswith("seti_") and setup.js_url.endswith("/js.stripe.com/v3/")
    pm = card_token()
    booking = _book(hotel, 10, pm, "card-1")
    again = _book(hotel, 10, pm, "card-1")  # a double submit: one booking, one hold
    assert again.reference == booking.reference
    count, payments = _rows(hotel)
    mine = [p for p in payments if p.reference == booking.reference]
    assert len(mine) == 1 and mine[0].status == "authorized" and mine[0].amount == Decimal("200.00")
    assert mine[0].reservation_id == booking.reservations[0].id
    intent = stripe_gateway.retrieve(mine[0].provider_id, "EUR")
    assert intent.status == "requires_capture" and intent.amount_received == 0


def test_a_declined_card_books_nothing(hotel, stripe_gateway, card_token):
    before = _rows(hotel)
    with pytest.raises(DomainError) as err:
        _book(hotel, 20, card_token("4000000000000341"), "card-declined")
    assert err.value.code == "payment_declined" or "declined" in err.value.message
    assert _rows(hotel)[0] == before[0] and len(_rows(hotel)[1]) == len(before[1])


def _intent_count(gateway) -> int:
    return len(gateway.client.v1.payment_intents.list(params={"limit": 100}).to_dict()["data"])


def test_a_changed_price_is_refused_before_the_card_is_touched(hotel, stripe_gateway,
                                                              card_token):
    before = _rows(hotel)
    intents_before = _intent_count(stripe_gateway)
    with pytest.raises(DomainError) as err:
        _book(hotel, 30, card_token(), "card-price", total="150.00")  # quoted price is stale
    assert err.value.code == "price_changed" and "200.00" in err.value.message
    assert _rows(hotel)[0] == before[0]
    # Nothing was held: the amount comes from our price, never from the page's figure.
    assert _intent_count(stripe_gateway) == intents_before


def test_card_numbers_are_refused_as_tokens(hotel, stripe_gateway):
    with pytest.raises(DomainError) as err:
        _book(hotel, 40, "4242424242424242", "card-raw")
    assert err.value.fields


def test_a_card_rate_needs_the_card_when_stripe_is_set_up(hotel, stripe_gateway):
    from core.rates.services import create_rate_plan, set_rate_days
    from core.site.booking import book_stay

    with property_uow(hotel.pid, Actor.system()) as uow:
        plan = create_rate_plan(uow, {"code": "CARD", "name": "Card rate",
                                      "room_type_id": hotel.rt, "adult_prices": {},
                                      "guarantee_type": "card"})
        set_rate_days(uow, plan.id, {"start": hotel.today,
                                     "end": hotel.today + timedelta(days=100),
                                     "price": Decimal("100.00")})
        uow.commit()
    arrival = hotel.today + timedelta(days=50)
    before = _rows(hotel)[0]
    with property_uow(hotel.pid, public_booking_actor(hotel.pid)) as uow, \
            pytest.raises(DomainError) as err:
        book_stay(uow, StayRequest(arrival, arrival + timedelta(days=1), 2),
                  room_type_id=hotel.rt, rate_plan_id=plan.id, expected_total=None,
                  guest=GUEST, idempotency_key="card-rate-no-card")
    assert err.value.code == "card_required" and _rows(hotel)[0] == before
