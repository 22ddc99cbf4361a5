"""The cron schedule: which jobs run when, and a scheduler that enqueues each slot exactly once.

Job modules declare `CRON_ENTRIES = ((cron expression in UTC, "dotted.job.path"), ...)`; the
modules are listed in CRON_MODULES. Jobs are sweeps that read each property's own local time and
state, so a slot run late (the scheduler was down) or twice (two schedulers) does no harm — but
with Redis a slot is still claimed once across every scheduler, so the queues stay quiet.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from croniter import croniter

from core.config import get_settings
from core.jobs.queue import enqueue
from core.timeutil import utcnow

log = logging.getLogger(__name__)

CRON_MODULES = (
    "core.jobs.night_audit",
    "core.jobs.reservations",
    "core.jobs.payments",
)
# A scheduler that was down longer than this does not replay every missed slot, only the latest.
MAX_CATCH_UP = timedelta(hours=1)


@dataclass(frozen=True)
class CronEntry:
    expression: str
    job: str

    def slots_between(self, after: datetime, until: datetime) -> list[datetime]:
        """The slot times in (after, until], oldest first."""
        it = croniter(self.expression, after)
        out = []
        while (slot := it.get_next(datetime)) <= until:
            out.append(slot)
        return out


def cron_entries(modules: Iterable[str] = CRON_MODULES) -> list[CronEntry]:
    entries = []
    for name in modules:
        for expression, job in getattr(importlib.import_module(name), "CRON_ENTRIES", ()):
            if not croniter.is_valid(expression):
                raise ValueError(f"{name}: {expression!r} is not a cron expression")
            entries.append(CronEntry(expression, job))
    return entries


def due_slots(entries: list[CronEntry], last: datetime, now: datetime) -> list[tuple[CronEntry, datetime]]:
    """Each entry's latest slot in (max(last, now - MAX_CATCH_UP), now]."""
    start = max(last, now - MAX_CATCH_UP)
    due = []
    for entry in entries:
        slots = entry.slots_between(start, now)
        if slots:
            due.append((entry, slots[-1]))
    return due


def claim_slot(entry: CronEntry, slot: datetime) -> bool:
    """With Redis, only the first scheduler to claim a slot enqueues it."""
    url = get_settings().redis_url
    if not url:
        return True
    import redis

    key = f"gj:cron:{entry.job}:{slot.isoformat()}"
    return bool(redis.Redis.from_url(url).set(key, "1", nx=True, ex=2 * 24 * 3600))


def run_due(entries: list[CronEntry], last: datetime, now: datetime) -> list[str]:
    enqueued = []
    for entry, slot in due_slots(entries, last, now):
        if claim_slot(entry, slot):
            job_id = f"cron-{entry.job.replace('.', '_')}-{slot:%Y%m%dT%H%M}"
            enqueue(entry.job, queue="low", job_id=job_id)
            enqueued.append(entry.job)
            log.info("cron: enqueued %s for %s", entry.job, slot.isoformat())
    return enqueued


def run_scheduler(stop: threading.Event, *, tick: float = 15.0,
                  entries: list[CronEntry] | None = None,
                  on_tick: Callable[[list[str]], None] | None = None) -> None:
    """Enqueue due jobs every `tick` seconds until `stop` is set."""
    entries = entries if entries is not None else cron_entries()
    last = utcnow().astimezone(UTC)
    while not stop.wait(tick):
        now = utcnow().astimezone(UTC)
        try:
            done = run_due(entries, last, now)
        except Exception:  # Redis away: try the same window again next tick
            log.exception("cron: could not enqueue due jobs; will retry")
            continue
        last = now
        if on_tick:
            on_tick(done)
