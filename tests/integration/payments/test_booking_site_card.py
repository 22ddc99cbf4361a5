"""Booking-site card guarantee against localstripe: the card is pre-authorised before booking,
a declined card books nothing, a refused booking releases the hold, a retry books once."""

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
from core.site.card import book_with_card, start_card_setup

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cms"))
from site_support import setup_hotel  # noqa: E402

GUEST = GuestDetails(first_name="Carla", last_name="Card", email="carla@example.com")


@pytest.fixture(scope="module")
def hotel(module_tenant):
    return setup_hotel(module_tenant.make_property("Card Hotel"))


def _book(hotel, offset, pm, key, total="200.00"):
    arrival = hotel.today + timedelta(days=offset)
    stay = StayRequest(arrival=arrival, departure=arrival + timedelta(days=2), adults=2)
    return book_with_card(
        hotel.pid, lambda: property_uow(hotel.pid, public_booking_actor(hotel.pid)), stay,
        room_type_id=hotel.rt, rate_plan_id=hotel.plan, expected_total=Decimal(total),
        currency="EUR", guest=GUEST, payment_method=pm, idempotency_key=key)


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


def test_a_refused_booking_releases_the_card_hold(hotel, stripe_gateway, card_token):
    before = _rows(hotel)
    with pytest.raises(DomainError) as err:
        _book(hotel, 30, card_token(), "card-price", total="150.00")  # quoted price is stale
    assert err.value.code == "price_changed"
    assert _rows(hotel)[0] == before[0]
    intents = stripe_gateway.client.v1.payment_intents.list().to_dict()["data"]
    stale = [i for i in intents if i["amount"] == 15000]
    assert stale and all(i["status"] == "canceled" for i in stale), [i["status"] for i in stale]


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
