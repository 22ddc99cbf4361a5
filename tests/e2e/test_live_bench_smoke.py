"""The live-screens benchmark's code path (benchmarks/live_bench.py) with 2 tabs and 2 changes.

It runs against the package's running PMS on a hotel of its own, so the benchmark cannot rot:
sign-in, tabs on Today, the in-page observer, bookings committed from this process reaching
every tab, join times and the backend's memory figure.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.e2e

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def live_bench():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield importlib.import_module("live_bench")
    finally:
        sys.path.remove(str(BENCHMARKS))


def _hotel(apps, live_bench, name: str, slug: str):
    from core.tenancy.provisioning import provision_property

    with apps.in_process():
        prop = provision_property(chain_id=apps.chain_id, name=name, slug=slug,
                                  timezone="Europe/Lisbon", currency="EUR")
        return live_bench.prepare_hotel(apps.chain_id, prop.id, rooms=8)


def test_every_tab_sees_each_committed_booking(apps, browser, live_bench):
    hotel = _hotel(apps, live_bench, "Live Bench Hotel", "live-bench-smoke")
    lines: list[str] = []

    result = live_bench.run(browser, apps.pms, hotel, clients=[2], joins=[2], changes=2,
                            configured=apps.in_process, port=urlparse(apps.pms).port,
                            max_seconds=120, echo=lines.append)

    level = result.levels[2]
    assert result.stopped == "" and result.largest == 2
    assert level.missed == 0 and len(level.latencies_ms) == 2 * 2
    assert all(0 < ms < live_bench.CHANGE_TIMEOUT_S * 1000 for ms in level.latencies_ms)
    assert len(result.joins_ms) == 2 and all(ms > 0 for ms in result.joins_ms)
    assert level.rss_mb > 50  # the backend process was found and measured
    assert any(line.startswith("commit→DOM  clients=  2") for line in lines)


def test_protocol_clients_receive_every_change_like_a_tab(apps, browser, live_bench):
    hotel = _hotel(apps, live_bench, "Live Bench Protocol Hotel", "live-bench-protocol")
    lines: list[str] = []

    result = live_bench.run(browser, apps.pms, hotel, clients=[3], joins=[3], changes=2,
                            configured=apps.in_process, port=urlparse(apps.pms).port,
                            max_seconds=120, observers=1, echo=lines.append)

    level = result.levels[3]
    assert result.stopped == "" and level.observers == 1  # 1 Chromium tab, 2 protocol clients
    assert level.missed == 0 and len(level.latencies_ms) == 2
    assert level.protocol_missed == 0 and len(level.protocol_ms) == 2 * 2
    assert level.protocol_frames >= 2 * 3  # each client got a delta for each of the 3 bookings
    assert all(0 < ms < live_bench.CHANGE_TIMEOUT_S * 1000 for ms in level.protocol_ms)
    assert len(result.joins_ms) == 3 and all(ms > 0 for ms in result.joins_ms)
    assert any("1 Chromium + 2 protocol" in line for line in lines)
