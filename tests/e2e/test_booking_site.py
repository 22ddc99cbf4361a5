"""Booking site in Chromium: the hotel's CMS site, search → results → book (pay at hotel) →
confirmation and email, refusals shown on the page, and the language switch."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from .booking_helpers import fill_card, fill_guest
from .desk_helpers import PASSWORD, sign_in

pytestmark = pytest.mark.e2e
DESK = "site-desk@harbour.example"


@pytest.fixture(scope="module")
def site(apps):
    """A sellable room type and the demo site content at the e2e hotel."""
    from core.actor import Actor
    from core.db.uow import property_uow
    from core.demo.site import seed_site
    from core.properties.models import get_settings_row
    from core.properties.services import create_room, create_room_type
    from core.rates.services import create_rate_plan, set_rate_days
    from core.timeutil import local_today

    with apps.in_process():
        with property_uow(apps.property_id, Actor.system("e2e")) as uow:
            today = local_today(get_settings_row(uow.session).timezone)
            rt = create_room_type(uow, {"code": "SEA", "name": "Sea View Suite",
                                        "description": "A suite over the harbour.",
                                        "max_occupancy": 3, "max_adults": 3})
            for n in ("501", "502"):
                create_room(uow, {"number": n, "room_type_id": rt.id})
            plan = create_rate_plan(uow, {"code": "WEB", "name": "Web flexible",
                                          "room_type_id": rt.id, "adult_prices": {}})
            set_rate_days(uow, plan.id, {"start": today, "end": today + timedelta(days=120),
                                         "price": Decimal("180.00")})
            uow.commit()
        seed_site(apps.property_id, name=apps.property_name, address="Rua do Porto 12, Lisbon")
        from core.db.uow import control_uow
        from core.identity.chain_settings import update_security
        from core.identity.grants import ensure_user

        with control_uow(Actor.system("e2e")) as uow:
            update_security(uow, apps.chain_id, mfa_required_roles=[])
            uow.commit()
        ensure_user(DESK, "Sara Site", PASSWORD, [("front_desk", apps.property_id, None)],
                    chain_id=apps.chain_id)
    return today


def _search(page, arrival, departure, adults="2"):
    page.fill("#search-arrival", arrival.isoformat())
    page.fill("#search-departure", departure.isoformat())
    page.fill("#search-adults", adults)
    page.fill("#search-promo", "")
    page.click("#search-submit")


def test_site_search_book_pay_at_hotel_confirmation_and_email(apps, site, page, mailbox):
    base = f"{apps.booking}/p/{apps.property_slug}"
    page.goto(base)
    expect(page.locator(".block-hero")).to_contain_text(f"Welcome to {apps.property_name}")
    expect(page.locator(".room-type-card")).to_contain_text(["Sea View Suite"])
    expect(page.locator("#json-ld")).to_have_count(1)

    arrival = site + timedelta(days=20)
    _search(page, arrival, arrival + timedelta(days=2))
    offer = page.locator(".room-offer", has_text="Sea View Suite")
    expect(offer).to_be_visible()
    expect(offer.locator(".plan-total")).to_have_text(re.compile(r"360"))
    offer.locator(".breakdown-toggle").click()
    expect(offer.locator(".nightly-breakdown")).to_contain_text("180")
    offer.locator(".book-button").click()

    expect(page.locator("#book-summary")).to_contain_text("Sea View Suite")
    page.fill("#guest-first_name", "Rita")
    page.fill("#guest-last_name", "Marques")
    page.fill("#guest-email", "rita.marques@example.com")
    # A double click must still make one booking.
    page.dblclick("#confirm-booking")
    reference = page.locator("#booking-reference")
    expect(reference).to_have_text(re.compile(r"^[A-Z0-9]{8}$"))
    ref = reference.inner_text()

    mail = mailbox.wait_for("rita.marques@example.com", timeout=40)
    assert ref in (mail.get_payload(decode=True) or b"").decode(errors="replace") + str(mail)

    from sqlmodel import select

    from core.actor import Actor
    from core.db.uow import property_uow
    from core.reservations.models import Reservation
    from core.reservations.queries import find_booking

    with apps.in_process(), property_uow(apps.property_id, Actor.system(), write=False) as uow:
        booking = find_booking(uow, ref)
        rows = uow.session.exec(select(Reservation).where(
            Reservation.booking_id == booking.id)).all()
        assert [(r.status, r.total, r.channel) for r in rows] == [
            ("confirmed", Decimal("360.00"), "direct")]


def _choose_sea_view(page, base, arrival, nights=2):
    page.goto(base)
    _search(page, arrival, arrival + timedelta(days=nights))
    page.locator(".room-offer", has_text="Sea View Suite").locator(".book-button").click()
    expect(page.locator("#book-summary")).to_contain_text("Sea View Suite")


def test_card_guarantee_then_visible_in_pms_then_manage_and_cancel(apps, site, page, mailbox):
    base = f"{apps.booking}/p/{apps.property_slug}"
    _choose_sea_view(page, base, site + timedelta(days=50))
    fill_guest(page, "Cardoso", "teresa.cardoso@example.com")
    page.check("#pay-by-card")
    fill_card(page, "4242424242424242")
    page.click("#confirm-booking")
    reference = page.locator("#booking-reference")
    expect(reference).to_have_text(re.compile(r"^[A-Z0-9]{8}$"), timeout=30_000)
    ref = reference.inner_text()
    mailbox.wait_for("teresa.cardoso@example.com", timeout=40)

    from sqlmodel import select

    from core.actor import Actor
    from core.db.uow import property_uow
    from core.payments.models import Payment

    with apps.in_process(), property_uow(apps.property_id, Actor.system(), write=False) as uow:
        pay = uow.session.exec(select(Payment).where(Payment.reference == ref)).one()
        assert (pay.status, pay.amount, pay.card_last4) == ("authorized", Decimal("360.00"), "4242")

    # The desk sees the booking in the PMS.
    desk = page.context.new_page()
    sign_in(desk, apps, DESK)
    desk.goto(f"{apps.pms}/reservations")
    desk.locator("#filter-query").fill(ref)
    expect(desk.locator("#reservation-list")).to_contain_text("Cardoso")
    desk.close()

    # Manage: a wrong pair is refused, the right one shows the booking; cancel shows the fee first.
    page.goto(f"{base}/manage")
    page.fill("#manage-reference", ref)
    page.fill("#manage-proof", "Smith")
    page.click("#manage-find")
    expect(page.locator("#manage-error")).to_contain_text("could not find")
    page.fill("#manage-proof", "teresa.cardoso@example.com")
    page.click("#manage-find")
    expect(page.locator("#managed-reference")).to_contain_text(ref)
    page.locator(".cancel-room").click()
    expect(page.locator("#cancel-fee-now")).to_be_visible()
    page.click("#confirm-cancel")
    expect(page.locator("#manage-message")).to_be_visible()
    expect(page.locator(".room-status")).to_have_text("cancelled")


def test_a_declined_card_is_explained_and_books_nothing(apps, site, page):
    base = f"{apps.booking}/p/{apps.property_slug}"
    _choose_sea_view(page, base, site + timedelta(days=60))
    fill_guest(page, "Declinado", "declined@example.com")
    page.check("#pay-by-card")
    fill_card(page, "4000000000000002")
    page.click("#confirm-booking")
    expect(page.locator("#book-error")).to_contain_text(re.compile("declined", re.I))
    expect(page.locator("#booking-reference")).to_have_count(0)

    from sqlmodel import select

    from core.actor import Actor
    from core.db.uow import property_uow
    from core.guests.models import Guest

    with apps.in_process(), property_uow(apps.property_id, Actor.system(), write=False) as uow:
        assert uow.session.exec(select(Guest).where(Guest.last_name == "Declinado")).first() is None


def test_bad_searches_and_details_are_explained_and_nothing_is_booked(apps, site, page):
    base = f"{apps.booking}/p/{apps.property_slug}"
    page.goto(base)
    _search(page, site - timedelta(days=3), site - timedelta(days=1))
    expect(page.locator("#search-error")).to_contain_text("past")
    _search(page, site + timedelta(days=30), site + timedelta(days=28))
    expect(page.locator("#search-error")).to_contain_text("departure")

    page.goto(f"{base}/search?arrival={(site + timedelta(days=40)).isoformat()}"
              f"&departure={(site + timedelta(days=41)).isoformat()}&adults=2&promo=NOPE")
    expect(page.locator("#search-error")).to_be_visible()

    arrival = site + timedelta(days=44)
    _search(page, arrival, arrival + timedelta(days=1))
    page.locator(".room-offer", has_text="Sea View Suite").locator(".book-button").click()
    page.fill("#guest-last_name", "Nobody")
    page.click("#confirm-booking")
    expect(page.locator("#book-error")).to_contain_text("email")
    expect(page.locator("#guest-email-error")).to_be_visible()
    expect(page.locator("#booking-reference")).to_have_count(0)


def test_language_switch_shows_portuguese_content_and_prices(apps, site, page):
    page.goto(f"{apps.booking}/p/{apps.property_slug}")
    page.select_option("#lang-switch", "pt")
    expect(page.locator(".block-hero")).to_contain_text("Bem-vindo")
    expect(page.locator("#search-submit")).to_contain_text("Ver disponibilidade")
    page.goto(f"{apps.booking}/p/{apps.property_slug}/page/rooms")
    expect(page.locator(".block-room-types")).to_contain_text("Quartos e suites")


@pytest.mark.parametrize("width", [375])
def test_the_site_fits_a_phone(apps, site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{apps.booking}/p/{apps.property_slug}")
        expect(page.locator(".block-hero")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_manage_changes_dates_with_a_new_quote(apps, site, page):
    from core.db.uow import property_uow
    from core.site.actors import public_booking_actor
    from core.site.booking import GuestDetails, StayRequest, book_stay

    with apps.in_process():
        from sqlmodel import select

        from core.properties.models import RoomType
        from core.rates.models import RatePlan

        with property_uow(apps.property_id, public_booking_actor(apps.property_id)) as uow:
            rt = uow.session.exec(select(RoomType).where(RoomType.code == "SEA")).one()
            plan = uow.session.exec(select(RatePlan).where(RatePlan.code == "WEB")).one()
            arrival = site + timedelta(days=70)
            booking = book_stay(uow, StayRequest(arrival, arrival + timedelta(days=2), 2),
                                room_type_id=rt.id, rate_plan_id=plan.id, expected_total=None,
                                guest=GuestDetails(first_name="Mia", last_name="Mudanca",
                                                   email="mia@example.com"),
                                idempotency_key="e2e-change")
            uow.commit()
    page.goto(f"{apps.booking}/p/{apps.property_slug}/manage")
    page.fill("#manage-reference", booking.reference)
    page.fill("#manage-proof", "Mudanca")
    page.click("#manage-find")
    expect(page.locator("#managed-reference")).to_contain_text(booking.reference)
    new_arrival = site + timedelta(days=75)
    page.fill("#chg-arrival", new_arrival.isoformat())
    page.fill("#chg-departure", (new_arrival + timedelta(days=3)).isoformat())
    page.click("#chg-quote")
    expect(page.locator("#chg-total")).to_contain_text("540")
    page.click("#chg-confirm")
    expect(page.locator("#manage-message")).to_contain_text("changed")
    expect(page.locator(".managed-room")).to_contain_text("540")
