"""`gj test`: run the whole pytest suite; "no tests ran" counts as a failure."""

from __future__ import annotations

import os
import subprocess

from rich.console import Console

from gj_cli.apps import PYTHON, ROOT, tool_env

console = Console(highlight=False)

PYTEST_NO_TESTS_COLLECTED = 5


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def run_pytest(args: tuple[str, ...] = ()) -> int:
    env = tool_env()
    if in_ci():
        # tests/conftest.py fails (never skips) Postgres and Redis tests when they are unreachable.
        env["GJ_TEST_REQUIRE_SERVICES"] = "1"
    cmd = [PYTHON, "-m", "pytest", "-p", "no:cacheprovider", *(args or ("tests",))]
    console.print(f"[bold]$ {' '.join(cmd[1:])}[/bold]")
    status = subprocess.call(cmd, cwd=ROOT, env=env)
    if status == PYTEST_NO_TESTS_COLLECTED:
        console.print("[red]pytest collected no tests: treating that as a failure.[/red]")
        return 1
    return status
