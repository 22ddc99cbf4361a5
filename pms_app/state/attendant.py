"""The attendant's phone view: my rooms today, start/finish cleaning, report a problem."""

from __future__ import annotations

import uuid

import reflex as rx

from core.housekeeping.board import room_board
from core.housekeeping.services import change_task_status
from pms_app.state.base import PmsState
from pms_app.state.hk_page import HkPage
from pms_app.state.housekeeping import board_row
from pms_app.state.work_order_form import WorkOrderForm


class AttendantState(PmsState, HkPage, WorkOrderForm):
    rooms: list[dict[str, str]] = []
    report_open: bool = False

    @rx.event
    def load(self):
        if (redirect := self._enter()) is not None:
            return redirect
        self.report_open = False
        self._reload()
        return None

    def _reload(self) -> None:
        me = self._actor().user_id
        self.rooms = [board_row(r) for r in self._read(room_board, attendant_id=me)]

    def _task(self, task_id: str, status: str, done: str) -> None:
        self.notice = ""
        if self._write(change_task_status, uuid.UUID(task_id), status) is not None:
            self.notice = done
        self._reload()

    @rx.event
    def start(self, task_id: str):
        self._task(task_id, "in_progress", "Cleaning started.")

    @rx.event
    def finish(self, task_id: str):
        self._task(task_id, "done", "Room clean: marked for inspection.")

    @rx.event
    def open_report(self, room_id: str):
        self._reset_form(room_id)
        self.wo_notice, self.report_open = "", True
        self.error, self.field_errors = "", {}

    @rx.event
    def close_report(self):
        self.report_open = False

    @rx.event
    async def report(self, files: list[rx.UploadFile]):
        if await self._submit_work_order(files, "housekeeping") is not None:
            self.report_open = False
            self.notice = self.wo_notice
        return rx.clear_selected_files("issue-photos")
