"""bench/server_load.py (issue 12, "Load") runs end to end: three desktops, each signed in with its
own login and listening for the others' changes (``--live``), act for a few seconds on the test
PostgreSQL server; the integrity checks afterwards pass and the report has its fields. No timing is asserted: the figures are the bench's to print."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from volunteer_app.store.database import parse_url
from volunteer_app.store.server import role_prefix

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench" / "server_load.py"

pytestmark = pytest.mark.postgres

ROW_FIELDS = {"count", "per_s", "ok", "refused", "lost_races", "errors", "p50_ms", "p95_ms", "p99_ms", "max_ms"}
SUMMARY_FIELDS = {
    "desktops", "minutes", "actions", "throughput_per_s", "p50_ms", "p95_ms", "p99_ms", "refused", "lost_races",
    "errors", "overfilled", "double_booked", "decided_twice", "ledger_ok", "integrity_passed", "by_action",
}  # fmt: skip


def test_three_desktops_for_a_few_seconds_leave_the_server_consistent(postgres_server, tmp_path: Path) -> None:
    saved = tmp_path / "load.json"
    done = subprocess.run(
        [
            sys.executable, str(BENCH), "--url", postgres_server.admin_url, "--desktops", "3", "--minutes", "0.1",
            "--think", "0.1-0.4", "--organisations", "2", "--volunteers", "4", "--coordinators", "2",
            "--occurrences", "24", "--live", "--json", str(saved),
        ],
        capture_output=True, text=True, timeout=600, cwd=REPO, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert saved.exists(), f"exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    report = json.loads(saved.read_text())

    checks = report["integrity"]
    assert checks["overfilled"] == []
    assert checks["double_booked"] == []
    assert checks["decided_twice"] == []
    assert checks["ledger_ok"] is True
    assert checks["passed"] is True

    assert (report["desktops"], report["volunteer_desktops"], report["coordinator_desktops"]) == (3, 2, 1)
    assert report["sign_in"]["count"] == 3 and report["sign_in"]["failed"] == 0, report["sign_in_failures"]
    assert report["crashes"] == []
    overall = report["figures"]["overall"]
    assert set(overall) >= ROW_FIELDS
    assert overall["count"] > 0
    assert overall["count"] == overall["ok"] + overall["refused"] + overall["lost_races"] + overall["errors"]
    for name, row in report["figures"]["by_action"].items():
        assert set(row) >= ROW_FIELDS, name
    assert report["server"]["max_connections"] > 0 and report["server"]["peak_connections"] >= 1
    assert report["memory"]["processes"] == 3
    assert report["live"] is True and report["figures"]["live_reloads"] is not None  # --live: pages reloaded

    # The last line printed is the one-line JSON summary, the same as in the file.
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary == report["summary"]
    assert set(summary) >= SUMMARY_FIELDS
    assert "afterwards: overfilled occurrences 0, double-booked volunteers 0" in done.stdout

    # The bench's database and the roles made for it are gone.
    name = report["server"]["database"]
    engine = create_engine(parse_url(postgres_server.admin_url), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": name}).scalar() == 0
            left = conn.execute(
                text("SELECT count(*) FROM pg_roles WHERE starts_with(rolname, :p)"), {"p": role_prefix(name) + "_"}
            ).scalar()
            assert left == 0
    finally:
        engine.dispose()
