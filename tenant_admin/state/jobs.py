"""Jobs page: queue depths, failed jobs with their error, retry and delete (RQ), or a plain
statement that jobs run in-process in the embedded mode."""

from __future__ import annotations

import reflex as rx

from core.errors import DomainError
from core.jobs import admin
from tenant_admin.state.base import AdminState, fields_of


class JobsState(AdminState):
    mode: str = ""
    workers: int = 0
    queues: list[dict[str, int | str]] = []
    failed: list[dict[str, str]] = []

    @rx.event
    def load(self):
        redirect = self._check_session()
        if redirect:
            return redirect
        self._refresh()
        return None

    def _refresh(self) -> None:
        try:
            actor = self._chain_actor()
            view = admin.overview(actor)
            failed = admin.failed_jobs(actor)
        except DomainError as exc:
            self.error, self.field_errors = exc.message, fields_of(exc)
            return
        except OSError:  # Redis down: say so rather than show empty queues
            self.error = "The job queue (Redis) cannot be reached."
            return
        self.mode, self.workers = view.mode, view.workers
        self.queues = [{"name": q.name, "queued": q.queued, "started": q.started,
                        "failed": q.failed, "finished": q.finished, "scheduled": q.scheduled}
                       for q in view.queues]
        self.failed = [{"id": j.id, "queue": j.queue, "function": j.function,
                        "arguments": j.arguments, "error": j.error,
                        "headline": next((line for line in reversed(j.error.splitlines())
                                          if line.strip()), "failed"),
                        "failed_at": j.failed_at.strftime("%Y-%m-%d %H:%M:%S")
                        if j.failed_at else ""} for j in failed]

    def _act(self, fn, job_id: str, notice: str) -> None:
        self.error, self.notice = "", ""
        try:
            fn(self._chain_actor(), job_id)
        except DomainError as exc:
            self.error, self.field_errors = exc.message, fields_of(exc)
        else:
            self.notice = notice
        self._refresh()

    @rx.event
    def retry(self, job_id: str):
        self._act(admin.retry_job, job_id, "The job is back on its queue.")

    @rx.event
    def delete(self, job_id: str):
        self._act(admin.delete_job, job_id, "The failed job was deleted.")

    @rx.event
    def refresh(self):
        self._refresh()
