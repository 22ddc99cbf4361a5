"""RQ adapter: queues on the configured Redis and the worker loop `gj worker` runs."""

from __future__ import annotations

from redis import Redis
from rq import Queue, SimpleWorker, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.worker import BaseWorker

from core.config import get_settings
from core.jobs.queue import QUEUES

# Failed jobs stay inspectable for a week; results for a day (jobs are idempotent, so a result
# is a convenience, not a record).
FAILURE_TTL = 7 * 24 * 3600
RESULT_TTL = 24 * 3600
_PENDING = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}


def connection(url: str | None = None) -> Redis:
    url = url or get_settings().redis_url
    if not url:
        raise RuntimeError("REDIS_URL is not set: jobs run in-process in embedded mode")
    return Redis.from_url(url)


def queue(name: str, conn: Redis | None = None) -> Queue:
    return Queue(name, connection=conn or connection())


def enqueue_rq(path: str, args: tuple, kwargs: dict, *, queue: str, job_id: str) -> Job:
    conn = connection()
    try:
        existing = Job.fetch(job_id, connection=conn)
    except NoSuchJobError:
        existing = None
    # Same id still waiting or running: that job will do the work. (Two racing enqueues can
    # both miss it; jobs are idempotent, so the cost is a second harmless run.)
    if existing is not None and existing.get_status(refresh=False) in _PENDING:
        return existing
    # enqueue_call keeps the job's own kwargs apart from RQ's options (timeout, job_id, ...).
    return Queue(queue, connection=conn).enqueue_call(
        path, args=args, kwargs=kwargs, job_id=job_id, failure_ttl=FAILURE_TTL,
        result_ttl=RESULT_TTL,
    )


def make_worker(conn: Redis | None = None, *, simple: bool = False) -> BaseWorker:
    """A worker on high, default, low. `simple` runs jobs in the worker process (no fork)."""
    conn = conn or connection()
    cls: type[BaseWorker] = SimpleWorker if simple else Worker
    return cls([Queue(name, connection=conn) for name in QUEUES], connection=conn)
