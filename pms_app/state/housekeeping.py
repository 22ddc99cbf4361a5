"""Housekeeping board: every room's status live, floor filter, assignment, OOS and OOO."""

from __future__ import annotations

import uuid
from datetime import date

import reflex as rx

from core.actor import Actor
from core.housekeeping import services as hk
from core.housekeeping.board import floors, room_board
from core.housekeeping.schemas import AssignRooms, RoomStatusPublic
from core.housekeeping.staff import attendants
from core.inventory.rooms import mark_out_of_order
from pms_app.state.base import PmsState
from pms_app.state.hk_page import HkPage
from ui_kit.shared_reads import SHARED_READS, live_key

TASK_WORDS = {"open": "To clean", "in_progress": "Cleaning", "done": "Awaiting inspection",
              "passed": "Inspected"}
KIND_WORDS = {"departure": "Departure clean", "stay_over": "Stay-over clean",
              "turndown": "Turndown"}


def status_key(row: RoomStatusPublic) -> str:
    """One word per board colour: ooo, oos, or occupancy_condition."""
    if row.out_of_order:
        return "ooo"
    if row.out_of_service:
        return "oos"
    return f"{'occupied' if row.occupied else 'vacant'}_{row.condition}"


def board_row(row: RoomStatusPublic) -> dict[str, str]:
    task = row.task
    notes = [w for flag, w in ((row.arrival_today, "Arrival today"),
                               (row.departure_today, "Due out")) if flag]
    if row.out_of_order:
        notes.append(f"OOO until {row.out_of_order_until:%d %b}: {row.out_of_order_reason}")
    if row.out_of_service:
        notes.append(f"OOS: {row.out_of_service_reason}")
    return {
        "room_id": str(row.room_id), "number": row.number, "floor": row.floor or "",
        "room_type": row.room_type, "label": row.label, "key": status_key(row),
        "condition": row.condition, "occupied": "yes" if row.occupied else "",
        "oos": "yes" if row.out_of_service else "", "ooo": "yes" if row.out_of_order else "",
        "notes": " · ".join(notes),
        "task_id": str(task.id) if task else "",
        "task_status": task.status if task else "",
        "task": (f"{KIND_WORDS.get(task.kind, task.kind)} · {TASK_WORDS.get(task.status, '')}"
                 if task else ""),
        "attendant": (task.attendant_name or "Unassigned") if task else "",
        "inspection_note": (task.inspection_note or "") if task else "",
    }


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class HousekeepingState(PmsState, HkPage):
    floor: str = "all"
    floor_options: list[str] = []
    rooms: list[dict[str, str]] = []
    selected: list[str] = []
    attendant_options: list[dict[str, str]] = []
    attendant_id: str = ""
    # The room whose OOS/OOO form is open ("" = none) and which form.
    action_room: str = ""
    action_kind: str = ""

    @rx.event
    def load(self):
        if (redirect := self._enter()) is not None:
            return redirect
        self.selected, self.action_room = [], ""
        self.floor_options = ["all", *self._read(floors)]
        if "housekeeping.assign" in self.permissions:
            actor = self._actor()
            self.attendant_options = [{"id": str(uid), "name": name} for uid, name in
                                      attendants(actor, uuid.UUID(self.property_id))]
        self._reload()
        return None

    def _apply_live(self, events) -> None:
        # Every tab of this property showing the same floor shares one read of the board.
        actor = self._actor(fresh=False)
        floor = None if self.floor == "all" else self.floor
        rows = SHARED_READS.get(live_key("housekeeping", events, actor, floor),
                                lambda: self._board(actor, floor))
        if rows != self.rooms:
            self.rooms = list(rows)  # shared: the list is copied, its rows never changed

    def _reload(self) -> None:
        self.rooms = self._board(None, None if self.floor == "all" else self.floor)

    def _board(self, actor: Actor | None, floor: str | None) -> list[dict[str, str]]:
        return [board_row(r) for r in self._read_as(actor, room_board, floor=floor)]

    @rx.event
    def set_floor(self, floor: str):
        self.floor = floor or "all"
        self.selected = []
        self._reload()

    @rx.event
    def toggle_room(self, room_id: str):
        self.selected = ([r for r in self.selected if r != room_id] if room_id in self.selected
                         else [*self.selected, room_id])

    @rx.event
    def set_attendant(self, attendant_id: str):
        self.attendant_id = attendant_id

    @rx.event
    def assign(self):
        self.notice = ""
        names = {a["id"]: a["name"] for a in self.attendant_options}
        if not self.attendant_id:
            self.error, self.field_errors = "Choose an attendant.", {"attendant_id": "required"}
            return
        done = self._write(hk.assign_rooms, AssignRooms(
            room_ids=[uuid.UUID(r) for r in self.selected],
            attendant_id=uuid.UUID(self.attendant_id),
            attendant_name=names.get(self.attendant_id, "")))
        if done is not None:
            self.notice = f"{len(done)} room(s) assigned to {names.get(self.attendant_id)}."
            self.selected = []
        self._reload()

    @rx.event
    def set_condition(self, room_id: str, condition: str):
        self.notice = ""
        if self._write(hk.set_condition, uuid.UUID(room_id), condition) is not None:
            self.notice = f"Room marked {condition}."
        self._reload()

    @rx.event
    def open_action(self, room_id: str, kind: str):
        self.action_room, self.action_kind = room_id, kind
        self.error, self.field_errors = "", {}

    @rx.event
    def close_action(self):
        self.action_room, self.action_kind = "", ""

    @rx.event
    def clear_out_of_service(self, room_id: str):
        if self._write(hk.set_out_of_service, uuid.UUID(room_id), False) is not None:
            self.notice = "Room back in service."
        self._reload()

    @rx.event
    def submit_action(self, form: dict):
        room_id = uuid.UUID(self.action_room)
        reason = str(form.get("reason", ""))
        if self.action_kind == "oos":
            result = self._write(hk.set_out_of_service, room_id, True, reason=reason)
            message = "Room out of service (still sellable)."
        else:
            start, end = _date(str(form.get("start", ""))), _date(str(form.get("end", "")))
            if start is None or end is None:
                self.error = "Give the first night and the day the room is back."
                self.field_errors = {k: "a date is required" for k, v in
                                     (("start", start), ("end", end)) if v is None}
                return
            result = self._write(mark_out_of_order, room_id, start, end, reason)
            message = "Room out of order: taken out of inventory for those nights."
        if result is not None:
            self.notice, self.action_room, self.action_kind = message, "", ""
        self._reload()
