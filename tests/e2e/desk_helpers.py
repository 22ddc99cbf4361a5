"""Front-desk e2e helpers: a hotel's rooms, rate and staff logins made through core, and sign-in."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from playwright.sync_api import expect

PASSWORD = "harbour-lights-2026"
ANY_PAGE = r"^(?!.*/login)"  # a sign-in landing anywhere but back on the sign-in page


def desk_actor():
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


_desks: dict = {}


def make_desk(apps) -> DeskSetup:
    """Rooms, a rate and two staff logins at the e2e hotel, made through the core services.

    Several modules share the session's hotel, so the desk is made once and then reused.
    """
    if apps.property_id not in _desks:
        _desks[apps.property_id] = _make_desk(apps)
    else:
        _relax_mfa(apps)  # another module may have restored the chain's MFA default
    return _desks[apps.property_id]


def _relax_mfa(apps) -> None:
    from core.actor import Actor
    from core.db.uow import control_uow
    from core.identity.chain_settings import update_security

    with apps.in_process(), control_uow(Actor.system("e2e")) as uow:
        update_security(uow, apps.chain_id, mfa_required_roles=[])
        uow.commit()


def _make_desk(apps) -> DeskSetup:
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


def book_stay(apps, desk, last_name: str, arrival_offset: int = 0, nights: int = 1,
          room: str | None = None, check_in: bool = False) -> str:
    from core.db.uow import property_uow
    from core.frontdesk.actions import check_in_guest
    from core.reservations.assignment import assign_room
    from core.reservations.schemas import BookingCreate, RoomRequest
    from core.reservations.services import create_booking

    arrival = desk.today + timedelta(days=arrival_offset)
    with apps.in_process(), property_uow(apps.property_id, desk_actor()) as uow:
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


def open_sign_in(page, apps, slug: str | None = None, property_id=None) -> None:
    """Open the PMS sign-in page of the hotel `slug` (default: the e2e hotel) and wait until the
    page has chosen it. The form posts the property its page load set from ?property=; submitted
    before that (a busy machine hydrates late) the server answers "Choose the hotel to sign in
    to". The hidden #login-property holds the id only once that load event has run (any id when
    the caller does not know the hotel's)."""
    page.goto(f"{apps.pms}/login?property={slug or apps.property_slug}")
    chosen = property_id or (apps.property_id if slug is None else None)
    expect(page.locator("#login-property")).to_have_value(
        str(chosen) if chosen else re.compile(r".+"))


def sign_in(page, apps, email: str, *, hotel=None, password: str = PASSWORD,
            lands: str = r"/today/?$") -> None:
    """Sign in to the PMS of `hotel` (a provisioned property; default: the e2e hotel) and wait
    for the page the role lands on (`lands`, a URL pattern) showing that hotel's name."""
    slug, pid, name = ((hotel.slug, hotel.id, hotel.name) if hotel is not None
                       else (apps.property_slug, apps.property_id, apps.property_name))
    open_sign_in(page, apps, slug, pid)
    page.locator("#login-email").fill(email)
    page.locator("#login-password").fill(password)
    page.locator("#login-submit").click()
    expect(page).to_have_url(re.compile(lands))
    expect(page.locator("#property-name")).to_have_text(name)
