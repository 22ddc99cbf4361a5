"""PMS desk states following live events: an event refreshes the Today lists, and tabs of one
property share a read of each live page and send only what changed for them."""

from __future__ import annotations

from datetime import timedelta

from pms_support import make_state, run

from pms_app.state.reservations import ReservationsState
from pms_app.state.tape_chart import TapeChartState
from pms_app.state.today import TodayState


def test_live_events_refresh_the_today_lists(desk):
    from core.events.envelope import EventEnvelope

    hotel = desk.hotel
    state = make_state(TodayState, desk.cookies["front_desk"])
    run(TodayState.load, state)
    rid = str(hotel.book(hotel.today, last_name="Latearrival").reservations[0].id)
    assert rid not in {r["id"] for r in state.shown_rows()}

    state._apply_live([EventEnvelope(id=1, property_id=hotel.property_id, topic="reservations",
                                     type="reservation.created", entity_id=rid)])

    assert rid in {r["id"] for r in state.shown_rows()}


def _three_tabs(desk, page):
    """Three front-desk tabs of one page, loaded."""
    tabs = [make_state(page, desk.cookies["front_desk"]) for _ in range(3)]
    for tab in tabs:
        run(page.load, tab)
    return tabs


def _created(hotel, rid: str):
    """A live event about reservation `rid`, with an id no tab has applied yet."""
    import random

    from core.events.envelope import EventEnvelope

    return EventEnvelope(id=random.randrange(10**9, 10**12), property_id=hotel.property_id,
                         topic="reservations", type="reservation.created", entity_id=rid)


def test_tabs_following_a_property_share_one_board_read_and_send_only_what_changed(
        desk, monkeypatch):
    from pms_app.state import today

    hotel = desk.hotel
    tabs = _three_tabs(desk, TodayState)
    run(TodayState.set_tab, tabs[2], "departures")
    for tab in tabs:
        tab.dirty_vars.clear()
    rid = str(hotel.book(hotel.today, last_name="Sharedread").reservations[0].id)
    reads = []
    real = today.today_board
    monkeypatch.setattr(today, "today_board", lambda uow: reads.append(1) or real(uow))
    event = _created(hotel, rid)

    for tab in tabs:
        tab._apply_live([event])

    assert len(reads) == 1  # one read of the board for three tabs
    for tab in tabs[:2]:
        assert rid in {r["id"] for r in tab.shown_rows()}
        assert {"counts", "row_count", "rows_0"} <= tab.dirty_vars  # a short list: one slice
        assert "room_status" not in tab.dirty_vars
    assert not {v for v in tabs[2].dirty_vars if v.startswith("row")}  # departures unchanged
    assert tabs[2].counts["arrivals"] == tabs[0].counts["arrivals"]


def test_a_change_to_one_row_of_a_long_list_resends_only_its_slice(desk):
    from pms_app.state.today import ROW_SLICE, BoardView

    def view(rows):
        return BoardView(counts={"arrivals": str(len(rows))}, room_status=[],
                         rows={"arrivals": rows})

    rows = [{"id": f"r{i:03d}", "guest": f"Guest {i}", "reference": f"REF{i}", "room": "",
             "status": "confirmed"} for i in range(3 * ROW_SLICE + 4)]
    state = make_state(TodayState, desk.cookies["front_desk"])
    state._show(view(rows))
    assert state.shown_rows() == rows and state.row_count == len(rows)
    state.dirty_vars.clear()

    changed = [dict(r) for r in rows]
    changed[ROW_SLICE + 2]["status"] = "checked_in"  # a check-in in the second slice
    state._show(view(changed))

    assert {v for v in state.dirty_vars if v.startswith("row")} == {"rows_1"}
    assert state.rows_1[2]["status"] == "checked_in" and state.shown_rows() == changed
    state.dirty_vars.clear()

    state._show(view(changed + [{"id": "r999", "guest": "Last", "reference": "Z", "room": "",
                                 "status": "confirmed"}]))  # one more at the end
    assert {v for v in state.dirty_vars if v.startswith("row")} == {"rows_3", "row_count"}


def test_reservation_lists_with_the_same_filters_share_a_read_and_others_read_their_own(
        desk, monkeypatch):
    from pms_app.state import reservations

    hotel = desk.hotel
    tabs = _three_tabs(desk, ReservationsState)
    for tab in tabs[:2]:
        run(ReservationsState.set_filter, tab, "query", "sharedlist")
    run(ReservationsState.set_filter, tabs[2], "query", "someoneelse")
    rid = str(hotel.book(hotel.today + timedelta(days=40),
                         last_name="Sharedlist").reservations[0].id)
    reads = []
    real = reservations.find_reservations
    monkeypatch.setattr(reservations, "find_reservations",
                        lambda uow, **kw: reads.append(kw["query"]) or real(uow, **kw))
    event = _created(hotel, rid)

    for tab in tabs:
        tab._apply_live([event])

    assert sorted(reads) == ["sharedlist", "someoneelse"]  # one read per distinct filter
    assert [r["id"] for r in tabs[0].rows] == [rid] == [r["id"] for r in tabs[1].rows]
    assert tabs[2].rows == []


def test_tape_charts_of_the_same_days_share_a_read_and_other_days_read_their_own(
        desk, monkeypatch):
    from pms_app.state import tape_chart

    hotel = desk.hotel
    tabs = _three_tabs(desk, TapeChartState)
    run(TapeChartState.shift, tabs[2], 60)  # two months on: another read
    rid = str(hotel.book(hotel.today + timedelta(days=3), last_name="Sharedtape")
              .reservations[0].id)
    reads = []
    real = tape_chart.tape_chart
    monkeypatch.setattr(tape_chart, "tape_chart",
                        lambda uow, start, days: reads.append(start) or real(uow, start, days))
    event = _created(hotel, rid)

    for tab in tabs:
        tab.dirty_vars.clear()
        tab._apply_live([event])

    assert len(reads) == 2  # one read for the two tabs on the same days, one for the other
    for tab in tabs[:2]:
        assert rid in {r["id"] for r in tab.unassigned} and "unassigned" in tab.dirty_vars
        assert "days" not in tab.dirty_vars  # unchanged: not sent again
    assert tabs[0].unassigned is not tabs[1].unassigned  # each tab holds its own list
    assert rid not in {r["id"] for r in tabs[2].unassigned}
