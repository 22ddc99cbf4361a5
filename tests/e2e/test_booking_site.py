"""Booking site in Chromium: the hotel's CMS site, search → results → book (pay at hotel) →
confirmation and email, refusals shown on the page, and the language switch."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


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
    return today


def _search(page, arrival, departure, adults="2"):
    page.fill("#search-arrival", arrival.isoformat())
    page.fill("#search-departure", departure.isoformat())
    page.fill("#search-adults", adults)
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
