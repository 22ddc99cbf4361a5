"""Reservations list: search, filters (status, arrival dates, room type, channel), pagination."""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from datetime import date
from typing import ClassVar

import reflex as rx

from core.actor import Actor
from core.frontdesk.services import find_reservations, room_types
from pms_app.state.base import PmsState
from pms_app.state.rows import STATUS_LABELS, reservation_row
from ui_kit.live import LiveMixin
from ui_kit.shared_reads import SHARED_READS, viewer_key

PAGE_SIZE = 25
ANY = "any"
CHANNELS = ("direct", "booking_site", "walk_in", "phone", "ota", "api")


class ReservationsState(PmsState, LiveMixin):
    LIVE_TOPICS: ClassVar[frozenset[str]] = frozenset({"reservations"})
    query: str = ""
    status: str = ANY
    room_type: str = ANY
    channel: str = ANY
    arrival_from: str = ""
    arrival_to: str = ""
    page: int = 1
    total: int = 0
    rows: list[dict[str, str]] = []
    room_type_options: list[dict[str, str]] = []
    status_options: list[dict[str, str]] = [{"value": ANY, "label": "Any status"}] + [
        {"value": k, "label": v} for k, v in STATUS_LABELS.items()]
    channel_options: list[str] = [ANY, *CHANNELS]

    def _live_property_id(self) -> str:
        return self.property_id

    def _apply_live(self, events) -> None:
        # Tabs showing the same filters and page after the same event share one read.
        actor = self._actor(fresh=False)
        shown = (self.query, self.status, self.room_type, self.channel, self.arrival_from,
                 self.arrival_to, self.page)
        self._reload(actor, share=("reservations", events[-1].id if events else 0,
                                   viewer_key(actor), shown))

    @rx.event
    def load(self):
        redirect, actor = self._session()
        if redirect is not None:
            return redirect
        self.room_type_options = [{"value": ANY, "label": "Any room type"}] + [
            {"value": str(i), "label": n} for i, n in self._read_as(actor, room_types)]
        self._reload(actor)
        return self._start_live()

    def _date(self, name: str, value: str) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.field_errors = {**self.field_errors, name: "is not a date (YYYY-MM-DD)"}
            return None

    def _reload(self, actor: Actor | None = None, share: Hashable | None = None) -> None:
        if self.error or self.field_errors:  # unchanged vars are not sent again
            self.error, self.field_errors = "", {}
        start, end = self._date("arrival_from", self.arrival_from), \
            self._date("arrival_to", self.arrival_to)
        if start and end and end < start:
            self.field_errors = {"arrival_to": "is before the start of the range"}
        if self.field_errors:
            self.error = "Check the highlighted filters."
            return

        criteria = dict(
            query=self.query or None, status=[self.status] if self.status != ANY else None,
            room_type_id=uuid.UUID(self.room_type) if self.room_type != ANY else None,
            channel=self.channel if self.channel != ANY else None,
            arrival_from=start, arrival_to=end,
            limit=PAGE_SIZE, offset=(self.page - 1) * PAGE_SIZE)

        def read() -> tuple[list[dict[str, str]], int]:
            items, total = self._read_as(actor, find_reservations, **criteria)
            return [reservation_row(r) for r in items], total

        rows, total = SHARED_READS.get(share, read) if share is not None else read()
        if rows != self.rows:
            self.rows = list(rows)
        if total != self.total:
            self.total = total

    @rx.var
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @rx.event
    def set_filter(self, name: str, value: str):
        if name in ("query", "status", "room_type", "channel", "arrival_from", "arrival_to"):
            setattr(self, name, value)
            self.page = 1
            self._reload()

    @rx.event
    def go_page(self, page: int):
        self.page = min(max(1, int(page)), self.pages)
        self._reload()
