"""SSE fan-out benchmark: time from a commit to the frame arriving at each of 200 subscribers.

The app process (this one) serves the API on a real port; 200 SSE clients connect from a separate
process over HTTP. Events are committed 100 ms apart either in the app process (`local` writer: a
front-desk action in the PMS) or in another process (`remote` writer: a booking made by the
booking site, or a job). The writer notes the wall-clock time each commit returned, each client
notes when each frame arrived (same machine, same clock); a latency is the difference.

  embedded   SQLite, no Redis. local: the commit wakes the app's feed directly; remote: the app's
             feed finds the event by tailing the outbox (polls every 200 ms).
  redis      PostgreSQL + Redis, with a separate `gj relay` process publishing to Redis pub/sub.
             local: the app's feed reads its own commit at once; remote: relay -> Redis -> feed
             (the production path across processes).

Target: p95 <= 50 ms. Run:  .venv/bin/python benchmarks/sse_bench.py [--mode embedded|redis|both]
[--writer local|remote|both] [--subscribers 200] [--events 30]. Exit status 0 only if all pass.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_SERVER = os.environ.get("GJ_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("GJ_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
PASSWORD = "correct horse battery staple"
TARGET_P95_MS = 50.0


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# ---------------------------------------------------------------- the subscriber process


async def _subscriber(url: str, token: str, expect: int, connected: list[int],
                      latencies: list[tuple[str, float]]) -> None:
    """A minimal HTTP/1.1 SSE reader: the measuring side must cost far less than the server."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    writer.write(f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                 f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        raise RuntimeError(f"stream refused: {status!r}")
    chunked = False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        chunked |= line.lower().startswith(b"transfer-encoding") and b"chunked" in line.lower()
    buf, got = b"", 0
    while got < expect:
        if chunked:
            size = int((await reader.readline()).strip() or b"0", 16)
            data = (await reader.readexactly(size + 2))[:-2]
        else:
            data = await reader.read(65536)
        arrived = time.time()
        buf += data
        while b"\n\n" in buf:
            block, buf = buf.split(b"\n\n", 1)
            for field in block.split(b"\n"):
                if field.startswith(b"retry:"):
                    connected.append(1)
                elif field.startswith(b"data:"):
                    latencies.append((json.loads(field[5:])["id"], arrived))
                    got += 1
    writer.close()


async def _subscribers(url: str, token: str, n: int, expect: int) -> None:
    latencies: list[tuple[str, float]] = []
    connected: list[int] = []
    tasks = [asyncio.create_task(_subscriber(url, token, expect, connected, latencies))
             for _ in range(n)]
    while len(connected) < n:
        await asyncio.sleep(0.05)
        for t in tasks:
            if t.done() and t.exception():
                raise t.exception()
    print("READY", flush=True)
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=120)
    print("RESULT " + json.dumps(latencies), flush=True)


# ---------------------------------------------------------------- the app process


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _configure(mode: str, tmp: str) -> str | None:
    """Point settings at a throwaway control plane; returns the Postgres control DB to drop."""
    from core.config import reset_settings
    from core.db.engines import make_admin_engine, reset_engines

    os.environ["GJ_ENV"] = "test"
    os.environ["GJ_DATA_DIR"] = tmp
    control_db = None
    if mode == "redis":
        from sqlalchemy.engine import make_url

        control_db = f"gj_bench_sse_{uuid.uuid4().hex[:8]}"
        admin = make_admin_engine(PG_SERVER)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{control_db}"')
        admin.dispose()
        os.environ["CONTROL_DATABASE_URL"] = make_url(PG_SERVER).set(
            database=control_db).render_as_string(False)
        os.environ["DATABASE_URL"] = PG_SERVER
        os.environ["REDIS_URL"] = REDIS
    else:
        for var in ("CONTROL_DATABASE_URL", "DATABASE_URL", "REDIS_URL"):
            os.environ.pop(var, None)
    reset_settings()
    reset_engines()
    return control_db


def _write(pid, events: int) -> tuple[dict[str, float], list[float]]:
    """Commit `events` reservation events 100 ms apart; returns when each commit returned."""
    from core.db.uow import property_uow

    committed_at: dict[str, float] = {}
    commit_ms: list[float] = []
    for i in range(events):
        started = time.time()
        with property_uow(pid) as uow:
            uow.record_event("reservations", "reservation.created", f"r-{i}", {"id": f"r-{i}"})
            uow.commit()
            # The clock starts when the commit returned: that is when the change exists.
            committed_at[f"r-{i}"] = time.time()
        commit_ms.append((committed_at[f"r-{i}"] - started) * 1000)
        time.sleep(0.1)
    return committed_at, commit_ms


def run(mode: str, writer: str, subscribers: int, events: int) -> bool:
    import httpx
    import uvicorn

    from core.api import create_api
    from core.db import migrate
    from core.identity.grants import ensure_user
    from core.tenancy.provisioning import create_chain, deprovision_property, provision_property

    tmp = tempfile.mkdtemp(prefix="gj-sse-bench-")
    control_db = _configure(mode, tmp)
    relay = server = None
    pid = None
    try:
        migrate.migrate_control()
        chain = create_chain("Bench Chain", f"bench-{uuid.uuid4().hex[:6]}")
        pid = provision_property(chain_id=chain.id, name="Bench Hotel",
                                 slug=f"bench-{uuid.uuid4().hex[:6]}").id
        ensure_user("bench@example.com", "Bench", PASSWORD, [("front_desk", pid, None)])

        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_api("pms_app"), host="127.0.0.1", port=port,
                                               log_level="warning", lifespan="off"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        token = httpx.post(f"{base}/auth/login", json={
            "email": "bench@example.com", "password": PASSWORD, "property_id": str(pid)},
        ).json()["data"]["access_token"]
        if mode == "redis":
            relay = subprocess.Popen([sys.executable, "-m", "gj_cli", "relay", "--property",
                                      str(pid)], env=dict(os.environ), cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(2.0)  # let it import and take the lease

        url = f"{base}/api/v1/properties/{pid}/reservations/stream"
        clients = subprocess.Popen(
            [sys.executable, __file__, "--client", url, token, str(subscribers), str(events)],
            stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert clients.stdout is not None
        line = clients.stdout.readline()
        if not line.startswith("READY"):
            raise RuntimeError(f"subscribers did not connect: {line!r}")
        time.sleep(0.5)
        cpu_before = time.process_time()
        if writer == "local":
            committed_at, commit_ms = _write(pid, events)
        else:
            proc = subprocess.run([sys.executable, __file__, "--writer", str(pid), str(events)],
                                  capture_output=True, text=True, cwd=ROOT, timeout=180)
            line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
            committed_at, commit_ms = json.loads(line[len("RESULT "):])
        out, _ = clients.communicate(timeout=180)
        # CPU the app process spent (fan-out to every subscriber, plus local commits if any).
        app_cpu_ms = (time.process_time() - cpu_before) * 1000 / events
        result = next(x for x in out.splitlines() if x.startswith("RESULT "))
        latencies = [(arrived - committed_at[eid]) * 1000
                     for eid, arrived in json.loads(result[len("RESULT "):])]
    finally:
        if relay is not None:
            relay.terminate()
            relay.wait(10)
        if server is not None:
            server.should_exit = True
            time.sleep(0.5)
        if pid is not None:
            try:
                deprovision_property(pid)
            except Exception:  # noqa: BLE001 - best effort clean-up
                pass
        if control_db:
            from sqlalchemy.engine import make_url

            from core.db.engines import reset_engines
            from core.tenancy.provisioning import drop_database

            reset_engines()
            drop_database(make_url(PG_SERVER).set(database=control_db).render_as_string(False))

    expected = subscribers * events
    p50, p95, p99 = (pct(latencies, p) for p in (50, 95, 99))
    ok = len(latencies) == expected and p95 <= TARGET_P95_MS
    print(f"sse/{mode}/{writer}-writer subscribers={subscribers} events={events} frames={len(latencies)}/"
          f"{expected}  p50={p50:5.1f} ms  p95={p95:5.1f} ms  p99={p99:5.1f} ms  "
          f"max={max(latencies):5.1f} ms  target p95 <= {TARGET_P95_MS:.0f} ms  "
          f"{'PASS' if ok else 'FAIL'}  (the commits themselves: p50={pct(commit_ms, 50):.1f} ms, "
          f"p95={pct(commit_ms, 95):.1f} ms, not counted; app CPU {app_cpu_ms:.1f} ms per event; "
          f"load average {os.getloadavg()[0]:.1f})", flush=True)
    return ok


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        url, token, n, expect = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
        asyncio.run(_subscribers(url, token, n, expect))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--writer":
        print("RESULT " + json.dumps(_write(uuid.UUID(sys.argv[2]), int(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["embedded", "redis", "both"], default="both")
    parser.add_argument("--subscribers", type=int, default=200)
    parser.add_argument("--events", type=int, default=30)
    parser.add_argument("--writer", choices=["local", "remote", "both"], default="both",
                        help="commit in the app process (local) or in another process (remote)")
    args = parser.parse_args()
    modes = ["embedded", "redis"] if args.mode == "both" else [args.mode]
    writers = ["local", "remote"] if args.writer == "both" else [args.writer]
    results = [run(mode, writer, args.subscribers, args.events)
               for mode in modes for writer in writers]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
