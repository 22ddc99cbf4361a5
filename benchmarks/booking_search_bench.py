"""Booking-site search benchmark: search → results rendered in Chromium, target p95 <= 300 ms.

Seeds the demo chain (a smaller history than `gj seed`, the same hotels, rooms and rates) in a
throwaway data folder, serves the booking site the way `gj run` does (`reflex run --env prod`,
embedded SQLite), then in Debian's Chromium: opens the Harbour City Hotel's home page (untimed),
fills the search form with a different stay each time and times, inside the page, from the click
event on "Check availability" until the first room offer of *that* search (the results URL
names its arrival) is in the DOM and the next frame has been painted.

Why inside the page: Playwright's own `click` spends 60-120 ms on its actionability checks before
the click event exists, and `wait_for_selector` polls at 0, 20, 70, 170, 270, 770 ms, so a
wall-clock figure moves in ~100 ms steps that belong to the tool, not to the site. That figure is
still printed, labelled as such.

Run:  .venv/bin/python benchmarks/booking_search_bench.py [--runs 40] [--phases]
Prints p50/p95/p99 and PASS/FAIL; exit status 0 only if p95 <= 300 ms. --phases also prints when
the search left over the websocket, when its answer came back and when the first offer was in
the DOM (all from the click event).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 300.0
CHROMIUM = "/usr/bin/chromium"
# --phases only: timestamps taken in the page, read back after each run.
PHASES_JS = """
window.__bench = {click: null, sent: null, answer: null, offer: null, painted: null, expect: null};
(() => {
  const b = window.__bench, WS = window.WebSocket;
  window.WebSocket = class extends WS {
    constructor(...a) {
      super(...a);
      this.addEventListener("message", e => {
        if (b.click !== null && b.answer === null && (e.data.length || 0) > 1000)
          b.answer = performance.now();
      });
    }
    send(d) { if (b.click !== null && b.sent === null) b.sent = performance.now(); super.send(d); }
  };
  document.addEventListener("click", e => {
    if (e.target.closest && e.target.closest("#search-submit")) b.click = performance.now();
  }, true);
  // The first offer *of this search* (the URL names its arrival) in the DOM, then the next
  // frame: what the guest sees is painted by then.
  new MutationObserver(() => {
    if (b.click === null || b.offer !== null || !b.expect) return;
    if (!location.search.includes("arrival=" + b.expect)) return;
    if (!document.querySelector("#results .room-offer")) return;
    b.offer = performance.now();
    requestAnimationFrame(() => { b.painted = performance.now(); });
  }).observe(document, {childList: true, subtree: true});
})();
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _configure(data_dir: Path) -> dict[str, str]:
    for var in ("DATABASE_URL", "CONTROL_DATABASE_URL", "REDIS_URL", "REFLEX_REDIS_URL"):
        os.environ.pop(var, None)
    os.environ.update(GJ_ENV="test", GJ_DATA_DIR=str(data_dir))
    from core.config import reset_settings
    from core.db.engines import reset_engines

    reset_settings()
    reset_engines()
    return dict(os.environ)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--phases", action="store_true",
                        help="also print where the time goes (timestamps taken in the page)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gj-search-bench-") as tmp:
        return _run(Path(tmp), args.runs, args.phases)


def _print_phases(rows: list[dict[str, float]]) -> None:
    for name in rows[0] if rows else ():
        values = sorted(r[name] for r in rows)
        print(f"  {name:34} p50 {statistics.median(values):6.1f}  "
              f"p95 {values[int(0.95 * (len(values) - 1))]:6.1f} ms")


def _run(root: Path, runs: int, phases: bool = False) -> int:
    from playwright.sync_api import sync_playwright

    from core.demo.catalog import CITY
    from core.demo.seed import seed_demo
    from core.timeutil import local_today
    from gj_cli.apps import AppTarget
    from gj_cli.run import serve

    env = _configure(root / "data")
    started = time.monotonic()
    seed_demo(past_days=3, future_days=45, scale=0.3)
    print(f"seeded the demo chain in {time.monotonic() - started:.0f} s")
    target = AppTarget("booking_site", _port(), "bench", root / "builds")
    today = local_today(CITY.timezone)
    times: list[float] = []  # in the page: click -> first offer of this search painted
    wall: list[float] = []  # the same run as Playwright sees it (its click and polling included)
    with serve([target], base_env=env, log_dir=root / "logs", echo=False, migrate=False,
               background=False), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.add_init_script(PHASES_JS)
        page.set_default_timeout(30_000)
        phase_rows: list[dict[str, float]] = []
        for i in range(runs + 3):  # the first three warm the bundle and the caches
            arrival = today + timedelta(days=7 + i % 30)
            page.goto(f"{target.url}/p/{CITY.slug}")
            page.wait_for_selector("#search-submit")
            page.fill("#search-arrival", arrival.isoformat())
            page.fill("#search-departure", (arrival + timedelta(days=1 + i % 4)).isoformat())
            page.evaluate(f"window.__bench.expect = '{arrival.isoformat()}'")
            t0 = time.perf_counter()
            page.click("#search-submit")
            page.wait_for_selector("#results .room-offer >> nth=0", state="visible")
            page.wait_for_function(
                f"location.search.includes('arrival={arrival.isoformat()}')")
            page.wait_for_function("window.__bench.painted !== null")
            elapsed = (time.perf_counter() - t0) * 1000
            b = page.evaluate("window.__bench")
            if i >= 3:
                times.append(b["painted"] - b["click"])
                wall.append(elapsed)
            if i >= 3 and b and None not in b.values():
                phase_rows.append({
                    "click -> search sent": b["sent"] - b["click"],
                    "click -> answer received": b["answer"] - b["click"],
                    "click -> first offer in the DOM": b["offer"] - b["click"],
                    "click -> first offer painted": b["painted"] - b["click"],
                })
        browser.close()
    times.sort()
    p50, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
    p99 = times[int(0.99 * (len(times) - 1))]
    if phases:
        _print_phases(phase_rows)
    wall.sort()
    print(f"as Playwright sees it (its click's checks and its selector polling included): "
          f"p50={statistics.median(wall):6.1f} ms  p95={wall[int(0.95 * (len(wall) - 1))]:6.1f} ms")
    ok = p95 <= TARGET_MS
    load = os.getloadavg()[0]
    print(f"search→results  n={len(times)}  p50={p50:6.1f} ms  p95={p95:6.1f} ms  "
          f"p99={p99:6.1f} ms  target p95 <= {TARGET_MS:.0f} ms  {'PASS' if ok else 'FAIL'}  "
          f"(load average {load:.1f} on {os.cpu_count()} CPUs)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
