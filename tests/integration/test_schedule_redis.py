"""Two schedulers on one Redis enqueue a cron slot once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.jobs.schedule import CronEntry, run_due

T0 = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def test_two_schedulers_share_each_slot(redis_url):
    import redis
    from rq import Queue

    entry = CronEntry("*/5 * * * *", "core.jobs.diagnostics.echo")
    first = run_due([entry], T0, T0 + timedelta(minutes=5))
    second = run_due([entry], T0, T0 + timedelta(minutes=5))
    assert first == ["core.jobs.diagnostics.echo"]
    assert second == []
    assert len(Queue("low", connection=redis.Redis.from_url(redis_url))) == 1
