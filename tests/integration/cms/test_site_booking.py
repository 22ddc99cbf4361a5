"""The public booking flow in core on both backends: search, book as the public, refusals that
book nothing, idempotent submit, and manage booking (lookup, throttle, cancel with fee)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from site_support import Hotel, setup_hotel
from sqlmodel import select

from core.actor import Actor
from core.db.uow import property_uow
from core.errors import DomainError, PermissionDenied
from core.reservations.models import Reservation
from core.site import throttle
from core.site.actors import public_booking_actor
from core.site.booking import GuestDetails, StayRequest, book_stay, search_offers
from core.site.manage import OwnerProof, booking_view, cancel_own

RITA = GuestDetails(first_name="Rita", last_name="Marques", email="rita@example.com")


@pytest.fixture(scope="module")
def hotel(module_tenant) -> Hotel:
    return setup_hotel(module_tenant.make_property("Site Hotel"))


def _stay(hotel: Hotel, offset: int, nights: int = 2, **kw) -> StayRequest:
    arrival = hotel.today + timedelta(days=offset)
    return StayRequest(arrival=arrival, departure=arrival + timedelta(days=nights), **kw)


def _book(hotel: Hotel, stay: StayRequest, *, key: str, guest=RITA, total="200.00"):
    with property_uow(hotel.pid, public_booking_actor(hotel.pid)) as uow:
        out = book_stay(uow, stay, room_type_id=hotel.rt, rate_plan_id=hotel.plan,
                        expected_total=Decimal(total) if total else None, guest=guest,
                        idempotency_key=key)
        uow.commit()
    return out


def _count(hotel: Hotel) -> int:
    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        return len(uow.session.exec(select(Reservation)).all())


def test_search_shows_each_plan_with_formatted_totals_and_nights(hotel):
    with property_uow(hotel.pid, public_booking_actor(hotel.pid), write=False) as uow:
        offers = search_offers(uow, _stay(hotel, 10, adults=2), "pt")
    plan = offers[0]["plans"][0]
    assert offers[0]["name"] == "King" and plan["total"] == "200.00"
    assert "200,00" in plan["total_fmt"] and "€" in plan["total_fmt"]
    assert len(plan["nights"]) == 2


def test_booking_as_the_public_is_idempotent(hotel):
    stay = _stay(hotel, 20, adults=2)
    before = _count(hotel)
    first = _book(hotel, stay, key="k-double-click")
    again = _book(hotel, stay, key="k-double-click")
    assert first.reference == again.reference and _count(hotel) == before + 1


@pytest.mark.parametrize(("stay_kw", "guest", "total", "code"), [
    ({"offset": -2, "adults": 2}, RITA, "200.00", "invalid_stay"),
    ({"offset": 30, "adults": 7, "children_ages": [3, 4]}, RITA, "200.00", "too_many_guests"),
    ({"offset": 30, "adults": 2}, GuestDetails(first_name="A", last_name=""), "200.00",
     "invalid_guest_details"),
    ({"offset": 30, "adults": 2}, GuestDetails(first_name="A", last_name="B", email="nope"),
     "200.00", "invalid_guest_details"),
    ({"offset": 30, "adults": 2}, RITA, "150.00", "price_changed"),
    ({"offset": 30, "adults": 2, "promo_code": "NOPE"}, RITA, None, "promo_not_applicable"),
])
def test_bad_requests_are_refused_and_book_nothing(hotel, stay_kw, guest, total, code):
    before = _count(hotel)
    stay_kw = dict(stay_kw)  # the parameter is shared by both backends' runs
    with pytest.raises(DomainError) as err:
        _book(hotel, _stay(hotel, stay_kw.pop("offset"), **stay_kw), key=f"bad-{code}",
              guest=guest, total=total)
    assert err.value.code in (code, "promo_not_found") and err.value.message
    assert _count(hotel) == before


def test_the_public_actor_may_not_cancel_or_view(hotel):
    actor = public_booking_actor(hotel.pid)
    assert not actor.can("reservations.cancel") and not actor.can("reservations.view")
    from core.reservations.lifecycle import cancel_reservation

    booking = _book(hotel, _stay(hotel, 50, adults=1), key="k-public-cancel", total="")
    with property_uow(hotel.pid, actor) as uow, pytest.raises(PermissionDenied):
        cancel_reservation(uow, booking.reservations[0].id)


def test_manage_lookup_needs_the_right_pair_and_is_throttled(hotel):
    throttle._memory.clear()
    booking = _book(hotel, _stay(hotel, 60, adults=2), key="k-manage")
    with property_uow(hotel.pid, public_booking_actor(hotel.pid), write=False) as uow:
        view = booking_view(uow, OwnerProof(booking.reference.lower(), " MARQUES "), "en")
        assert view["rooms"][0]["status"] == "confirmed"
        assert view["rooms"][0]["fee"] == "€200.00"  # non-refundable: the fee is shown first
        assert booking_view(uow, OwnerProof(booking.reference, "rita@example.com"), "en")
        for _ in range(throttle.MAX_FAILURES):
            with pytest.raises(DomainError) as err:
                booking_view(uow, OwnerProof(booking.reference, "Smith", ip="10.0.0.9"), "en")
            assert err.value.code == "booking_lookup_failed"
        with pytest.raises(DomainError) as err:
            booking_view(uow, OwnerProof(booking.reference, "Marques", ip="10.0.0.9"), "en")
        assert err.value.code == "too_many_lookups"
    throttle._memory.clear()


def test_a_guest_cancels_their_own_room_with_the_fee_and_not_someone_elses(hotel):
    throttle._memory.clear()
    mine = _book(hotel, _stay(hotel, 70, adults=2), key="k-mine")
    other = _book(hotel, _stay(hotel, 74, adults=2), key="k-other",
                  guest=GuestDetails(first_name="Bo", last_name="Other", phone="+351 912 345 678"))
    proof = OwnerProof(mine.reference, "Marques")
    with pytest.raises(DomainError) as err:
        cancel_own(hotel.pid, proof, other.reservations[0].id)
    assert err.value.code == "booking_lookup_failed"
    out = cancel_own(hotel.pid, proof, mine.reservations[0].id, idempotency_key="c1")
    assert out["status"] == "cancelled" and out["fee"] == Decimal("200.00")
    again = cancel_own(hotel.pid, proof, mine.reservations[0].id, idempotency_key="c1")
    assert again["status"] == "cancelled"
    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        assert uow.session.get(Reservation, other.reservations[0].id).status == "confirmed"


def test_a_guest_changes_dates_at_the_quoted_price_and_a_stale_quote_changes_nothing(hotel):
    from core.site.changes import change_own, quote_change

    throttle._memory.clear()
    booking = _book(hotel, _stay(hotel, 80, adults=2), key="k-change")
    rid = booking.reservations[0].id
    proof = OwnerProof(booking.reference, "Marques")
    arrival = hotel.today + timedelta(days=90)
    q = quote_change(hotel.pid, proof, rid, arrival=arrival, departure=arrival + timedelta(days=3),
                     adults=2, locale="en")
    assert q.total == Decimal("300.00") and q.old_total_fmt == "€200.00"
    with pytest.raises(DomainError) as err:
        change_own(hotel.pid, proof, rid, arrival=arrival, departure=arrival + timedelta(days=3),
                   adults=2, expected_total=Decimal("250.00"))
    assert err.value.code == "price_changed"
    assert change_own(hotel.pid, proof, rid, arrival=arrival,
                      departure=arrival + timedelta(days=3), adults=2,
                      expected_total=q.total) == Decimal("300.00")
    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        res = uow.session.get(Reservation, rid)
        assert (res.arrival, res.total) == (arrival, Decimal("300.00"))
    with pytest.raises(DomainError) as err:
        quote_change(hotel.pid, OwnerProof(booking.reference, "Nope"), rid, arrival=arrival,
                     departure=arrival + timedelta(days=1), adults=2, locale="en")
    assert err.value.code == "booking_lookup_failed"
    throttle._memory.clear()
