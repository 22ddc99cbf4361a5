"""The registration card form on the reservation page (shown while the stay is before or at check-in)."""

from __future__ import annotations

import reflex as rx

from pms_app.state.registration import RegistrationState as R
from ui_kit import card

_SELECT_STYLE = {"padding": "0.4rem", "borderRadius": "6px"}


def _error(name: str) -> rx.Component:
    return rx.cond(R.card_errors.contains(name),
                   rx.text(R.card_errors[name], color_scheme="red", size="1",
                           class_name="field-error", id=f"reg-{name}-error"))


def _field(label: str, control: rx.Component, name: str) -> rx.Component:
    return rx.vstack(rx.text(label, size="2", weight="medium"), control, _error(name),
                     spacing="1", width="100%")


def registration_card() -> rx.Component:
    form = rx.form(
        rx.grid(
            _field("Nationality", rx.input(name="nationality", id="reg-nationality",
                                           default_value=R.values["nationality"],
                                           placeholder="PT", max_length=2), "nationality"),
            _field("Date of birth", rx.input(name="date_of_birth", type="date",
                                             id="reg-date-of-birth",
                                             default_value=R.values["date_of_birth"]),
                   "date_of_birth"),
            _field("ID document", rx.el.select(
                rx.el.option("Choose…", value=""),
                rx.foreach(R.document_types, lambda t: rx.el.option(t["label"], value=t["value"])),
                name="document_type", id="reg-document-type",
                default_value=R.values["document_type"], style=_SELECT_STYLE), "document_type"),
            _field("Document number", rx.input(name="document_number", id="reg-document-number",
                                               default_value=R.values["document_number"],
                                               max_length=30), "document_number"),
            columns=rx.breakpoints(initial="1", sm="2", md="4"), spacing="3", width="100%",
        ),
        _field("Home address", rx.text_area(name="address", id="reg-address", rows="2", width="100%",
                                            default_value=R.values["address"]), "address"),
        rx.vstack(
            rx.el.label(rx.hstack(
                rx.el.input(type="checkbox", name="consent", id="reg-consent"),
                rx.text("The guest confirms these details and accepts the house rules and the "
                        "processing of their data for registration.", size="2"),
                spacing="2", align="start")),
            _error("consent"), spacing="1"),
        rx.button("Save registration card", type="submit", id="reg-save", margin_top="0.5rem"),
        on_submit=R.save, reset_on_submit=False, key=R.reservation_id, width="100%",
    )
    return rx.box(rx.cond(R.open, card(
        rx.hstack(rx.heading("Registration card", size="4"),
                  rx.cond(R.complete, rx.badge("Complete", color_scheme="green"),
                          rx.badge("To take", color_scheme="amber")),
                  align="center", spacing="2"),
        rx.cond(R.card_notice != "", rx.callout(R.card_notice, icon="check",
                                                color_scheme="green", id="reg-notice")),
        rx.cond(R.card_error != "", rx.callout(R.card_error, icon="triangle_alert",
                                               color_scheme="red", id="reg-error")),
        form, id="registration-card",
    )), on_mount=R.load, width="100%")
