"""The money jobs' cron entries point at importable jobs with valid five-field schedules."""

from core.jobs.night_audit import CRON_ENTRIES
from core.jobs.queue import resolve


def test_every_cron_entry_names_a_job_a_worker_can_import():
    for expression, path in CRON_ENTRIES:
        assert len(expression.split()) == 5, expression
        assert callable(resolve(path)), path
