"""The "report a problem" form shared by the attendant's view and the maintenance page."""

from __future__ import annotations

import uuid
from datetime import date

import reflex as rx

from core.maintenance.schemas import WorkOrderCreate
from core.maintenance.services import create_work_order
from core.media.rules import MAX_UPLOAD_BYTES

CATEGORIES = ["plumbing", "electrical", "hvac", "furniture", "appliance", "doors_locks",
              "it_tv", "painting", "other"]
PRIORITIES = ["low", "normal", "high", "urgent"]


class WorkOrderForm(rx.State, mixin=True):
    wo_room_id: str = ""
    wo_area: str = ""
    wo_category: str = "other"
    wo_priority: str = "normal"
    wo_description: str = ""
    wo_due_date: str = ""
    wo_out_of_order: bool = False
    wo_notice: str = ""

    @rx.event
    def set_wo_field(self, name: str, value):
        if name in ("room_id", "area", "category", "priority", "description", "due_date",
                    "out_of_order"):
            # The room select cannot hold an empty value: "none" means an area instead.
            setattr(self, f"wo_{name}", "" if name == "room_id" and value == "none" else value)

    def _reset_form(self, room_id: str = "") -> None:
        self.wo_room_id, self.wo_area, self.wo_description, self.wo_due_date = room_id, "", "", ""
        self.wo_category, self.wo_priority, self.wo_out_of_order = "other", "normal", False

    async def _submit_work_order(self, files: list[rx.UploadFile], source: str):
        """Create the order with its photos in one transaction (a refused photo stores nothing)."""
        self.wo_notice = ""
        photos = []
        for f in files or []:
            # One byte over the cap is enough for the service to refuse it by size.
            photos.append((await f.read(MAX_UPLOAD_BYTES + 1), f.name))
        due = None
        if self.wo_due_date:
            try:
                due = date.fromisoformat(self.wo_due_date)
            except ValueError:
                self.error, self.field_errors = "The due date is not a date.", {
                    "due_date": "not a date"}
                return None
        data = WorkOrderCreate(
            room_id=uuid.UUID(self.wo_room_id) if self.wo_room_id else None,
            area=self.wo_area or None, category=self.wo_category, priority=self.wo_priority,
            description=self.wo_description, due_date=due, source=source,
            out_of_order=self.wo_out_of_order)
        order = self._write(create_work_order, data, photos=photos)
        if order is not None:
            extras = [f"with {len(photos)} photo(s)"] if photos else []
            if data.out_of_order:
                extras.append("the room is out of order until it is done")
            self.wo_notice = " ".join(["Work order reported", *extras]) + "."
            self._reset_form()
        return order
