"""Housekeeping against the real engine: check-out and room moves make the room dirty, the
cleaning cycle, assignments, inspection, out of service vs out of order, and permissions."""

from __future__ import annotations

import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reservations"))
from res_support import BACKENDS, booking, make_hotel, sellable  # noqa: E402
from staff_support import DESK, JOAO, MARIA, SUPERVISOR, TECH, refusal, run_as, staff  # noqa: E402

import core.housekeeping  # noqa: E402,F401  (registers the check-out hook)
from core.actor import Actor  # noqa: E402
from core.errors import DomainError  # noqa: E402
from core.events.models import OutboxEvent  # noqa: E402
from core.housekeeping import services as hk  # noqa: E402
from core.housekeeping.board import room_board, room_ready  # noqa: E402
from core.housekeeping.schemas import AssignRooms  # noqa: E402
from core.inventory.rooms import mark_out_of_order, return_to_service  # noqa: E402
from core.reservations.assignment import assign_room, move_room  # noqa: E402
from core.reservations.lifecycle import check_in, check_out  # noqa: E402
from core.reservations.services import create_booking  # noqa: E402

READY = lambda room_id: True  # noqa: E731


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _row(hotel, room_id, actor=SUPERVISOR):
    with hotel.uow(actor, write=False) as uow:
        return next(r for r in room_board(uow) if r.room_id == room_id)


def _in_house(hotel, rt, nights=2):
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, hotel.today, hotel.today + timedelta(days=nights))
                             ).reservations[0]
        check_in(uow, res.id, room_id=rt.rooms[0], room_ready=READY)
        uow.commit()
    return res


def test_the_housekeeping_cycle_from_check_out_to_inspected(hotel):
    rt = hotel.room_type(rooms=1)
    room = rt.rooms[0]
    assert _row(hotel, room).label == "Vacant clean"
    res = _in_house(hotel, rt)
    row = _row(hotel, room)
    assert row.occupied and row.label == "Occupied clean"

    run_as(hotel, DESK, check_out, res.id)
    row = _row(hotel, room)
    assert (row.occupied, row.condition) == (False, "dirty")
    with hotel.uow(write=False) as uow:
        assert room_ready(uow)(room) is False

    [task] = run_as(hotel, SUPERVISOR, hk.assign_rooms,
                  AssignRooms(room_ids=[room], attendant_id=MARIA.user_id,
                              attendant_name=MARIA.name))
    assert (task.kind, task.status, task.attendant_name) == ("departure", "open", MARIA.name)
    with hotel.uow(MARIA, write=False) as uow:
        mine = room_board(uow, attendant_id=MARIA.user_id)
    assert [r.number for r in mine] == [row.number]

    assert run_as(hotel, MARIA, hk.start_cleaning, task.id).status == "in_progress"
    assert run_as(hotel, MARIA, hk.finish_cleaning, task.id).status == "done"
    assert _row(hotel, room).condition == "clean"
    passed = run_as(hotel, SUPERVISOR, hk.inspect, task.id, passed=True)
    assert passed.status == "passed" and passed.inspected_by == SUPERVISOR.name
    assert _row(hotel, room).label == "Vacant inspected"
    with hotel.uow(write=False) as uow:
        assert room_ready(uow)(room) is True
        topics = {(e.topic, e.type) for e in uow.session.exec(select(OutboxEvent))}
    assert ("housekeeping", "room_status.updated") in topics
    assert ("housekeeping", "cleaning_task.updated") in topics


def test_a_failed_inspection_sends_the_room_back_dirty_with_the_reason(hotel):
    rt = hotel.room_type(rooms=1)
    room = rt.rooms[0]
    [task] = run_as(hotel, SUPERVISOR, hk.assign_rooms, AssignRooms(
        room_ids=[room], attendant_id=MARIA.user_id, attendant_name=MARIA.name))
    err = refusal(hotel, SUPERVISOR, hk.inspect, task.id, passed=True)
    assert err.code == "invalid_task_transition" and "finished" in err.message
    run_as(hotel, MARIA, hk.start_cleaning, task.id)
    run_as(hotel, MARIA, hk.finish_cleaning, task.id)
    err = refusal(hotel, SUPERVISOR, hk.inspect, task.id, passed=False, note="  ")
    assert err.fields == {"note": "is required"}
    failed = run_as(hotel, SUPERVISOR, hk.inspect, task.id, passed=False, note="Hair in the sink")
    assert (failed.status, failed.failed_inspections, failed.inspection_note) == \
        ("open", 1, "Hair in the sink")
    assert _row(hotel, room).condition == "dirty"


def test_attendants_work_only_their_own_rooms_and_cannot_inspect(hotel):
    rt = hotel.room_type(rooms=1)
    [task] = run_as(hotel, SUPERVISOR, hk.assign_rooms, AssignRooms(
        room_ids=rt.rooms, attendant_id=MARIA.user_id, attendant_name=MARIA.name))
    err = refusal(hotel, JOAO, hk.start_cleaning, task.id)
    assert err.code == "not_your_task" and MARIA.name in err.message
    assert refusal(hotel, MARIA, hk.assign_rooms, AssignRooms(room_ids=rt.rooms)).code == \
        "forbidden"
    run_as(hotel, MARIA, hk.start_cleaning, task.id)
    run_as(hotel, MARIA, hk.finish_cleaning, task.id)
    assert refusal(hotel, MARIA, hk.inspect, task.id, passed=True).code == "forbidden"
    assert refusal(hotel, MARIA, hk.set_condition, rt.rooms[0], "inspected").code == "forbidden"
    assert refusal(hotel, DESK, hk.set_condition, rt.rooms[0], "clean").code == "forbidden"
    assert refusal(hotel, TECH, hk.start_cleaning, task.id).code == "forbidden"


def test_assignment_picks_stay_over_for_guests_staying_and_reassigns_without_duplicates(hotel):
    rt = hotel.room_type(rooms=2)
    _in_house(hotel, rt, nights=3)
    tasks = run_as(hotel, SUPERVISOR, hk.assign_rooms, AssignRooms(
        room_ids=rt.rooms, attendant_id=MARIA.user_id, attendant_name=MARIA.name))
    kinds = {t.room_id: t.kind for t in tasks}
    assert kinds == {rt.rooms[0]: "stay_over", rt.rooms[1]: "departure"}
    again = run_as(hotel, SUPERVISOR, hk.assign_rooms, AssignRooms(
        room_ids=rt.rooms, attendant_id=JOAO.user_id, attendant_name=JOAO.name),
        idempotency_key="reassign-1")
    assert {t.id for t in again} == {t.id for t in tasks}
    assert {t.attendant_name for t in again} == {JOAO.name}
    replay = run_as(hotel, SUPERVISOR, hk.assign_rooms, AssignRooms(
        room_ids=rt.rooms, attendant_id=JOAO.user_id, attendant_name=JOAO.name),
        idempotency_key="reassign-1")
    assert [t.id for t in replay] == [t.id for t in again]


def test_bad_input_is_refused_with_the_field_named(hotel):
    rt = hotel.room_type(rooms=1)
    assert refusal(hotel, SUPERVISOR, hk.assign_rooms, AssignRooms(room_ids=[])).fields == \
        {"room_ids": "at least one room"}
    err = refusal(hotel, SUPERVISOR, hk.assign_rooms, AssignRooms(room_ids=rt.rooms,
                                                                 kind="deep"))
    assert err.fields == {"kind": "must be departure, stay_over or turndown"}
    err = refusal(hotel, SUPERVISOR, hk.set_condition, rt.rooms[0], "sparkling")
    assert err.fields == {"condition": "must be dirty, clean or inspected"}
    err = refusal(hotel, SUPERVISOR, hk.set_out_of_service, rt.rooms[0], True, reason="")
    assert err.fields == {"reason": "is required"}
    err = refusal(hotel, SUPERVISOR, hk.set_condition, uuid.uuid4(), "clean")
    assert err.code == "room_not_found"


def test_out_of_service_keeps_the_room_sellable_but_out_of_order_does_not(hotel):
    rt = hotel.room_type(rooms=2)
    start, end = hotel.stay(2)
    assert sellable(hotel, rt, start, end) == 2
    run_as(hotel, SUPERVISOR, hk.set_out_of_service, rt.rooms[0], True, reason="Loose tile")
    assert sellable(hotel, rt, start, end) == 2
    row = _row(hotel, rt.rooms[0])
    assert row.label == "Out of service" and row.out_of_service_reason == "Loose tile"
    with hotel.uow(write=False) as uow:
        assert room_ready(uow)(rt.rooms[0]) is False

    ooo = run_as(hotel, SUPERVISOR, mark_out_of_order, rt.rooms[1], start, end, "Leaking pipe")
    assert sellable(hotel, rt, start, end) == 1
    assert refusal(hotel, staff("marketing", "Mo"), mark_out_of_order, rt.rooms[0], start, end,
                  "x").code == "forbidden"
    err = refusal(hotel, MARIA, mark_out_of_order, rt.rooms[1], start, end, "Again")
    assert err.code == "room_occupied" and "out of order from" in err.message
    assert refusal(hotel, SUPERVISOR, mark_out_of_order, rt.rooms[0], start, end,
                  " ").fields == {"reason": "is required"}
    run_as(hotel, TECH, return_to_service, ooo.id)
    assert sellable(hotel, rt, start, end) == 2


def test_out_of_order_is_refused_when_it_would_oversell(hotel):
    rt = hotel.room_type(rooms=1)
    start, end = hotel.stay(2)
    with hotel.uow() as uow:
        create_booking(uow, booking(rt, start, end))
        uow.commit()
    err = refusal(hotel, SUPERVISOR, mark_out_of_order, rt.rooms[0], start, end, "Broken AC")
    assert err.code == "not_available" and "oversell" in err.message
    assert sellable(hotel, rt, start, end) == 0


def test_the_board_filters_by_floor(hotel):
    from core.properties.services import create_room

    rt = hotel.room_type(rooms=0)
    with hotel.uow(Actor.system()) as uow:
        create_room(uow, {"number": "F901", "room_type_id": rt.id, "floor": "9"})
        uow.commit()
    with hotel.uow(SUPERVISOR, write=False) as uow:
        assert [r.number for r in room_board(uow, floor="9")] == ["F901"]
    with hotel.uow(staff("marketing", "Mo"), write=False) as uow, \
            pytest.raises(DomainError) as err:
        room_board(uow)
    assert err.value.code == "forbidden"


def _room_events(hotel, room_id) -> list[str]:
    with hotel.uow(write=False) as uow:
        return [e.type for e in uow.session.exec(
            select(OutboxEvent).where(OutboxEvent.topic == "housekeeping",
                                      OutboxEvent.entity_id == str(room_id)))]


def test_a_room_move_mid_stay_leaves_the_old_room_vacant_dirty_on_the_board(hotel):
    rt = hotel.room_type(rooms=2)
    old, new = rt.rooms
    res = _in_house(hotel, rt, nights=3)
    moved = run_as(hotel, DESK, move_room, res.id, new, reason="noisy neighbours")
    assert moved.room_id == new
    row = _row(hotel, old)
    assert (row.occupied, row.condition, row.label) == (False, "dirty", "Vacant dirty")
    assert _row(hotel, new).label == "Occupied clean"
    assert _room_events(hotel, old) == ["room_status.updated"]  # the board updates live
    with hotel.uow(write=False) as uow:
        assert room_ready(uow)(old) is False  # not handed to an arriving guest before cleaning
    [task] = run_as(hotel, SUPERVISOR, hk.assign_rooms, AssignRooms(room_ids=[old]))
    assert task.kind == "departure"


def test_a_refused_room_move_leaves_the_old_room_as_it_was(hotel):
    from core.reservations import assignment

    rt = hotel.room_type(rooms=3)
    old, new, taken = rt.rooms
    res = _in_house(hotel, rt, nights=2)
    with hotel.uow() as uow:
        other = create_booking(uow, booking(rt, hotel.today, hotel.today + timedelta(days=1))
                               ).reservations[0]
        check_in(uow, other.id, room_id=taken, room_ready=READY)
        uow.commit()
    assert refusal(hotel, DESK, move_room, res.id, taken).code == "room_occupied"

    def refuse(uow, reservation, room_id):  # a later follow-up refuses: all of it rolls back
        raise DomainError("Refused by a later follow-up.")

    assignment.on_room_vacated(refuse)
    try:
        assert refusal(hotel, DESK, move_room, res.id, new).message == \
            "Refused by a later follow-up."
    finally:
        assignment._room_vacated.remove(refuse)
    assert _row(hotel, old).label == "Occupied clean"
    assert _room_events(hotel, old) == []


def test_moving_a_stay_that_has_not_arrived_dirties_nothing(hotel):
    rt = hotel.room_type(rooms=3)
    arriving = _book_assigned(hotel, rt, hotel.today, rt.rooms[0])
    future = _book_assigned(hotel, rt, hotel.today + timedelta(days=2), rt.rooms[1])
    assert run_as(hotel, DESK, move_room, arriving.id, rt.rooms[2]).room_id == rt.rooms[2]
    assert run_as(hotel, DESK, move_room, future.id, rt.rooms[0]).room_id == rt.rooms[0]
    for room in rt.rooms:
        assert _row(hotel, room).condition == "clean"
        assert _room_events(hotel, room) == []


def test_a_move_planned_for_tomorrow_dirties_the_room_only_once_it_happens(hotel):
    rt = hotel.room_type(rooms=2)
    res = _in_house(hotel, rt, nights=3)
    run_as(hotel, DESK, move_room, res.id, rt.rooms[1], on=hotel.today + timedelta(days=1))
    row = _row(hotel, rt.rooms[0])
    assert (row.occupied, row.condition) == (True, "clean")  # the guest sleeps there tonight
    assert _room_events(hotel, rt.rooms[0]) == []


def _book_assigned(hotel, rt, arrival, room_id):
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, arrival, arrival + timedelta(days=2))
                             ).reservations[0]
        assign_room(uow, res.id, room_id)
        uow.commit()
    return res


def _race(n: int, attempt) -> list:
    import threading

    barrier, results = threading.Barrier(n), [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = attempt(i)
        except Exception as exc:  # noqa: BLE001  (asserted on below)
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_first_changes_to_a_room_at_the_same_time_all_land_and_one_row_results(hotel):
    from core.housekeeping.models import RoomStatus

    rt = hotel.room_type(rooms=1)
    room = rt.rooms[0]
    conditions = ["dirty", "clean"] * 4
    results = _race(len(conditions), lambda i: run_as(hotel, SUPERVISOR, hk.set_condition, room,
                                                     conditions[i]))
    assert not [r for r in results if isinstance(r, Exception)], results
    with hotel.uow(write=False) as uow:
        rows = uow.session.exec(select(RoomStatus).where(RoomStatus.room_id == room)).all()
        changes = [e for e in uow.session.exec(select(OutboxEvent).where(
            OutboxEvent.type == "room_status.updated", OutboxEvent.entity_id == str(room)))]
    assert len(rows) == 1 and len(changes) == len(conditions)


def test_two_inspectors_passing_the_same_room_pass_it_once(hotel):
    rt = hotel.room_type(rooms=1)
    [task] = run_as(hotel, SUPERVISOR, hk.assign_rooms, AssignRooms(room_ids=rt.rooms))
    run_as(hotel, SUPERVISOR, hk.start_cleaning, task.id)
    run_as(hotel, SUPERVISOR, hk.finish_cleaning, task.id)
    results = _race(4, lambda i: run_as(hotel, SUPERVISOR, hk.inspect, task.id, passed=True))
    wins = [r for r in results if not isinstance(r, Exception)]
    assert len(wins) == 1, results
    assert all(isinstance(r, DomainError) and r.code == "invalid_task_transition"
               for r in results if r not in wins)


def test_two_supervisors_assigning_the_same_room_at_once_make_one_task(hotel):
    from core.housekeeping.models import CleaningTask

    rt = hotel.room_type(rooms=1)
    people = [MARIA, JOAO] * 3
    results = _race(len(people), lambda i: run_as(hotel, SUPERVISOR, hk.assign_rooms, AssignRooms(
        room_ids=rt.rooms, attendant_id=people[i].user_id, attendant_name=people[i].name)))
    assert not [r for r in results if isinstance(r, Exception)], results
    with hotel.uow(write=False) as uow:
        tasks = uow.session.exec(select(CleaningTask).where(
            CleaningTask.room_id == rt.rooms[0])).all()
    assert len(tasks) == 1 and tasks[0].attendant_name in (MARIA.name, JOAO.name)
