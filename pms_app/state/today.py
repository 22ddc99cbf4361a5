"""Today: arrivals, departures, in-house, stay-overs and no-shows, with check-in/out from the row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import ClassVar

import reflex as rx

from core.actor import Actor
from core.frontdesk.actions import check_in_guest
from core.frontdesk.schemas import TodayBoard
from core.frontdesk.services import today_board
from core.reservations.lifecycle import check_out, mark_no_show
from pms_app.nav import home_route
from pms_app.state.base import PmsState
from pms_app.state.rows import matches, reservation_row
from ui_kit.live import LiveMixin
from ui_kit.shared_reads import SHARED_READS, live_key

LISTS = ("arrivals", "departures", "in_house", "stay_overs", "no_shows")
# The shown list goes to the browser in slices of ROW_SLICE rows, each its own state var
# (rows_0 … rows_9, then rows_rest with whatever is past the first 100), because Reflex re-sends
# a changed var whole: a check-in, or a booking added at the end, now re-sends the ≤ 10 rows
# around it instead of the whole list to every open tab. The page renders them in order.
ROW_SLICE = 10
ROW_SLICES = tuple(f"rows_{i}" for i in range(10)) + ("rows_rest",)


@dataclass(frozen=True)
class BoardView:
    """The Today board as the page renders it (flat strings), shareable between tabs."""

    counts: dict[str, str]
    room_status: list[dict[str, str]]
    rows: dict[str, list[dict[str, str]]]


def board_view(board: TodayBoard) -> BoardView:
    c = board.counts
    return BoardView(
        counts={"arrivals": str(c.arrivals), "departures": str(c.departures),
                "in_house": str(c.in_house), "stay_overs": str(c.stay_overs),
                "no_shows": str(c.no_shows), "rooms": str(c.rooms),
                "out_of_order": str(c.out_of_order), "occupied": str(c.occupied),
                "occupancy": f"{c.occupancy_percent}%"},
        room_status=[{"status": k, "count": str(v)} for k, v in sorted(c.room_status.items())],
        rows={name: [reservation_row(r) for r in getattr(board, name)] for name in LISTS})


class TodayState(PmsState, LiveMixin):
    LIVE_TOPICS: ClassVar[frozenset[str]] = frozenset({"reservations", "housekeeping",
                                                       "room_status", "inventory"})
    tab: str = "arrivals"
    filter_text: str = ""
    counts: dict[str, str] = {}
    room_status: list[dict[str, str]] = []
    _rows: dict[str, list[dict[str, str]]] = {}
    _shown: list[dict[str, str]] = []  # the shown list (tab and filter applied), whole
    row_count: int = 0
    rows_0: list[dict[str, str]] = []
    rows_1: list[dict[str, str]] = []
    rows_2: list[dict[str, str]] = []
    rows_3: list[dict[str, str]] = []
    rows_4: list[dict[str, str]] = []
    rows_5: list[dict[str, str]] = []
    rows_6: list[dict[str, str]] = []
    rows_7: list[dict[str, str]] = []
    rows_8: list[dict[str, str]] = []
    rows_9: list[dict[str, str]] = []
    rows_rest: list[dict[str, str]] = []
    notice: str = ""

    def _live_property_id(self) -> str:
        return self.property_id

    def _apply_live(self, events) -> None:
        # Every tab of this property that saw the same events and may see the same shares one
        # read of the board; each then sends only what changed for it.
        actor = self._actor(fresh=False)
        self._show(SHARED_READS.get(live_key("today", events, actor),
                                    lambda: board_view(self._read_as(actor, today_board))))

    @rx.event
    def load(self):
        redirect, actor = self._session()
        if redirect is not None:
            return redirect
        if "reservations.view" not in self.permissions:
            return rx.redirect(home_route(set(self.permissions)))
        self._reload(actor)
        return self._start_live()

    def _reload(self, actor: Actor | None = None) -> None:
        self._show(board_view(self._read_as(actor, today_board)))

    def _show(self, view: BoardView) -> None:
        """Set what differs from what the tab shows (an unchanged var is not sent again).
        `view` may be shared with other tabs: it is never mutated, only read or copied."""
        if view.counts != self._current("counts"):
            self.counts = dict(view.counts)
        if view.room_status != self._current("room_status"):
            self.room_status = list(view.room_status)
        self._rows = view.rows
        self._filter(view.rows)

    def _filter(self, lists: dict[str, list[dict[str, str]]] | None = None) -> None:
        source = (self._rows if lists is None else lists).get(self.tab, [])
        text = self.filter_text
        rows = [r for r in source if matches(r, text)] if text.strip() else list(source)
        self._shown = rows
        if len(rows) != self.row_count:
            self.row_count = len(rows)
        last = len(ROW_SLICES) - 1
        for i, name in enumerate(ROW_SLICES):  # set only the slices that differ
            part = rows[i * ROW_SLICE:(i + 1) * ROW_SLICE if i < last else None]
            if part != self._current(name):
                setattr(self, name, part)

    def _current(self, name: str):
        """A var's value as the tab last got it, for comparing only. Reflex keeps it in the
        state's __dict__; reading the attribute instead wraps it (and every row compared) in a
        change-tracking proxy: half of what `_show` cost per tab in a profile at 100 live tabs."""
        try:
            return self.__dict__[name]
        except KeyError:
            return getattr(self, name)

    def shown_rows(self) -> list[dict[str, str]]:
        """The rows the page shows, in order (the slices put together)."""
        return list(self._shown)

    @rx.event
    def set_tab(self, tab: str | list[str]):
        tab = tab if isinstance(tab, str) else (tab[0] if tab else "")
        self.tab = tab if tab in LISTS else "arrivals"
        self._filter()

    @rx.event
    def set_filter(self, text: str):
        self.filter_text = text
        self._filter()

    def _act(self, fn, reservation_id: str, done: str, **kwargs) -> None:
        self.notice = ""
        if self._write(fn, uuid.UUID(reservation_id), **kwargs) is not None:
            self.notice = done
        self._reload()

    @rx.event
    def check_in(self, reservation_id: str):
        self._act(check_in_guest, reservation_id, "Checked in.")

    @rx.event
    def check_out(self, reservation_id: str):
        self._act(check_out, reservation_id, "Checked out; the room is now dirty.")

    @rx.event
    def no_show(self, reservation_id: str):
        self._act(mark_no_show, reservation_id, "Marked as no-show.")
