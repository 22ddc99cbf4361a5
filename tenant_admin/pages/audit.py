"""Audit log page: filters, the entries newest first, and paging."""

from __future__ import annotations

import reflex as rx

from tenant_admin.components.shell import admin_page, field
from tenant_admin.state.audit import AuditState
from ui_kit import card


def _err(name: str) -> rx.Var:
    return AuditState.field_errors.get(name, "")


def _filters() -> rx.Component:
    return rx.form(
        rx.grid(
            field("Log", rx.el.select(
                rx.el.option("Chain console (operators)", value=""),
                rx.foreach(AuditState.properties,
                           lambda p: rx.el.option(p["name"], value=p["id"])),
                name="source", id="audit-source",
                style={"padding": "0.4rem", "borderRadius": "6px"}), _err("source")),
            field("Action starts with", rx.input(name="action", id="audit-action",
                                                 placeholder="users.")),
            field("Entity id", rx.input(name="entity_id", id="audit-entity")),
            field("From", rx.input(name="since", type="date", id="audit-since"), _err("since")),
            field("Until", rx.input(name="until", type="date", id="audit-until"), _err("until")),
            columns="5", spacing="3", width="100%",
        ),
        rx.button("Filter", type="submit", margin_top="0.75rem", id="audit-filter"),
        on_submit=AuditState.apply,
        reset_on_submit=False,
    )


def _entry(e: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(e["when"], size="1")),
        rx.table.cell(e["who"]),
        rx.table.cell(rx.code(e["action"])),
        rx.table.cell(rx.text(e["entity"], size="1")),
        rx.table.cell(rx.vstack(rx.text(e["summary"]),
                                rx.text(e["changes"], size="1", color_scheme="gray"),
                                spacing="0")),
        rx.table.cell(rx.text(e["ip"], size="1")),
        class_name="audit-entry",
    )


def audit_log() -> rx.Component:
    return admin_page(
        "Audit log",
        card(_filters()),
        card(
            rx.text(AuditState.total, " entries", size="2", color_scheme="gray",
                    id="audit-total"),
            rx.table.root(
                rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in (
                    "When (UTC)", "Who", "Action", "Entity", "What", "From")])),
                rx.table.body(rx.foreach(AuditState.entries, _entry)),
                width="100%", size="1", id="audit-table",
            ),
            rx.hstack(
                rx.button("Newer", on_click=AuditState.previous_page, variant="soft",
                          disabled=AuditState.page <= 1),
                rx.text("Page ", AuditState.page, size="2"),
                rx.button("Older", on_click=AuditState.next_page, variant="soft",
                          disabled=AuditState.page * 50 >= AuditState.total),
                align="center", spacing="3",
            ),
        ),
        page_id="admin-audit",
    )
