"""The `gj` command: one entry point for setting up, running, migrating, seeding and testing."""

from __future__ import annotations

import importlib
import sys

import click

# Subcommands that live in other packages' modules, as "module:click_command". One line each.
EXTRA_COMMANDS: list[str] = [
    "gj_cli.relay_cmd:relay",
    "gj_cli.scheduler_cmd:scheduler",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Guest Journey: hotel operations suite (PMS, booking site, chain admin)."""


def _fail(exc: Exception) -> None:
    raise click.ClickException(str(exc)) from exc


@cli.command()
@click.option("--no-browser", is_flag=True, help="Do not require Chromium (only e2e tests need it).")
def setup(no_browser: bool) -> None:
    """Install what is missing (Python packages, bun, Chromium) and build the three frontends."""
    from gj_cli.builds import BuildFailed
    from gj_cli.setup import SetupFailed, run_setup

    try:
        run_setup(browser_required=not no_browser)
    except (SetupFailed, BuildFailed) as exc:
        _fail(exc)


@cli.command()
def migrate() -> None:
    """Migrate the control plane and every registered property (progress bar)."""
    from gj_cli.run import migrate_everything

    migrate_everything()


@cli.command()
def makemigrations() -> None:
    """Regenerate the initial migrations of both environments from the models."""
    from core.db.migrate import regenerate_initial

    for env in ("property", "control"):
        click.echo(f"wrote {regenerate_initial(env)}")


@cli.command()
def seed() -> None:
    """Load the demo chain, properties and staff logins (idempotent)."""
    from gj_cli.run import migrate_everything
    from gj_cli.seeding import demo_logins
    from gj_cli.seeding import seed as do_seed

    migrate_everything()
    do_seed()
    for line in demo_logins():
        click.echo(line)


@cli.command()
@click.option("--burst", is_flag=True, help="Run queued jobs, then exit.")
def worker(burst: bool) -> None:
    """Run the background job worker (RQ on REDIS_URL; idles in embedded mode)."""
    from gj_cli.worker import run_worker

    sys.exit(run_worker(burst=burst))


@cli.command()
def run() -> None:
    """Migrate, start the three apps and the worker, print their URLs; Ctrl-C stops all."""
    from gj_cli.processes import StartFailed
    from gj_cli.run import run_until_stopped
    from gj_cli.seeding import demo_logins

    try:
        sys.exit(run_until_stopped(logins=demo_logins()))
    except StartFailed as exc:
        _fail(exc)


@cli.command()
def up() -> None:
    """Set up, migrate, seed demo data if there is none, and run everything."""
    from gj_cli.builds import BuildFailed
    from gj_cli.processes import StartFailed
    from gj_cli.run import migrate_everything, run_until_stopped
    from gj_cli.seeding import DemoUnavailable, demo_logins, registry_is_empty
    from gj_cli.seeding import seed as do_seed
    from gj_cli.setup import SetupFailed, run_setup

    try:
        run_setup(browser_required=False)
        migrate_everything()
        if registry_is_empty():
            try:
                do_seed()
            except DemoUnavailable as exc:
                click.secho(f"Note: {exc.message} Starting with an empty registry.", fg="yellow")
        sys.exit(run_until_stopped(logins=demo_logins(), migrate=False))
    except (SetupFailed, BuildFailed, StartFailed) as exc:
        _fail(exc)


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--no-setup", is_flag=True, help="Skip `gj setup` (deps, bun, Chromium, builds).")
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def test(no_setup: bool, pytest_args: tuple[str, ...]) -> None:
    """Set up, then run the whole test suite (extra arguments go to pytest)."""
    from gj_cli.builds import BuildFailed
    from gj_cli.setup import SetupFailed, run_setup
    from gj_cli.testing import run_pytest

    if not no_setup:
        try:
            run_setup(browser_required=True)
        except (SetupFailed, BuildFailed) as exc:
            _fail(exc)
    sys.exit(run_pytest(pytest_args))


def _register_extra_commands() -> None:
    for target in EXTRA_COMMANDS:
        module_name, _, attr = target.partition(":")
        cli.add_command(getattr(importlib.import_module(module_name), attr))


def main() -> None:
    _register_extra_commands()
    cli(prog_name="gj")
