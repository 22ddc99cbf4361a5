"""Starting and stopping the suite's processes: each in its own process group, none left behind."""

from __future__ import annotations

import collections
import ctypes
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from gj_cli.apps import PYTHON, ROOT, AppTarget, app_env, tool_env


@dataclass
class ProcessSpec:
    name: str
    argv: list[str]
    env: dict[str, str]
    health_url: str | None = None  # None: considered up once it has not exited for a moment
    public_url: str | None = None


def app_process(target: AppTarget, base_env: dict[str, str] | None = None) -> ProcessSpec:
    # `reflex run --env prod` compiles, builds (seconds when current) and serves pages, the
    # websocket and our API on one port.
    return ProcessSpec(
        name=target.name,
        argv=[PYTHON, "-m", "reflex", "run", "--env", "prod", "--loglevel", "info"],
        env=app_env(target, base_env),
        health_url=f"http://127.0.0.1:{target.port}/health",
        public_url=target.url,
    )


def background_processes(base_env: dict[str, str] | None = None) -> list[ProcessSpec]:
    """Everything besides the apps that `gj run` keeps alive. Add a line here for a new daemon."""
    env = tool_env(base_env)
    return [
        ProcessSpec("worker", [PYTHON, "-m", "gj_cli", "worker"], env),
        ProcessSpec("relay", [PYTHON, "-m", "gj_cli", "relay"], env),
        ProcessSpec("scheduler", [PYTHON, "-m", "gj_cli", "scheduler"], env),
    ]


def process_specs(targets: list[AppTarget], base_env: dict[str, str] | None = None,
                  *, background: bool = True) -> list[ProcessSpec]:
    specs = [app_process(t, base_env) for t in targets]
    return specs + (background_processes(base_env) if background else [])


class StartFailed(RuntimeError):
    pass


_PR_SET_PDEATHSIG = 1


def _child_setup() -> None:
    # If `gj` itself is killed with SIGKILL, the kernel still tells its children to stop.
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


@dataclass
class Running:
    spec: ProcessSpec
    proc: subprocess.Popen
    tail: collections.deque = field(default_factory=lambda: collections.deque(maxlen=60))
    log_path: Path | None = None

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def last_lines(self) -> str:
        return "\n".join(self.tail)


class Supervisor:
    """Owns child processes. Each child leads its own process group (session), so stopping it
    signals everything it started — Reflex's server workers, bun, vite — not just the leader."""

    def __init__(self, *, log_dir: Path | None = None,
                 echo: Callable[[str, str], None] | None = None) -> None:
        self.log_dir = log_dir
        self.echo = echo
        self.running: list[Running] = []

    def start(self, spec: ProcessSpec) -> Running:
        proc = subprocess.Popen(
            spec.argv, cwd=ROOT, env=spec.env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_child_setup,
        )
        log_path = self.log_dir / f"{spec.name}.log" if self.log_dir else None
        running = Running(spec, proc, log_path=log_path)
        self.running.append(running)
        threading.Thread(target=self._pump, args=(running,), daemon=True,
                         name=f"gj-out-{spec.name}").start()
        return running

    def _pump(self, running: Running) -> None:
        log = None
        if running.log_path:
            running.log_path.parent.mkdir(parents=True, exist_ok=True)
            log = running.log_path.open("a", buffering=1)
        try:
            assert running.proc.stdout is not None
            for raw in iter(running.proc.stdout.readline, b""):
                line = raw.decode(errors="replace").rstrip()
                running.tail.append(line)
                if log:
                    log.write(line + "\n")
                if self.echo:
                    self.echo(running.spec.name, line)
        finally:
            if log:
                log.close()

    def wait_until_up(self, running: Running, timeout: float = 240.0) -> httpx.Response | None:
        """Block until the process answers its health URL (or has stayed alive for a moment)."""
        deadline = time.monotonic() + timeout
        if running.spec.health_url is None:
            time.sleep(1.0)
            if not running.alive():
                raise self._failed(running, "exited right after starting")
            return None
        while time.monotonic() < deadline:
            if not running.alive():
                raise self._failed(running, f"exited with status {running.proc.returncode}")
            try:
                # Any answer means the server is up; 503 only says a dependency is down.
                return httpx.get(running.spec.health_url, timeout=2.0)
            except httpx.HTTPError:
                time.sleep(0.3)
        raise self._failed(running, f"did not answer {running.spec.health_url} in {timeout:.0f}s")

    def _failed(self, running: Running, why: str) -> StartFailed:
        where = f" (log: {running.log_path})" if running.log_path else ""
        return StartFailed(f"{running.spec.name} {why}{where}. Last output:\n"
                           f"{running.last_lines()}")

    def dead(self) -> list[Running]:
        return [r for r in self.running if not r.alive()]

    def processes(self) -> list[psutil.Process]:
        """Every live process we are responsible for: leaders and all their descendants."""
        found: list[psutil.Process] = []
        for r in self.running:
            try:
                leader = psutil.Process(r.pid)
                found.append(leader)
                found.extend(leader.children(recursive=True))
            except psutil.NoSuchProcess:
                pass
        return found

    def all_pids(self) -> set[int]:
        return {p.pid for p in self.processes()}

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM every group (last started first), then SIGKILL whatever is still there."""
        leftovers = self.processes()
        for r in reversed(self.running):
            _signal_group(r.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for r in self.running:
            try:
                r.proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for r in self.running:
            _signal_group(r.pid, signal.SIGKILL)
            try:
                r.proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
        # Anything that left its group (a daemonising grandchild) is killed by pid.
        # (psutil refuses to signal a pid that was reused by another process meanwhile.)
        for proc in leftovers:
            try:
                proc.kill()
            except psutil.NoSuchProcess:
                pass
        self.running.clear()


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass
