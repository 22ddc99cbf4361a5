"""The supervisor's inspections: rooms cleaned and waiting, pass or fail with a reason."""

from __future__ import annotations

import uuid
from typing import ClassVar

import reflex as rx

from core.housekeeping.board import room_board
from core.housekeeping.services import change_task_status
from pms_app.state.base import PmsState
from pms_app.state.hk_page import HkPage
from pms_app.state.housekeeping import board_row


class InspectionState(PmsState, HkPage):
    PAGE_PERMISSIONS: ClassVar[frozenset[str]] = frozenset({"housekeeping.inspect"})
    rooms: list[dict[str, str]] = []
    failing: str = ""  # the task whose fail form is open

    @rx.event
    def load(self):
        if (redirect := self._enter()) is not None:
            return redirect
        self.failing = ""
        self._reload()
        return None

    def _reload(self) -> None:
        self.rooms = [row for row in (board_row(r) for r in self._read(room_board))
                      if row["task_status"] == "done"]

    @rx.event
    def pass_room(self, task_id: str):
        self.notice = ""
        if self._write(change_task_status, uuid.UUID(task_id), "passed") is not None:
            self.notice = "Inspected: the room is ready for arrivals."
        self._reload()

    @rx.event
    def open_fail(self, task_id: str):
        self.failing, self.error, self.field_errors = task_id, "", {}

    @rx.event
    def cancel_fail(self):
        self.failing = ""

    @rx.event
    def fail_room(self, form: dict):
        self.notice = ""
        done = self._write(change_task_status, uuid.UUID(self.failing), "failed",
                           note=str(form.get("note", "")))
        if done is not None:
            self.notice, self.failing = "Failed: the room is dirty again and back with the " \
                                        "attendant.", ""
        self._reload()
