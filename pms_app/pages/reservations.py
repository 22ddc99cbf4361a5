"""Reservations list: search, filters and pages."""

from __future__ import annotations

import reflex as rx

from pms_app.components.shell import desk_shell
from pms_app.components.tables import reservation_table
from pms_app.state.reservations import ReservationsState as S


def _date_filter(label: str, name: str, value: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="1", color_scheme="gray"),
        rx.input(type="date", value=value, on_change=lambda v: S.set_filter(name, v),
                 id=f"filter-{name}"),
        rx.cond(S.field_errors.contains(name),
                rx.text(S.field_errors[name], color_scheme="red", size="1")),
        spacing="1",
    )


def _select(name: str, value: rx.Var, options: rx.Var) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id=f"filter-{name}"),
        rx.select.content(rx.foreach(options, lambda o: rx.select.item(o["label"],
                                                                      value=o["value"]))),
        value=value, on_change=lambda v: S.set_filter(name, v),
    )


def reservations() -> rx.Component:
    return desk_shell(
        rx.hstack(
            rx.input(placeholder="Guest name, email or reference", value=S.query,
                     on_change=lambda v: S.set_filter("query", v),
                     id="filter-query", width="18rem"),
            _select("status", S.status, S.status_options),
            _select("room_type", S.room_type, S.room_type_options),
            rx.select(S.channel_options, value=S.channel,
                      on_change=lambda v: S.set_filter("channel", v), id="filter-channel"),
            _date_filter("Arriving from", "arrival_from", S.arrival_from),
            _date_filter("to", "arrival_to", S.arrival_to),
            wrap="wrap", spacing="3", align="end", margin_bottom="1rem",
        ),
        reservation_table(S.rows, table_id="reservation-list",
                          empty="No reservations match these filters."),
        rx.hstack(
            rx.button("Previous", on_click=S.go_page(S.page - 1), disabled=S.page <= 1,
                      variant="soft", id="page-prev"),
            rx.text("Page ", S.page, " of ", S.pages, " · ", S.total, " reservations",
                    id="page-info"),
            rx.button("Next", on_click=S.go_page(S.page + 1), disabled=S.page >= S.pages,
                      variant="soft", id="page-next"),
            align="center", spacing="3", margin_top="1rem",
        ),
        page_id="pms-reservations",
        title="Reservations",
    )
