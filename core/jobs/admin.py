"""The operator's view of background jobs: queue depths, failed jobs with their error, retry, delete.

With REDIS_URL the jobs are RQ's and this reads RQ's registries. Embedded, jobs run in the
process that enqueued them and nothing is kept to list (`overview().mode` says so).

Queues are shared by every chain on the installation, so a failed job's details are shown only
to the chain whose property it names (superusers see all); counts are shown to everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core import audit
from core.actor import Actor
from core.db.uow import control_uow
from core.errors import NotFound
from core.jobs.queue import QUEUES, jobs_mode
from core.tenancy.registry import list_properties

PERMISSION = "jobs.manage"
MAX_ERROR = 4000


@dataclass(frozen=True)
class QueueInfo:
    name: str
    queued: int
    started: int
    failed: int
    finished: int
    scheduled: int


@dataclass(frozen=True)
class JobsOverview:
    mode: str  # "rq", "thread" or "eager"
    queues: list[QueueInfo]
    workers: int


@dataclass(frozen=True)
class FailedJob:
    id: str
    queue: str
    function: str
    arguments: str
    error: str
    enqueued_at: datetime | None
    failed_at: datetime | None


def overview(actor: Actor) -> JobsOverview:
    actor.require(PERMISSION)
    mode = jobs_mode()
    if mode != "rq":
        return JobsOverview(mode=mode, queues=[], workers=0)
    from rq import Queue, Worker

    from core.jobs.rq_backend import connection

    conn = connection()
    infos = []
    for name in QUEUES:
        q = Queue(name, connection=conn)
        infos.append(QueueInfo(name=name, queued=q.count,
                               started=q.started_job_registry.count,
                               failed=q.failed_job_registry.count,
                               finished=q.finished_job_registry.count,
                               scheduled=q.scheduled_job_registry.count))
    return JobsOverview(mode=mode, queues=infos, workers=Worker.count(connection=conn))


def _visible_to(actor: Actor, job) -> bool:
    if actor.is_superuser:
        return True
    mine = {str(p.id) for p in list_properties(actor.chain_id)} if actor.chain_id else set()
    args = [str(a) for a in (*job.args, *job.kwargs.values())]
    return any(a in mine for a in args)


def _error_of(job) -> str:
    result = job.latest_result()
    text = (result.exc_string if result is not None else None) or job.exc_info or ""
    return text[-MAX_ERROR:]  # the end of a traceback says what went wrong


def failed_jobs(actor: Actor, limit: int = 50) -> list[FailedJob]:
    """Failed jobs the actor may see, newest first, with the end of their traceback."""
    actor.require(PERMISSION)
    if jobs_mode() != "rq":
        return []
    from rq import Queue
    from rq.job import Job

    from core.jobs.rq_backend import connection

    conn = connection()
    out: list[FailedJob] = []
    for name in QUEUES:
        ids = Queue(name, connection=conn).failed_job_registry.get_job_ids()
        for job in Job.fetch_many(ids, connection=conn):
            if job is None or not _visible_to(actor, job):
                continue
            out.append(FailedJob(id=job.id, queue=name, function=job.func_name or "?",
                                 arguments=_arguments(job), error=_error_of(job),
                                 enqueued_at=job.enqueued_at, failed_at=job.ended_at))
    out.sort(key=lambda j: j.failed_at.timestamp() if j.failed_at else 0.0, reverse=True)
    return out[:limit]


def _arguments(job) -> str:
    parts = [repr(a) for a in job.args] + [f"{k}={v!r}" for k, v in job.kwargs.items()]
    return ", ".join(parts)[:500]


def _failed_job(actor: Actor, job_id: str):
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    from core.jobs.rq_backend import connection

    actor.require(PERMISSION)
    if jobs_mode() != "rq":
        raise NotFound("Job not found.", fields={"job_id": "jobs run in-process here"})
    try:
        job = Job.fetch(job_id, connection=connection())
    except NoSuchJobError:
        job = None
    if job is None or not job.is_failed or not _visible_to(actor, job):
        raise NotFound("Job not found.", fields={"job_id": "no such failed job"})
    return job


def _audit(actor: Actor, action: str, job, summary: str) -> None:
    with control_uow(actor) as uow:
        audit.record(uow, action, "job", job.id, summary,
                     {"function": job.func_name, "queue": job.origin})
        uow.commit()


def retry_job(actor: Actor, job_id: str) -> None:
    """Put a failed job back on its queue (jobs are idempotent, so a rerun is safe)."""
    job = _failed_job(actor, job_id)
    job.requeue()
    _audit(actor, "jobs.retry", job, f"Retried {job.func_name}")


def delete_job(actor: Actor, job_id: str) -> None:
    """Forget a failed job for good."""
    job = _failed_job(actor, job_id)
    _audit(actor, "jobs.delete", job, f"Deleted failed {job.func_name}")
    job.delete()


__all__ = ["FailedJob", "JobsOverview", "QueueInfo", "delete_job", "failed_jobs", "overview",
           "retry_job"]
