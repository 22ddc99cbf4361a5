"""Today: the day's counts, and the lists the desk works from, each with its row actions."""

from __future__ import annotations

import reflex as rx

from pms_app.components.shell import desk_shell
from pms_app.components.tables import res_status, reservation_table
from pms_app.state.today import ROW_SLICES, TodayState

TABS = [("arrivals", "Arrivals"), ("departures", "Departures"), ("in_house", "In house"),
        ("stay_overs", "Stay-overs"), ("no_shows", "No-shows")]


def _stat(label: str, key: str) -> rx.Component:
    return rx.card(
        rx.vstack(rx.text(label, size="1", color_scheme="gray"),
                  rx.heading(TodayState.counts[key], size="6", id=f"count-{key}"),
                  spacing="0"),
        min_width="8rem",
    )


@rx.memo
def today_row(rid: rx.Var[str], guest: rx.Var[str], reference: rx.Var[str],
              arrival: rx.Var[str], departure: rx.Var[str], nights: rx.Var[str],
              room: rx.Var[str], status: rx.Var[str], status_label: rx.Var[str],
              total: rx.Var[str], can_check_in: rx.Var[bool], can_check_out: rx.Var[bool],
              can_no_show: rx.Var[bool], rest: rx.RestProp) -> rx.Component:
    """One row of a Today list. Memoised on plain props (no state inside): when a live change
    re-sends the list, React re-renders only the rows whose values changed, not all of them."""
    return rx.table.row(
        rx.table.cell(rx.link(guest, href="/reservations/" + rid)),
        rx.table.cell(rx.code(reference)),
        rx.table.cell(arrival, " → ", departure, " (", nights, ")"),
        rx.table.cell(room),
        rx.table.cell(res_status(status, status_label)),
        rx.table.cell(total),
        rx.table.cell(rx.hstack(
            rx.cond(can_check_in, rx.button("Check in", size="1",
                                            on_click=TodayState.check_in(rid),
                                            id="check-in-" + rid)),
            rx.cond(can_check_out, rx.button("Check out", size="1", color_scheme="gray",
                                             on_click=TodayState.check_out(rid),
                                             id="check-out-" + rid)),
            rx.cond(can_no_show, rx.button("No-show", size="1", color_scheme="orange",
                                           variant="soft", on_click=TodayState.no_show(rid),
                                           id="no-show-" + rid)),
            spacing="2",
        )),
        rest,  # `key` at the call site: rows are keyed by reservation, not by position
        id="row-" + rid, class_name="reservation-row",
    )


def _row(r: rx.Var) -> rx.Component:
    """What a row may offer is decided here, from the state, and handed to the row as flags."""
    can = TodayState.permissions.contains
    return today_row(
        rid=r["id"].to(str), guest=r["guest"].to(str), reference=r["reference"].to(str),
        arrival=r["arrival"].to(str), departure=r["departure"].to(str),
        nights=r["nights"].to(str), room=r["room"].to(str), status=r["status"].to(str),
        status_label=r["status_label"].to(str), total=r["total"].to(str),
        can_check_in=(r["status"] == "confirmed") & can("reservations.check_in"),
        can_check_out=((r["status"] == "checked_in") & can("reservations.check_out")
                       & (TodayState.tab == "departures")),
        can_no_show=((r["status"] == "confirmed") & can("reservations.no_show")
                     & can("reservations.cancel") & (TodayState.tab == "no_shows")),
        key=r["id"].to(str),
    )


def today() -> rx.Component:
    return desk_shell(
        rx.hstack(
            _stat("Arrivals", "arrivals"), _stat("Departures", "departures"),
            _stat("In house", "in_house"), _stat("Stay-overs", "stay_overs"),
            _stat("No-shows", "no_shows"), _stat("Occupancy", "occupancy"),
            _stat("Out of order", "out_of_order"),
            wrap="wrap", spacing="3", margin_bottom="1rem",
        ),
        rx.cond(TodayState.room_status.length() > 0, rx.hstack(
            rx.text("Rooms:", size="2", color_scheme="gray"),
            rx.foreach(TodayState.room_status, lambda s: rx.badge(
                s["status"], ": ", s["count"], variant="outline")),
            spacing="2", margin_bottom="1rem", id="room-status-counts")),
        rx.cond(TodayState.notice != "", rx.callout(TodayState.notice, icon="check",
                                                    color_scheme="green", id="today-notice",
                                                    margin_bottom="0.75rem")),
        rx.hstack(
            rx.segmented_control.root(
                *[rx.segmented_control.item(label, value=key) for key, label in TABS],
                value=TodayState.tab, on_change=TodayState.set_tab, id="today-tabs",
            ),
            rx.spacer(),
            rx.cond(TodayState.permissions.contains("reservations.create"),
                    rx.link(rx.button(rx.icon("user_plus", size=16), "Walk-in", variant="soft"),
                            href="/reservations/new?walk_in=1", id="walk-in")),
            rx.input(placeholder="Filter by guest, reference or room",
                     value=TodayState.filter_text,
                     on_change=TodayState.set_filter.debounce(200),
                     id="today-filter", width="18rem"),
            width="100%", margin_bottom="0.75rem", wrap="wrap",
        ),
        reservation_table([getattr(TodayState, name) for name in ROW_SLICES], table_id="today-list",
                          row=_row, count=TodayState.row_count,
                          empty="No one on this list."),
        page_id="pms-today",
        title="Today",
    )
