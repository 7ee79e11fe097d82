"""How long does importing 100,000 task rows take? Prints the figure; never fails on speed.

    .venv/bin/python bench/imports.py [--rows 100000] [--database URL] [--xlsx]

Writes a CSV (or XLSX) of ``--rows`` tasks as a coordinator's spreadsheet has them
(ISO start and end, coordinates, places, a category, one row in ten with a skill, one
in ten repeating weekly for a month), then imports it into a fresh SQLite file (or the
empty, migrated database at ``--database``) as the organisation's coordinator, timing
each step: reading the file, checking every row (``imports.prepare``) and the one
write transaction (``imports.execute``).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ["VOLUNTEER_APP_HOME"] = tempfile.mkdtemp(prefix="va-bench-imports-")

HEADERS = ["title", "description", "category", "latitude", "longitude", "start", "end", "slots", "priority",
           "skills", "repeat_until", "timezone"]


def write_file(path: Path, rows: int) -> None:
    rnd = random.Random(7)
    first = datetime(2031, 3, 1, 9, 0)
    records = []
    for i in range(rows):
        start = first + timedelta(days=i % 365, hours=rnd.choice((0, 2, 4, 6)))
        end = start + timedelta(minutes=rnd.choice((60, 90, 120, 180)))
        repeat = (start + timedelta(weeks=4)).date().isoformat() if i % 10 == 3 else ""
        records.append([
            f"Task {i:06d}", "Help where it is needed", rnd.choice(("sorting", "cooking", "visiting", "")),
            f"{30.1 + rnd.random() * 0.4:.6f}", f"{120.0 + rnd.random() * 0.4:.6f}",
            start.isoformat(timespec="minutes"), end.isoformat(timespec="minutes"), rnd.randint(1, 8),
            rnd.randint(1, 5), "first_aid:2" if i % 10 == 5 else "", repeat, "Asia/Shanghai",
        ])
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(HEADERS)
        for record in records:
            sheet.append(record)
        book.save(path)
    else:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            writer.writerows(records)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", help="an empty database URL (default: a new SQLite file)")
    parser.add_argument("--xlsx", action="store_true", help="an XLSX file instead of a CSV")
    args = parser.parse_args()

    from volunteer_app.domain.enums import Role
    from volunteer_app.services import accounts, imports, organisations
    from volunteer_app.store import migrate
    from volunteer_app.store.database import Database
    from volunteer_app.store.models import Skill

    work = Path(tempfile.mkdtemp(prefix="va-bench-imports-"))
    source = work / ("tasks.xlsx" if args.xlsx else "tasks.csv")
    write_file(source, args.rows)
    db = Database(args.database or f"sqlite:///{work / 'bench.sqlite3'}")
    migrate.upgrade(db, backup=False)
    password = "bench password 1"
    admin = accounts.create_first_admin(db, "admin@bench.example", "Admin", password)
    with db.transaction() as s:
        s.add(Skill(key="first_aid", label="First aid"))
    org = organisations.create_organisation(db, admin, "Bench Centre")
    accounts.create_account(db, admin, "coord@bench.example", "Coordinator", password)
    accounts.grant_role(db, admin, "coord@bench.example", org, Role.COORDINATOR)
    coordinator = accounts.sign_in(db, "coord@bench.example", password)

    started = time.perf_counter()
    table = imports.read_file(source)
    read = time.perf_counter()
    plan = imports.prepare(db, coordinator, imports.TASKS, table, file_name=source.name)
    checked = time.perf_counter()
    result = imports.execute(db, coordinator, plan)
    written = time.perf_counter()
    db.dispose()
    print(f"{args.rows:,} rows from {source.suffix[1:].upper()} into {db.url.get_backend_name()}: "
          f"{result.written:,} tasks, {result.occurrences:,} occurrences, {len(plan.problems)} problems")
    print(f"  read {read - started:6.2f} s   check {checked - read:6.2f} s   "
          f"write {written - checked:6.2f} s   total {written - started:6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
