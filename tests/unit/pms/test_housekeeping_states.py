"""PMS housekeeping and maintenance states: the cycle through the real services, live-ready
rows, permissions that hide and refuse, forms that name the bad field, photos with a report."""

from __future__ import annotations

import asyncio
import io
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from pms_support import PASSWORD, make_state, run, sign_in

from pms_app.state.attendant import AttendantState
from pms_app.state.housekeeping import HousekeepingState
from pms_app.state.inspections import InspectionState
from pms_app.state.maintenance import MaintenanceState

ROLES = ("housekeeping_supervisor", "housekeeper", "maintenance", "front_desk")


@pytest.fixture(scope="module")
def hk(module_tenant):
    from desk_support import make_desk_hotel

    import core.housekeeping  # noqa: F401  (check-out makes the room dirty)
    from core.actor import Actor
    from core.db.uow import control_uow
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user

    hotel = make_desk_hotel(module_tenant.make_property("HK Hotel"), rooms=4)
    with control_uow(Actor.system("test")) as uow:
        update_security(uow, module_tenant.chain_id, mfa_required_roles=[])
        uow.commit()
    cookies = {}
    for role in ROLES:
        email = f"{role}.{uuid.uuid4().hex[:6]}@hk.example"
        ensure_user(email, role.replace("_", " ").title(), PASSWORD,
                    [(role, hotel.property_id, None)], chain_id=module_tenant.chain_id)
        cookies[role] = sign_in(email, hotel.property_id)
    return hotel, cookies


def _target(spec) -> str:
    return dict((k._js_expr, v) for k, v in spec.args)["path"]._var_value


def _upload(data: bytes, name: str):
    import reflex as rx

    return rx.UploadFile(file=io.BytesIO(data), path=Path(name), size=len(data))


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 10)).save(out, "PNG")
    return out.getvalue()


def _checked_out_room(hotel) -> tuple[str, str]:
    from core.reservations.lifecycle import check_in, check_out

    res = hotel.book(hotel.today, nights=1).reservations[0]
    with hotel.uow() as uow:
        check_in(uow, res.id, room_id=hotel.rooms[0], room_ready=lambda _r: True)
        uow.commit()
    with hotel.uow() as uow:
        check_out(uow, res.id)
        uow.commit()
    return str(hotel.rooms[0]), hotel.room_numbers[0]


def test_pages_need_a_session_and_the_right_permission(hk):
    _hotel, cookies = hk
    for cls in (HousekeepingState, AttendantState, InspectionState, MaintenanceState):
        assert _target(run(cls.load, make_state(cls, None))) == "/login"
    attendant = make_state(InspectionState, cookies["housekeeper"])
    assert _target(run(InspectionState.load, attendant)) != "/housekeeping/inspections"
    board = make_state(HousekeepingState, cookies["housekeeper"])
    assert run(HousekeepingState.load, board) is None
    assert "My rooms" in [e["label"] for e in board.nav]
    assert board.attendant_options == []  # only those who assign see the attendants
    run(HousekeepingState.toggle_room, board, str(hk[0].rooms[1]))
    board.attendant_id = str(uuid.uuid4())
    run(HousekeepingState.assign, board)  # a crafted event: the service still refuses
    assert "permission" in board.error


def test_the_housekeeping_cycle_across_the_board_the_attendant_and_the_inspector(hk):
    hotel, cookies = hk
    room_id, number = _checked_out_room(hotel)

    board = make_state(HousekeepingState, cookies["housekeeping_supervisor"])
    run(HousekeepingState.load, board)
    row = next(r for r in board.rooms if r["room_id"] == room_id)
    assert (row["label"], row["key"]) == ("Vacant dirty", "vacant_dirty")
    maria = next(a for a in board.attendant_options if a["name"] == "Housekeeper")
    run(HousekeepingState.assign, board)
    assert board.field_errors == {"attendant_id": "required"}
    run(HousekeepingState.toggle_room, board, room_id)
    run(HousekeepingState.set_attendant, board, maria["id"])
    run(HousekeepingState.assign, board)
    assert board.notice == "1 room(s) assigned to Housekeeper." and board.selected == []

    mine = make_state(AttendantState, cookies["housekeeper"])
    run(AttendantState.load, mine)
    [task] = [r for r in mine.rooms if r["room_id"] == room_id]
    assert task["task"] == "Departure clean · To clean"
    run(AttendantState.start, mine, task["task_id"])
    run(AttendantState.finish, mine, task["task_id"])
    assert mine.notice == "Room clean: marked for inspection."
    assert mine.rooms[0]["task_status"] == "done"

    inspector = make_state(InspectionState, cookies["housekeeping_supervisor"])
    run(InspectionState.load, inspector)
    assert [r["number"] for r in inspector.rooms] == [number]
    run(InspectionState.open_fail, inspector, task["task_id"])
    run(InspectionState.fail_room, inspector, {"note": " "})
    assert inspector.field_errors == {"note": "is required"}
    run(InspectionState.pass_room, inspector, task["task_id"])
    assert inspector.notice.startswith("Inspected") and inspector.rooms == []
    run(HousekeepingState.load, board)
    assert next(r for r in board.rooms if r["room_id"] == room_id)["label"] == \
        "Vacant inspected"


def test_out_of_order_and_out_of_service_forms_name_their_fields(hk):
    hotel, cookies = hk
    board = make_state(HousekeepingState, cookies["housekeeping_supervisor"])
    run(HousekeepingState.load, board)
    room = str(hotel.rooms[2])
    run(HousekeepingState.open_action, board, room, "oos")
    run(HousekeepingState.submit_action, board, {"reason": ""})
    assert board.field_errors == {"reason": "is required"}
    run(HousekeepingState.submit_action, board, {"reason": "Wobbly chair"})
    assert board.notice.startswith("Room out of service") and board.action_room == ""
    assert next(r for r in board.rooms if r["room_id"] == room)["key"] == "oos"

    run(HousekeepingState.open_action, board, str(hotel.rooms[3]), "ooo")
    run(HousekeepingState.submit_action, board, {"reason": "Leak", "start": "", "end": ""})
    assert set(board.field_errors) == {"start", "end"}
    start = hotel.today + timedelta(days=60)
    run(HousekeepingState.submit_action, board, {
        "reason": "Leak", "start": start.isoformat(),
        "end": (start + timedelta(days=2)).isoformat()})
    assert board.notice.startswith("Room out of order") and board.error == ""


def test_an_attendant_reports_a_problem_with_a_photo_and_maintenance_works_it(hk):
    hotel, cookies = hk
    mine = make_state(AttendantState, cookies["housekeeper"])
    run(AttendantState.load, mine)
    run(AttendantState.open_report, mine, str(hotel.rooms[1]))
    run(AttendantState.set_wo_field, mine, "category", "plumbing")
    asyncio.run(run(AttendantState.report, mine, []))
    assert mine.field_errors == {"description": "is required"} and mine.report_open
    run(AttendantState.set_wo_field, mine, "description", "Tap drips")
    asyncio.run(run(AttendantState.report, mine, [_upload(b"MZ not an image", "tap.png")]))
    assert mine.field_errors == {"file": "must be a JPEG, PNG, WebP, HEIC image or a PDF"}
    asyncio.run(run(AttendantState.report, mine, [_upload(_png(), "tap.png")]))
    assert mine.notice == "Work order reported with 1 photo(s)." and not mine.report_open

    tech = make_state(MaintenanceState, cookies["maintenance"])
    run(MaintenanceState.load, tech)
    [order] = [o for o in tech.orders if o["description"] == "Tap drips"]  # the refused one is not
    assert order["where"] == f"Room {hotel.room_numbers[1]}" and order["category"] == "plumbing"
    [photo] = order["photos"]
    assert photo["thumb"].startswith(f"/api/v1/properties/{hotel.property_id}/media/")
    assert photo["thumb"].endswith("?thumbnail=true")
    run(MaintenanceState.advance, tech, order["id"], "in_progress")
    assert tech.notice == "Work order in progress."
    assert next(o for o in tech.orders if o["id"] == order["id"])["assignee"] == "Maintenance"

    desk = make_state(MaintenanceState, cookies["front_desk"])
    run(MaintenanceState.load, desk)
    assert order["id"] in {o["id"] for o in desk.orders}
    run(MaintenanceState.advance, desk, order["id"], "done")  # the desk cannot close jobs
    assert "permission" in desk.error
