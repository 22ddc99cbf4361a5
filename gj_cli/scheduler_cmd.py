"""`gj scheduler`: enqueue the cron schedule's jobs (night audit sweeps, hold expiry, ...)."""

from __future__ import annotations

import logging
import signal
import threading

import click


@click.command()
@click.option("--tick", type=float, default=15.0, show_default=True,
              help="Seconds between looks at the schedule.")
def scheduler(tick: float) -> None:
    """Run the cron schedule. With REDIS_URL jobs go to RQ (run several schedulers if you like:
    each slot is enqueued once); without it they run in this process."""
    from core.jobs.schedule import cron_entries, run_scheduler

    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s scheduler %(levelname)s %(message)s")
    entries = cron_entries()
    for entry in entries:
        click.echo(f"  {entry.expression:<14} {entry.job}")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    run_scheduler(stop, tick=tick, entries=entries)
