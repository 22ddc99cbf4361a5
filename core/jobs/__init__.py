"""Background jobs: enqueue() onto RQ when Redis is configured, or run them in-process (embedded)."""

from core.jobs.queue import QUEUES, JobRef, enqueue, jobs_mode

__all__ = ["QUEUES", "JobRef", "enqueue", "jobs_mode"]
