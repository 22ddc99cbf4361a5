"""The project's own rules, checked like any other behaviour: import contract and lint."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess:
    exe = shutil.which(cmd[0], path=str(BIN)) or cmd[0]
    return subprocess.run([exe, *cmd[1:]], cwd=ROOT, capture_output=True, text=True, timeout=900)


def test_core_domain_code_imports_no_web_or_job_framework():
    result = _run("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing():
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_test_files_have_unique_names():
    # pytest imports test modules by basename: two test_rules.py in different folders stop the
    # whole suite at collection.
    names: dict[str, list[str]] = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        names.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    clashes = {name: paths for name, paths in names.items() if len(paths) > 1}
    assert not clashes, clashes


def test_mypy_finds_nothing_in_core():
    result = _run("mypy", "core")
    assert result.returncode == 0, result.stdout + result.stderr
