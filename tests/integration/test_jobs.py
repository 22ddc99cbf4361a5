"""Background jobs: RQ on the real Redis, and in-process in the embedded default."""

from __future__ import annotations

import pytest

from core.config import reset_settings
from core.jobs import enqueue, jobs_mode


@pytest.mark.redis
def test_a_job_enqueued_with_redis_is_run_by_a_real_worker(redis_url):
    from core.jobs.rq_backend import connection, make_worker, queue

    ref = enqueue("core.jobs.diagnostics.echo", "night audit for 2026-11-21", queue="high")

    assert ref.mode == "rq"
    job = queue("high").fetch_job(ref.id)
    assert job is not None and job.get_status() == "queued"

    worked = make_worker(connection(), simple=True).work(burst=True)

    assert worked
    job.refresh()
    assert job.get_status() == "finished"
    assert job.return_value() == "night audit for 2026-11-21"


@pytest.mark.redis
def test_enqueueing_twice_with_one_job_id_leaves_one_job(redis_url):
    from core.jobs.rq_backend import queue

    enqueue("core.jobs.diagnostics.echo", "a", job_id="send-confirmation-r1")
    enqueue("core.jobs.diagnostics.echo", "a", job_id="send-confirmation-r1")

    assert queue("default").job_ids.count("send-confirmation-r1") == 1


def test_without_redis_jobs_run_in_a_background_thread(monkeypatch):
    monkeypatch.setenv("GJ_ENV", "development")
    monkeypatch.delenv("REDIS_URL", raising=False)
    reset_settings()
    try:
        ref = enqueue("core.jobs.diagnostics.echo", "hello")
        assert ref.mode == "thread"
        assert ref.wait(timeout=10) == "hello"
    finally:
        reset_settings()


def test_in_tests_without_redis_jobs_run_inline_and_keep_their_error(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    reset_settings()
    assert jobs_mode() == "eager"

    ref = enqueue("core.jobs.diagnostics.echo")  # missing argument: the job itself fails

    with pytest.raises(TypeError):
        ref.wait()


def test_bad_job_references_are_refused_before_anything_is_queued():
    def local_job() -> None:
        return None

    with pytest.raises(ValueError, match="module-level"):
        enqueue(local_job)
    with pytest.raises(ValueError, match="dotted path"):
        enqueue("echo")
    with pytest.raises(ValueError, match="unknown queue"):
        enqueue("core.jobs.diagnostics.echo", "x", queue="urgent")
