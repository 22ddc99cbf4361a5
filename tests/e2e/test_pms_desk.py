"""Front desk in Chromium: walk-in and check-in, check-out, tape-chart move, a role that may not
cancel, and live updates between two signed-in browsers (the embedded default: SQLite, outbox)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PASSWORD = "harbour-lights-2026"


def _desk_actor():
    from core.actor import Actor
    from core.identity.permissions import ROLE_PERMISSIONS

    return Actor(kind="staff", name="E2E Desk", permissions=ROLE_PERMISSIONS["front_desk"])


@dataclass
class DeskSetup:
    desk_email: str
    concierge_email: str
    room_type_id: uuid.UUID
    plan_id: uuid.UUID
    rooms: dict[str, uuid.UUID]
    today: object


@pytest.fixture(scope="module")
def desk(apps) -> DeskSetup:
    """Rooms, a rate and two staff logins at the e2e hotel, made through the core services."""
    from core.actor import Actor
    from core.db.uow import control_uow, property_uow
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user
    from core.properties.models import get_settings_row
    from core.properties.services import create_room, create_room_type
    from core.rates.services import create_rate_plan, set_rate_days
    from core.timeutil import local_today

    with apps.in_process():
        with control_uow(Actor.system("e2e")) as uow:
            update_security(uow, apps.chain_id, mfa_required_roles=[])
            uow.commit()
        desk_email, concierge_email = "desk@harbour.example", "concierge@harbour.example"
        ensure_user(desk_email, "Dora Desk", PASSWORD, [("front_desk", apps.property_id, None)],
                    chain_id=apps.chain_id)
        ensure_user(concierge_email, "Connie Concierge", PASSWORD,
                    [("guest_services", apps.property_id, None)], chain_id=apps.chain_id)
        with property_uow(apps.property_id, Actor.system("e2e")) as uow:
            today = local_today(get_settings_row(uow.session).timezone)
            rt = create_room_type(uow, {"code": "DBL", "name": "Harbour Double",
                                        "max_occupancy": 3, "max_adults": 3})
            rooms = {n: create_room(uow, {"number": n, "room_type_id": rt.id}).id
                     for n in ("201", "202", "203", "204")}
            plan = create_rate_plan(uow, {"code": "BAR", "name": "Best available",
                                          "room_type_id": rt.id, "adult_prices": {}})
            set_rate_days(uow, plan.id, {"start": today, "end": today + timedelta(days=90),
                                         "price": Decimal("140.00")})
            uow.commit()
    return DeskSetup(desk_email, concierge_email, rt.id, plan.id, rooms, today)


def _book(apps, desk, last_name: str, arrival_offset: int = 0, nights: int = 1,
          room: str | None = None, check_in: bool = False) -> str:
    from core.db.uow import property_uow
    from core.frontdesk.actions import check_in_guest
    from core.reservations.assignment import assign_room
    from core.reservations.schemas import BookingCreate, RoomRequest
    from core.reservations.services import create_booking

    arrival = desk.today + timedelta(days=arrival_offset)
    with apps.in_process(), property_uow(apps.property_id, _desk_actor()) as uow:
        booking = create_booking(uow, BookingCreate(
            arrival=arrival, departure=arrival + timedelta(days=nights),
            guest={"first_name": "Ana", "last_name": last_name, "phone": "+351 900 000 000"},
            rooms=[RoomRequest(room_type_id=desk.room_type_id, rate_plan_id=desk.plan_id)]))
        rid = booking.reservations[0].id
        if room:
            assign_room(uow, rid, desk.rooms[room])
        if check_in:
            check_in_guest(uow, rid)
        uow.commit()
    return str(rid)


def sign_in(page, apps, email: str) -> None:
    page.goto(f"{apps.pms}/login?property={apps.property_slug}")
    page.locator("#login-email").fill(email)
    page.locator("#login-password").fill(PASSWORD)
    page.locator("#login-submit").click()
    expect(page).to_have_url(re.compile(r"/today/?$"))
    expect(page.locator("#property-name")).to_have_text(apps.property_name)


def test_walk_in_booking_then_check_in(apps, desk, page):
    sign_in(page, apps, desk.desk_email)
    page.goto(f"{apps.pms}/reservations/new?walk_in=1")

    page.locator("#booking-search").click()
    page.locator("#choose-offer-0").click()
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

    rid = _book(apps, desk, "Leaver", room="203", check_in=True)
    with apps.in_process(), property_uow(apps.property_id, _desk_actor()) as uow:
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
    rid = _book(apps, desk, "Rackmove", arrival_offset=3, nights=2, room="201")
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
    rid = _book(apps, desk, "Keeper", arrival_offset=5)
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
        rid = _book(apps, desk, "Liveupdate")
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
