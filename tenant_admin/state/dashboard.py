"""Dashboard: occupancy, ADR and RevPAR per property and for the chain, today / MTD / YTD."""

from __future__ import annotations

import asyncio

import reflex as rx

from core.errors import DomainError
from core.reports.kpis import PERIODS, Figures, chain_kpis
from tenant_admin.state.base import AdminState

PERIOD_LABELS = {"today": "Today", "mtd": "Month to date", "ytd": "Year to date"}


def figures_row(name: str, currency: str, figures: dict[str, Figures]) -> dict:
    row: dict = {"name": name, "currency": currency}
    for period in PERIODS:
        f = figures[period]
        row[period] = {"occupancy": f"{f.occupancy}%", "adr": f"{f.adr} {currency}",
                       "revpar": f"{f.revpar} {currency}", "sold": f.rooms_sold,
                       "available": f.rooms_available}
    return row


class DashboardState(AdminState):
    period: str = "mtd"
    rows: list[dict] = []
    totals: list[dict] = []
    chart: list[dict] = []
    unavailable: list[str] = []
    as_of: str = ""
    loading: bool = False
    _charts: dict[str, list[dict]] = {}

    @rx.event
    async def load(self):
        redirect = self._check_session()
        if redirect:
            return redirect
        if not self._can("reports.view"):
            self.error = "You cannot see reports."
            return None
        self.loading = True
        try:
            # Each property's database is read in turn; keep the event loop free meanwhile.
            kpis = await asyncio.to_thread(chain_kpis, self._chain_actor())
        except DomainError as exc:
            self.error, self.loading = exc.message, False
            return None
        self.rows = [figures_row(p.name, p.currency, p.periods) for p in kpis.properties]
        self.totals = [figures_row(f"Chain ({cur})", cur, figs)
                       for cur, figs in sorted(kpis.totals.items())]
        self.unavailable = kpis.unavailable
        self.as_of = ", ".join(sorted({p.as_of.strftime("%d %b %Y") for p in kpis.properties}))
        self._charts = {period: [{"name": p.name,
                                  "occupancy": float(p.periods[period].occupancy),
                                  "adr": float(p.periods[period].adr),
                                  "revpar": float(p.periods[period].revpar)}
                                 for p in kpis.properties] for period in PERIODS}
        self.chart = self._charts.get(self.period, [])
        self.loading = False
        return None

    @rx.event
    def choose_period(self, period: str | list[str]):
        if isinstance(period, str) and period in PERIODS:
            self.period = period
            self.chart = self._charts.get(period, [])
