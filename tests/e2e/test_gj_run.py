"""`gj run` starts everything, prints the URLs, and Ctrl-C stops every process it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

pytestmark = pytest.mark.e2e

GJ = Path(sys.executable).parent / "gj"
ROOT = Path(__file__).resolve().parents[2]


def _wait_for_health(urls: list[str], proc: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    pending = list(urls)
    while pending and time.monotonic() < deadline:
        assert proc.poll() is None, f"gj run exited early with {proc.returncode}"
        try:
            if httpx.get(pending[0], timeout=2).status_code == 200:
                pending.pop(0)
                continue
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    assert not pending, f"no /health answer from {pending}"


def _started(proc: subprocess.Popen, timeout: float = 60) -> list[psutil.Process]:
    """gj run's processes once the three apps and the worker (started after the apps) are up."""
    deadline = time.monotonic() + timeout
    while True:
        descendants = psutil.Process(proc.pid).children(recursive=True)
        names = " ".join(" ".join(_cmdline(p)) for p in descendants)
        if names.count("reflex run --env prod") >= 3 and "gj_cli worker" in names:
            return descendants
        assert time.monotonic() < deadline, f"gj run did not start everything: {names}"
        time.sleep(0.2)


def _cmdline(p: psutil.Process) -> list[str]:
    try:
        return p.cmdline()
    except psutil.NoSuchProcess:  # a short-lived helper that has already exited
        return []


def test_ctrl_c_stops_gj_run_and_every_process_it_started(tmp_path, spare_ports):
    ports = spare_ports(3)
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "CONTROL_DATABASE_URL", "REDIS_URL", "REFLEX_REDIS_URL")}
    env.update(GJ_ENV="test", GJ_DATA_DIR=str(tmp_path / "data"), GJ_BUILD_DIR=str(tmp_path),
               GJ_PMS_PORT=str(ports[0]), GJ_BOOKING_PORT=str(ports[1]),
               GJ_ADMIN_PORT=str(ports[2]))
    log = (tmp_path / "gj-run.log").open("w+")
    # Its own session, like a terminal's foreground job: the SIGINT below reaches gj alone.
    proc = subprocess.Popen([str(GJ), "run"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for_health([f"http://127.0.0.1:{p}/health" for p in ports], proc)
        descendants = _started(proc)

        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)

    log.seek(0)
    output = log.read()
    for port in ports:
        assert f"http://localhost:{port}" in output
    gone, alive = psutil.wait_procs(descendants, timeout=5)
    assert alive == [], [p.cmdline() for p in alive]
    for port in ports:
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
