"""Maintenance: work orders live, most urgent first; report, assign, progress, photos."""

from __future__ import annotations

import uuid
from typing import ClassVar

import reflex as rx

from core.housekeeping.staff import technicians
from core.maintenance import services as wo
from core.maintenance.schemas import WorkOrderPublic, WorkOrderUpdate
from core.properties.services import list_rooms
from pms_app.state.base import PmsState
from pms_app.state.hk_page import HkPage
from pms_app.state.work_order_form import WorkOrderForm

STATUS_WORDS = {"open": "Open", "in_progress": "In progress", "done": "Done",
                "verified": "Verified"}
NEXT = {"open": ("in_progress", "Start"), "in_progress": ("done", "Done"),
        "done": ("verified", "Verify")}


def order_row(o: WorkOrderPublic, property_id: str) -> dict:
    media = f"/api/v1/properties/{property_id}/media/"
    nxt = NEXT.get(o.status, ("", ""))
    return {
        "id": str(o.id), "where": f"Room {o.room_number}" if o.room_number else (o.area or ""),
        "category": o.category.replace("_", " "), "priority": o.priority,
        "description": o.description, "status": o.status,
        "status_label": STATUS_WORDS.get(o.status, o.status),
        "assignee": o.assignee_name or "Unassigned",
        "due": o.due_date.strftime("%d %b") if o.due_date else "",
        "reported": f"{o.reported_by} · {o.created_at:%d %b %H:%M}",
        "ooo": "yes" if o.out_of_order_id else "", "next_status": nxt[0], "next_label": nxt[1],
        "photos": [{"thumb": f"{media}{m}?thumbnail=true", "full": f"{media}{m}"}
                   for m in o.photo_ids],
    }


class MaintenanceState(PmsState, HkPage, WorkOrderForm):
    PAGE_PERMISSIONS: ClassVar[frozenset[str]] = frozenset({"maintenance.view",
                                                            "maintenance.create"})
    LIVE_TOPICS: ClassVar[frozenset[str]] = frozenset({"maintenance", "work_orders", "rooms"})
    show: str = "open"  # open | all | a status
    orders: list[dict] = []
    room_options: list[dict[str, str]] = []
    technician_options: list[dict[str, str]] = []
    form_open: bool = False
    photo_for: str = ""  # the order an "add photo" upload goes to

    @rx.event
    def load(self):
        if (redirect := self._enter()) is not None:
            return redirect
        self.photo_for = ""
        self.form_open = "maintenance.view" not in self.permissions
        with self._uow() as uow:
            self.room_options = [{"id": str(r.id), "number": r.number}
                                 for r in list_rooms(uow.session, active_only=True)]
        if "maintenance.update" in self.permissions:
            self.technician_options = [
                {"id": str(uid), "name": name}
                for uid, name in technicians(self._actor(), uuid.UUID(self.property_id))]
        room = self.router.url.query_parameters.get("room", "")
        if room:  # "Report a problem" from a room elsewhere opens the form for that room
            self._reset_form(room)
            self.form_open = True
        self._reload()
        return None

    def _reload(self) -> None:
        if "maintenance.view" not in self.permissions:
            self.orders = []
            return
        kwargs = {"open_only": True} if self.show == "open" else (
            {} if self.show == "all" else {"status": self.show})
        self.orders = [order_row(o, self.property_id)
                       for o in self._read(wo.list_work_orders, **kwargs)]

    @rx.event
    def set_show(self, show: str):
        self.show = show or "open"
        self._reload()

    @rx.event
    def toggle_form(self):
        self.form_open = not self.form_open
        self.wo_notice = ""

    @rx.event
    async def create(self, files: list[rx.UploadFile]):
        if await self._submit_work_order(files, "desk" if "reservations.view" in
                                         self.permissions else "maintenance") is not None:
            self.notice, self.form_open = self.wo_notice, False
        self._reload()
        return rx.clear_selected_files("wo-photos")

    @rx.event
    def advance(self, order_id: str, status: str):
        self.notice = ""
        if self._write(wo.change_status, uuid.UUID(order_id), status) is not None:
            self.notice = f"Work order {STATUS_WORDS.get(status, status).lower()}."
        self._reload()

    @rx.event
    def assign(self, order_id: str, technician_id: str):
        names = {t["id"]: t["name"] for t in self.technician_options}
        self._write(wo.update_work_order, uuid.UUID(order_id), WorkOrderUpdate(
            assignee_id=uuid.UUID(technician_id) if technician_id else None,
            assignee_name=names.get(technician_id)))
        self._reload()

    @rx.event
    def choose_photo_target(self, order_id: str):
        self.photo_for = "" if self.photo_for == order_id else order_id

    @rx.event
    async def add_photos(self, files: list[rx.UploadFile]):
        from core.media.rules import MAX_UPLOAD_BYTES

        self.notice = ""
        for f in files:
            data = await f.read(MAX_UPLOAD_BYTES + 1)
            if self._write(wo.add_photo, uuid.UUID(self.photo_for), data,
                           filename=f.name) is None:
                break
        else:
            self.notice, self.photo_for = f"{len(files)} photo(s) added.", ""
        self._reload()
        return rx.clear_selected_files("add-photos")
