"""Housekeeping and maintenance in Chromium: the cycle check-out → dirty → cleaning → clean →
inspected seen live by a second browser (the attendant's on a 375 px phone screen), and a work
order reported with a photo that maintenance sees, served only through the checked route."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from .desk_helpers import ANY_PAGE, PASSWORD, sign_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 812}
LIVE = 5_000  # ms: "within a second" plus headroom for a shared 2-core machine


@dataclass
class HkSetup:
    supervisor: str
    attendant: str
    technician: str
    room_type_id: uuid.UUID
    plan_id: uuid.UUID
    rooms: dict[str, uuid.UUID]
    today: object


@pytest.fixture(scope="module")
def hk(apps) -> HkSetup:
    from core.actor import Actor
    from core.db.uow import control_uow, property_uow
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user
    from core.properties.models import get_settings_row
    from core.properties.services import create_room, create_room_type
    from core.rates.services import create_rate_plan, set_rate_days
    from core.timeutil import local_today

    logins = {"supervisor": ("hk-sup@harbour.example", "Sara Supervisor",
                             "housekeeping_supervisor"),
              "attendant": ("hk-att@harbour.example", "Hana Housekeeper", "housekeeper"),
              "technician": ("hk-tech@harbour.example", "Mo Maintenance", "maintenance")}
    with apps.in_process():
        with control_uow(Actor.system("e2e")) as uow:
            update_security(uow, apps.chain_id, mfa_required_roles=[])
            uow.commit()
        for email, name, role in logins.values():
            ensure_user(email, name, PASSWORD, [(role, apps.property_id, None)],
                        chain_id=apps.chain_id)
        with property_uow(apps.property_id, Actor.system("e2e")) as uow:
            today = local_today(get_settings_row(uow.session).timezone)
            rt = create_room_type(uow, {"code": "HKT", "name": "Garden Twin",
                                        "max_occupancy": 2, "max_adults": 2})
            rooms = {n: create_room(uow, {"number": n, "room_type_id": rt.id, "floor": "3"}).id
                     for n in ("301", "302")}
            plan = create_rate_plan(uow, {"code": "HKBAR", "name": "Garden rate",
                                          "room_type_id": rt.id, "adult_prices": {}})
            set_rate_days(uow, plan.id, {"start": today, "end": today + timedelta(days=30),
                                         "price": Decimal("90.00")})
            uow.commit()
    return HkSetup(*(v[0] for v in logins.values()), rt.id, plan.id, rooms, today)


def _in_house(apps, hk, room: str) -> str:
    """A guest checked in to `room` today, made in this process as the desk would."""
    from core.actor import Actor
    from core.db.uow import property_uow
    from core.reservations.lifecycle import check_in
    from core.reservations.schemas import BookingCreate, RoomRequest
    from core.reservations.services import create_booking

    with apps.in_process(), property_uow(apps.property_id, Actor.system("e2e")) as uow:
        booking = create_booking(uow, BookingCreate(
            arrival=hk.today, departure=hk.today + timedelta(days=1),
            guest={"first_name": "Rui", "last_name": "Costa", "phone": "+351 900 000 001"},
            rooms=[RoomRequest(room_type_id=hk.room_type_id, rate_plan_id=hk.plan_id)]))
        rid = booking.reservations[0].id
        check_in(uow, rid, room_id=hk.rooms[room], room_ready=lambda _r: True)
        uow.commit()
    return str(rid)


def _check_out(apps, rid: str) -> None:
    import core.housekeeping  # noqa: F401  (the hook the running apps also have)
    from core.actor import Actor
    from core.db.uow import property_uow
    from core.reservations.lifecycle import check_out

    with apps.in_process(), property_uow(apps.property_id, Actor.system("e2e")) as uow:
        check_out(uow, uuid.UUID(rid))
        uow.commit()


def _too_wide(page) -> list[str]:
    """Elements sticking out past the right edge of the screen (nothing may, at 375 px)."""
    return page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5).map(e => `${e.tagName}#${e.id}.${e.className}`)""")


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 90, 200)).save(out, "PNG")
    return out.getvalue()


def test_the_housekeeping_cycle_is_seen_live_by_a_second_browser(apps, hk, browser):
    rid = _in_house(apps, hk, "301")
    board_ctx, phone_ctx = browser.new_context(), browser.new_context(viewport=PHONE)
    try:
        board, phone = board_ctx.new_page(), phone_ctx.new_page()
        for p, email in ((board, hk.supervisor), (phone, hk.attendant)):
            p.set_default_timeout(20_000)
            sign_in(p, apps, email, lands=ANY_PAGE)
        board.goto(f"{apps.pms}/housekeeping")
        card = board.locator("#room-301")
        expect(card.locator(".room-status")).to_have_text("Occupied clean")

        _check_out(apps, rid)  # the desk checks the guest out: the board turns dirty by itself
        expect(card.locator(".room-status")).to_have_text("Vacant dirty", timeout=LIVE)

        board.locator("#select-301").click()
        board.locator("#hk-attendant").click()
        board.get_by_role("option", name="Hana Housekeeper").click()
        board.locator("#hk-assign").click()
        expect(board.locator("#hk-notice")).to_contain_text("assigned to Hana Housekeeper")

        phone.goto(f"{apps.pms}/housekeeping/my-rooms")
        mine = phone.locator("#my-room-301")
        expect(mine).to_contain_text("Departure clean · To clean")
        phone.locator("#start-301").click()
        expect(card.locator(".room-task")).to_contain_text("Cleaning", timeout=LIVE)
        phone.locator("#finish-301").click()
        expect(card.locator(".room-status")).to_have_text("Vacant clean", timeout=LIVE)
        assert _too_wide(phone) == []

        board.goto(f"{apps.pms}/housekeeping/inspections")
        board.locator("#pass-301").click()
        expect(board.locator("#inspect-notice")).to_contain_text("ready for arrivals")
        expect(mine).to_contain_text("Inspected", timeout=LIVE)
        expect(mine.locator(".room-status")).to_have_text("Vacant inspected")
    finally:
        board_ctx.close()
        phone_ctx.close()


def test_a_work_order_with_a_photo_reaches_maintenance(apps, hk, browser, tmp_path):
    phone_ctx, desk_ctx = browser.new_context(viewport=PHONE), browser.new_context()
    try:
        phone, tech = phone_ctx.new_page(), desk_ctx.new_page()
        for p, email in ((phone, hk.attendant), (tech, hk.technician)):
            p.set_default_timeout(20_000)
            sign_in(p, apps, email, lands=ANY_PAGE)
        tech.goto(f"{apps.pms}/maintenance")

        with apps.in_process():
            from core.actor import Actor
            from core.db.uow import property_uow
            from core.housekeeping.schemas import AssignRooms
            from core.housekeeping.services import assign_rooms
            from core.housekeeping.staff import attendants

            with property_uow(apps.property_id, Actor.system("e2e")) as uow:
                [(uid, name)] = [a for a in attendants(Actor.system(), apps.property_id)
                                 if a[1] == "Hana Housekeeper"]
                assign_rooms(uow, AssignRooms(room_ids=[hk.rooms["302"]], attendant_id=uid,
                                              attendant_name=name, kind="stay_over"))
                uow.commit()
        phone.goto(f"{apps.pms}/housekeeping/my-rooms")
        phone.locator("#report-302").click()
        phone.locator("#wo-submit").click()
        expect(phone.locator("#error-description")).to_have_text("is required")

        phone.locator("#wo-description").fill("Shower head broken")
        photo = tmp_path / "shower.png"
        photo.write_bytes(_png())
        phone.locator("#issue-photos input[type=file]").set_input_files(str(photo))
        expect(phone.locator(".selected-photo")).to_have_text("shower.png")
        assert _too_wide(phone) == []
        phone.locator("#wo-submit").click()
        expect(phone.locator("#attendant-notice")).to_have_text(
            "Work order reported with 1 photo(s).")

        order = tech.locator(".wo-card", has_text="Shower head broken")
        expect(order).to_contain_text("Room 302", timeout=LIVE)
        thumb = order.locator("img.wo-thumb")
        expect(thumb).to_have_count(1)
        thumb.scroll_into_view_if_needed()
        tech.wait_for_function("img => img.complete && img.naturalWidth > 0",
                               arg=thumb.element_handle())
        src = thumb.get_attribute("src")
        assert "/media/" in src and src.endswith("?thumbnail=true")
        # The photo is private: the same URL without a session is refused.
        anonymous = browser.new_context()
        try:
            assert anonymous.request.get(f"{apps.pms}{src}").status == 401
        finally:
            anonymous.close()

        order.get_by_role("button", name="Start").click()
        expect(order.locator(".wo-status")).to_have_text("In progress")
    finally:
        phone_ctx.close()
        desk_ctx.close()
