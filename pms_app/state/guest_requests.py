"""Guest requests screen: what guests asked for (desk, phone or the booking site), live."""

from __future__ import annotations

import uuid
from typing import ClassVar

import reflex as rx

from core.actor import Actor
from core.guest_requests.schemas import GuestRequestStatusChange
from core.guest_requests.services import change_status, list_requests
from pms_app.state.base import PmsState
from ui_kit.live import LiveMixin
from ui_kit.shared_reads import SHARED_READS, live_key


class GuestRequestsState(PmsState, LiveMixin):
    LIVE_TOPICS: ClassVar[frozenset[str]] = frozenset({"guest_requests"})
    requests: list[dict[str, str]] = []
    notice: str = ""

    def _live_property_id(self) -> str:
        return self.property_id

    def _apply_live(self, events) -> None:
        # Every tab of this property shares one read of the open requests.
        actor = self._actor(fresh=False)
        rows = SHARED_READS.get(live_key("guest_requests", events, actor),
                                lambda: self._open_requests(actor))
        if rows != self.requests:
            self.requests = list(rows)  # shared: the list is copied, its rows never changed

    def _reload(self) -> None:
        self.requests = self._open_requests(None)

    def _open_requests(self, actor: Actor | None) -> list[dict[str, str]]:
        rows, _ = self._read_as(actor, list_requests, open_only=True, limit=100)
        return [{"id": str(r.id), "category": r.category, "priority": r.priority,
                 "description": r.description, "status": r.status,
                 "by": r.created_by, "at": r.created_at.strftime("%d %b %H:%M")}
                for r in rows]

    @rx.event
    def load(self):
        if (redirect := self._check_session()) is not None:
            return redirect
        if not self._can("guest_services.manage"):
            self.error = "Guest requests are for the desk and guest services."
            return None
        self._reload()
        return self._start_live()

    @rx.event
    def set_status(self, request_id: str, status: str):
        if self._write(change_status, uuid.UUID(request_id),
                       GuestRequestStatusChange(status=status)) is not None:
            self.notice = f"Request marked {status.replace('_', ' ')}."
            self._reload()
