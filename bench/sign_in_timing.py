"""How long a sign-in takes for an unknown email, a wrong password and the right one.

    .venv/bin/python bench/sign_in_timing.py [--runs 15] [--cli-runs 5]

Over a fresh SQLite file with a full-hash account and a demo account (light hash), this
times ``services.accounts.sign_in`` in this process (``--runs`` each, interleaved) and,
with ``--cli-runs``, ``volunteer-app tasks --user ...`` as a separate process, as a script
probing for accounts would run it. It prints the median (and the spread between the 25th and
75th percentiles) per case. Unknown email and wrong password should take the same time
whichever hash the account has; the right password may take longer (it unlocks the
person's keys; a demo account's first right sign-in also re-hashes it).

The demo account's right-password case re-hashes once, on the first run; later runs see the
full hash, like every account after its first sign-in.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PASSWORD = "bench password 42"
FULL = "full@example.org"
DEMO = "demo@example.org"


def build(url: str) -> None:
    from volunteer_app.services import accounts
    from volunteer_app.store import migrate
    from volunteer_app.store.database import Database
    from volunteer_app.store.models import Person

    db = Database(url)
    try:
        migrate.upgrade(db, backup=False)
        accounts.create_first_admin(db, FULL, "Full Hash", PASSWORD)
        with db.transaction() as s:
            s.add(Person(email=DEMO, display_name="Demo", password_hash=accounts.hash_demo_password(PASSWORD)))
    finally:
        db.dispose()


def in_process(url: str, runs: int) -> dict[str, list[float]]:
    from volunteer_app.services import accounts
    from volunteer_app.services.errors import InvalidCredentials
    from volunteer_app.store.database import Database

    db = Database(url)
    cases: dict[str, tuple[str, str]] = {
        "unknown email": ("nobody@example.org", PASSWORD),
        "wrong password (full hash)": (FULL, "wrong password"),
        "wrong password (demo hash)": (DEMO, "wrong password"),
        "right password (full hash)": (FULL, PASSWORD),
        "right password (demo hash)": (DEMO, PASSWORD),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    try:
        accounts.sign_in(db, FULL, PASSWORD)  # warm: imports, the connection pool, the personal key
        for _ in range(runs):
            for name, (email, password) in cases.items():
                start = time.perf_counter()
                with contextlib.suppress(InvalidCredentials):
                    accounts.sign_in(db, email, password)
                times[name].append(time.perf_counter() - start)
    finally:
        db.dispose()
    return times


def by_cli(url: str, runs: int) -> dict[str, list[float]]:
    program = Path(sys.executable).with_name("volunteer-app")
    cases = {
        "unknown email": ("nobody@example.org", PASSWORD),
        "wrong password (full hash)": (FULL, "wrong password"),
        "wrong password (demo hash)": (DEMO, "wrong password"),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (email, password) in cases.items():
            env = {**os.environ, "VOLUNTEER_APP_PASSWORD": password}
            start = time.perf_counter()
            done = subprocess.run(
                [str(program), "--database", url, "tasks", "--user", email],
                capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, check=False,
            )  # fmt: skip
            times[name].append(time.perf_counter() - start)
            if done.returncode != 2 or "Wrong email or password." not in done.stderr:
                raise SystemExit(f"unexpected answer for {name}: {done.returncode} {done.stderr.strip()}")
    return times


def report(title: str, times: dict[str, list[float]]) -> None:
    print(title)
    for name, values in times.items():
        q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
        print(f"  {name:<28} median {1000 * statistics.median(values):7.1f} ms"
              f"   (25-75%: {1000 * q[0]:.1f}-{1000 * q[2]:.1f} ms, {len(values)} runs)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cli-runs", type=int, default=0, help="also time the CLI as a process (default: 0)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sign-in-bench-") as folder:
        os.environ["VOLUNTEER_APP_HOME"] = folder  # keys and settings stay in the throwaway folder
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        build(url)
        measure: Callable[[str, int], dict[str, list[float]]] = in_process
        report(f"sign_in in this process ({os.cpu_count()} CPUs):", measure(url, args.runs))
        if args.cli_runs:
            report("volunteer-app tasks --user EMAIL (a new process each time):", by_cli(url, args.cli_runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
