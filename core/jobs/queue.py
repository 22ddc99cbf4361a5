"""enqueue(): one call for every job, whatever runs it (RQ, an in-process pool, or inline in tests).

Jobs are plain module-level functions that take ids (never ORM objects), open their own unit of
work and are safe to run twice: RQ delivers at least once, and an in-process job is lost if the
process dies, so callers may enqueue again.
"""

from __future__ import annotations

import atexit
import importlib
import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from core.config import get_settings

log = logging.getLogger(__name__)

QUEUES = ("high", "default", "low")  # the worker drains them in this order

Mode = Literal["rq", "thread", "eager"]


@dataclass(frozen=True)
class JobRef:
    id: str
    queue: str
    mode: Mode
    future: Future | None = None  # in-process jobs only

    def wait(self, timeout: float | None = None) -> Any:
        """Block until an in-process job ends and return its result (tests, CLI)."""
        if self.future is None:
            raise RuntimeError("only in-process jobs can be waited on; RQ jobs report via RQ")
        return self.future.result(timeout)


def jobs_mode() -> Mode:
    settings = get_settings()
    if settings.redis_url:
        return "rq"
    # Tests run jobs inline so their effects are visible when enqueue() returns.
    return "eager" if settings.env == "test" else "thread"


def resolve(func: str | Callable) -> Callable:
    if callable(func):
        return func
    module_name, _, attr = func.rpartition(".")
    if not module_name:
        raise ValueError(f"job {func!r} must be a dotted path like 'core.jobs.diagnostics.echo'")
    return getattr(importlib.import_module(module_name), attr)


def _path_of(func: str | Callable) -> str:
    if isinstance(func, str):
        return func
    if "<locals>" in func.__qualname__ or func.__module__ == "__main__":
        raise ValueError("a job must be a module-level function a worker can import")
    return f"{func.__module__}.{func.__qualname__}"


_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _thread_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="gj-job")
            atexit.register(_pool.shutdown, wait=True)
        return _pool


def _run_logged(fn: Callable, job_id: str, args: tuple, kwargs: dict) -> Any:
    try:
        return fn(*args, **kwargs)
    except Exception:
        log.exception("in-process job %s (%s) failed", job_id, getattr(fn, "__name__", fn))
        raise


def enqueue(func: str | Callable, *args: Any, queue: str = "default", job_id: str | None = None,
            **kwargs: Any) -> JobRef:
    """Run `func(*args, **kwargs)` in the background on `queue` (high, default or low).

    `job_id` makes enqueueing idempotent on RQ: while a job with that id is waiting or running,
    enqueueing it again adds nothing (the job already queued will do the work).
    """
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue!r}; expected one of {QUEUES}")
    path = _path_of(func)
    job_id = job_id or uuid.uuid4().hex
    mode = jobs_mode()
    if mode == "rq":
        from core.jobs.rq_backend import enqueue_rq

        enqueue_rq(path, args, kwargs, queue=queue, job_id=job_id)
        return JobRef(job_id, queue, mode)
    fn = resolve(func)
    if mode == "eager":
        future: Future = Future()
        try:
            future.set_result(_run_logged(fn, job_id, args, kwargs))
        except Exception as exc:  # noqa: BLE001 - kept on the future, like a pooled job
            future.set_exception(exc)
        return JobRef(job_id, queue, mode, future)
    return JobRef(job_id, queue, mode, _thread_pool().submit(_run_logged, fn, job_id, args, kwargs))
