"""The reservation page's folio panel: each folio's lines and balance, and the folio actions."""

from __future__ import annotations

import reflex as rx

from pms_app.state.reservation import ReservationState as S
from ui_kit import card


def _field_error(name: str) -> rx.Component:
    return rx.cond(S.field_errors.contains(name),
                   rx.text(S.field_errors[name], color_scheme="red", size="1",
                           class_name="folio-field-error"))


def _line_form(line: rx.Var) -> rx.Component:
    """Reason/amount/target for the action opened on this line."""
    action = S.line_action
    return rx.cond(S.line_id == line["id"], rx.table.row(rx.table.cell(rx.vstack(
        rx.hstack(
            rx.cond(action == "transfer",
                    rx.select.root(
                        rx.select.trigger(placeholder="Move to folio", id="transfer-target"),
                        rx.select.content(rx.foreach(S.folios, lambda f: rx.select.item(
                            f["name"], value=f["id"]))),
                        value=S.line_target, on_change=lambda v: S.set_line("target", v)),
                    rx.input(placeholder="Reason", value=S.line_reason, id="line-reason",
                             on_change=lambda v: S.set_line("reason", v))),
            rx.cond(action == "refund",
                    rx.input(placeholder="Amount to refund", value=S.line_amount,
                             id="refund-amount", on_change=lambda v: S.set_line("amount", v))),
            rx.match(action,
                     ("reverse", rx.button("Reverse line", color_scheme="red",
                                           on_click=S.reverse_line, id="confirm-reverse")),
                     ("transfer", rx.button("Move line", on_click=S.transfer_line,
                                            id="confirm-transfer")),
                     ("refund", rx.button("Refund", color_scheme="orange",
                                          on_click=S.refund_line(line["payment_id"]),
                                          id="confirm-refund")),
                     rx.fragment()),
            rx.button("Close", variant="ghost", on_click=S.close_line_action),
            spacing="2", wrap="wrap", align="center",
        ),
        _field_error("reason"), _field_error("amount"), _field_error("target_folio_id"),
        _field_error("posting_id"), _field_error("payment_id"),
        spacing="1", align="start",
    ), col_span=5)))


def _line_actions(line: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.cond(S.can_post_charge & (line["correctable"] != ""),
                rx.button("Reverse", size="1", variant="ghost", class_name="reverse-line",
                          on_click=S.open_line_action(line["id"], "reverse"))),
        rx.cond(S.can_transfer & (line["correctable"] != "") & (S.folios.length() > 1),
                rx.button("Transfer", size="1", variant="ghost", class_name="transfer-line",
                          on_click=S.open_line_action(line["id"], "transfer"))),
        rx.cond(S.can_refund & (line["type"] == "payment") & (line["payment_id"] != ""),
                rx.button("Refund", size="1", variant="ghost", class_name="refund-line",
                          on_click=S.open_line_action(line["id"], "refund"))),
        spacing="1",
    )


def _line(line: rx.Var) -> rx.Component:
    return rx.fragment(
        rx.table.row(
            rx.table.cell(line["date"]), rx.table.cell(line["description"]),
            rx.table.cell(rx.badge(line["type"], variant="soft")),
            rx.table.cell(line["amount"], text_align="right"),
            rx.table.cell(_line_actions(line)),
            class_name="folio-line",
        ),
        _line_form(line),
    )


def _folio(folio: rx.Var) -> rx.Component:
    fid = folio["id"]
    return rx.vstack(
        rx.hstack(
            rx.heading(folio["name"], size="3"),
            rx.badge(folio["status"], color_scheme=rx.cond(folio["status"] == "open",
                                                           "green", "gray")),
            rx.spacer(),
            rx.text("Balance ", rx.text.strong(folio["balance"], " ", folio["currency"],
                                               class_name="folio-balance"), size="2"),
            rx.cond(S.can_invoice & (folio["status"] == "open"),
                    rx.button("Issue invoice", size="1", variant="soft",
                              class_name="issue-invoice", on_click=S.invoice_folio(fid))),
            width="100%", align="center", spacing="3",
        ),
        rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell("Date"), rx.table.column_header_cell("Description"),
                rx.table.column_header_cell("Type"),
                rx.table.column_header_cell("Amount", text_align="right"),
                rx.table.column_header_cell(""))),
            rx.table.body(rx.foreach(S.folio_lines[fid], _line)),
            size="1", width="100%",
        ),
        rx.foreach(S.folio_invoice_links[fid], lambda i: rx.link(
            rx.hstack(rx.icon("file_text", size=14), rx.text(i["number"], " (PDF)"),
                      spacing="1", align="center"),
            href=i["href"], is_external=True, class_name="invoice-pdf")),
        spacing="2", width="100%", align="start", class_name="folio", id="folio-" + fid,
    )


def _post_charge_form() -> rx.Component:
    return rx.cond(S.can_post_charge, rx.vstack(
        rx.heading("Post a charge", size="3"),
        rx.hstack(
            rx.cond(S.folios.length() > 1, rx.select.root(
                rx.select.trigger(placeholder="Folio", id="charge-folio"),
                rx.select.content(rx.foreach(S.folios, lambda f: rx.select.item(
                    f["name"], value=f["id"]))),
                value=S.charge_folio, on_change=lambda v: S.set_charge("folio", v))),
            rx.select(S.charge_types, value=S.charge_type, id="charge-type",
                      on_change=lambda v: S.set_charge("type", v)),
            rx.input(placeholder="Amount", value=S.charge_amount, id="charge-amount",
                     width="8rem", on_change=lambda v: S.set_charge("amount", v)),
            rx.input(placeholder="Description", value=S.charge_description,
                     id="charge-description",
                     on_change=lambda v: S.set_charge("description", v)),
            rx.button("Post charge", on_click=S.post_folio_charge, id="post-charge"),
            spacing="2", wrap="wrap",
        ),
        _field_error("charge_type"), _field_error("amount"), _field_error("description"),
        _field_error("folio_id"),
        spacing="2", align="start", width="100%",
    ))


def folio_panel() -> rx.Component:
    """Shown to users who may see folios; every action also checks its permission in core."""
    return rx.cond(S.permissions.contains("folio.view"), card(
        rx.heading("Folios", size="4"),
        rx.cond(S.folios.length() == 0,
                rx.text("No charges or payments yet.", size="2", color_scheme="gray")),
        rx.foreach(S.folios, _folio),
        _post_charge_form(),
        id="folio-panel",
    ))
