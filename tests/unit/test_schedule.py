"""The cron schedule: every declared job resolves, and each slot is enqueued once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.jobs.queue import resolve
from core.jobs.schedule import CronEntry, cron_entries, due_slots

T0 = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def test_every_cron_entry_names_a_job_that_exists():
    entries = cron_entries()
    jobs = {e.job for e in entries}
    assert "core.jobs.night_audit.due_night_audits_job" in jobs
    assert "core.jobs.reservations.expire_all_holds_job" in jobs
    for entry in entries:
        assert callable(resolve(entry.job))


def test_a_slot_is_due_once_then_not_again():
    every_5 = CronEntry("*/5 * * * *", "x.job")
    assert due_slots([every_5], T0, T0 + timedelta(minutes=1)) == []
    first = due_slots([every_5], T0, T0 + timedelta(minutes=5))
    assert first == [(every_5, T0 + timedelta(minutes=5))]
    assert due_slots([every_5], T0 + timedelta(minutes=5), T0 + timedelta(minutes=9)) == []


def test_after_downtime_only_the_latest_slot_runs():
    hourly = CronEntry("0 * * * *", "x.job")
    due = due_slots([hourly], T0 - timedelta(days=2), T0 + timedelta(minutes=30))
    assert due == [(hourly, T0)]


def test_a_bad_expression_is_refused(monkeypatch):
    import types

    bad = types.ModuleType("bad_cron")
    bad.CRON_ENTRIES = (("every tuesday", "x.job"),)
    monkeypatch.setitem(__import__("sys").modules, "bad_cron", bad)
    with pytest.raises(ValueError, match="not a cron expression"):
        cron_entries(["bad_cron"])
