"""The operator's jobs view on real Redis/RQ: failed jobs with their error, retry, delete."""

from __future__ import annotations

import uuid

import pytest

from core.actor import Actor
from core.config import reset_settings
from core.errors import NotFound, PermissionDenied
from core.identity.permissions import ROLE_PERMISSIONS
from core.jobs import admin, enqueue


def operator(chain_id, superuser=False) -> Actor:
    return Actor(kind="staff", user_id=uuid.uuid4(), name="Op", chain_id=chain_id,
                 permissions=ROLE_PERMISSIONS["chain_operator"], is_superuser=superuser)


def run_worker():
    from core.jobs.rq_backend import connection, make_worker

    make_worker(connection(), simple=True).work(burst=True)


@pytest.fixture
def failed(sqlite_tenant, redis_url):
    """A job about one of the tenant's properties that fails in the worker (bad argument)."""
    pid = sqlite_tenant.make_property("Jobs Hotel")
    ref = enqueue("core.jobs.diagnostics.echo", str(pid), unexpected=1)
    run_worker()
    return sqlite_tenant, pid, ref.id


@pytest.mark.redis
def test_a_failed_job_is_listed_with_its_error_and_the_queue_counts(failed):
    tenant, pid, job_id = failed
    view = admin.overview(operator(tenant.chain_id))
    [job] = admin.failed_jobs(operator(tenant.chain_id))

    assert view.mode == "rq"
    assert {q.name: q.failed for q in view.queues} == {"high": 0, "default": 1, "low": 0}
    assert job.id == job_id and job.queue == "default"
    assert job.function == "core.jobs.diagnostics.echo"
    assert "unexpected keyword argument 'unexpected'" in job.error
    assert str(pid) in job.arguments


@pytest.mark.redis
def test_another_chain_does_not_see_the_job_nor_touch_it(failed):
    _, _, job_id = failed
    stranger = operator(uuid.uuid4())
    assert admin.failed_jobs(stranger) == []
    with pytest.raises(NotFound):
        admin.retry_job(stranger, job_id)
    with pytest.raises(NotFound):
        admin.delete_job(stranger, job_id)


@pytest.mark.redis
def test_retry_puts_the_job_back_on_its_queue_and_delete_forgets_it(failed):
    from core.jobs.rq_backend import queue

    tenant, _, job_id = failed
    op = operator(tenant.chain_id)
    admin.retry_job(op, job_id)
    assert job_id in queue("default").job_ids
    assert admin.failed_jobs(op) == []
    run_worker()  # fails again, the same way
    [again] = admin.failed_jobs(op)
    admin.delete_job(op, again.id)
    assert admin.failed_jobs(op) == []
    assert queue("default").fetch_job(job_id) is None


@pytest.mark.redis
def test_the_jobs_view_needs_the_jobs_permission(failed):
    tenant, _, job_id = failed
    desk = Actor(kind="staff", user_id=uuid.uuid4(), chain_id=tenant.chain_id,
                 permissions=ROLE_PERMISSIONS["front_desk"])
    for call in (admin.overview, admin.failed_jobs):
        with pytest.raises(PermissionDenied):
            call(desk)
    with pytest.raises(PermissionDenied):
        admin.retry_job(desk, job_id)


def test_embedded_mode_says_jobs_run_in_process(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    reset_settings()
    try:
        view = admin.overview(operator(uuid.uuid4()))
        assert view.mode in ("thread", "eager") and view.queues == []
        assert admin.failed_jobs(operator(uuid.uuid4())) == []
    finally:
        reset_settings()
