"""New reservation and walk-in: stay → room type and rate → guest → confirm."""

from __future__ import annotations

import reflex as rx

from pms_app.components.shell import desk_shell
from pms_app.state.booking import BookingState as S
from ui_kit import card


def _input(label: str, name: str, value: rx.Var, setter, **props) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="2", weight="medium"),
        rx.input(value=value, on_change=lambda v: setter(name, v), id=f"booking-{name}",
                 **props),
        rx.cond(S.field_errors.contains(name),
                rx.text(S.field_errors[name], color_scheme="red", size="1",
                        id=f"booking-{name}-error")),
        spacing="1",
    )


def _offer(o: rx.Var, i: rx.Var) -> rx.Component:
    chosen = (S.chosen["room_type_id"] == o["room_type_id"]) & (
        S.chosen["rate_plan_id"] == o["rate_plan_id"])
    return rx.table.row(
        rx.table.cell(o["room_type"]), rx.table.cell(o["rate_plan"]),
        rx.table.cell(o["units_left"]), rx.table.cell(o["nightly"]),
        rx.table.cell(o["total"], " ", o["currency"]),
        rx.table.cell(rx.button(rx.cond(chosen, "Chosen", "Choose"), size="1",
                                variant=rx.cond(chosen, "solid", "soft"),
                                on_click=S.choose(i), id="choose-offer-" + i.to(str))),
        class_name="offer-row",
    )


def new_booking() -> rx.Component:
    return desk_shell(
        card(
            rx.heading(rx.cond(S.walk_in, "Walk-in: tonight's stay", "1. The stay"), size="4"),
            rx.hstack(
                rx.cond(~S.walk_in, _input("Arrival", "arrival", S.arrival, S.set_field,
                                           type="date")),
                _input("Departure", "departure", S.departure, S.set_field, type="date"),
                _input("Adults", "adults", S.adults, S.set_field, type="number", min="1"),
                _input("Rooms", "rooms", S.rooms, S.set_field, type="number", min="1"),
                rx.cond(~S.walk_in, _input("Group block code (optional)", "block", S.block_code,
                                           lambda _n, v: S.set_field("block_code", v))),
                rx.button("Search availability", on_click=S.search, id="booking-search"),
                align="end", spacing="3", wrap="wrap",
            ),
        ),
        rx.cond(S.searched, card(
            rx.heading("2. Room type and rate", size="4"),
            rx.cond(S.offers.length() > 0,
                    rx.table.root(
                        rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in (
                            "Room type", "Rate", "Left", "Per night", "Total", "")])),
                        rx.table.body(rx.foreach(S.offers, _offer)),
                        width="100%", id="offers"),
                    rx.text("Nothing can be sold for these dates.", id="no-offers")),
            margin_top="1rem",
        )),
        rx.cond(S.chosen.length() > 0, card(
            rx.heading("3. Guest", size="4"),
            rx.hstack(
                _input("First name", "first_name", S.guest["first_name"], S.set_field),
                _input("Last name", "last_name", S.guest["last_name"], S.set_field),
                _input("Email", "email", S.guest["email"], S.set_field, type="email"),
                _input("Phone", "phone", S.guest["phone"], S.set_field),
                spacing="3", wrap="wrap",
            ),
            _input("Notes", "notes", S.notes, S.set_field, width="100%"),
            rx.hstack(
                rx.text("Total: ", rx.text.strong(S.chosen["total"], " ", S.chosen["currency"]),
                        " × ", S.rooms, " room(s)"),
                rx.spacer(),
                rx.button("Confirm booking", on_click=S.confirm, id="booking-confirm",
                          size="3"),
                width="100%", align="center",
            ),
            margin_top="1rem",
        )),
        page_id="pms-new-booking",
        title=rx.cond(S.walk_in, "Walk-in", "New reservation"),
    )
