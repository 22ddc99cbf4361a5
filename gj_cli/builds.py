"""Production frontend builds, one folder per app, skipped when nothing that feeds them changed."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

from gj_cli.apps import PYTHON, ROOT, AppTarget, app_env

STAMP_NAME = ".gj-build-stamp"
LOCK_PACKAGE_JSON = ROOT / "reflex.lock" / "package.json"


class BuildFailed(RuntimeError):
    pass


def _files(target: AppTarget) -> Iterable[Path]:
    yield ROOT / "rxconfig.py"
    for folder in (ROOT / target.name, ROOT / "ui_kit", ROOT / "assets", ROOT / "reflex.lock"):
        if folder.is_dir():
            yield from sorted(p for p in folder.rglob("*")
                              if p.is_file() and "__pycache__" not in p.parts)


BUILD_ATTEMPTS = 2


def input_hash(target: AppTarget) -> str:
    """Everything the compiled frontend depends on: sources, theme, lockfile, Reflex, port."""
    digest = hashlib.sha256()
    digest.update(f"reflex={version('reflex')};port={target.port}\n".encode())
    for path in _files(target):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_current(target: AppTarget) -> bool:
    stamp = target.web_dir / STAMP_NAME
    return stamp.is_file() and stamp.read_text().strip() == input_hash(target)


def build(target: AppTarget, *, force: bool = False, log_dir: Path | None = None) -> bool:
    """Compile and build `target` for production. Returns False when it was already current."""
    if not force and is_current(target):
        return False
    log_path = (log_dir or ROOT / ".gj" / "logs") / f"build-{target.suffix}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # One retry: on a busy 2-core machine Vite's prerender step can time out ("Prerender:
    # Request failed for /: The operation timed out") although the sources are fine.
    for attempt in range(1, BUILD_ATTEMPTS + 1):
        with log_path.open("w") as log:
            result = subprocess.run(
                [PYTHON, "-m", "reflex", "export", "--frontend-only", "--no-zip",
                 "--loglevel", "info"],
                cwd=ROOT, env=app_env(target), stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, check=False,
            )
        if result.returncode == 0 or attempt == BUILD_ATTEMPTS:
            break
        print(f"  building {target.suffix} failed (exit {result.returncode}), retrying once; "
              f"log: {log_path}", flush=True)
    if result.returncode != 0:
        tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-25:])
        raise BuildFailed(f"building {target.suffix} failed (exit {result.returncode}); "
                          f"full log: {log_path}\n{tail}")
    unshared = unshared_packages(LOCK_PACKAGE_JSON)
    if unshared:
        names = ", ".join(unshared)
        raise BuildFailed(
            f"after building {target.suffix}, reflex.lock/ lists {names}, which the other apps' "
            f"builds would remove again (all three share that lockfile): add {names} to "
            "SHARED_FRONTEND_PACKAGES in ui_kit/npm_packages.py and run `./gj setup` again.")
    # Hashed after the build: Reflex may rewrite its lockfile while installing packages.
    (target.web_dir / STAMP_NAME).write_text(input_hash(target) + "\n")
    return True


def unshared_packages(package_json: Path) -> list[str]:
    """Packages in a Reflex lock's package.json that are neither Reflex's own nor declared for
    every app in ui_kit.npm_packages (so some other app's build would remove them)."""
    from reflex.constants import PackageJson

    from ui_kit.npm_packages import SHARED_FRONTEND_PACKAGES

    if not package_json.is_file():
        return []
    dependencies = json.loads(package_json.read_text()).get("dependencies") or {}
    return sorted(set(dependencies) - set(PackageJson.DEPENDENCIES)
                  - set(SHARED_FRONTEND_PACKAGES))
