"""Tape chart: rooms × 14 or 30 days, stays as bars by status; move a stay by dragging its bar (or
an unassigned reservation) onto a room, or by clicking (Enter on) the stay and then the room."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, timedelta
from typing import ClassVar

import reflex as rx

from core.actor import Actor
from core.frontdesk.actions import place_on_room
from core.frontdesk.schemas import TapeChart
from core.frontdesk.services import business_day, tape_chart
from pms_app.state.base import PmsState
from pms_app.state.rows import reservation_row
from ui_kit.live import LiveMixin
from ui_kit.shared_reads import SHARED_READS, live_key

KEYS_THAT_CLICK = frozenset({"Enter", " "})


@dataclasses.dataclass
class Bar:
    id: str
    reservation_id: str
    label: str
    status: str
    left: str  # CSS percentages of the lane
    width: str
    dates: str


@dataclasses.dataclass
class Lane:
    room_id: str
    number: str
    room_type: str
    room_status: str
    bars: list[Bar]


@dataclasses.dataclass(frozen=True)
class ChartView:
    """The tape chart as the page renders it, shareable between tabs."""

    days: list[str]
    lanes: list[Lane]
    unassigned: list[dict[str, str]]


def chart_view(chart: TapeChart) -> ChartView:
    n = len(chart.days)
    return ChartView(
        days=[d.strftime("%a %d") for d in chart.days],
        lanes=[Lane(room_id=str(r.room_id), number=r.number, room_type=r.room_type,
                    room_status=r.room_status,
                    bars=[Bar(id=str(b.room_stay_id), reservation_id=str(b.reservation_id or ""),
                              label=b.label, status=b.status,
                              left=f"{100 * b.first_column / n:.4f}%",
                              width=f"{100 * b.span / n:.4f}%",
                              dates=f"{b.start_date:%d %b} → {b.end_date:%d %b}")
                          for b in r.bars]) for r in chart.rows],
        unassigned=[reservation_row(r) for r in chart.unassigned])


class TapeChartState(PmsState, LiveMixin):
    LIVE_TOPICS: ClassVar[frozenset[str]] = frozenset({"reservations", "housekeeping",
                                                       "room_status", "inventory"})
    start: str = ""
    span: str = "14"  # a string: it is the value of the span select
    days: list[str] = []
    lanes: list[Lane] = []
    unassigned: list[dict[str, str]] = []
    selected: str = ""  # reservation id picked up to move
    selected_label: str = ""
    dragging: bool = False  # the selection was picked up by a drag, not a click
    dragged_from: str = ""  # room id of the dragged bar ("" for an unassigned reservation)
    highlight_room: str = ""
    notice: str = ""

    def _live_property_id(self) -> str:
        return self.property_id

    def _apply_live(self, events) -> None:
        # Every tab of this property showing the same days shares one read of the chart.
        actor = self._actor(fresh=False)
        start, span = date.fromisoformat(self.start), int(self.span)
        self._show(SHARED_READS.get(live_key("tape_chart", events, actor, start, span),
                                    lambda: chart_view(self._read_as(actor, tape_chart, start,
                                                                     span))))

    @rx.event
    def load(self):
        redirect, actor = self._session()
        if redirect is not None:
            return redirect
        if not self.start:
            self.start = (self._read_as(actor, business_day) - timedelta(days=1)).isoformat()
        self.highlight_room = self.router.url.query_parameters.get("room", "")
        self._reload(actor)
        return self._start_live()

    def _reload(self, actor: Actor | None = None) -> None:
        self._show(chart_view(self._read_as(actor, tape_chart, date.fromisoformat(self.start),
                                            int(self.span))))

    def _show(self, view: ChartView) -> None:
        """Set what differs from what the tab shows (an unchanged var is not sent again). `view`
        may be shared with other tabs: its lists are copied and their items never changed."""
        if view.days != self.days:
            self.days = list(view.days)
        if view.lanes != self.lanes:
            self.lanes = list(view.lanes)
        if view.unassigned != self.unassigned:
            self.unassigned = list(view.unassigned)

    @rx.event
    def shift(self, days: int):
        self.start = (date.fromisoformat(self.start) + timedelta(days=int(days))).isoformat()
        self._reload()

    @rx.event
    def set_span(self, span: str):
        self.span = "30" if span == "30" else "14"
        self._reload()

    @rx.event
    def pick(self, reservation_id: str, label: str):
        if not reservation_id:
            return  # out-of-order blocks are not moved from here
        self._pick(reservation_id, label)

    @rx.event
    def pick_by_key(self, reservation_id: str, label: str, key: str, _info: dict | None = None):
        if key in KEYS_THAT_CLICK and reservation_id:
            self._pick(reservation_id, label)

    def _pick(self, reservation_id: str, label: str) -> None:
        """Click a stay to pick it up, click it again to put it down."""
        if self.selected == reservation_id and not self.dragging:
            self.selected, self.selected_label = "", ""
        else:
            self.selected, self.selected_label = reservation_id, label
        self.dragging, self.dragged_from = False, ""
        self.notice, self.error = "", ""

    @rx.event
    def grab(self, reservation_id: str, label: str, room_id: str):
        """A bar (or an unassigned reservation) is picked up with the mouse."""
        if not reservation_id:
            return
        # Nothing on the page may move while the mouse is down (the drop lands where the pointer
        # is): the notice and error stay until the drop replaces them.
        self.selected, self.selected_label = reservation_id, label
        self.dragging, self.dragged_from = True, room_id

    @rx.event
    def end_drag(self):
        """The drag is over: dropped (already handled), refused, or let go outside the chart."""
        if self.dragging:
            self.selected, self.selected_label = "", ""
            self.dragging, self.dragged_from = False, ""

    @rx.event
    def drop(self, room_id: str, number: str):
        """A click on a room's lane, or a drop on it: the same move or assignment either way."""
        self._drop(room_id, number)

    @rx.event
    def drop_by_key(self, room_id: str, number: str, key: str, _info: dict | None = None):
        if key in KEYS_THAT_CLICK:
            self._drop(room_id, number)

    def _drop(self, room_id: str, number: str) -> None:
        if not self.selected:
            return
        self.notice, self.error = "", ""
        if self.dragging and room_id == self.dragged_from:
            return  # put back on its own room: nothing to do
        moved = self._write(place_on_room, uuid.UUID(self.selected), uuid.UUID(room_id))
        if moved is not None:
            self.notice = f"{self.selected_label} is now in room {number}."
            self.selected, self.selected_label = "", ""
        self._reload()
