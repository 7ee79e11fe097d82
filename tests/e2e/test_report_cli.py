"""`report` and `transparency` from the command line, on both backends."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from tests.support.cli import run_cli as run
from tests.support.community import PASSWORD, build, shift
from volunteer_app.services import hours
from volunteer_app.store.database import Database
from volunteer_app.store.models import TaskOccurrence


def _verified_hours(db: Database) -> None:
    town = build(db)
    with db.read() as s:
        occurrence = s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == town.task_a)).one()
    start, _ = shift()
    record = hours.record_hours(
        db, town.coord_a,
        hours.HoursInput(person_id=town.volunteer.person_id, started_at=start,
                         ended_at=start + timedelta(minutes=150), occurrence_id=occurrence),
    )
    hours.verify_hours(db, town.coord_a, record)


def test_report_prints_writes_csv_and_json(db: Database, db_url: str, tmp_path: Path) -> None:
    _verified_hours(db)
    out = tmp_path / "report.csv"
    done = run("report", "--database", db_url, "--organisation", "Riverside Community Centre",
               "--csv", str(out), "--user", "coord.a@example.org", password=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert "2.5 h verified" in done.stdout and "by volunteer:" in done.stdout
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {"section": "task", "label": "Sort donations", "verified_minutes": "150", "verified_hours": "2.5"} in rows

    as_json = run("report", "--database", db_url, "--organisation", "Riverside Community Centre", "--json",
                  "--user", "coord.a@example.org", password=PASSWORD)
    assert json.loads(as_json.stdout)["verified_minutes"] == 150


def test_volunteers_see_the_transparency_summary_but_not_the_report(db: Database, db_url: str) -> None:
    _verified_hours(db)
    summary = run("transparency", "--database", db_url, "--organisation", "Riverside Community Centre", "--json",
                  "--user", "vol.b@example.org", password=PASSWORD)
    assert summary.returncode == 0, summary.stderr
    assert json.loads(summary.stdout)["verified_minutes"] == 150
    refused = run("report", "--database", db_url, "--organisation", "Riverside Community Centre",
                  "--user", "vol.b@example.org", password=PASSWORD)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "not a coordinator or admin of Riverside Community Centre" in refused.stderr


def test_a_bad_period_is_one_line(db: Database, db_url: str) -> None:
    build(db)
    done = run("report", "--database", db_url, "--organisation", "Riverside Community Centre",
               "--from", "2026-05-01", "--to", "2026-04-01", "--user", "coord.a@example.org", password=PASSWORD)
    assert done.returncode == 2 and "ends" in done.stderr and done.stderr.count("\n") == 1
