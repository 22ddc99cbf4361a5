"""Create-property wizard: details, first room types, then provisioning with live progress."""

from __future__ import annotations

from zoneinfo import available_timezones

import reflex as rx

from tenant_admin.components.shell import admin_page, field
from tenant_admin.state.wizard import WizardState
from ui_kit import card

# Every IANA zone, offered as suggestions while typing (the service refuses anything else).
TIMEZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


def _err(name: str) -> rx.Var:
    return WizardState.field_errors.get(name, "")


def _room_type_row(i: rx.Var) -> rx.Component:
    n = i.to_string()
    return rx.table.row(
        rx.table.cell(rx.input(name="rt_code_" + n, placeholder="DBL", id="rt-code-" + n,
                               max_length=20)),
        rx.table.cell(rx.input(name="rt_name_" + n, placeholder="Double room",
                               id="rt-name-" + n)),
        rx.table.cell(rx.input(name="rt_rooms_" + n, type="number", min=0, max=99,
                               placeholder="10", id="rt-rooms-" + n)),
        rx.table.cell(rx.input(name="rt_occupancy_" + n, type="number", min=1, max=20,
                               placeholder="2", id="rt-occupancy-" + n)),
        rx.table.cell(rx.text(
            WizardState.field_errors.get("room_types." + n + ".code", ""), " ",
            WizardState.field_errors.get("room_types." + n + ".name", ""), " ",
            WizardState.field_errors.get("room_types." + n + ".rooms", ""), " ",
            WizardState.field_errors.get("room_types." + n + ".max_occupancy", ""),
            size="1", color_scheme="red")),
    )


def _details() -> rx.Component:
    return card(
        rx.heading("The property", size="4"),
        rx.grid(
            field("Name", rx.input(name="name", id="wizard-name", required=True),
                  _err("name")),
            field("Web address name (slug)",
                  rx.input(name="slug", id="wizard-slug", placeholder="harbour-view",
                           required=True), _err("slug")),
            field("Time zone", rx.fragment(
                rx.input(name="timezone", id="wizard-timezone", default_value="Europe/Lisbon",
                         list="wizard-timezones", required=True),
                rx.el.datalist(*[rx.el.option(value=tz) for tz in TIMEZONES],
                               id="wizard-timezones")), _err("timezone")),
            field("Currency", rx.input(name="currency", id="wizard-currency",
                                       default_value="EUR", max_length=3), _err("currency")),
            columns="2", spacing="3", width="100%",
        ),
        field("Address", rx.text_area(name="address", id="wizard-address", rows="2"),
              _err("address")),
    )


def _room_types() -> rx.Component:
    return card(
        rx.heading("First room types", size="4"),
        rx.text("Each type gets its own floor: rooms 101, 102, … for the first, 201, … for the "
                "second. Rows left empty are skipped; more types can be added later in the PMS.",
                size="2", color_scheme="gray"),
        rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell("Code"), rx.table.column_header_cell("Name"),
                rx.table.column_header_cell("Rooms"),
                rx.table.column_header_cell("Max guests"), rx.table.column_header_cell(""))),
            rx.table.body(rx.foreach(WizardState.rows, _room_type_row)),
            width="100%",
        ),
        rx.button("Add a room type", type="button", variant="soft", on_click=WizardState.add_row,
                  id="wizard-add-row", width="fit-content"),
    )


def _progress() -> rx.Component:
    return card(
        rx.heading("Provisioning", size="4"),
        rx.progress(value=WizardState.fraction, max=100, id="wizard-progress"),
        rx.vstack(rx.foreach(WizardState.steps, lambda s: rx.hstack(
            rx.icon("check", size=14, color="green"), rx.text(s, size="2"))),
            spacing="1", id="wizard-steps"),
        rx.cond(WizardState.created_slug != "",
                rx.link("Back to the properties", href="/", id="wizard-done")),
    )


def wizard() -> rx.Component:
    return admin_page(
        "New property",
        rx.form(
            rx.vstack(
                _details(),
                _room_types(),
                rx.button("Create the property", type="submit", size="3",
                          loading=WizardState.running, disabled=WizardState.running,
                          id="wizard-submit"),
                spacing="4", align="stretch",
            ),
            on_submit=WizardState.create,
        ),
        rx.cond(WizardState.running | (WizardState.steps.length() > 0), _progress()),
        page_id="admin-wizard",
    )
