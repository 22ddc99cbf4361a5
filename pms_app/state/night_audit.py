"""The night audit screen: what closing the business date will do, run it, download past reports."""

from __future__ import annotations

from datetime import date

import reflex as rx

from core.actor import Actor
from core.errors import DomainError
from core.night_audit.queries import audit_preview, past_runs
from core.night_audit.services import run_night_audit
from pms_app.state.base import PmsState

REPORTS = (("flash", "Manager's flash"), ("trial_balance", "Trial balance"))


def report_url(property_id: str, day: str, kind: str, fmt: str) -> str:
    """The API route that serves a stored report; it accepts the browser's session cookie."""
    return f"/api/v1/properties/{property_id}/night-audit/{day}/{kind}.{fmt}"


def _run_row(property_id: str, run) -> dict[str, str]:
    flash = run.summary.get("flash", {})
    trial = run.summary.get("trial_balance", {})
    day = run.business_date.isoformat()
    row = {"date": day, "run_by": run.run_by,
           "finished": run.finished_at.strftime("%d %b %H:%M") if run.finished_at else "",
           "postings": str(run.summary.get("postings", "")),
           "no_shows": str(run.summary.get("no_shows", "")),
           "occupancy": str(flash.get("occupancy_pct", "")),
           "revenue": f"{flash.get('total_revenue', '')} {flash.get('currency', '')}".strip(),
           "balanced": "yes" if trial.get("balanced") else "NO"}
    for kind, _ in REPORTS:
        for fmt in ("pdf", "csv"):
            row[f"{kind}_{fmt}"] = report_url(property_id, day, kind, fmt)
    return row


class NightAuditState(PmsState):
    audit_date: str = ""  # the business date shown, which Run closes (ISO)
    in_house: str = ""
    arrivals_pending: str = ""
    already_run: bool = False
    runs: list[dict[str, str]] = []
    notice: str = ""
    allowed: bool = False

    @rx.var
    def can_run(self) -> bool:
        return "night_audit.run" in self.permissions

    @rx.event
    def load(self):
        redirect, actor = self._session()
        if redirect is not None:
            return redirect
        self.notice, self.error, self.field_errors = "", "", {}
        self._reload(actor)
        return None

    def _reload(self, actor: Actor | None = None) -> None:
        actor = actor or self._actor()
        self.allowed = self.can_run
        if not self.allowed:  # the page says so; the service refuses anyway
            self.runs, self.audit_date = [], ""
            return
        preview = self._read_as(actor, audit_preview)
        self.audit_date = preview.business_date.isoformat()
        self.in_house = str(preview.in_house)
        self.arrivals_pending = str(preview.arrivals_pending)
        self.already_run = preview.already_run
        try:
            self.runs = [_run_row(self.property_id, r) for r in self._read_as(actor, past_runs)]
        except DomainError:  # may run the audit but not read reports
            self.runs = []

    @rx.event
    def run_audit(self):
        """Close the date on screen: a second click (or a second auditor) changes nothing
        instead of closing the following day too."""
        self.notice = ""
        try:
            day = date.fromisoformat(self.audit_date) if self.audit_date else None
        except ValueError:
            day = None
        result = self._write(run_night_audit, day)
        if result is not None:
            flash = result.summary.get("flash", {})
            self.notice = (f"Closed {result.business_date.isoformat()}: "
                           f"{result.summary.get('postings', 0)} room and tax postings, "
                           f"{result.summary.get('no_shows', 0)} no-shows, occupancy "
                           f"{flash.get('occupancy_pct', '0')}%.")
        self._reload()
        self._session()  # the shell shows the new business date
