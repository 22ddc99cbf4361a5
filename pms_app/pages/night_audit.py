"""Night audit: the business date, what closing it does, the Run button and past reports."""

from __future__ import annotations

import reflex as rx

from pms_app.components.shell import desk_shell
from pms_app.state.night_audit import REPORTS
from pms_app.state.night_audit import NightAuditState as S
from ui_kit import card


def _tonight() -> rx.Component:
    return card(
        rx.heading("Close ", rx.code(S.audit_date, id="audit-date"), size="4"),
        rx.text("Running the audit posts tonight's room and tax to the ", S.in_house,
                " in-house stays, marks the ", S.arrivals_pending,
                " arrivals who have not checked in as no-shows (with the fee of their policy), "
                "checks that the ledger balances, stores the manager's flash and the trial "
                "balance, and moves the business date to the next day. It happens in one "
                "transaction: on any error nothing changes.", size="2", id="audit-plan"),
        rx.cond(S.already_run,
                rx.text("This date is already closed.", size="2", color_scheme="gray")),
        rx.cond(S.running_by != "", rx.callout(
            f"The audit of this date is running now (started by {S.running_by}). This page "
            "shows the result when it ends.", icon="loader", color_scheme="blue",
            id="audit-running")),
        rx.button("Run night audit", on_click=S.run_audit, id="run-audit",
                  disabled=S.already_run | (S.running_by != ""), color_scheme="indigo"),
    )


def _downloads(r: rx.Var) -> rx.Component:
    return rx.hstack(*[
        rx.hstack(rx.text(label, size="1"),
                  rx.link("PDF", href=r[f"{kind}_pdf"], is_external=True, size="1",
                          class_name=f"{kind}-pdf"),
                  rx.link("CSV", href=r[f"{kind}_csv"], is_external=True, size="1",
                          class_name=f"{kind}-csv"),
                  spacing="1")
        for kind, label in REPORTS], spacing="3", wrap="wrap")


def _runs() -> rx.Component:
    return card(
        rx.heading("Past audits", size="4"),
        rx.cond(S.runs.length() == 0, rx.text("No audit has run yet.", size="2"), rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in (
                "Business date", "Run by", "Finished", "Postings", "No-shows", "Occupancy %",
                "Revenue", "Balanced", "Reports")])),
            rx.table.body(rx.foreach(S.runs, lambda r: rx.table.row(
                rx.table.cell(r["date"]), rx.table.cell(r["run_by"]),
                rx.table.cell(r["finished"]), rx.table.cell(r["postings"]),
                rx.table.cell(r["no_shows"]), rx.table.cell(r["occupancy"]),
                rx.table.cell(r["revenue"]),
                rx.table.cell(rx.badge(r["balanced"], color_scheme=rx.cond(
                    r["balanced"] == "yes", "green", "red"))),
                rx.table.cell(_downloads(r)), class_name="audit-run"))),
            size="1", width="100%", id="audit-runs",
        )),
    )


def night_audit() -> rx.Component:
    return desk_shell(
        rx.cond(
            S.allowed,
            rx.vstack(
                rx.cond(S.notice != "", rx.callout(S.notice, icon="check", color_scheme="green",
                                                   id="audit-notice")),
                _tonight(), _runs(), spacing="4", width="100%", align="stretch"),
            rx.callout("Running the night audit needs the night auditor's permission.",
                       icon="lock", id="audit-not-allowed"),
        ),
        page_id="pms-night-audit",
        title="Night audit",
    )
