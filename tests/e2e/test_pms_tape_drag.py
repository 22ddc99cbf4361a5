"""Tape chart drag and drop in Chromium: a bar dragged to another room moves there live; a drop
on an occupied room or a room of another type shows the refusal and leaves the stay in place; an
unassigned reservation dragged onto a room gets that room."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .desk_helpers import book_stay, desk_actor, make_desk, sign_in

pytestmark = pytest.mark.e2e

SUITE_ROOM = "D901"


@pytest.fixture(scope="module")
def desk(apps):
    desk = make_desk(apps)
    _suite_room(apps)
    return desk


def _suite_room(apps) -> None:
    """A room of another type than the desk's doubles (made once in the shared e2e hotel)."""
    from sqlmodel import select

    from core.actor import Actor
    from core.db.uow import property_uow
    from core.properties.models import Room
    from core.properties.services import create_room, create_room_type

    with apps.in_process(), property_uow(apps.property_id, Actor.system("e2e")) as uow:
        if uow.session.exec(select(Room).where(Room.number == SUITE_ROOM)).first() is None:
            rt = create_room_type(uow, {"code": "DRGS", "name": "Drag Suite",
                                        "max_occupancy": 2, "max_adults": 2})
            create_room(uow, {"number": SUITE_ROOM, "room_type_id": rt.id})
            uow.commit()


def _room_of(apps, rid: str):
    """The room the reservation holds in the database (not what the page shows)."""
    import uuid

    from core.db.uow import property_uow
    from core.reservations.queries import current_room, room_legs

    with apps.in_process(), property_uow(apps.property_id, desk_actor(), write=False) as uow:
        return current_room(room_legs(uow, uuid.UUID(rid)))


def _open_chart(page, apps, desk) -> None:
    """The tape chart in a window tall enough for every room lane and the unassigned list.

    The shared e2e hotel gains rooms as other modules run, so a drop target can sit below a
    normal window; Chromium scrolls a real user's drag near the edge, Playwright's synthetic
    drag does not, and a drop that never lands would leave the previous message on screen."""
    page.set_viewport_size({"width": 1400, "height": 4000})
    sign_in(page, apps, desk.desk_email)
    page.goto(f"{apps.pms}/tape-chart")


def test_dragging_a_bar_moves_the_stay_and_a_refused_drop_leaves_it(apps, desk, page):
    rid = book_stay(apps, desk, "Dragmove", arrival_offset=9, nights=2, room="202")
    book_stay(apps, desk, "Dragblock", arrival_offset=10, nights=1, room="203")
    _open_chart(page, apps, desk)
    bar = page.locator("#bar-" + rid)
    expect(page.locator("#lane-202 #bar-" + rid)).to_be_visible()

    bar.drag_to(page.locator("#lane-204"), target_position={"x": 5, "y": 5})
    expect(page.locator("#chart-notice")).to_contain_text("Ana Dragmove is now in room 204")
    expect(page.locator("#lane-204 #bar-" + rid)).to_be_visible()
    expect(page.locator("#lane-202 #bar-" + rid)).to_have_count(0)

    bar.drag_to(page.locator("#lane-203"), target_position={"x": 5, "y": 5})
    expect(page.locator("#page-error")).to_contain_text("occupied")
    expect(page.locator("#lane-204 #bar-" + rid)).to_be_visible()
    expect(page.locator("#moving")).to_have_count(0)  # the failed drag lets go of the stay

    bar.drag_to(page.locator("#lane-" + SUITE_ROOM), target_position={"x": 5, "y": 5})
    expect(page.locator("#page-error")).to_contain_text("another room type")
    expect(page.locator("#lane-204 #bar-" + rid)).to_be_visible()
    assert _room_of(apps, rid) == desk.rooms["204"]
    page.reload()
    expect(page.locator("#lane-204 #bar-" + rid)).to_be_visible()


def test_dragging_an_unassigned_reservation_onto_a_room_assigns_it(apps, desk, page):
    rid = book_stay(apps, desk, "Dragassign", arrival_offset=12, nights=1)
    _open_chart(page, apps, desk)
    expect(page.locator("#row-" + rid)).to_be_visible()

    page.locator("#drag-" + rid).drag_to(page.locator("#lane-201"),
                                         source_position={"x": 4, "y": 8},
                                         target_position={"x": 5, "y": 5})
    expect(page.locator("#chart-notice")).to_contain_text("Ana Dragassign is now in room 201")
    expect(page.locator("#lane-201 #bar-" + rid)).to_be_visible()
    expect(page.locator("#row-" + rid)).to_have_count(0)
    assert _room_of(apps, rid) == desk.rooms["201"]
