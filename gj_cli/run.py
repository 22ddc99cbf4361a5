"""`gj run`: migrate, start the three apps and the worker, print their URLs, stop all on Ctrl-C."""

from __future__ import annotations

import contextlib
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from gj_cli.apps import AppTarget, default_targets
from gj_cli.processes import ProcessSpec, Running, Supervisor, process_specs

console = Console(highlight=False)


def migrate_everything(*, show: bool = True) -> int:
    """Migrate the control plane and every registered property, with a progress bar."""
    from core.db.migrate import migrate_all

    if not show:
        return migrate_all()
    with Progress(TextColumn("Migrating {task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=console, transient=False) as bar:
        task = bar.add_task("control plane", total=None)

        # One step for the control plane, then one per property.
        def advance(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done + 1, total=total + 1, description=name)

        count = migrate_all(progress=advance)
        bar.update(task, completed=count + 1, total=count + 1,
                   description=f"control plane and {count} properties")
    return count


@contextlib.contextmanager
def serve(targets: list[AppTarget] | None = None, *, base_env: dict[str, str] | None = None,
          log_dir: Path | None = None, echo: bool = True, background: bool = True,
          migrate: bool = True) -> Iterator[Supervisor]:
    """Start the apps (one after another: they share Reflex's lockfile while building) and the
    background processes; yield once every app answers /health; stop everything on exit."""
    targets = targets or default_targets()
    if migrate:
        migrate_everything(show=echo)
    printer = _echo_line if echo else None
    supervisor = Supervisor(log_dir=log_dir, echo=printer)
    try:
        for spec in process_specs(targets, base_env, background=background):
            started = time.monotonic()
            running = supervisor.start(spec)
            response = supervisor.wait_until_up(running)
            if echo:
                _report_up(spec, response, time.monotonic() - started)
        yield supervisor
    finally:
        supervisor.stop()


def _echo_line(name: str, line: str) -> None:
    # Plain write, not rich: the children's lines are already formatted and must not re-wrap.
    if line.strip():
        sys.stdout.write(f"{name:>12} │ {line}\n")
        sys.stdout.flush()


def _report_up(spec: ProcessSpec, response, seconds: float) -> None:
    if spec.public_url is None:
        console.print(f"[green]✓[/green] {spec.name} running [dim]({seconds:.1f}s)[/dim]")
        return
    state = "ok" if response is not None and response.status_code == 200 else "degraded"
    console.print(f"[green]✓[/green] {spec.name} answers /health ({state}) at "
                  f"[bold]{spec.public_url}[/bold] [dim]({seconds:.1f}s)[/dim]")


def print_urls(supervisor: Supervisor, logins: list[str] | None = None) -> None:
    console.rule("[bold]Guest Journey is running")
    labels = {"pms_app": "PMS (front desk, housekeeping)", "booking_site": "Booking site",
              "tenant_admin": "Tenant admin (chain operator)"}
    for r in supervisor.running:
        if r.spec.public_url:
            console.print(f"  {labels.get(r.spec.name, r.spec.name):32} {r.spec.public_url}")
    for line in logins or []:
        console.print(f"  {line}")
    console.print("  Press Ctrl-C to stop everything.")


def run_until_stopped(targets: list[AppTarget] | None = None, *,
                      logins: list[str] | None = None, migrate: bool = True) -> int:
    """The body of `gj run`: returns the exit status (0 after Ctrl-C/SIGTERM, 1 if a child died)."""

    def _stop(signum, _frame):
        # Ignore a second Ctrl-C so that stopping the children always runs to the end.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt

    previous = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
    status = 0
    try:
        with serve(targets, migrate=migrate) as supervisor:
            print_urls(supervisor, logins)
            status = _watch(supervisor)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
    except KeyboardInterrupt:
        console.print("\nStopped; no process left running.")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return status


def _watch(supervisor: Supervisor) -> int:
    while True:
        dead: list[Running] = supervisor.dead()
        if dead:
            for r in dead:
                console.print(f"[red]✗ {r.spec.name} exited with status {r.proc.returncode}; "
                              f"stopping everything.[/red]\n{r.last_lines()}")
            return 1
        time.sleep(0.5)
