"""Reservation tables and status badges shared by the Today, list and tape-chart pages."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

RES_STATUS_COLORS = {"hold": "amber", "confirmed": "blue", "checked_in": "green",
                     "checked_out": "gray", "cancelled": "red", "no_show": "orange",
                     "expired": "gray", "out_of_order": "red"}


def res_status(status: rx.Var, label: rx.Var | None = None) -> rx.Component:
    return rx.badge(label if label is not None else status,
                    color_scheme=rx.match(status, *RES_STATUS_COLORS.items(), "gray"),
                    variant="soft", radius="full")


def reservation_table(rows: rx.Var | list[rx.Var],
                      actions: Callable[[rx.Var], rx.Component] | None = None,
                      *, table_id: str, empty: str = "Nothing to show.",
                      row: Callable[[rx.Var], rx.Component] | None = None,
                      count: rx.Var | None = None) -> rx.Component:
    """`row` replaces the default row (a live page passes a memoised one); `actions` adds a
    last column to the default row."""
    headers = ["Guest", "Reference", "Stay", "Room", "Status", "Total"]
    if actions is not None or row is not None:
        headers.append("")

    def default_row(r: rx.Var) -> rx.Component:
        cells = [
            rx.table.cell(rx.link(r["guest"], href="/reservations/" + r["id"].to(str))),
            rx.table.cell(rx.code(r["reference"])),
            rx.table.cell(r["arrival"], " → ", r["departure"], " (", r["nights"], ")"),
            rx.table.cell(r["room"]),
            rx.table.cell(res_status(r["status"], r["status_label"])),
            rx.table.cell(r["total"]),
        ]
        if actions is not None:
            cells.append(rx.table.cell(actions(r)))
        # Keyed by reservation, not position: a booking added to a live list mounts one row
        # instead of shifting every row after it.
        return rx.table.row(*cells, id="row-" + r["id"].to(str), key=r["id"].to(str),
                            class_name="reservation-row")

    parts = rows if isinstance(rows, list) else [rows]
    return rx.cond(
        (count if count is not None else parts[0].length()) > 0,
        rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
            rx.table.body(*[rx.foreach(part, row or default_row) for part in parts]),
            width="100%", variant="surface", id=table_id,
        ),
        rx.text(empty, color_scheme="gray", id=table_id + "-empty"),
    )
