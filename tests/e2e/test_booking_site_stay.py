"""My stay in Chromium: online check-in with an ID photo, then a request that the desk's
Guest requests screen (already open) shows without a reload."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from .desk_helpers import PASSWORD, sign_in

pytestmark = pytest.mark.e2e

DESK = "stay-desk@harbour.example"


@pytest.fixture(scope="module")
def booking(apps):
    from core.actor import Actor
    from core.db.uow import control_uow, property_uow
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user
    from core.properties.models import get_settings_row
    from core.properties.services import create_room, create_room_type
    from core.rates.services import create_rate_plan, set_rate_days
    from core.site.actors import public_booking_actor
    from core.site.booking import GuestDetails, StayRequest, book_stay
    from core.timeutil import local_today

    with apps.in_process():
        with property_uow(apps.property_id, Actor.system("e2e")) as uow:
            today = local_today(get_settings_row(uow.session).timezone)
            rt = create_room_type(uow, {"code": "GDN", "name": "Garden Room",
                                        "max_occupancy": 2, "max_adults": 2})
            create_room(uow, {"number": "701", "room_type_id": rt.id})
            plan = create_rate_plan(uow, {"code": "GDNBAR", "name": "Garden rate",
                                          "room_type_id": rt.id, "adult_prices": {}})
            set_rate_days(uow, plan.id, {"start": today, "end": today + timedelta(days=30),
                                         "price": Decimal("90.00")})
            uow.commit()
        with property_uow(apps.property_id, public_booking_actor(apps.property_id)) as uow:
            out = book_stay(uow, StayRequest(today + timedelta(days=1), today + timedelta(days=3),
                                             2), room_type_id=rt.id, rate_plan_id=plan.id,
                            expected_total=None, idempotency_key="e2e-my-stay",
                            guest=GuestDetails(first_name="Nuno", last_name="Estadia",
                                               email="nuno@example.com"))
            uow.commit()
        with control_uow(Actor.system("e2e")) as uow:
            update_security(uow, apps.chain_id, mfa_required_roles=[])
            uow.commit()
        ensure_user(DESK, "Duarte Desk", PASSWORD, [("front_desk", apps.property_id, None)],
                    chain_id=apps.chain_id)
    return out.reference


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(out, "JPEG")
    return out.getvalue()


def test_online_check_in_and_a_request_seen_live_at_the_desk(apps, booking, page, browser):
    desk = browser.new_context().new_page()
    sign_in(desk, apps, DESK)
    desk.goto(f"{apps.pms}/guest-requests")
    expect(desk.locator("#pms-guest-requests")).to_be_visible()

    page.goto(f"{apps.booking}/p/{apps.property_slug}/my-stay")
    page.fill("#stay-reference", booking)
    page.fill("#stay-proof", "estadia")
    page.click("#stay-find")
    expect(page.locator("#check-in-form")).to_be_visible()
    page.click("#ci-submit")  # nothing filled in: every missing field is named
    expect(page.locator("#stay-error")).to_contain_text("address")
    page.fill("#ci-address", "Rua das Flores 8, Porto")
    page.fill("#ci-nationality", "PT")
    page.fill("#ci-arrival_time", "17:30")
    page.check("#ci-consent")
    page.locator("#id-document input[type=file]").set_input_files(
        {"name": "passport.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()})
    page.click("#ci-submit")
    expect(page.locator("#stay-message")).to_contain_text("checked in online")
    expect(page.locator("#check-in-form")).to_have_count(0)

    page.select_option("#req-category", "housekeeping")
    page.fill("#req-text", "Two extra pillows, please")
    page.click("#req-send")
    expect(page.locator("#stay-message")).to_contain_text("front desk")
    expect(page.locator(".my-request")).to_contain_text("Two extra pillows")
    expect(desk.locator(".guest-request")).to_contain_text(["Two extra pillows, please"])
    desk.context.close()
