"""Kill -9 test: is every change all-or-nothing when the process dies at a random moment? Prints a table.

    .venv/bin/python bench/kill.py [--runs 30] [--seed 11] [--actions migrate,demo,import,restore] [--keep]

For each action, the real `volunteer-app` command runs in a subprocess on an SQLite file of its own
and gets SIGKILL at a random moment (seeded):

* ``migrate``: the first migration of a new file (`db upgrade`);
* ``demo``:    a demo fill of an empty database (`demo --volunteers 40 --tasks 15 --seed 5`);
* ``import``:  importing the 665 tasks of tests/data/nyc-service-volunteer-opportunities.csv as a
               demo coordinator (`import tasks ... --organisation ...`);
* ``restore``: `db restore BACKUP --yes` of a filled backup over a small live database.

The moment is counted from when the command first opens the database (its ``-wal`` file appears),
uniform over the database work of an uninterrupted reference run (until its ``-wal`` file was last
seen, x 1.1): the kills land in the database work, not in Python's start-up or shutdown. Afterwards:

* ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` must pass (else: damaged);
* the database holds the whole change or none of it (else: partial). migrate: no table, or
  every table at the head revision; demo: no rows, or exactly the rows of the reference fill;
  import: the task tables as before, or as after the reference import; restore: the old content
  or the new, told apart by a marker row, with every table's count matching that side;
* a next normal command works (migrate: `db upgrade`; demo: `demo --if-empty`, after which the
  demo is whole; import: the same import with `--dry-run`; restore: `db status`).

Exit status 0 when nothing was damaged or partial and every next command worked, else 1.
tests/e2e/test_kill.py runs a handful of these with fixed delays.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CLI = Path(sys.executable).with_name("volunteer-app")
NYC = REPO / "tests" / "data" / "nyc-service-volunteer-opportunities.csv"
NYC_COLUMNS = ["--column", "description=summary", "--column", "category=category_desc", "--column",
               "location=locality", "--column", "start=start_date_date", "--column", "end=end_date_date",
               "--column", "slots=vol_requests", "--column", "priority=is_priority",
               "--timezone", "America/New_York"]  # fmt: skip
DEMO_ARGS = ["demo", "--volunteers", "40", "--tasks", "15", "--seed", "5", "--lang", "en"]
IMPORT_TABLES = ("task", "task_occurrence", "task_skill", "import_mapping")
LIVE_MARKER = "kill-bench marker: the live database"
BACKUP_MARKER = "kill-bench marker: the backup"
TIMEOUT = 600.0

NONE, ALL, PARTIAL, DAMAGED = "none", "all", "partial", "damaged"


# --------------------------------------------------------------------------- looking at a file


@dataclass(frozen=True)
class FileState:
    damage: str  # "" when SQLite's checks pass
    revision: str | None
    counts: dict[str, int]  # rows per table (alembic_version left out)


def inspect_file(path: Path) -> FileState:
    """What is in the SQLite file now (opening it recovers a write-ahead log a killed process left)."""
    if not path.exists():
        return FileState("", None, {})
    try:
        conn = sqlite3.connect(path)
        try:
            problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                return FileState(f"integrity_check: {problems[:3]}", None, {})
            dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
            if dangling:
                return FileState(f"foreign_key_check: {dangling[:3]}", None, {})
            tables = [str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(row[0]) if row else None
            counts = {
                t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
                for t in tables
                if t != "alembic_version" and not t.startswith("sqlite_")
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return FileState(f"cannot read: {exc}", None, {})
    return FileState("", revision, counts)


def has_org(path: Path, name: str) -> bool:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT 1 FROM organisation WHERE name = ?", (name,)).fetchone() is not None
    finally:
        conn.close()


def add_org(path: Path, name: str) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("INSERT INTO organisation (name, created_at) VALUES (?, '2025-01-01 00:00:00')", (name,))
    finally:
        conn.close()


def copy_database(source: Path, target: Path) -> None:
    """A closed SQLite file and nothing beside it (its write-ahead log is folded in first)."""
    conn = sqlite3.connect(source)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    if target.resolve() != source.resolve():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


# --------------------------------------------------------------------------- running the app


def cli_env(home: Path, password: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLUNTEER_APP_")}
    env["VOLUNTEER_APP_HOME"] = str(home)
    env["VOLUNTEER_APP_GEOCODER"] = "offline"
    env["QT_QPA_PLATFORM"] = "offscreen"
    if password is not None:
        env["VOLUNTEER_APP_PASSWORD"] = password
    return env


def run_cli(args: Sequence[str], home: Path, password: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), *args], capture_output=True, text=True, encoding="utf-8", stdin=subprocess.DEVNULL,
        env=cli_env(home, password), timeout=TIMEOUT, check=False,
    )  # fmt: skip


@dataclass
class Timed:
    to_open: float  # seconds from the start until the database was first opened (-1: never seen)
    last_open: float  # seconds from the start until its -wal file was last seen (the database work ended)
    total: float
    returncode: int | None  # None: killed
    killed: bool


def run_and_kill(
    args: Sequence[str], home: Path, watch: Path, *, delay: float | None, password: str | None = None
) -> Timed:
    """Run the app; ``delay`` seconds after ``watch``'s -wal file appears, SIGKILL it (None: let it finish)."""
    wal = Path(f"{watch}-wal")
    start = time.monotonic()
    proc = subprocess.Popen(
        [str(CLI), *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=cli_env(home, password), start_new_session=True,
    )  # fmt: skip
    opened = last = -1.0
    killed = False
    try:
        while proc.poll() is None and not wal.exists():
            time.sleep(0.001)
        if proc.poll() is None:
            opened = time.monotonic() - start
            if delay is not None:
                deadline = time.monotonic() + delay
                while proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.0005)
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)  # our own child's group: kill -9
                    killed = True
            else:
                while proc.poll() is None:  # an uninterrupted run: when does the database work end?
                    if wal.exists():
                        last = time.monotonic() - start
                    time.sleep(0.0005)
        code = proc.wait(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return Timed(opened, max(last, opened), time.monotonic() - start, None if killed else code, killed)


# --------------------------------------------------------------------------- the actions


@dataclass
class Outcome:
    action: str
    delay: float
    killed: bool
    state: str  # none / all / partial / damaged
    next_ok: bool
    detail: str = ""


@dataclass
class Action:
    """One kind of change: how to start it on a fresh copy, how to judge the file, what to run next."""

    name: str
    prepare: Callable[[Path], tuple[list[str], Path, str | None]]  # run dir -> args, database, password
    judge: Callable[[Path], tuple[str, str]]  # database -> state, detail
    next_command: Callable[[Path, Path], tuple[bool, str]]  # run dir, database -> ok, detail
    window: float = 0.0  # seconds of database work in a reference run (see calibrate)
    notes: dict[str, object] = field(default_factory=dict)


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _head_revision() -> str:
    from volunteer_app.store import migrate

    return migrate.head_revision()


def _model_tables() -> set[str]:
    from volunteer_app.store.models import Base

    return set(Base.metadata.tables)


def make_actions(root: Path, names: Sequence[str]) -> list[Action]:
    """Build the reference databases under ``root`` (uninterrupted runs) and the actions named."""
    root.mkdir(parents=True, exist_ok=True)
    home = root / "reference-home"
    head = root / "head.sqlite3"
    done = run_cli(["--database", _url(head), "db", "upgrade"], home)
    if done.returncode != 0:
        raise SystemExit(f"could not make a database at the head revision: {done.stderr}")
    copy_database(head, head)
    empty_counts = inspect_file(head).counts

    need_demo = any(n in ("demo", "import", "restore") for n in names)
    demo_db = root / "demo.sqlite3"
    demo_counts: dict[str, int] = {}
    coordinator: dict[str, str] = {}
    if need_demo:
        copy_database(head, demo_db)
        done = run_cli(["--database", _url(demo_db), *DEMO_ARGS, "--json"], home)
        if done.returncode != 0:
            raise SystemExit(f"the reference demo fill failed: {done.stderr}")
        report = json.loads(done.stdout)
        coordinator = next(a for a in report["accounts"] if a["role"] == "coordinator")
        copy_database(demo_db, demo_db)
        demo_counts = inspect_file(demo_db).counts

    actions: list[Action] = []
    for name in names:
        if name == "migrate":
            actions.append(_migrate_action())
        elif name == "demo":
            actions.append(_demo_action(head, empty_counts, demo_counts))
        elif name == "import":
            actions.append(_import_action(root, home, demo_db, coordinator))
        elif name == "restore":
            actions.append(_restore_action(root, head, demo_db))
        else:
            raise SystemExit(f"unknown action {name!r}: choose from migrate, demo, import, restore")
    return actions


def _migrate_action() -> Action:
    head, tables = _head_revision(), _model_tables()

    def prepare(run: Path) -> tuple[list[str], Path, str | None]:
        db = run / "new.sqlite3"
        run.mkdir(parents=True, exist_ok=True)
        return ["--database", _url(db), "db", "upgrade"], db, None

    def judge(db: Path) -> tuple[str, str]:
        state = inspect_file(db)
        if state.damage:
            return DAMAGED, state.damage
        if not state.counts and state.revision is None:
            return NONE, ""
        if state.revision == head and set(state.counts) == tables:
            return ALL, ""
        return PARTIAL, f"revision {state.revision}, {len(state.counts)} tables"

    def next_command(run: Path, db: Path) -> tuple[bool, str]:
        done = run_cli(["--database", _url(db), "db", "upgrade"], run / "home")
        verdict, _ = judge(db)
        return done.returncode == 0 and verdict == ALL, done.stderr.strip()[-300:]

    return Action("migrate", prepare, judge, next_command)


def _demo_action(head: Path, empty: dict[str, int], full: dict[str, int]) -> Action:
    def prepare(run: Path) -> tuple[list[str], Path, str | None]:
        db = run / "demo.sqlite3"
        copy_database(head, db)
        return ["--database", _url(db), *DEMO_ARGS, "--json"], db, None

    def judge(db: Path) -> tuple[str, str]:
        state = inspect_file(db)
        if state.damage:
            return DAMAGED, state.damage
        if state.counts == empty:
            return NONE, ""
        if state.counts == full:
            return ALL, ""
        differ = {t: (n, full.get(t)) for t, n in state.counts.items() if n != full.get(t)}
        return PARTIAL, f"rows (now, whole demo): {dict(list(differ.items())[:4])}"

    def next_command(run: Path, db: Path) -> tuple[bool, str]:
        done = run_cli(["--database", _url(db), *DEMO_ARGS, "--if-empty"], run / "home")
        verdict, detail = judge(db)
        return done.returncode == 0 and verdict == ALL, (done.stderr.strip() or detail)[-300:]

    return Action("demo", prepare, judge, next_command, notes={"demo rows": sum(full.values())})


def _import_counts(db: Path) -> dict[str, int]:
    counts = inspect_file(db).counts
    return {t: counts.get(t, 0) for t in IMPORT_TABLES}


def _import_action(root: Path, home: Path, demo_db: Path, coordinator: dict[str, str]) -> Action:
    base = root / "import-base.sqlite3"
    copy_database(demo_db, base)
    before = _import_counts(base)
    args = ["import", "tasks", str(NYC), *NYC_COLUMNS, "--organisation", coordinator["organisation"],
            "--user", coordinator["email"]]  # fmt: skip
    reference = root / "import-reference.sqlite3"
    copy_database(base, reference)
    done = run_cli(["--database", _url(reference), *args, "--json"], home, coordinator["password"])
    if done.returncode != 0:
        raise SystemExit(f"the reference import failed: {done.stderr}")
    after = _import_counts(reference)
    password = coordinator["password"]

    def prepare(run: Path) -> tuple[list[str], Path, str | None]:
        db = run / "import.sqlite3"
        copy_database(base, db)
        return ["--database", _url(db), *args, "--json"], db, password

    def judge(db: Path) -> tuple[str, str]:
        state = inspect_file(db)
        if state.damage:
            return DAMAGED, state.damage
        counts = _import_counts(db)
        if counts == before:
            return NONE, ""
        if counts == after:
            return ALL, ""
        return PARTIAL, f"task tables {counts} (before {before}, after {after})"

    def next_command(run: Path, db: Path) -> tuple[bool, str]:
        done = run_cli(["--database", _url(db), *args, "--dry-run", "--json"], run / "home", password)
        return done.returncode == 0, done.stderr.strip()[-300:]

    return Action("import", prepare, judge, next_command, notes={"rows": after["task"] - before["task"]})


def _restore_action(root: Path, head: Path, demo_db: Path) -> Action:
    live_base = root / "restore-live.sqlite3"
    copy_database(head, live_base)
    add_org(live_base, LIVE_MARKER)
    backup = root / "restore-backup.sqlite3"
    copy_database(demo_db, backup)
    add_org(backup, BACKUP_MARKER)
    old, new = inspect_file(live_base).counts, inspect_file(backup).counts

    def prepare(run: Path) -> tuple[list[str], Path, str | None]:
        db = run / "live.sqlite3"
        copy_database(live_base, db)
        return ["--database", _url(db), "db", "restore", str(backup), "--yes"], db, None

    def judge(db: Path) -> tuple[str, str]:
        state = inspect_file(db)
        if state.damage:
            return DAMAGED, state.damage
        live, restored = has_org(db, LIVE_MARKER), has_org(db, BACKUP_MARKER)
        if live and not restored and state.counts == old:
            return NONE, ""
        if restored and not live and state.counts == new:
            return ALL, ""
        return PARTIAL, f"markers live={live} backup={restored}, {sum(state.counts.values())} rows"

    def next_command(run: Path, db: Path) -> tuple[bool, str]:
        done = run_cli(["--database", _url(db), "db", "status", "--json"], run / "home")
        ok = done.returncode == 0 and json.loads(done.stdout or "{}").get("at_head") is True
        return ok, done.stderr.strip()[-300:]

    return Action("restore", prepare, judge, next_command, notes={"backup rows": sum(new.values())})


# --------------------------------------------------------------------------- runs


def calibrate(action: Action, root: Path, repeats: int = 2) -> float:
    """Seconds of database work (from the first to the last moment its -wal file exists) in
    uninterrupted runs: the longest of ``repeats``."""
    windows = []
    for i in range(repeats):
        run = root / f"calibrate-{action.name}-{i}"
        args, db, password = action.prepare(run)
        timed = run_and_kill(args, run / "home", db, delay=None, password=password)
        state, detail = action.judge(db)
        if timed.returncode != 0 or state != ALL:
            raise SystemExit(f"{action.name}: the uninterrupted run failed ({timed.returncode}, {state} {detail})")
        windows.append(max(timed.last_open - timed.to_open, 0.05))
        shutil.rmtree(run, ignore_errors=True)
    action.window = max(windows)
    return action.window


def one_run(action: Action, root: Path, index: int, delay: float, *, keep: bool = False) -> Outcome:
    run = root / f"{action.name}-{index:03d}"
    args, db, password = action.prepare(run)
    timed = run_and_kill(args, run / "home", db, delay=delay, password=password)
    state, detail = action.judge(db)
    next_ok, next_detail = action.next_command(run, db)
    if not next_ok:
        detail = f"{detail}; next command: {next_detail}".strip("; ")
    if not keep and state in (NONE, ALL) and next_ok:
        shutil.rmtree(run, ignore_errors=True)
    return Outcome(action.name, delay, timed.killed, state, next_ok, detail)


def run_action(action: Action, root: Path, delays: Sequence[float], *, keep: bool = False) -> list[Outcome]:
    return [one_run(action, root, i, delay, keep=keep) for i, delay in enumerate(delays)]


def table(outcomes: Sequence[Outcome]) -> list[str]:
    lines = [f"{'action':<9}{'runs':>6}{'killed':>8}{'finished':>10}{'damaged':>9}{'partial':>9}"
             f"{'none':>6}{'all':>6}{'next failed':>13}"]  # fmt: skip
    for name in dict.fromkeys(o.action for o in outcomes):
        mine = [o for o in outcomes if o.action == name]
        killed = [o for o in mine if o.killed]

        def count(state: str, rows: list[Outcome] = mine) -> int:
            return sum(o.state == state for o in rows)

        lines.append(
            f"{name:<9}{len(mine):>6}{len(killed):>8}{len(mine) - len(killed):>10}{count(DAMAGED):>9}"
            f"{count(PARTIAL):>9}{count(NONE, killed):>6}{count(ALL, killed):>6}"
            f"{sum(not o.next_ok for o in mine):>13}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="kills per action (default 30)")
    parser.add_argument("--seed", type=int, default=11, help="random seed of the kill moments (default 11)")
    parser.add_argument("--actions", default="migrate,demo,import,restore", help="comma-separated")
    parser.add_argument("--keep", action="store_true", help="keep every run's folder (default: only bad ones)")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.actions.split(",") if n.strip()]
    root = Path(tempfile.mkdtemp(prefix="va-bench-kill-"))
    os.environ["VOLUNTEER_APP_HOME"] = str(root / "bench-home")
    rnd = random.Random(args.seed)
    started = time.monotonic()
    outcomes: list[Outcome] = []
    print(f"kill -9 bench: {args.runs} runs per action, seed {args.seed}, work folder {root}")
    for action in make_actions(root, names):
        window = calibrate(action, root)
        delays = [rnd.uniform(0.0, window * 1.1) for _ in range(args.runs)]
        print(f"  {action.name}: {window:.2f} s of database work in the reference run {action.notes or ''}")
        mine = run_action(action, root, delays, keep=args.keep)
        outcomes += mine
        for o in mine:
            if o.state in (DAMAGED, PARTIAL) or not o.next_ok:
                print(f"    BAD run: kill after {o.delay:.3f} s -> {o.state}: {o.detail}")
    print()
    for line in table(outcomes):
        print(line)
    bad = sum(o.state in (DAMAGED, PARTIAL) or not o.next_ok for o in outcomes)
    print(f"\n{len(outcomes)} runs in {time.monotonic() - started:.0f} s; damaged or partial or next failed: {bad}")
    print("(killed: SIGKILL landed while the command ran; none/all: what those killed runs left)")
    if bad == 0 and not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
