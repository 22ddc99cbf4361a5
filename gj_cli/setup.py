"""`gj setup`: Python packages, bun, Chromium and the three production builds, each step idempotent."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from gj_cli import builds
from gj_cli.apps import BUN_BIN_DIR, GJ_DIR, NODE_PREFIX, PYTHON, ROOT, AppTarget, default_targets

CHROMIUM = Path("/usr/bin/chromium")
PYPROJECT_STAMP = GJ_DIR / "pyproject.sha256"  # the ./gj bootstrap writes the same stamp

console = Console(highlight=False)


class SetupFailed(RuntimeError):
    pass


def step(title: str, action: Callable[[], str]) -> None:
    """Run one setup step under a spinner and print what it did (or that it was current)."""
    started = time.monotonic()
    with console.status(f"{title}…"):
        outcome = action()
    console.print(f"[green]✓[/green] {title}: {outcome} [dim]({time.monotonic() - started:.1f}s)[/dim]")


def _run(cmd: list[str], what: str, **kwargs) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL, **kwargs)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()[-20:]
        raise SetupFailed(f"{what} failed (exit {result.returncode}):\n" + "\n".join(output))


def python_packages() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYPROJECT_STAMP.is_file() and PYPROJECT_STAMP.read_text().strip() == digest:
        return "up to date"
    _run([PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", ".[dev]"],
         "pip install -e .[dev]", cwd=ROOT)
    GJ_DIR.mkdir(exist_ok=True)
    PYPROJECT_STAMP.write_text(digest + "\n")
    return "installed"


def _bun_version(bun: Path) -> tuple[int, ...] | None:
    try:
        out = subprocess.run([str(bun), "--version"], capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    try:
        return tuple(int(p) for p in out.stdout.strip().split("-")[0].split("."))
    except ValueError:
        return None


def bun() -> str:
    """Bun from the npm registry into .gj/node: Reflex's own download needs GitHub access."""
    from reflex_base.constants.installer import Bun

    wanted = Bun.VERSION
    minimum = tuple(int(p) for p in Bun.MIN_VERSION.split("."))
    current = _bun_version(BUN_BIN_DIR / "bun")
    if current and current >= minimum:
        return f"bun {'.'.join(map(str, current))} already installed"
    npm = shutil.which("npm")
    if npm is None:
        raise SetupFailed("npm was not found: install Node.js and npm (Debian: apt-get install "
                          "nodejs npm), then run ./gj setup again.")
    NODE_PREFIX.mkdir(parents=True, exist_ok=True)
    _run([npm, "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund",
          "--loglevel", "error", f"bun@{wanted}"], f"npm install bun@{wanted}")
    installed = _bun_version(BUN_BIN_DIR / "bun")
    if not installed or installed < minimum:
        raise SetupFailed(f"bun from npm does not run ({BUN_BIN_DIR / 'bun'}); see npm's output.")
    return f"bun {'.'.join(map(str, installed))} installed from npm"


def chromium(*, required: bool) -> str:
    if CHROMIUM.exists():
        return f"{CHROMIUM} present"
    if os.geteuid() != 0:
        message = (f"{CHROMIUM} is missing and installing it needs root: run "
                   "`sudo apt-get update && sudo apt-get install -y chromium`.")
        if required:
            raise SetupFailed(message)
        return "skipped (" + message + " Only the browser tests need it.)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run(["apt-get", "update"], "apt-get update", env=env)
    _run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"],
         "apt-get install chromium", env=env)
    return "installed with apt-get"


def build(target: AppTarget) -> str:
    return "built" if builds.build(target) else "unchanged, build reused"


def run_setup(*, targets: list[AppTarget] | None = None, browser_required: bool = True) -> None:
    step("Python packages", python_packages)
    step("Bun (frontend toolchain)", bun)
    step("Chromium (browser tests)", lambda: chromium(required=browser_required))
    for target in targets or default_targets():
        step(f"Frontend build {target.suffix} (port {target.port})", functools.partial(build, target))
