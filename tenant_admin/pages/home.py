"""Properties page: the operator's chain with its properties and their status."""

from __future__ import annotations

import reflex as rx

from tenant_admin.components.shell import admin_page
from tenant_admin.state.home import OverviewState
from ui_kit import card, empty_state, status_badge


def _property_row(prop: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(prop["name"]),
        rx.table.cell(rx.code(prop["slug"])),
        rx.table.cell(prop["timezone"]),
        rx.table.cell(prop["currency"]),
        rx.table.cell(status_badge(prop["status"].to(str))),
        id="admin-property-" + prop["slug"].to(str),
    )


def _chain_card(chain: rx.Var) -> rx.Component:
    props = chain["properties"].to(list[dict])
    return card(
        rx.hstack(rx.icon("network", size=20), rx.heading(chain["name"], size="5"),
                  rx.badge(chain["slug"].to(str), variant="outline"),
                  align="center", spacing="2"),
        rx.cond(
            props.length() > 0,
            rx.table.root(
                rx.table.header(rx.table.row(
                    rx.table.column_header_cell("Property"),
                    rx.table.column_header_cell("Slug"),
                    rx.table.column_header_cell("Time zone"),
                    rx.table.column_header_cell("Currency"),
                    rx.table.column_header_cell("Status"),
                )),
                rx.table.body(rx.foreach(props, _property_row)),
                width="100%",
            ),
            rx.text("No properties in this chain yet.", color_scheme="gray"),
        ),
        id="admin-chain-" + chain["slug"].to(str),
        class_name="admin-chain",
        width="100%",
    )


def home() -> rx.Component:
    return admin_page(
        "Chains and properties",
        rx.text(OverviewState.property_count, " properties", color_scheme="gray",
                id="admin-property-count"),
        rx.cond(
            OverviewState.chains.length() > 0,
            rx.vstack(rx.foreach(OverviewState.chains, _chain_card), spacing="4",
                      width="100%", id="admin-chain-list"),
            rx.cond(
                OverviewState.loaded & (OverviewState.error == ""),
                empty_state("No chains yet.", "Load the demo chain with ./gj seed.",
                            id="admin-no-chains"),
                rx.spinner(id="admin-loading"),
            ),
        ),
        page_id="admin-home",
        actions=(rx.cond(OverviewState.permissions.contains("properties.manage"),
                         rx.link(rx.button(rx.icon("plus"), "New property"),
                                 href="/properties/new", id="admin-new-property")),),
    )
