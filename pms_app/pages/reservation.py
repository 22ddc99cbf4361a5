"""One reservation: guest, stay, rooms, nightly prices, balance, history, viewers and actions."""

from __future__ import annotations

import reflex as rx

from pms_app.components.folio_panel import folio_panel
from pms_app.components.notes_panel import notes_panel
from pms_app.components.registration_card import registration_card
from pms_app.components.shell import desk_shell
from pms_app.components.tables import res_status, reservation_table
from pms_app.state.reservation import ReservationState as S
from ui_kit import card


def _kv(label: str, value, **props) -> rx.Component:
    return rx.hstack(rx.text(label, color_scheme="gray", size="2", min_width="9rem"),
                     rx.text(value, size="2", **props), spacing="3")


def _viewers() -> rx.Component:
    return rx.cond(S.viewers.length() > 0, rx.callout(
        rx.hstack(rx.text("Also viewing:"), rx.foreach(S.viewers, lambda n: rx.badge(n)),
                  spacing="2"),
        icon="eye", color_scheme="amber", id="other-viewers", margin_bottom="0.75rem"))


def _check_in_panel() -> rx.Component:
    return rx.cond(
        S.can_check_in & ((S.res["status"] == "confirmed") | (S.res["status"] == "hold")),
        card(
            rx.heading("Check in", size="4"),
            rx.text("Choose a room, or leave it to pick the best clean, vacant room.", size="2"),
            rx.select.root(
                rx.select.trigger(placeholder="Best available room", id="check-in-room"),
                rx.select.content(rx.foreach(S.room_options, lambda r: rx.select.item(
                    r["number"] + rx.cond(r["status"] != "", " · " + r["status"], ""),
                    value=r["id"]))),
                value=S.chosen_room, on_change=S.choose_room,
            ),
            rx.cond(S.res["balance"] != "", rx.text("Balance: ", S.res["balance"], size="2")),
            rx.button("Check in", on_click=S.check_in, id="check-in"),
        ),
    )


def _id_documents() -> rx.Component:
    return rx.cond(S.can_check_in, card(
        rx.heading("ID document", size="4"),
        rx.text("A scan or photo of the guest's ID (JPEG, PNG, WebP or PDF, up to 10 MB). "
                "It is stored privately; only the desk can open it.", size="2"),
        rx.foreach(S.id_docs, lambda m: rx.text(m["kind"], " · ", m["at"], " · ", m["by"],
                                               size="2", class_name="id-doc")),
        rx.hstack(
            rx.upload(rx.button("Choose file", variant="soft", type="button"),
                      id="id-upload", max_files=1, multiple=False, border="none", padding="0",
                      accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"],
                              "image/webp": [".webp"], "application/pdf": [".pdf"]}),
            rx.text(rx.selected_files("id-upload").join(", "), size="2", id="id-selected"),
            rx.button("Upload ID", id="upload-id",
                      on_click=S.upload_id(rx.upload_files(upload_id="id-upload"))),
            spacing="3", align="center", wrap="wrap",
        ),
        rx.cond(S.field_errors.contains("file"),
                rx.text(S.field_errors["file"], color_scheme="red", size="1")),
    ))


def _actions() -> rx.Component:
    status = S.res["status"]
    return rx.hstack(
        rx.cond(S.can_check_out & (status == "checked_in"),
                rx.button("Check out", on_click=S.check_out, id="check-out")),
        rx.cond(S.can_cancel & ((status == "confirmed") | (status == "hold")),
                rx.button("Cancel reservation", color_scheme="red", variant="soft",
                          on_click=S.ask_cancel, id="cancel")),
        rx.cond(S.can_cancel & (status == "confirmed"),
                rx.button("No-show", color_scheme="orange", variant="soft",
                          on_click=S.no_show, id="no-show")),
        spacing="3", wrap="wrap",
    )


def _cancel_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("Cancel this reservation?"),
            rx.alert_dialog.description(
                "The cancellation fee under the booked policy is ",
                rx.text.strong(S.res["cancel_fee"], id="cancel-fee"), "."),
            rx.cond(S.res["cancel_card"] != "",
                    rx.text(S.res["cancel_card"], id="cancel-card", weight="medium",
                            margin_top="0.5rem")),
            rx.input(placeholder="Reason (optional)", value=S.cancel_reason,
                     on_change=S.set_cancel_reason, id="cancel-reason", margin_y="0.75rem"),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Keep it", variant="soft", on_click=S.keep)),
                rx.alert_dialog.action(rx.button("Cancel and charge the fee", color_scheme="red",
                                                 on_click=S.cancel, id="confirm-cancel")),
                spacing="3", justify="end",
            ),
        ),
        open=S.confirm_cancel,
    )


def _payment() -> rx.Component:
    return rx.cond(S.can_take_payment & (S.res["open_balance"] != ""), card(
        rx.heading("Take payment", size="4"),
        rx.hstack(
            rx.input(placeholder="Amount", value=S.pay_amount, id="pay-amount",
                     on_change=lambda v: S.set_payment("amount", v)),
            rx.select(["cash", "terminal", "bank_transfer"], value=S.pay_method,
                      on_change=lambda v: S.set_payment("method", v), id="pay-method"),
            rx.button("Record payment", on_click=S.take_payment, variant="soft",
                      id="take-payment"),
            spacing="2", wrap="wrap",
        ),
    ))


def _city_ledger() -> rx.Component:
    return rx.cond(S.can_bill_account & (S.res["open_balance"] != "")
                   & (S.accounts.length() > 0), card(
        rx.heading("Bill to a company account", size="4"),
        rx.text("Check-out needs a settled folio: take payment, or move the balance to the "
                "company's city-ledger account.", size="2"),
        rx.hstack(
            rx.select.root(
                rx.select.trigger(placeholder="Company account", id="account-select"),
                rx.select.content(rx.foreach(S.accounts, lambda a: rx.select.item(
                    a["label"], value=a["id"]))),
                value=S.account_id, on_change=S.choose_account,
            ),
            rx.button("Move balance", on_click=S.bill_to_account, variant="soft",
                      id="bill-to-account"),
            spacing="2",
        ),
    ))


def _change_offer(o: rx.Var, i: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(o["room_type"], " · ", o["rate_plan"], " · ", o["total"], " ", o["currency"],
                size="2"),
        rx.button("Change to this", size="1", variant="soft", on_click=S.change_to(i),
                  id="change-to-" + i.to(str)),
        spacing="3", align="center",
    )


def _dates() -> rx.Component:
    return rx.cond(S.can_modify & ((S.res["status"] == "confirmed")
                                   | (S.res["status"] == "checked_in")), card(
        rx.heading("Change the stay", size="4"),
        rx.hstack(
            rx.input(type="date", value=S.new_arrival, id="new-arrival",
                     on_change=lambda v: S.set_dates("arrival", v)),
            rx.input(type="date", value=S.new_departure, id="new-departure",
                     on_change=lambda v: S.set_dates("departure", v)),
            rx.input(type="number", min="1", value=S.new_adults, id="new-adults", width="5rem",
                     on_change=lambda v: S.set_dates("adults", v)),
            rx.button("Re-price and change", on_click=S.change_dates, variant="soft",
                      id="change-dates"),
            spacing="2", wrap="wrap",
        ),
        rx.foreach(S.field_errors, lambda kv: rx.text(kv[0], " ", kv[1], color_scheme="red",
                                                      size="1")),
        rx.cond(S.res["status"] == "confirmed", rx.vstack(
            rx.button("Room type or rate …", on_click=S.show_change_options, variant="ghost",
                      id="change-options"),
            rx.foreach(S.change_offers, _change_offer),
            spacing="2", align="start",
        )),
    ))


def _body() -> rx.Component:
    return rx.vstack(
        _viewers(),
        rx.cond(S.notice != "", rx.callout(S.notice, icon="check", color_scheme="green",
                                           id="reservation-notice")),
        rx.hstack(rx.heading(S.guest["name"], size="5", id="guest-name"),
                  rx.code(S.res["reference"], id="reference"),
                  res_status(S.res["status"], S.res["status_label"]),
                  align="center", spacing="3", id="reservation-status"),
        _actions(),
        rx.grid(
            card(rx.heading("Stay", size="4"),
                 _kv("Dates", S.res["arrival"] + " → " + S.res["departure"]),
                 _kv("Nights", S.res["nights"]), _kv("Guests", S.res["adults"]),
                 _kv("Room type", S.res["room_type"]), _kv("Rate", S.res["rate_plan"]),
                 _kv("Room", S.res["room"], id="room-number"),
                 _kv("Channel", S.res["channel"]), _kv("Requests", S.res["requests"])),
            card(rx.heading("Guest", size="4"), _kv("Email", S.guest["email"]),
                 _kv("Phone", S.guest["phone"]), _kv("Language", S.guest["language"]),
                 rx.heading("Money", size="4"), _kv("Total", S.res["total"]),
                 rx.cond(S.res["balance"] != "",
                         _kv("Balance", S.res["balance"], id="balance"))),
            columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%",
        ),
        notes_panel(),
        registration_card(),
        _check_in_panel(),
        _id_documents(),
        _payment(),
        _city_ledger(),
        folio_panel(),
        _dates(),
        rx.grid(
            card(rx.heading("Nightly prices", size="4"),
                 rx.foreach(S.nights, lambda n: _kv(n["date"], n["amount"])),
                 rx.heading("Rooms", size="4"),
                 rx.foreach(S.rooms, lambda r: _kv(r["number"], r["from"] + " → " + r["to"]))),
            card(rx.heading("History", size="4"),
                 rx.foreach(S.history, lambda h: _kv(h["at"], h["what"])), id="history"),
            columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%",
        ),
        rx.cond(S.other_rooms.length() > 0, card(
            rx.heading("Other rooms of this booking", size="4"),
            reservation_table(S.other_rooms, table_id="other-rooms"))),
        _cancel_dialog(),
        spacing="4", width="100%", align="stretch",
    )


def reservation() -> rx.Component:
    return desk_shell(
        rx.cond(S.missing,
                rx.callout("This reservation does not exist at this property.", icon="info",
                           id="reservation-missing"),
                _body()),
        page_id="pms-reservation",
        title="Reservation",
    )
