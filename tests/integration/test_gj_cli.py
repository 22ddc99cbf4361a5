"""The gj command's own behaviour: process supervision, migrations with progress, test exit codes."""

from __future__ import annotations

import json
import sys
import time

import psutil
import pytest
from click.testing import CliRunner

from gj_cli.apps import AppTarget, app_env
from gj_cli.builds import LOCK_PACKAGE_JSON, input_hash, unshared_packages
from gj_cli.cli import cli
from gj_cli.processes import ProcessSpec, StartFailed, Supervisor
from gj_cli.testing import run_pytest

# A process that starts a child in its own session (as a daemon would): stopping must still
# reach it, since it is not in the leader's process group.
ESCAPING_TREE = (
    "import subprocess, sys, time\n"
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'],"
    " start_new_session=True)\n"
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])\n"
    "print('ready', flush=True)\n"
    "time.sleep(300)\n"
)


def test_stopping_the_supervisor_leaves_no_descendant_alive(tmp_path):
    supervisor = Supervisor(log_dir=tmp_path)
    running = supervisor.start(ProcessSpec("tree", [sys.executable, "-c", ESCAPING_TREE], env={}))
    deadline = time.monotonic() + 20
    while "ready" not in running.last_lines() and time.monotonic() < deadline:
        time.sleep(0.1)
    tree = supervisor.processes()
    assert len(tree) == 3

    supervisor.stop(timeout=5)

    gone, alive = psutil.wait_procs(tree, timeout=5)
    assert alive == []
    assert "ready" in (tmp_path / "tree.log").read_text()


def test_a_process_that_dies_while_starting_is_reported_with_its_output(tmp_path):
    supervisor = Supervisor(log_dir=tmp_path)
    spec = ProcessSpec("broken", [sys.executable, "-c", "print('no database'); raise SystemExit(3)"],
                       env={}, health_url="http://127.0.0.1:9/health")
    running = supervisor.start(spec)
    try:
        with pytest.raises(StartFailed, match="broken exited with status 3") as err:
            supervisor.wait_until_up(running, timeout=30)
        assert "no database" in str(err.value)
    finally:
        supervisor.stop()


def test_gj_migrate_migrates_every_property_and_says_how_many(sqlite_tenant):
    sqlite_tenant.make_property("North")
    sqlite_tenant.make_property("South")

    result = CliRunner().invoke(cli, ["migrate"])

    assert result.exit_code == 0, result.output
    assert "control plane and 2 properties" in result.output


def test_pytest_collecting_nothing_is_a_failure(tmp_path):
    (tmp_path / "test_nothing_here.py").write_text("")

    assert run_pytest((str(tmp_path), "-q", "--rootdir", str(tmp_path))) == 1


def test_a_failing_test_fails_gj_test(tmp_path):
    (tmp_path / "test_fails.py").write_text("def test_fails():\n    assert 1 == 2\n")

    assert run_pytest((str(tmp_path), "-q", "--rootdir", str(tmp_path))) == 1


def test_builds_are_keyed_on_the_port_and_each_app_gets_its_own_folders(tmp_path):
    pms = AppTarget("pms_app", 3000, base_dir=tmp_path)
    moved = AppTarget("pms_app", 3005, base_dir=tmp_path)
    booking = AppTarget("booking_site", 3001, base_dir=tmp_path)

    # The port is compiled into the frontend (websocket URL), so another port is another build.
    assert input_hash(pms) != input_hash(moved)
    assert pms.web_dir != booking.web_dir and pms.states_dir != booking.states_dir
    env = app_env(booking, {"PATH": "/usr/bin"})
    assert env["GJ_APP"] == "booking_site"
    assert env["REFLEX_WEB_WORKDIR"] == str(tmp_path / ".web-booking_site")
    assert env["GJ_BOOKING_PORT"] == "3001"
    assert env["REFLEX_USE_SYSTEM_BUN"] == "1"


def test_the_tracked_frontend_lock_holds_only_packages_every_app_installs(tmp_path):
    # A package only one app imports would be added by its build and removed by the next app's,
    # rewriting the tracked reflex.lock/ on every `gj setup`.
    assert unshared_packages(LOCK_PACKAGE_JSON) == []
    lock = tmp_path / "package.json"
    lock.write_text(json.dumps({"dependencies": {"react": "19.3.1", "recharts": "3.10.1",
                                                 "left-pad": "1.3.0"}}))
    assert unshared_packages(lock) == ["left-pad"]
    assert unshared_packages(tmp_path / "missing.json") == []


def test_gj_seed_says_clearly_when_demo_data_is_unavailable(sqlite_tenant, monkeypatch):
    # A checkout without core/demo: importing it fails the way a missing module does.
    monkeypatch.setitem(sys.modules, "core.demo.seed", None)

    result = CliRunner().invoke(cli, ["seed"])

    assert result.exit_code == 1
    assert "core/demo/seed.py" in result.output
