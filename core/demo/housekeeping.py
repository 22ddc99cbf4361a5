"""Demo housekeeping and maintenance: today's board with every status, tasks and work orders."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

import core.housekeeping  # noqa: F401  (check-outs during the demo make rooms dirty)
from core.actor import Actor
from core.db.uow import control_uow, property_uow
from core.demo.catalog import HotelSpec
from core.demo.staff import DOMAIN
from core.errors import DomainError
from core.housekeeping import services as hk
from core.housekeeping.board import room_board
from core.housekeeping.schemas import AssignRooms
from core.identity.models import User
from core.inventory.rooms import mark_out_of_order
from core.maintenance import services as wo
from core.maintenance.schemas import WorkOrderCreate
from core.timeutil import travel_to

SEED_ACTOR = Actor.system("demo-seed")

WORK_ORDERS = [
    ("plumbing", "high", "Shower drains slowly; guest complained twice."),
    ("hvac", "urgent", "Air conditioning blows warm air."),
    ("electrical", "normal", "Bedside lamp flickers."),
    ("furniture", "low", "Wardrobe door hinge loose."),
    ("it_tv", "normal", "TV remote missing, TV shows no signal on HDMI 1."),
]


def _photo() -> bytes:
    """A stand-in for a phone photo of the faulty unit (drawn, so the demo ships no binaries)."""
    import io

    from PIL import Image, ImageDraw

    img = Image.new("RGB", (800, 600), (225, 228, 232))
    draw = ImageDraw.Draw(img)
    draw.rectangle((150, 150, 650, 330), fill=(250, 250, 250), outline=(120, 120, 130), width=6)
    for y in range(270, 320, 12):
        draw.line((190, y, 610, y), fill=(150, 150, 160), width=4)
    draw.ellipse((580, 175, 615, 210), fill=(220, 60, 50))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def _user(email: str) -> tuple | None:
    with control_uow(SEED_ACTOR) as uow:
        user = uow.session.exec(select(User).where(User.email == email)).first()
        return (user.id, user.name) if user else None


def seed_housekeeping(hotel: HotelSpec, today: date, rng: random.Random) -> dict[str, int]:
    """Give today's rooms a realistic mix of conditions, assign cleaning, open work orders."""
    moment = datetime.combine(today, time(10, 15), ZoneInfo(hotel.timezone))
    attendant = _user(f"housekeeper.{hotel.key}@{DOMAIN}")
    tech = _user(f"maintenance.{hotel.key}@{DOMAIN}")
    counts = {"dirty": 0, "assigned": 0, "work_orders": 0, "out_of_order": 0}
    with travel_to(moment), property_uow(hotel.id, SEED_ACTOR) as uow:
        board = room_board(uow)
        vacant = [r for r in board if not r.occupied and not r.out_of_order]
        for row in board:
            if row.departure_today or row.condition == "dirty":
                condition = "dirty"  # checked out today (the check-out hook) or due out
            elif row.occupied:
                condition = rng.choice(["dirty", "dirty", "clean"])  # stay-overs not done yet
            else:
                condition = rng.choices(["inspected", "clean", "dirty"], [6, 2, 1])[0]
            if condition != row.condition:
                hk.set_condition(uow, row.room_id, condition)
            counts["dirty"] += condition == "dirty"
        to_clean = [r.room_id for r in board if r.departure_today or r.occupied][:14]
        if attendant and to_clean:
            tasks = hk.assign_rooms(uow, AssignRooms(
                room_ids=to_clean, attendant_id=attendant[0], attendant_name=attendant[1]))
            counts["assigned"] = len(tasks)
            # The morning is under way: two rooms wait for inspection, one is being cleaned.
            for task in tasks[:3]:
                hk.start_cleaning(uow, task.id)
            for task in tasks[:2]:
                hk.finish_cleaning(uow, task.id)
        if len(vacant) > 3:
            hk.set_out_of_service(uow, vacant[-1].room_id, True,
                                  reason="Carpet stain being treated")
        uow.commit()

    with travel_to(moment), property_uow(hotel.id, SEED_ACTOR) as uow:
        for row in reversed(vacant[:-1]):  # the first vacant room no stay blocks goes OOO
            try:
                with uow.session.begin_nested():
                    mark_out_of_order(uow, row.room_id, today, today + timedelta(days=4),
                                     "Bathroom re-tiling")
                counts["out_of_order"] = 1
                break
            except DomainError:
                continue
        rooms = [r.room_id for r in board]
        for i, (category, priority, text) in enumerate(WORK_ORDERS):
            assignee = tech if tech and i < 2 else (None, None)
            order = wo.create_work_order(uow, WorkOrderCreate(
                room_id=rng.choice(rooms), category=category, priority=priority,
                description=text, source="housekeeping" if i % 2 else "desk",
                due_date=today + timedelta(days=i % 3), assignee_id=assignee[0],
                assignee_name=assignee[1]))
            if i == 1:
                wo.change_status(uow, order.id, "in_progress")
                wo.add_photo(uow, order.id, _photo(), filename="ac-unit.jpg")
            counts["work_orders"] += 1
        wo.create_work_order(uow, WorkOrderCreate(
            area="Lobby", category="electrical", priority="normal",
            description="Two ceiling spots out above the reception desk."))
        uow.commit()
    return counts


__all__ = ["seed_housekeeping"]
