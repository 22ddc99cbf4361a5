"""Dashboard page: the chain's KPIs in a table per period and as charts."""

from __future__ import annotations

import reflex as rx

from tenant_admin.components.shell import admin_page
from tenant_admin.state.dashboard import PERIOD_LABELS, DashboardState
from ui_kit import card


def _kpi_cells(row: rx.Var, period: str) -> list[rx.Component]:
    f = row[period].to(dict)
    return [rx.table.cell(f["occupancy"], class_name=f"kpi-{period}-occupancy"),
            rx.table.cell(f["adr"], class_name=f"kpi-{period}-adr"),
            rx.table.cell(f["revpar"], class_name=f"kpi-{period}-revpar")]


def _row(row: rx.Var) -> rx.Component:
    return _kpi_row(row, "regular")


def _total_row(row: rx.Var) -> rx.Component:
    return _kpi_row(row, "bold")


def _kpi_row(row: rx.Var, weight: str) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(row["name"], weight=weight)),
        *[c for period in PERIOD_LABELS for c in _kpi_cells(row, period)],
        id="kpi-row-" + row["name"].to(str),
    )


def _table() -> rx.Component:
    header = [rx.table.column_header_cell("Property")]
    for label in PERIOD_LABELS.values():
        header += [rx.table.column_header_cell(f"{label}: occupancy"),
                   rx.table.column_header_cell("ADR"), rx.table.column_header_cell("RevPAR")]
    return rx.table.root(
        rx.table.header(rx.table.row(*header)),
        rx.table.body(rx.foreach(DashboardState.rows, _row),
                      rx.foreach(DashboardState.totals, _total_row)),
        width="100%", id="kpi-table", size="1",
    )


def _charts() -> rx.Component:
    return rx.grid(
        card(rx.text("Occupancy %", weight="medium"),
             rx.recharts.bar_chart(
                 rx.recharts.bar(data_key="occupancy", fill=rx.color("accent", 9)),
                 rx.recharts.x_axis(data_key="name"), rx.recharts.y_axis(),
                 rx.recharts.graphing_tooltip(),
                 data=DashboardState.chart, height=260, width="100%")),
        card(rx.text("ADR and RevPAR", weight="medium"),
             rx.recharts.bar_chart(
                 rx.recharts.bar(data_key="adr", fill=rx.color("teal", 7), name="ADR"),
                 rx.recharts.bar(data_key="revpar", fill=rx.color("amber", 9), name="RevPAR"),
                 rx.recharts.x_axis(data_key="name"), rx.recharts.y_axis(),
                 rx.recharts.legend(), rx.recharts.graphing_tooltip(),
                 data=DashboardState.chart, height=260, width="100%")),
        columns="2", spacing="4", width="100%", id="kpi-charts",
    )


def dashboard() -> rx.Component:
    return admin_page(
        "Dashboard",
        rx.text("Business date: ", DashboardState.as_of, size="2", color_scheme="gray"),
        rx.cond(DashboardState.loading, rx.spinner()),
        rx.cond(DashboardState.unavailable.length() > 0,
                rx.callout("Could not read: " + DashboardState.unavailable.join(", "),
                           color_scheme="amber", icon="triangle_alert")),
        card(_table()),
        rx.segmented_control.root(
            *[rx.segmented_control.item(label, value=key) for key, label in PERIOD_LABELS.items()],
            value=DashboardState.period, on_change=DashboardState.choose_period,
            id="kpi-period",
        ),
        _charts(),
        page_id="admin-dashboard",
    )
