"""Concurrency bench: several processes assign, sign up, place by hand and verify hours at once.

    .venv/bin/python bench/concurrency.py [--seconds 10] [--postgres auto|URL] [--no-sqlite] [--keep]

On a fresh database per backend (SQLite: a file in a temp dir; PostgreSQL: ``--postgres URL`` names a
server where this user may CREATE DATABASE, or ``--postgres auto`` starts a throwaway cluster as the
tests do), the crowd of tests/support/crowd.py is built: volunteers of two organisations whose tasks
overlap in time, two coordinators of one organisation deciding the same hours. Then one process per
role runs for ``--seconds`` seconds, all released at the same moment:

    engine_a, engine_b  `assign --apply` for each organisation (services.matching.propose_assignments)
    signup              volunteers signing themselves up
    hand_b              a coordinator placing people by hand
    churn               volunteers accepting, declining, withdrawing (waitlist offers follow)
    verify_a, verify_a2 two coordinators verifying or rejecting the same pending hours
    roster_a            walk-ins and check-ins
    post                new overlapping tasks and new hours to decide

Each process counts what it did, the polite refusals (a service's one sentence), environment faults
(e.g. "database is locked" after the busy timeout) and anything else (a traceback a person would
have seen), and afterwards the bench checks the database: double bookings (one person, two places
at overlapping times), overfilled occurrences, hours decided twice. Exit status 0 when there are
no tracebacks, environment faults, double bookings, overfilled occurrences or double decisions.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from argon2 import PasswordHasher  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from tests.support import crowd as crowds  # noqa: E402
from volunteer_app.services import accounts  # noqa: E402
from volunteer_app.store import migrate  # noqa: E402
from volunteer_app.store.database import Database, parse_url  # noqa: E402

#: Seconds the parent leaves the workers to start and sign in before they all begin.
START_MARGIN = 8.0


def _cheap_hashing() -> None:
    # The bench measures races, not password hashing: every process signs in everyone.
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


# --------------------------------------------------------------------------- one worker process


def worker(role: str, url: str, crowd_json: str, seconds: float, start_at: float, seed: int) -> int:
    _cheap_hashing()
    db = Database(url)
    try:
        crowd = crowds.Crowd.from_json(json.loads(crowd_json))
        actors = crowds.sign_in_all(db, crowd)
        time.sleep(max(0.0, start_at - time.time()))
        deadline = time.monotonic() + seconds
        tally = crowds.run_worker(role, db, crowd, actors, seed=seed, more=lambda _n: time.monotonic() < deadline)
    finally:
        db.dispose()
    print(json.dumps(tally.as_json()))
    return 0


# --------------------------------------------------------------------------- one backend


def run_backend(name: str, url: str, seconds: float) -> dict[str, Any]:
    _cheap_hashing()
    db = Database(url)
    try:
        migrate.upgrade(db, backup=False)
        crowd = crowds.build_crowd(db)
    finally:
        db.dispose()
    start_at = time.time() + START_MARGIN
    procs = {
        role: subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--worker",
                role,
                "--url",
                url,
                "--crowd",
                json.dumps(crowd.as_json()),
                "--seconds",
                str(seconds),
                "--start-at",
                str(start_at),
                "--seed",
                str(seed),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            cwd=REPO,
        )
        for seed, role in enumerate(crowds.ROLES)
    }
    total = crowds.Tally()
    crashed: list[str] = []
    for role, proc in procs.items():
        out, err = proc.communicate(timeout=seconds + START_MARGIN + 600)
        if proc.returncode != 0 or "Traceback" in err:
            crashed.append(f"{role}: exit {proc.returncode}: {err.strip().splitlines()[-1] if err.strip() else ''}")
            continue
        total.add(crowds.Tally.from_json(json.loads(out.strip().splitlines()[-1])))
    db = Database(url)
    try:
        doubles, overfull, twice = crowds.double_bookings(db), crowds.overfilled(db), crowds.decided_twice(db)
    finally:
        db.dispose()
    return {
        "backend": name, "seconds": seconds, "processes": len(procs),
        "actions": sum(total.done.values()), "by_action": dict(sorted(total.done.items())),
        "conflicts": sum(total.conflicts.values()), "sentences": sorted(total.sentences),
        "lost_races": dict(sorted(total.causes.items())),
        "environment_faults": total.environment, "tracebacks": total.tracebacks + crashed,
        "double_bookings": doubles, "overfilled": overfull, "decided_twice": twice,
    }  # fmt: skip


def print_report(report: dict[str, Any]) -> None:
    print(f"== {report['backend']}: {report['processes']} processes for {report['seconds']:g} s")
    print(
        f"   actions done             {report['actions']}  "
        + ", ".join(f"{k} {v}" for k, v in report["by_action"].items())
    )
    print(f"   conflicts, one sentence  {report['conflicts']}")
    for sentence in report["sentences"]:
        print(f"       · {sentence}")
    print(
        f"   of them lost races       {sum(report['lost_races'].values())}  "
        + ", ".join(f"{k} {v}" for k, v in report["lost_races"].items())
    )
    print(f"   environment faults       {len(report['environment_faults'])}")
    for line in report["environment_faults"][:5]:
        print(f"       ! {line}")
    print(f"   tracebacks               {len(report['tracebacks'])}")
    for line in report["tracebacks"][:10]:
        print(f"       ! {line}")
    print(f"   double bookings          {len(report['double_bookings'])}")
    print(f"   overfilled occurrences   {len(report['overfilled'])}")
    print(f"   hours decided twice      {len(report['decided_twice'])}")


def _bad(report: dict[str, Any]) -> bool:
    return bool(
        report["environment_faults"]
        or report["tracebacks"]
        or report["double_bookings"]
        or report["overfilled"]
        or report["decided_twice"]
    )


def _postgres_database(server_url: str) -> tuple[str, str]:
    name = f"va_bench_concurrency_{os.getpid()}"
    admin = create_engine(parse_url(server_url), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return parse_url(server_url).set(database=name).render_as_string(hide_password=False), name


def _drop_postgres_database(server_url: str, name: str) -> None:
    admin = create_engine(parse_url(server_url), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long the processes act (default 10)")
    parser.add_argument(
        "--postgres", metavar="URL", help="also PostgreSQL: a server URL, or 'auto' for a throwaway one"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file (its path is printed)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--crowd", help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.url, args.crowd, args.seconds, args.start_at, args.seed)

    reports = []
    if not args.no_sqlite:
        folder = Path(tempfile.mkdtemp(prefix="va-bench-concurrency-"))
        try:
            path = folder / "bench.sqlite3"
            reports.append(run_backend("SQLite", f"sqlite:///{path}", args.seconds))
            if args.keep:
                print(f"(kept {path})")
        finally:
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
        print_report(reports[-1])
    if args.postgres:
        cluster = None
        server = args.postgres
        if server == "auto":
            from tests.conftest import _LocalCluster

            cluster = _LocalCluster()
            server = cluster.start()
        try:
            url, name = _postgres_database(server)
            try:
                reports.append(run_backend("PostgreSQL", url, args.seconds))
            finally:
                _drop_postgres_database(server, name)
        finally:
            if cluster is not None:
                cluster.stop()
        print_report(reports[-1])
    return 1 if any(_bad(r) for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
