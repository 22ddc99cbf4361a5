"""Front desk in Chromium: walk-in and check-in, check-out, tape-chart move, a role that may not
cancel, and live updates between two signed-in browsers (the embedded default: SQLite, outbox)."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from .desk_helpers import book_stay, desk_actor, make_desk, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def desk(apps):
    return make_desk(apps)


def test_walk_in_booking_then_check_in(apps, desk, page):
    sign_in(page, apps, desk.desk_email)
    page.goto(f"{apps.pms}/reservations/new?walk_in=1")

    page.locator("#booking-search").click()
    # Other e2e modules add room types to the same hotel: choose this test's by name.
    page.locator("tr", has_text="Harbour Double").get_by_role("button", name="Choose").click()
    page.locator("#booking-last_name").fill("Walker")
    page.locator("#booking-confirm").click()
    expect(page.locator("#booking-phone-error, #page-error").first).to_be_visible()
    page.locator("#booking-phone").fill("+351 912 345 678")
    page.locator("#booking-confirm").click()

    expect(page).to_have_url(re.compile(r"/reservations/[0-9a-f-]{36}/?$"))
    expect(page.locator("#guest-name")).to_have_text("Walker")
    page.locator("#check-in").click()
    expect(page.locator("#reservation-notice")).to_have_text("Checked in.")
    expect(page.locator("#reservation-status")).to_contain_text("In house")
    expect(page.locator("#room-number")).to_contain_text(re.compile(r"20[1-4]"))


def test_check_out_refuses_an_open_balance_then_closes_when_paid(apps, desk, page):
    from core.db.uow import property_uow
    from core.folio.services import post_to_reservation

    rid = book_stay(apps, desk, "Leaver", room="203", check_in=True)
    with apps.in_process(), property_uow(apps.property_id, desk_actor()) as uow:
        post_to_reservation(uow, uuid.UUID(rid), charge_type="minibar", amount="12.50",
                            description="Minibar")
        uow.commit()
    sign_in(page, apps, desk.desk_email)
    page.goto(f"{apps.pms}/reservations/{rid}")
    expect(page.locator("#balance")).to_contain_text("12.50")

    page.locator("#check-out").click()
    expect(page.locator("#page-error")).to_contain_text("open balance")
    expect(page.locator("#reservation-status")).to_contain_text("In house")

    page.locator("#pay-amount").fill("12.50")
    page.locator("#take-payment").click()
    expect(page.locator("#reservation-notice")).to_have_text("Payment recorded.")
    expect(page.locator("#balance")).to_contain_text("0.00")
    page.locator("#check-out").click()
    expect(page.locator("#reservation-notice")).to_contain_text("Checked out")
    expect(page.locator("#reservation-status")).to_contain_text("Checked out")


def test_tape_chart_moves_a_stay_to_another_room(apps, desk, page):
    rid = book_stay(apps, desk, "Rackmove", arrival_offset=3, nights=2, room="201")
    sign_in(page, apps, desk.desk_email)
    page.goto(f"{apps.pms}/tape-chart")

    expect(page.locator("#lane-201 #bar-" + rid)).to_be_visible()
    page.locator("#bar-" + rid).click()
    expect(page.locator("#moving")).to_contain_text("Ana Rackmove")
    page.locator("#lane-204").click(position={"x": 5, "y": 5})

    expect(page.locator("#chart-notice")).to_contain_text("now in room 204")
    expect(page.locator("#lane-204 #bar-" + rid)).to_be_visible()
    expect(page.locator("#lane-201 #bar-" + rid)).to_have_count(0)


def test_a_concierge_does_not_see_cancel(apps, desk, page):
    rid = book_stay(apps, desk, "Keeper", arrival_offset=5)
    sign_in(page, apps, desk.concierge_email)
    page.goto(f"{apps.pms}/reservations/{rid}")

    expect(page.locator("#guest-name")).to_have_text("Ana Keeper")
    expect(page.locator("#cancel")).to_have_count(0)
    expect(page.locator("#no-show")).to_have_count(0)
    expect(page.locator("#nav--reservations-new")).to_have_count(0)


def test_a_change_in_one_browser_appears_in_the_other_without_reload(apps, desk, browser):
    contexts = [browser.new_context(), browser.new_context()]
    try:
        first, second = (c.new_page() for c in contexts)
        for p in (first, second):
            p.set_default_timeout(20_000)
            sign_in(p, apps, desk.desk_email)
        # Made outside both browsers (as the API or booking site would): both lists gain it.
        rid = book_stay(apps, desk, "Liveupdate")
        for p in (first, second):
            expect(p.locator("#row-" + rid)).to_be_visible(timeout=5_000)

        first.locator("#check-in-" + rid).click()

        # The second agent's arrivals row turns "In house" and the count drops, no reload.
        expect(second.locator("#row-" + rid)).to_contain_text("In house", timeout=5_000)
        expect(second.locator("#check-in-" + rid)).to_have_count(0)

        # Presence: both open the reservation and each sees the other.
        for p in (first, second):
            p.goto(f"{apps.pms}/reservations/{rid}")
        expect(second.locator("#other-viewers")).to_contain_text("Dora Desk", timeout=8_000)
    finally:
        for c in contexts:
            c.close()
