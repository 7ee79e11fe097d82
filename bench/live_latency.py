"""Live-updates bench: how long from one desktop's commit until another desktop's listener hears it.

    .venv/bin/python bench/live_latency.py [--changes 40] [--postgres auto|URL] [--no-sqlite]

Two ``Database`` objects over one database stand for two desktops. One commits a change to a
task every ~0.3 s (a random offset, so SQLite's half-second poll is not in step); the other's
listener (``store.changes``) waits for it. Prints p50 / p95 / max of commit-to-heard per backend.
The window adds its debounce (``gui.live_updates.DEBOUNCE_MS``) and the page's own reload on top.
SQLite: a file in a temp dir. PostgreSQL: ``--postgres URL`` (a server where this user may CREATE
DATABASE; the NOTIFY triggers come with migration 0004) or ``auto`` (a throwaway cluster).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import update  # noqa: E402

from tests.support.community import build  # noqa: E402
from tests.support.pg_cluster import RestartableCluster  # noqa: E402
from volunteer_app.store import migrate  # noqa: E402
from volunteer_app.store.changes import listener_for  # noqa: E402
from volunteer_app.store.database import Database  # noqa: E402
from volunteer_app.store.models import Task  # noqa: E402


def measure(url: str, changes: int) -> list[float]:
    first, second = Database(url), Database(url)
    try:
        migrate.upgrade(first, backup=False)
        town = build(first)
        listener = listener_for(second)
        listener.open()
        committed: list[float] = []
        heard: list[float] = []
        done = threading.Event()

        def listen() -> None:
            while not done.is_set() or len(heard) < len(committed):
                if listener.wait(0.5):
                    heard.append(time.perf_counter())
                elif done.is_set():
                    break

        thread = threading.Thread(target=listen)
        thread.start()
        for i in range(changes):
            time.sleep(0.3 + random.random() * 0.3)
            with first.transaction() as s:
                s.execute(update(Task).where(Task.id == town.task_a).values(title=f"Sort donations {i}"))
            committed.append(time.perf_counter())
            deadline = time.monotonic() + 5
            while len(heard) <= i and time.monotonic() < deadline:
                time.sleep(0.005)
        done.set()
        thread.join()
        listener.close()
        return [(h - c) * 1000 for c, h in zip(committed, heard, strict=False)]
    finally:
        first.dispose()
        second.dispose()


def report(name: str, ms: list[float], changes: int) -> None:
    if not ms:
        print(f"{name}: nothing heard")
        return
    cut = statistics.quantiles(ms, n=20)
    print(
        f"{name:10s} heard {len(ms)}/{changes}  p50 {statistics.median(ms):6.1f} ms  "
        f"p95 {cut[18]:6.1f} ms  max {max(ms):6.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--postgres", default="auto", help="auto (a throwaway cluster), a server URL, or 'no'")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            report("sqlite", measure(f"sqlite:///{folder}/live.sqlite3", args.changes), args.changes)
    if args.postgres != "no":
        cluster = None
        try:
            if args.postgres == "auto":
                cluster = RestartableCluster()
                url = cluster.create_database("live_bench") if cluster.start() else ""
            else:
                url = args.postgres
            report("postgresql", measure(url, args.changes), args.changes)
        finally:
            if cluster is not None:
                cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
