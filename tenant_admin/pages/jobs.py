"""Jobs page: queues, failed jobs with their error, retry and delete."""

from __future__ import annotations

import reflex as rx

from tenant_admin.components.shell import admin_page
from tenant_admin.state.jobs import JobsState
from ui_kit import card, empty_state


def _queue_row(q: rx.Var) -> rx.Component:
    return rx.table.row(*[rx.table.cell(q[k]) for k in (
        "name", "queued", "started", "scheduled", "finished", "failed")],
        id="queue-" + q["name"].to(str))


def _failed_row(j: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.vstack(rx.code(j["function"]),
                                rx.text(j["arguments"], size="1", color_scheme="gray"),
                                rx.text(j["queue"], " · ", j["failed_at"], size="1"),
                                spacing="1")),
        rx.table.cell(rx.el.details(rx.el.summary(j["headline"]),
                                    rx.code_block(j["error"], language="python",
                                                  wrap_long_lines=True))),
        rx.table.cell(rx.hstack(
            rx.button("Retry", size="1", on_click=JobsState.retry(j["id"].to(str))),
            rx.button("Delete", size="1", variant="soft", color_scheme="red",
                      on_click=JobsState.delete(j["id"].to(str))),
            spacing="2")),
        class_name="failed-job",
    )


def _rq() -> rx.Component:
    return rx.vstack(
        card(
            rx.hstack(rx.heading("Queues", size="4"), rx.spacer(),
                      rx.text(JobsState.workers, " workers", size="2", id="jobs-workers")),
            rx.table.root(
                rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in (
                    "Queue", "Waiting", "Running", "Scheduled", "Finished", "Failed")])),
                rx.table.body(rx.foreach(JobsState.queues, _queue_row)),
                width="100%",
            ),
        ),
        card(
            rx.heading("Failed jobs", size="4"),
            rx.cond(JobsState.failed.length() > 0,
                    rx.table.root(rx.table.body(rx.foreach(JobsState.failed, _failed_row)),
                                  width="100%", id="failed-jobs"),
                    rx.text("No failed jobs.", color_scheme="gray", id="no-failed-jobs")),
        ),
        spacing="4", width="100%", align="stretch",
    )


def jobs() -> rx.Component:
    return admin_page(
        "Background jobs",
        rx.cond(
            JobsState.mode == "rq",
            _rq(),
            rx.cond(JobsState.mode != "",
                    empty_state("Jobs run in-process.",
                                "Without REDIS_URL (the embedded mode) each app runs its "
                                "background jobs in its own threads as they are enqueued; "
                                "there is no queue to inspect and failures go to the app's log. "
                                "Set REDIS_URL and run `gj worker` for queues, retries and this "
                                "view.", id="jobs-in-process")),
        ),
        page_id="admin-jobs",
        actions=(rx.button(rx.icon("refresh_cw"), "Refresh", variant="soft",
                           on_click=JobsState.refresh),),
    )
