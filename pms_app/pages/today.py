"""Today: the day's counts, and the lists the desk works from, each with its row actions."""

from __future__ import annotations

import reflex as rx

from pms_app.components.shell import desk_shell
from pms_app.components.tables import reservation_table
from pms_app.state.today import TodayState

TABS = [("arrivals", "Arrivals"), ("departures", "Departures"), ("in_house", "In house"),
        ("stay_overs", "Stay-overs"), ("no_shows", "No-shows")]


def _stat(label: str, key: str) -> rx.Component:
    return rx.card(
        rx.vstack(rx.text(label, size="1", color_scheme="gray"),
                  rx.heading(TodayState.counts[key], size="6", id=f"count-{key}"),
                  spacing="0"),
        min_width="8rem",
    )


def _actions(r: rx.Var) -> rx.Component:
    can = TodayState.permissions.contains
    return rx.hstack(
        rx.cond((r["status"] == "confirmed") & can("reservations.check_in"),
                rx.button("Check in", size="1", on_click=TodayState.check_in(r["id"]),
                          id="check-in-" + r["id"].to(str))),
        rx.cond((r["status"] == "checked_in") & can("reservations.check_out")
                & (TodayState.tab == "departures"),
                rx.button("Check out", size="1", color_scheme="gray",
                          on_click=TodayState.check_out(r["id"]),
                          id="check-out-" + r["id"].to(str))),
        rx.cond((r["status"] == "confirmed") & can("reservations.no_show")
                & can("reservations.cancel") & (TodayState.tab == "no_shows"),
                rx.button("No-show", size="1", color_scheme="orange", variant="soft",
                          on_click=TodayState.no_show(r["id"]),
                          id="no-show-" + r["id"].to(str))),
        spacing="2",
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
        reservation_table(TodayState.rows, _actions, table_id="today-list",
                          empty="No one on this list."),
        page_id="pms-today",
        title="Today",
    )
