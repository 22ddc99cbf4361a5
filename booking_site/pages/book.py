"""Guest details, payment choice and the booking summary; then the confirmation page."""

from __future__ import annotations

import reflex as rx

from booking_site.components.shell import site_shell
from booking_site.state.book import CARD_JS, BookState
from ui_kit import error_callout


def _field(name: str, label: rx.Var, *, type_: str = "text", required: bool = False,
           autocomplete: str = "") -> rx.Component:
    fid = f"guest-{name}"
    return rx.vstack(
        rx.el.label(label, html_for=fid, class_name="rt-Text rt-r-size-2 rt-r-weight-medium"),
        rx.input(name=name, id=fid, type=type_, required=required, auto_complete=autocomplete,
                 aria_invalid=rx.cond(BookState.field_errors.contains(name), "true", "false")),
        rx.cond(BookState.field_errors.contains(name),
                rx.text(BookState.field_errors[name], size="1", color_scheme="red",
                        id=fid + "-error")),
        spacing="1", width="100%",
    )


def _guarantee() -> rx.Component:
    t = BookState.t
    return rx.el.fieldset(
        rx.el.legend(t["guarantee"], class_name="rt-Text rt-r-weight-medium"),
        rx.cond(~BookState.card_required, rx.el.label(
            rx.el.input(type="radio", name="guarantee", value="hotel", id="pay-at-hotel",
                        default_checked=BookState.guarantee == "hotel",
                        on_change=BookState.choose_guarantee("hotel")),
            " ", t["pay_at_hotel"], style={"display": "block"})),
        rx.cond(BookState.card_enabled, rx.el.label(
            rx.el.input(type="radio", name="guarantee", value="card", id="pay-by-card",
                        default_checked=BookState.guarantee == "card",
                        on_change=BookState.choose_guarantee("card")),
            " ", rx.cond(BookState.plan["guarantee"] == "deposit", t["pay_deposit"],
                         t["pay_by_card"]), style={"display": "block"})),
        rx.cond(BookState.guarantee == "card", rx.vstack(
            rx.text(t["card_details"], size="2", weight="medium", id="card-label"),
            # Stripe's card field is mounted here by /site/card.js; React never renders into it.
            rx.box(id="card-element", role="group", aria_labelledby="card-label",
                   padding="0.5rem", border=f"1px solid {rx.color('gray', 7)}",
                   border_radius="6px", width="100%", min_height="2.5rem"),
            rx.text(rx.cond(BookState.plan["guarantee"] == "deposit", t["deposit_note"],
                            t["card_note"]), size="1", color_scheme="gray"),
            rx.cond(BookState.field_errors.contains("card"),
                    rx.text(BookState.field_errors["card"], size="1", color_scheme="red",
                            id="card-error")),
            width="100%", spacing="1")),
        style={"border": "none", "padding": 0, "width": "100%"},
    )


def _line(label: rx.Var, value: rx.Var, id_: str) -> rx.Component:
    return rx.hstack(rx.text(label, size="2"), rx.spacer(), rx.text(value, size="2", id=id_),
                     width="100%")


def _summary() -> rx.Component:
    t = BookState.t
    return rx.card(rx.vstack(
        rx.heading(t["your_stay"], size="4", as_="h2"),
        rx.text(BookState.offer["name"], weight="bold"),
        rx.text(BookState.plan["name"]),
        rx.text(BookState.stay_text, size="2"),
        rx.hstack(rx.text(t["total"]), rx.spacer(),
                  rx.text(BookState.plan["total_fmt"], weight="bold", id="book-total"),
                  width="100%"),
        rx.cond(BookState.plan["guarantee"] == "deposit", rx.vstack(
            _line(t["charged_now"], BookState.plan["deposit_fmt"], "book-deposit"),
            _line(t["due_at_hotel"], BookState.plan["due_fmt"], "book-due"),
            width="100%", spacing="1")),
        rx.text(t["cancellation"], ": ", BookState.plan["policy"], size="1"),
    ), width="100%", id="book-summary")


def book() -> rx.Component:
    t = BookState.t
    return site_shell(
        rx.el.title(t["your_details"] + " · " + BookState.site_name),
        rx.script(src=CARD_JS),
        rx.cond(BookState.notice != "", rx.callout(BookState.notice, icon="info",
                                                     color_scheme="amber", id="book-notice")),
        rx.cond(BookState.error != "", error_callout(BookState.error, id="book-error")),
        rx.cond(BookState.plan.length() > 0, rx.flex(
            rx.form(rx.vstack(
                rx.heading(t["your_details"], size="5", as_="h1"),
                rx.flex(_field("first_name", t["first_name"], autocomplete="given-name"),
                        _field("last_name", t["last_name"], required=True,
                               autocomplete="family-name"), gap="3", width="100%"),
                _field("email", t["email"], type_="email", autocomplete="email"),
                _field("phone", t["phone"], type_="tel", autocomplete="tel"),
                _field("notes", t["notes"]),
                _guarantee(),
                rx.button(rx.cond(BookState.submitting, rx.spinner(size="2"), rx.fragment()),
                          t["confirm_booking"], type="submit", size="3", id="confirm-booking",
                          disabled=BookState.submitting),
                spacing="3", width="100%",
            ), on_submit=BookState.submit, flex="2", min_width="280px"),
            rx.box(_summary(), flex="1", min_width="260px"),
            gap="4", wrap="wrap", width="100%",
        )),
        page_id="book-page",
    )


def confirmation() -> rx.Component:
    t = BookState.t
    return site_shell(
        rx.el.title(t["confirmed"] + " · " + BookState.site_name),
        rx.cond(BookState.reference != "", rx.card(rx.vstack(
            rx.icon("circle_check", size=40, color=rx.color("green", 9)),
            rx.heading(t["confirmed"], size="6", as_="h1"),
            rx.text(t["reference"], ": ", rx.code(BookState.reference, id="booking-reference",
                                                  size="5")),
            rx.text(BookState.confirmed_total, id="confirmed-total"),
            rx.cond(BookState.confirmed_charged != "",
                    rx.text(t["charged_now"], ": ", BookState.confirmed_charged,
                            id="confirmed-charged")),
            rx.cond(BookState.confirmed_held != "",
                    rx.text(t["held_on_card"], ": ", BookState.confirmed_held,
                            id="confirmed-held")),
            rx.text(t["due_at_hotel"], ": ", BookState.confirmed_due, id="confirmed-due"),
            rx.cond(BookState.confirmed_email != "",
                    rx.text(t["email_sent"], " ", BookState.confirmed_email)),
            rx.link(t["manage_booking"], href="/p/" + BookState.slug + "/manage"),
            align="center", spacing="3",
        ), width="100%"), rx.text(t["no_confirmation"])),
        page_id="confirmation-page",
    )
