"""Audit log page: who did what at this property, when and from where, filtered and paged."""

from __future__ import annotations

import reflex as rx

from pms_app.components.shell import desk_shell
from pms_app.state.audit import PER_PAGE
from pms_app.state.audit import AuditLogState as S
from ui_kit import card, empty_state

_SELECT_STYLE = {"padding": "0.4rem", "borderRadius": "6px"}


def _field(label: str, control: rx.Component, name: str) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="2", weight="medium"), control,
        rx.cond(S.field_errors.get(name, "") != "",
                rx.text(S.field_errors.get(name, ""), size="1", color_scheme="red",
                        class_name="field-error")),
        spacing="1", width="100%")


def _filters() -> rx.Component:
    return rx.form(
        rx.grid(
            _field("Action starts with", rx.input(name="action", id="audit-action",
                                                  placeholder="reservations."), "action"),
            _field("Entity type", rx.input(name="entity_type", id="audit-entity-type",
                                           placeholder="reservation"), "entity_type"),
            _field("User", rx.el.select(
                rx.el.option("Anyone", value=""),
                rx.foreach(S.users, lambda u: rx.el.option(u["name"], value=u["id"])),
                name="user_id", id="audit-user", style=_SELECT_STYLE), "user_id"),
            _field("From", rx.input(name="since", type="date", id="audit-since"), "since"),
            _field("Until", rx.input(name="until", type="date", id="audit-until"), "until"),
            columns=rx.breakpoints(initial="1", sm="2", md="5"), spacing="3", width="100%",
        ),
        rx.hstack(
            rx.button("Filter", type="submit", id="audit-filter"),
            rx.button("Clear", type="reset", variant="soft", on_click=S.clear, id="audit-clear"),
            spacing="2", margin_top="0.75rem"),
        on_submit=S.apply, reset_on_submit=False,
    )


def _entry(e: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(e["when"], size="1", white_space="nowrap")),
        rx.table.cell(e["who"]),
        rx.table.cell(rx.text(e["ip"], size="1")),
        rx.table.cell(rx.code(e["action"])),
        rx.table.cell(rx.text(e["entity"], size="1")),
        rx.table.cell(rx.vstack(rx.text(e["summary"]),
                                rx.text(e["changes"], size="1", color_scheme="gray"),
                                spacing="0")),
        class_name="audit-entry",
    )


def _table() -> rx.Component:
    return rx.box(rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in (
            "When", "Who", "From", "Action", "Entity", "What")])),
        rx.table.body(rx.foreach(S.entries, _entry)),
        width="100%", size="1", id="audit-table",
    ), overflow_x="auto", width="100%")


def audit() -> rx.Component:
    return desk_shell(
        card(_filters()),
        card(
            rx.text(S.total, rx.cond(S.total == 1, " entry", " entries"), " · times in ", S.timezone, size="2", color_scheme="gray",
                    id="audit-total"),
            rx.cond(S.entries.length() > 0, _table(),
                    empty_state("No entries.", "Nothing matches these filters.",
                                id="audit-empty")),
            rx.hstack(
                rx.button("Newer", on_click=S.turn_page(-1), variant="soft",
                          disabled=S.page <= 1, id="audit-newer"),
                rx.text("Page ", S.page, " of ", S.page_count, size="2"),
                rx.button("Older", on_click=S.turn_page(1), variant="soft",
                          disabled=S.page * PER_PAGE >= S.total, id="audit-older"),
                align="center", spacing="3", margin_top="0.5rem",
            ),
        ),
        page_id="pms-audit", title="Audit log",
    )
