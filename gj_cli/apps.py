"""The three Reflex apps: names, ports, build folders and the environment each process needs."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from core.config import PROJECT_ROOT, get_settings

ROOT = PROJECT_ROOT
GJ_DIR = ROOT / ".gj"
NODE_PREFIX = GJ_DIR / "node"
BUN_BIN_DIR = NODE_PREFIX / "node_modules" / ".bin"
PYTHON = sys.executable

PORT_VARS = {"pms_app": "GJ_PMS_PORT", "booking_site": "GJ_BOOKING_PORT",
             "tenant_admin": "GJ_ADMIN_PORT"}


@dataclass(frozen=True)
class AppTarget:
    """One app as it will be built and served: which port, which build folders."""

    name: str
    port: int
    flavour: str = ""  # "" for the real deployment; tests name their own builds
    base_dir: Path = ROOT  # where the .web-*/.states-* folders go

    @property
    def suffix(self) -> str:
        return f"{self.name}-{self.flavour}" if self.flavour else self.name

    @property
    def web_dir(self) -> Path:
        return self.base_dir / f".web-{self.suffix}"

    @property
    def states_dir(self) -> Path:
        return self.base_dir / f".states-{self.suffix}"

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"


def build_base_dir() -> Path:
    """GJ_BUILD_DIR moves the build folders (tests use it so they never touch the real builds)."""
    return Path(os.environ.get("GJ_BUILD_DIR") or ROOT)


def default_targets() -> list[AppTarget]:
    s = get_settings()
    base = build_base_dir()
    return [AppTarget("pms_app", s.pms_port, base_dir=base),
            AppTarget("booking_site", s.booking_port, base_dir=base),
            AppTarget("tenant_admin", s.admin_port, base_dir=base)]


def tool_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for anything that runs Reflex: our bun first on PATH, no network checks."""
    env = dict(os.environ if base is None else base)
    env["PATH"] = os.pathsep.join([str(BUN_BIN_DIR), str(Path(PYTHON).parent), env.get("PATH", "")])
    # Reflex cannot download bun here (no general internet); we install it from npm instead.
    env["REFLEX_USE_SYSTEM_BUN"] = "1"
    env["REFLEX_CHECK_LATEST_VERSION"] = "false"
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def app_env(target: AppTarget, base: dict[str, str] | None = None) -> dict[str, str]:
    env = tool_env(base)
    env["GJ_APP"] = target.name
    env["REFLEX_WEB_WORKDIR"] = str(target.web_dir)
    env["REFLEX_STATES_WORKDIR"] = str(target.states_dir)
    env[PORT_VARS[target.name]] = str(target.port)
    return env
