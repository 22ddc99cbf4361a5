"""Manage booking page: find a booking, see it, cancel a room after seeing the fee."""

from __future__ import annotations

import reflex as rx

from booking_site.components.shell import site_shell
from booking_site.state.manage import ManageState
from ui_kit import error_callout

LABEL = "rt-Text rt-r-size-2 rt-r-weight-medium"


def _lookup_form() -> rx.Component:
    t = ManageState.t
    return rx.form(rx.vstack(
        rx.heading(t["manage_booking"], size="6", as_="h1"),
        rx.el.label(t["reference"], html_for="manage-reference",
                    class_name="rt-Text rt-r-size-2 rt-r-weight-medium"),
        rx.input(name="reference", id="manage-reference", required=True,
                 auto_complete="off", max_length=20),
        rx.el.label(t["last_name_or_email"], html_for="manage-proof",
                    class_name="rt-Text rt-r-size-2 rt-r-weight-medium"),
        rx.input(name="proof", id="manage-proof", required=True),
        rx.button(t["find_booking"], type="submit", id="manage-find"),
        spacing="2", max_width="420px",
    ), on_submit=ManageState.lookup, width="100%")


def _change(r: rx.Var) -> rx.Component:
    t = ManageState.t
    return rx.vstack(
        rx.form(rx.flex(
            rx.el.input(type="hidden", name="reservation_id", value=r["id"]),
            rx.vstack(rx.el.label(t["arrival"], html_for="chg-arrival", class_name=LABEL),
                      rx.input(type="date", name="arrival", id="chg-arrival", required=True)),
            rx.vstack(rx.el.label(t["departure"], html_for="chg-departure", class_name=LABEL),
                      rx.input(type="date", name="departure", id="chg-departure",
                               required=True)),
            rx.vstack(rx.el.label(t["adults"], html_for="chg-adults", class_name=LABEL),
                      rx.input(type="number", name="adults", id="chg-adults", min="1",
                               max="8", default_value=r["guests"])),
            rx.button(t["new_price"], type="submit", variant="soft", id="chg-quote"),
            gap="2", wrap="wrap", align="end"), on_submit=ManageState.quote),
        rx.cond(ManageState.change["id"] == r["id"], rx.callout(rx.hstack(
            rx.text(t["total"], ": ", rx.text.strong(ManageState.change["total_fmt"],
                                                    id="chg-total"),
                    " (", ManageState.change["old"], ")"),
            rx.button(t["confirm_change"], on_click=ManageState.confirm_change,
                      id="chg-confirm"), align="center", wrap="wrap"),
            icon="info", color_scheme="blue")),
        width="100%", spacing="2",
    )


def _room(r: rx.Var) -> rx.Component:
    t = ManageState.t
    return rx.card(rx.vstack(
        rx.hstack(rx.heading(r["room_type"], size="4", as_="h2"), rx.spacer(),
                  rx.badge(r["status"], class_name="room-status"), width="100%"),
        rx.text(r["arrival"], " – ", r["departure"], " · ", r["guests"], " ", t["guests"]),
        rx.text(t["total"], ": ", r["total"]),
        rx.cond(r["policy"] != "", rx.text(t["cancellation"], ": ", r["policy"], size="1")),
        rx.cond(r["cancellation_fee"] != "",
                rx.text(t["cancel_fee"], ": ", r["cancellation_fee"], size="2")),
        rx.cond(r["cancellable"].to(bool), _change(r)),
        rx.cond(r["cancellable"].to(bool), rx.cond(
            ManageState.confirm_cancel_id == r["id"],
            rx.callout(rx.vstack(
                rx.text(t["cancel_fee"], ": ", rx.text.strong(r["fee"], id="cancel-fee-now")),
                rx.hstack(rx.button(t["confirm_cancel"], color_scheme="red",
                                    on_click=ManageState.cancel, id="confirm-cancel"),
                          rx.button(t["back"], variant="soft", on_click=ManageState.keep)),
            ), icon="triangle_alert", color_scheme="amber", role="alertdialog"),
            rx.button(t["cancel_booking"], variant="outline", color_scheme="red",
                      on_click=ManageState.ask_cancel(r["id"]), class_name="cancel-room"),
        )),
        width="100%", spacing="2",
    ), width="100%", class_name="managed-room")


def manage() -> rx.Component:
    return site_shell(
        rx.el.title(ManageState.t["manage_booking"] + " · " + ManageState.site_name),
        rx.cond(ManageState.error != "", error_callout(ManageState.error, id="manage-error")),
        rx.cond(ManageState.message != "", rx.callout(ManageState.message, icon="check",
                                                      color_scheme="green", id="manage-message")),
        rx.cond(
            ManageState.rooms.length() > 0,
            rx.vstack(
                rx.heading(ManageState.t["reference"], " ", ManageState.booking["reference"],
                           size="6", as_="h1", id="managed-reference"),
                rx.text(ManageState.booking["guest"]),
                rx.foreach(ManageState.rooms, _room),
                width="100%", spacing="3",
            ),
            _lookup_form(),
        ),
        page_id="manage-page",
    )
