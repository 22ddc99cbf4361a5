"""`gj worker`: the RQ worker on high, default, low — or, in embedded mode, a clear idle message."""

from __future__ import annotations

import signal

from rich.console import Console

from core.config import get_settings

console = Console(highlight=False, stderr=True)


def run_worker(*, burst: bool = False) -> int:
    settings = get_settings()
    if not settings.redis_url:
        console.print("No REDIS_URL is set: background jobs run in-process inside each app "
                      "(embedded mode), so this worker has nothing to do. It stays up until "
                      "stopped so `gj run` has the same processes in every mode.")
        if burst:
            return 0
        _idle_until_signalled()
        return 0
    from core.jobs.rq_backend import make_worker

    console.print(f"RQ worker on queues high, default, low at {_redacted(settings.redis_url)}")
    worker = make_worker()
    # RQ turns SIGINT/SIGTERM into a warm shutdown: the running job finishes first.
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
    return 0


def _idle_until_signalled() -> None:
    stop = False

    def _stop(signum, _frame):
        nonlocal stop
        stop = True

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _stop)
    while not stop:
        signal.pause()


def _redacted(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"
