"""The night audit screen: what closing the business date will do, run it, download past reports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

import reflex as rx

from core.actor import Actor
from core.errors import DomainError
from core.events.envelope import EventEnvelope
from core.night_audit.queries import audit_preview, past_runs
from core.night_audit.runner import close_business_date
from pms_app.state.base import PmsState
from ui_kit.live import LiveMixin

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


def closed_notice(day: str, postings, no_shows, occupancy) -> str:
    """The same sentence for the tab that ran the audit and every tab that saw it happen."""
    return (f"Closed {day}: {postings or 0} room and tax postings, {no_shows or 0} no-shows, "
            f"occupancy {occupancy or '0'}%.")


class NightAuditState(PmsState, LiveMixin):
    # The audit's own events, and whatever changes tonight's counts (check-ins, arrivals,
    # no-shows, postings), so a run from another tab or the scheduler shows without reload.
    LIVE_TOPICS: ClassVar[frozenset[str]] = frozenset({"night_audit", "reservations", "folios"})
    audit_date: str = ""  # the business date shown, which Run closes (ISO)
    in_house: str = ""
    arrivals_pending: str = ""
    already_run: bool = False
    running_by: str = ""  # who is running the audit of the date shown, while it runs
    runs: list[dict[str, str]] = []
    notice: str = ""
    allowed: bool = False

    def _live_property_id(self) -> str:
        return self.property_id if self.allowed else ""

    def _apply_live(self, events: Sequence[EventEnvelope]) -> None:
        for e in events:
            if e.type == "night_audit.completed":
                p = e.payload
                self.error = ""
                self.notice = closed_notice(p.get("business_date", ""), p.get("postings"),
                                            p.get("no_shows"), p.get("occupancy_pct"))
            elif e.type == "night_audit.failed":
                self.notice = ""
                self.error = (f"The night audit of {e.payload.get('business_date')} failed: "
                              f"{e.payload.get('error', '')}")
        self._reload()
        if any(e.topic == "night_audit" for e in events):
            self._session()  # the shell shows the new business date

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
        return self._start_live()

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
        self.running_by = preview.running_by or ""
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
        self.error, self.field_errors = "", {}
        try:
            result = close_business_date(self.property_id, self._actor(), day)
        except DomainError as exc:
            self.error = exc.message
            self.field_errors = {k: str(v) for k, v in (exc.fields or {}).items()}
        else:
            self.notice = closed_notice(
                result.business_date.isoformat(), result.summary.get("postings"),
                result.summary.get("no_shows"),
                result.summary.get("flash", {}).get("occupancy_pct"))
        self._reload()
        self._session()  # the shell shows the new business date
