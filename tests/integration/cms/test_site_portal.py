"""My stay on both backends: online check-in with a private ID scan, requests the desk sees,
the folio, and refusals (bad details, someone else's booking, a spoofed file)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from PIL import Image
from site_support import setup_hotel
from sqlmodel import select

from core.actor import Actor
from core.db.uow import property_uow
from core.errors import DomainError
from core.guest_requests.services import list_requests
from core.media.models import MediaFile
from core.site import throttle
from core.site.actors import public_booking_actor
from core.site.booking import GuestDetails, StayRequest, book_stay
from core.site.manage import OwnerProof
from core.site.models import OnlineCheckIn
from core.site.portal import CheckInDetails, check_in_online, request_service, stay_view

DETAILS = CheckInDetails(address="Rua Augusta 100, Lisboa", nationality="pt",
                         document_type="passport", arrival_time="16:30", consent=True)
DESK = Actor(kind="staff", name="Desk", permissions=frozenset({
    "guest_services.manage", "reservations.check_in"}))


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture(scope="module")
def stay(module_tenant):
    hotel = setup_hotel(module_tenant.make_property("Portal Hotel"))
    arrival = hotel.today + timedelta(days=3)
    with property_uow(hotel.pid, public_booking_actor(hotel.pid)) as uow:
        booking = book_stay(uow, StayRequest(arrival, arrival + timedelta(days=2), 2),
                            room_type_id=hotel.rt, rate_plan_id=hotel.plan,
                            expected_total=None, idempotency_key="portal",
                            guest=GuestDetails(first_name="Ines", last_name="Portela",
                                               email="ines@example.com"))
        uow.commit()
    throttle._memory.clear()
    return hotel, booking, OwnerProof(booking.reference, "Portela")


def test_online_check_in_stores_details_and_a_private_id_scan(stay):
    hotel, booking, proof = stay
    rid = booking.reservations[0].id
    check_in_online(hotel.pid, proof, rid, DETAILS, _jpeg(), "passport.jpg")
    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        row = uow.session.exec(select(OnlineCheckIn)).one()
        assert (row.nationality, row.arrival_time) == ("PT", "16:30")
        media = uow.session.get(MediaFile, row.id_media_id)
        assert media.view_permission == "reservations.check_in" and media.kind == "jpeg"
    view = stay_view(hotel.pid, proof, "en")
    assert view[0]["checked_in_online"] and not view[0]["can_check_in"]


@pytest.mark.parametrize(("details", "field"), [
    (CheckInDetails("x", "PT", "passport", "16:30", True), "address"),
    (CheckInDetails("Rua 1, Lisboa", "Portugal", "passport", "16:30", True), "nationality"),
    (CheckInDetails("Rua 1, Lisboa", "PT", "passport", "25:00", True), "arrival_time"),
    (CheckInDetails("Rua 1, Lisboa", "PT", "passport", "16:30", False), "consent"),
])
def test_bad_check_in_details_are_refused(stay, details, field):
    hotel, booking, proof = stay
    with pytest.raises(DomainError) as err:
        check_in_online(hotel.pid, proof, booking.reservations[0].id, details)
    assert field in err.value.fields


def test_a_fake_image_is_refused_and_nothing_is_stored(stay):
    hotel, booking, proof = stay
    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        before = len(uow.session.exec(select(MediaFile)).all())
    with pytest.raises(DomainError):
        check_in_online(hotel.pid, proof, booking.reservations[0].id, DETAILS,
                        b"MZ\x90\x00 not really a jpeg", "id.jpg")
    with property_uow(hotel.pid, Actor.system(), write=False) as uow:
        assert len(uow.session.exec(select(MediaFile)).all()) == before


def test_a_service_request_reaches_the_desk_and_the_guest_sees_it(stay):
    hotel, booking, proof = stay
    rid = booking.reservations[0].id
    request_service(hotel.pid, proof, rid, category="housekeeping",
                    description="Two extra towels, please", idempotency_key="towels")
    request_service(hotel.pid, proof, rid, category="housekeeping",
                    description="Two extra towels, please", idempotency_key="towels")
    with property_uow(hotel.pid, DESK, write=False) as uow:
        desk, _ = list_requests(uow, open_only=True)
        assert [(r.description, r.reservation_id) for r in desk] == [
            ("Two extra towels, please", rid)]
    assert stay_view(hotel.pid, proof, "en")[0]["requests"][0]["status"] == desk[0].status
    with pytest.raises(DomainError):
        request_service(hotel.pid, proof, rid, category="spaceship", description="x")


def test_a_wrong_name_sees_and_changes_nothing(stay):
    hotel, booking, _ = stay
    throttle._memory.clear()
    wrong = OwnerProof(booking.reference, "Somebody")
    with pytest.raises(DomainError) as err:
        request_service(hotel.pid, wrong, booking.reservations[0].id, category="other",
                        description="hello")
    assert err.value.code == "booking_lookup_failed"
    throttle._memory.clear()
