"""How long `ledger verify` takes over a large ledger (the issue asks: 1,000,000 entries in under 10 s).

Builds a SQLite database (or uses --database URL, which must be empty) with one organisation,
N decided hours records and one ledger entry each, written in bulk with the same hashing the app
uses, then times ``services.ledger.verify`` over all of it and prints the figure.

    .venv/bin/python bench/ledger.py [--entries 1000000] [--database URL]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from volunteer_app.domain import canonical  # noqa: E402
from volunteer_app.services import ledger  # noqa: E402
from volunteer_app.store import migrate  # noqa: E402
from volunteer_app.store.database import Database  # noqa: E402

BATCH = 20_000


def fill(db: Database, count: int) -> None:
    start = datetime(2030, 1, 1, tzinfo=UTC)
    with db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO person (id, email, display_name, password_hash, is_admin, is_active, created_at) VALUES "
            "(1, 'coord@example.org', 'Coordinator', 'x', false, true, :t), "
            "(2, 'vol@example.org', 'Volunteer', 'x', false, true, :t)"), {"t": start})
        conn.execute(text(
            "INSERT INTO organisation (id, name, timezone, credit_step_minutes, credit_min_attendance_percent, "
            "credit_cap_to_stint, created_at) VALUES (1, 'Bench Org', 'UTC', 1, 0, true, :t)"), {"t": start})
    facts_param = ":facts" if db.is_sqlite else "CAST(:facts AS JSON)"
    insert_record = text(
        "INSERT INTO service_record (id, person_id, organisation_id, activity, started_at, ended_at, credited_minutes, "
        "status, decided_by_id, decided_at, created_by_id, created_at) VALUES "
        "(:id, 2, 1, 'Sorting', :s, :e, 120, 'verified', 1, :e, 2, :e)")
    insert_entry = text(
        "INSERT INTO ledger_entry (organisation_id, seq, action, record_id, actor_id, facts, at, prev_hash, entry_hash)"
        f" VALUES (1, :seq, 'verify', :id, 1, {facts_param}, :at, :prev, :hash)")
    prev = canonical.GENESIS
    for first in range(1, count + 1, BATCH):
        records: list[dict[str, object]] = []
        entries: list[dict[str, object]] = []
        for i in range(first, min(first + BATCH, count + 1)):
            s = start + timedelta(minutes=i)
            e = s + timedelta(hours=2)
            st, et = canonical.time_text(s), canonical.time_text(e)
            facts_text = '{"record":' + canonical.record_facts_text(2, 1, None, "Sorting", st, et, 120, "verified", 1,
                                                                    None) + "}"
            digest = canonical.entry_hash(1, i, "verify", 1, et, i, None, facts_text, prev)
            # SQLite: the text SQLAlchemy's DateTime writes there (what the app's own rows hold).
            naive_s, naive_e = (s, e) if not db.is_sqlite else (f"{s:%Y-%m-%d %H:%M:%S.%f}", f"{e:%Y-%m-%d %H:%M:%S.%f}")
            records.append({"id": i, "s": naive_s, "e": naive_e})
            entries.append({"seq": i, "id": i, "facts": facts_text, "at": naive_e, "prev": prev, "hash": digest})
            prev = digest
        with db.engine.begin() as conn:
            conn.execute(insert_record, records)
            conn.execute(insert_entry, entries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--database", help="an EMPTY database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(args.database or f"sqlite:///{tmp}/ledger-bench.db")
        migrate.upgrade(db, backup=False)
        began = time.perf_counter()
        fill(db, args.entries)
        print(f"filled {args.entries:,} records and ledger entries in {time.perf_counter() - began:.1f} s")
        began, cpu = time.perf_counter(), time.process_time()
        report = ledger.verify(db, None)
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
        db.dispose()
    assert report.ok, [p.message for p in report.problems[:3]]
    assert report.entries_checked == args.entries
    print(f"ledger verify: {report.entries_checked:,} entries and {report.records_checked:,} records checked "
          f"in {seconds:.2f} s ({seconds / max(1, args.entries) * 1e6:.1f} µs per entry; {cpu:.2f} s of CPU "
          "in this process, the rest is the database and other load)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
