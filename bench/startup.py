"""Start-up time of the desktop window over 10,000 and 100,000 tasks.

    .venv/bin/python bench/startup.py [--tasks 10000 100000] [--runs 3] [--cache DIR]

For each size this builds (once, cached under the temp dir) an SQLite database
with that many tasks, one occurrence each, spread over 20 organisations, and a
coordinator of all of them (so every task, drafts too, is listed). Then it
launches a fresh Python process per run (offscreen Qt) that opens the database as the app does (migrate check included), builds the main
window for the coordinator and shows it, and reports wall-clock times measured
from just before the process was started:

    window shown     the main window's first paint
    first rows       the first page of tasks is in the table (count + page, loaded off the UI thread)

plus the child's peak RSS. Prints the median of the runs. No sign-in in the
child: Argon2 is deliberately slow and is not the window's start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CHILD_FLAG = "--child"
START_ENV = "VOLUNTEER_APP_BENCH_T0"
ORGANISATIONS = 20
COORDINATOR = "bench.coordinator@example.org"
DATA_VERSION = 2  # bump when build_database changes, so cached files are rebuilt


# --------------------------------------------------------------------------- the database


def build_database(path: Path, tasks: int) -> None:
    from sqlalchemy import insert

    from volunteer_app.domain.enums import Role, TaskKind, TaskStatus
    from volunteer_app.services.accounts import hash_password
    from volunteer_app.store import migrate
    from volunteer_app.store.database import Database
    from volunteer_app.store.models import Membership, Organisation, Person, Task, TaskOccurrence

    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    db = Database(f"sqlite:///{tmp}")
    try:
        migrate.upgrade(db, backup=False)
        start = datetime(2030, 1, 7, 1, 0, tzinfo=UTC)
        categories = ("food", "library", "elderly", "education", "environment", "admin")
        statuses = (TaskStatus.OPEN, TaskStatus.OPEN, TaskStatus.OPEN, TaskStatus.CLOSED, TaskStatus.DRAFT)
        with db.transaction() as s:
            s.execute(insert(Organisation), [{"name": f"Organisation {i:02d}"} for i in range(1, ORGANISATIONS + 1)])
            s.add(
                Person(email=COORDINATOR, display_name="Bench Coordinator", password_hash=hash_password("bench-pass"))
            )
            s.flush()
            # Coordinator of every organisation, so every task (drafts too) is in the list.
            s.execute(
                insert(Membership),
                [
                    {"person_id": 1, "organisation_id": org, "role": Role.COORDINATOR}
                    for org in range(1, ORGANISATIONS + 1)
                ],
            )
            batch = 20_000
            for first in range(0, tasks, batch):
                rows, occurrences = [], []
                for i in range(first, min(first + batch, tasks)):
                    begins = start + timedelta(minutes=30 * i)
                    remote = i % 7 == 0
                    rows.append(
                        {
                            "id": i + 1,
                            "organisation_id": 1 + i % ORGANISATIONS,
                            "title": f"Task number {i + 1}",
                            "description": "",
                            "category": categories[i % len(categories)],
                            "address": None if remote else f"{1 + i % 400} Example Road",
                            "is_remote": remote,
                            "latitude": None if remote else 30.0 + (i % 1000) / 5000,
                            "longitude": None if remote else 120.0 + (i % 997) / 5000,
                            "kind": TaskKind.FIXED,
                            "starts_at": begins,
                            "ends_at": begins + timedelta(hours=2),
                            "slots": 1 + i % 6,
                            "priority": 1 + i % 5,
                            "status": statuses[i % len(statuses)],
                            "timezone": "Asia/Shanghai",
                        }
                    )
                    occurrences.append({"task_id": i + 1, "starts_at": begins, "ends_at": begins + timedelta(hours=2)})
                s.execute(insert(Task), rows)
                s.execute(insert(TaskOccurrence), occurrences)
    finally:
        db.dispose()
    tmp.replace(path)


def cached_database(cache: Path, tasks: int) -> Path:
    from volunteer_app.store.migrate import head_revision

    path = cache / f"startup-v{DATA_VERSION}-{tasks}-{head_revision()}.sqlite3"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        print(f"building {path.name} ...", file=sys.stderr, flush=True)
        build_database(path, tasks)
        print(f"  built in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return path


# --------------------------------------------------------------------------- the child process


def child(url: str) -> int:
    """Open the app's window like a start-up would and report when it is shown and filled."""
    import resource

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from volunteer_app.gui.app import create_application
    from volunteer_app.gui.main_window import MainWindow
    from volunteer_app.gui.pages import ListPage
    from volunteer_app.services import accounts, storage
    from volunteer_app.services.accounts import Actor

    app = create_application([sys.argv[0]])
    times: dict[str, float] = {"imported": time.time()}
    db = storage.open_database(url)  # as at every start: the migration is a no-op at head
    actor = accounts.refresh(db, Actor(person_id=1, email=COORDINATOR, display_name="", is_admin=False))
    times["database"] = time.time()

    class FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and "shown" not in times:
                times["shown"] = time.time()
            return False

    window_holder: list[object] = []
    painter = FirstPaint()

    def first_rows(loaded: int, _total: int) -> None:
        if loaded and "rows" not in times:
            times["rows"] = time.time()
            # Let the table paint its rows before stopping the clock's process.
            QTimer.singleShot(0, app.quit)

    window = MainWindow(db, actor)  # what start_main_window does, with the watchers attached first
    window.installEventFilter(painter)
    page = window.pages["tasks"]
    assert isinstance(page, ListPage)
    page.model.counts_changed.connect(first_rows)
    if page.model.loaded:
        first_rows(page.model.loaded, page.model.total)
    window.show()
    window_holder.append(window)
    QTimer.singleShot(120_000, app.quit)  # never hang the benchmark
    app.exec()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        **times,
        "loaded": page.model.loaded,
        "total": page.model.total,
        "rss_mb": rss_kb / 1024,
    }
    print(json.dumps(result))
    from volunteer_app.gui import background

    background.wait_for_all()
    db.dispose()
    QApplication.processEvents()
    return 0


def run_child(url: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VOLUNTEER_APP_HOME": tempfile.mkdtemp(prefix="va-bench-")}
    t0 = time.time()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), CHILD_FLAG, url],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"child failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "imports": data["imported"] - t0,
        "shown": data["shown"] - t0,
        "rows": data["rows"] - t0,
        "rss_mb": data["rss_mb"],
        "loaded": data["loaded"],
        "total": data["total"],
    }


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) > 2 and sys.argv[1] == CHILD_FLAG:
        return child(sys.argv[2])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "volunteer-app-bench")
    args = parser.parse_args(argv)

    print(
        f"{'tasks':>8}  {'imports+Qt':>10}  {'window shown':>12}  {'first rows':>10}  {'rows/total':>14}  {'peak RSS':>9}"
    )
    for tasks in args.tasks:
        path = cached_database(args.cache, tasks)
        runs = [run_child(f"sqlite:///{path}") for _ in range(args.runs)]

        def median(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        last = runs[-1]
        print(
            f"{tasks:>8,}  {median('imports'):>9.2f}s  {median('shown'):>11.2f}s  {median('rows'):>9.2f}s  "
            f"{int(last['loaded']):>5} / {int(last['total']):>6}  {median('rss_mb'):>6.0f} MB",
            flush=True,
        )
    print(
        f"(median of {args.runs} runs each; times from just before the process started; "
        f"Python {sys.version.split()[0]}, offscreen Qt)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
