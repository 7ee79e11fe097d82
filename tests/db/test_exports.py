"""Exporting tasks, volunteers and hours (services/exports.py); an export imports back unchanged."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tests.support.community import Community, build
from volunteer_app.domain.enums import ServiceStatus, TaskKind, TaskStatus
from volunteer_app.services import accounts, exports, imports, tasks
from volunteer_app.services.errors import PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import Person, ServiceRecord, Task, TaskOccurrence


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def community(db: Database) -> Community:
    return build(db)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def varied_tasks(db: Database, community: Community) -> None:
    start = datetime(2030, 9, 7, 1, 30, tzinfo=UTC)
    base = tasks.TaskInput(organisation_id=community.org_a, title="x", starts_at=start,
                           ends_at=start + timedelta(hours=2), status=TaskStatus.OPEN)
    for data in (
        replace(base, title="Weekly sorting, \"big\" boxes", category="sorting", slots=4, priority=5,
                repeat_weekly_until=date(2030, 10, 5), requires={"first_aid": 2, "driving": 1},
                latitude=30.274123456789, longitude=120.155987654321, address="1 Lake Road\nHangzhou"),
        replace(base, title="Phone a neighbour", is_remote=True, kind=TaskKind.FLEXIBLE, minutes=45,
                ends_at=start + timedelta(hours=8), description="Call and chat;\nno script"),
        replace(base, title="New York walk", timezone="America/New_York", category=None),
    ):
        tasks.create_task(db, community.coord_a, data)


def test_exported_tasks_import_back_unchanged(db: Database, community: Community, tmp_path: Path) -> None:
    varied_tasks(db, community)
    first = tmp_path / "tasks.csv"
    assert exports.export(db, community.coord_a, "tasks", first) == 4  # with the community's own task
    rows = read_csv(first)
    assert list(rows[0]) == list(exports.TASK_COLUMNS)
    weekly = next(r for r in rows if r["title"].startswith("Weekly"))
    assert (weekly["latitude"], weekly["longitude"]) == ("30.274123456789", "120.155987654321")
    assert weekly["skills"] == "driving:1; first_aid:2" and weekly["repeat_until"] == "2030-10-05"
    assert weekly["start"] == "2030-09-07T09:30+08:00"

    # Into another organisation (its coordinator imports the file, the organisation column ignored).
    result = imports.import_file(db, community.coord_b, imports.TASKS, first,
                                 imports.ImportOptions(columns={"organisation": None}))
    assert result.plan.problems == [] and result.plan.warnings == [] and result.written == 4
    second = tmp_path / "again.csv"
    exports.export(db, community.coord_b, "tasks", second)
    again = read_csv(second)
    mine = [r for r in again if r["organisation"] == "Hillside Food Bank" and r["title"] != "Pack food parcels"]

    def without_org(rs: list[dict[str, str]]) -> list[dict[str, str]]:
        return sorted(({k: v for k, v in r.items() if k != "organisation"} for r in rs), key=lambda r: r["title"])

    assert without_org(mine) == without_org(rows)
    with db.read() as s:
        originals = {t.title: tasks.task_input_of(t) for t in s.scalars(
            select(Task).where(Task.organisation_id == community.org_a))}
        copies = {t.title: tasks.task_input_of(t) for t in s.scalars(select(Task).where(Task.id.in_(result.ids)))}
        for title, original in originals.items():
            assert replace(copies[title], organisation_id=original.organisation_id) == original
        counts = {t: len(s.scalars(select(TaskOccurrence.id).join(Task).where(Task.title == t)).all())
                  for t in originals}
    assert counts["Weekly sorting, \"big\" boxes"] == 2 * 5  # original and copy, five weeks each


def test_xlsx_export_reads_back(db: Database, community: Community, tmp_path: Path) -> None:
    varied_tasks(db, community)
    path = tmp_path / "tasks.xlsx"
    exports.export(db, community.coord_a, "tasks", path)
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        header = next(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    assert list(header) == list(exports.TASK_COLUMNS)
    plan = imports.prepare(db, community.coord_b, imports.TASKS, imports.read_file(path),
                           imports.ImportOptions(columns={"organisation": None}))
    assert plan.problems == [] and len(plan.rows) == 4


def test_volunteers_export_and_reimport(db: Database, community: Community, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    exports.export(db, community.coord_a, "volunteers", path)
    rows = read_csv(path)
    assert [r["email"] for r in rows] == ["vol@example.org"]  # only organisation A's volunteers
    plan = imports.prepare(db, community.coord_a, imports.VOLUNTEERS, imports.read_file(path))
    assert plan.problems == [] and plan.rows[0].data.existing


def test_hours_export_names_who_decided_and_when(db: Database, community: Community, tmp_path: Path) -> None:
    decided = datetime(2030, 5, 9, 2, 0, tzinfo=UTC)
    with db.transaction() as s:
        occurrence = s.scalar(select(TaskOccurrence.id).where(TaskOccurrence.task_id == community.task_a))
        s.add(ServiceRecord(
            person_id=community.volunteer.person_id, organisation_id=community.org_a, occurrence_id=occurrence,
            started_at=datetime(2030, 5, 7, 1, 0, tzinfo=UTC), ended_at=datetime(2030, 5, 7, 3, 0, tzinfo=UTC),
            credited_minutes=114, status=ServiceStatus.VERIFIED, decided_by_id=community.coord_a.person_id,
            decided_at=decided, created_by_id=community.coord_a.person_id,
        ))  # fmt: skip
    path = tmp_path / "hours.csv"
    assert exports.export(db, community.coord_a, "hours", path) == 1
    [row] = read_csv(path)
    assert row["volunteer_email"] == "vol@example.org" and row["volunteer_name"] == "vol"
    assert row["task"] == "Sort donations" and row["organisation"] == "Riverside Community Centre"
    assert (row["start"], row["end"]) == ("2030-05-07T09:00+08:00", "2030-05-07T11:00+08:00")
    assert (row["credited_minutes"], row["status"]) == ("114", "verified")
    assert (row["decided_by"], row["decided_at"]) == ("coord.a@example.org", "2030-05-09T10:00+08:00")
    # Organisation B's coordinator sees none of A's hours.
    assert exports.export(db, community.coord_b, "hours", tmp_path / "b.csv") == 0
    with db.read() as s:
        assert s.scalar(select(Person.email).where(Person.id == community.volunteer.person_id))


def test_only_coordinators_export(db: Database, community: Community, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        exports.export(db, community.volunteer, "tasks", tmp_path / "t.csv")
    with pytest.raises(PermissionDenied):
        exports.export(db, community.coord_b, "tasks", tmp_path / "t.csv", organisation="Riverside Community Centre")
    assert not (tmp_path / "t.csv").exists()
