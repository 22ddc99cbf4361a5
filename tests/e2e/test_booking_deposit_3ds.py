"""Booking site in Chromium through localstripe: a deposit rate charges its deposit (page, email,
refund on a free cancellation), a 3-D Secure card books after the bank's step and books nothing
when the guest fails it, and each CMS page has its own title and description."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from .booking_helpers import fill_card, fill_guest

pytestmark = pytest.mark.e2e
THREE_DS = "4000002760003184"


@pytest.fixture(scope="module")
def loft(apps):
    """A 'Harbour Loft' at 150/night sold with a 30% deposit (free cancellation until 48 hours
    before) or a card guarantee, and the hotel's CMS site with a custom page."""
    from core.actor import Actor
    from core.cms import services as cms
    from core.db.uow import property_uow
    from core.demo.site import seed_site
    from core.properties.models import get_settings_row
    from core.properties.services import create_policy, create_room, create_room_type
    from core.rates.services import create_rate_plan, set_rate_days
    from core.timeutil import local_today

    with apps.in_process():
        seed_site(apps.property_id, name=apps.property_name, address="Rua do Porto 12, Lisbon")
        with property_uow(apps.property_id, Actor.system("e2e")) as uow:
            today = local_today(get_settings_row(uow.session).timezone)
            rt = create_room_type(uow, {"code": "LFT", "name": "Harbour Loft",
                                        "description": "A loft over the quay.",
                                        "max_occupancy": 2, "max_adults": 2})
            for n in ("801", "802", "803"):  # 7xx are test_booking_site_stay.py's
                create_room(uow, {"number": n, "room_type_id": rt.id})
            deposit = create_policy(uow, {"code": "DEP30", "name": "Deposit 30%",
                                          "free_cancellation_hours": 48,
                                          "cancellation_fee_kind": "first_night",
                                          "deposit_kind": "percent",
                                          "deposit_value": Decimal("30")})
            for code, name, guarantee, policy in (("LDEP", "Deposit saver", "deposit", deposit.id),
                                                  ("LCRD", "Card guaranteed", "card", None)):
                plan = create_rate_plan(uow, {"code": code, "name": name, "room_type_id": rt.id,
                                              "adult_prices": {}, "guarantee_type": guarantee,
                                              "policy_id": policy})
                set_rate_days(uow, plan.id, {"start": today, "end": today + timedelta(days=120),
                                             "price": Decimal("150.00")})
            try:
                cms.create_page(uow, slug="spa", kind="custom", title="Spa", sort_order=9)
                cms.save_draft(uow, "spa", "en", {"title": "Spa and wellness",
                                                  "description": "Sauna and massages by the sea.",
                                                  "blocks": []})
                cms.save_draft(uow, "spa", "pt", {"title": "Spa e bem-estar",
                                                  "description": "Sauna e massagens junto ao mar.",
                                                  "blocks": []})
                cms.publish(uow, "spa", note="e2e")
            except Exception as exc:  # the page exists when the module is re-run on this hotel
                if "exists" not in str(exc).lower():
                    raise
            uow.commit()
    return today


def _choose(page, apps, arrival, plan):
    page.goto(f"{apps.booking}/p/{apps.property_slug}")
    page.fill("#search-arrival", arrival.isoformat())
    page.fill("#search-departure", (arrival + timedelta(days=2)).isoformat())
    page.fill("#search-adults", "2")
    page.click("#search-submit")
    offer = page.locator(".room-offer", has_text="Harbour Loft")
    offer.locator(".rate-plan", has_text=plan).locator(".book-button").click()
    expect(page.locator("#book-summary")).to_contain_text(plan)


def _bank_says(page, answer):
    """localstripe's Stripe.js shows the bank's 3-D Secure step as a small dialog."""
    page.get_by_role("button", name=answer).click(timeout=20_000)


def _text(message) -> str:
    return "".join(part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
                   for part in message.walk() if part.get_content_type() == "text/plain")


def _payment(apps, reference):
    from sqlmodel import select

    from core.actor import Actor
    from core.db.uow import property_uow
    from core.payments.models import Payment

    with apps.in_process(), property_uow(apps.property_id, Actor.system(), write=False) as uow:
        rows = uow.session.exec(select(Payment).where(Payment.reference == reference)).all()
        return [(p.purpose, p.status, p.amount, p.amount_captured, p.amount_refunded)
                for p in rows]


def test_a_deposit_rate_charges_the_deposit_and_a_free_cancellation_refunds_it(
        apps, loft, page, mailbox):
    _choose(page, apps, loft + timedelta(days=20), "Deposit saver")
    expect(page.locator("#book-deposit")).to_have_text(re.compile(r"90[.,]00"))  # 30% of 300
    expect(page.locator("#book-due")).to_have_text(re.compile(r"210[.,]00"))
    expect(page.locator("#pay-at-hotel")).to_have_count(0)  # a deposit rate needs the card
    fill_guest(page, "Deposito", "rita.deposito@example.com")
    expect(page.locator("#card-element input[placeholder=number]")).to_be_visible()
    fill_card(page, "4242424242424242")
    page.click("#confirm-booking")
    expect(page.locator("#booking-reference")).to_have_text(re.compile(r"^[A-Z0-9]{8}$"),
                                                            timeout=30_000)
    ref = page.locator("#booking-reference").inner_text()
    expect(page.locator("#confirmed-charged")).to_contain_text("90")
    expect(page.locator("#confirmed-due")).to_contain_text("210")
    body = _text(mailbox.wait_for("rita.deposito@example.com", timeout=40))
    assert "Charged now (deposit): €90.00" in body and "Due at the hotel: €210.00" in body, body
    assert _payment(apps, ref) == [("deposit", "captured", Decimal("90.00"), Decimal("90.00"),
                                    Decimal("0.00"))]

    page.goto(f"{apps.booking}/p/{apps.property_slug}/manage")
    page.fill("#manage-reference", ref)
    page.fill("#manage-proof", "Deposito")
    page.click("#manage-find")
    expect(page.locator("#managed-reference")).to_contain_text(ref)
    page.locator(".cancel-room").click()
    page.click("#confirm-cancel")
    expect(page.locator("#manage-message")).to_contain_text(re.compile(r"Refunded.*90[.,]00"))
    assert _payment(apps, ref) == [("deposit", "captured", Decimal("90.00"), Decimal("90.00"),
                                    Decimal("90.00"))]


def test_a_3ds_card_books_after_the_bank_confirms(apps, loft, page):
    _choose(page, apps, loft + timedelta(days=30), "Card guaranteed")
    fill_guest(page, "Tresde", "rita.tresde@example.com")
    fill_card(page, THREE_DS)
    page.click("#confirm-booking")
    _bank_says(page, "Complete authentication")  # saving the card (SetupIntent)
    _bank_says(page, "Complete authentication")  # the hold on the stay (PaymentIntent)
    expect(page.locator("#booking-reference")).to_have_text(re.compile(r"^[A-Z0-9]{8}$"),
                                                            timeout=30_000)
    ref = page.locator("#booking-reference").inner_text()
    expect(page.locator("#confirmed-held")).to_contain_text("300")
    assert _payment(apps, ref) == [("guarantee", "authorized", Decimal("300.00"),
                                    Decimal("0.00"), Decimal("0.00"))]


def test_a_failed_3ds_check_is_explained_and_books_nothing(apps, loft, page):
    from sqlmodel import select

    from core.actor import Actor
    from core.db.uow import property_uow
    from core.guests.models import Guest

    _choose(page, apps, loft + timedelta(days=40), "Card guaranteed")
    fill_guest(page, "Falhado", "rita.falhado@example.com")
    fill_card(page, THREE_DS)
    page.click("#confirm-booking")
    _bank_says(page, "Complete authentication")
    _bank_says(page, "Fail authentication")
    expect(page.locator("#book-error")).to_contain_text("nothing was booked or charged")
    expect(page.locator("#booking-reference")).to_have_count(0)
    with apps.in_process(), property_uow(apps.property_id, Actor.system(), write=False) as uow:
        assert uow.session.exec(select(Guest).where(Guest.last_name == "Falhado")).first() is None
    # The guest tries again with another card on the same page and books once.
    fill_card(page, "4242424242424242")
    page.click("#confirm-booking")
    expect(page.locator("#booking-reference")).to_have_text(re.compile(r"^[A-Z0-9]{8}$"),
                                                            timeout=30_000)


def test_each_cms_page_has_its_own_title_and_description(apps, loft, page):
    from core.actor import Actor
    from core.cms.services import published_page
    from core.db.uow import property_uow

    base = f"{apps.booking}/p/{apps.property_slug}"
    seen = {}
    for lang in ("en", "pt"):
        for slug in ("home", "rooms", "offers", "location", "policies", "spa"):
            with apps.in_process(), property_uow(apps.property_id, Actor.system(),
                                                 write=False) as uow:
                cms_page = published_page(uow, slug, lang)
            url = base if slug == "home" else f"{base}/page/{slug}"
            page.goto(f"{url}?lang={lang}")
            expect(page.locator("#page-blocks")).to_be_attached()
            expect(page).to_have_title(re.compile("^" + re.escape(cms_page.title)))
            expect(page.locator('meta[name="description"]')).to_have_attribute(
                "content", cms_page.description)
            seen[(lang, slug)] = page.title()
    for lang in ("en", "pt"):  # every page of a language has its own title
        titles = [t for (lg, _), t in seen.items() if lg == lang]
        assert len(set(titles)) == len(titles), seen
    assert seen[("en", "spa")] == f"Spa and wellness · {apps.property_name}"
    assert seen[("pt", "spa")] == f"Spa e bem-estar · {apps.property_name}"
