"""Importing tasks and volunteers from CSV/XLSX (services/imports.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from tests.support.community import Community, build
from volunteer_app.domain import recurrence
from volunteer_app.domain.enums import Role, TaskKind, TaskStatus
from volunteer_app.domain.spreadsheet_values import parse_moment, text_of
from volunteer_app.services import accounts, imports, tasks
from volunteer_app.services.errors import PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AuditEvent,
    ImportMapping,
    Membership,
    Person,
    Task,
    TaskOccurrence,
    VolunteerProfile,
    VolunteerSkill,
)

NYC = Path(__file__).resolve().parents[1] / "data" / "nyc-service-volunteer-opportunities.csv"
NYC_COLUMNS = {
    "description": "summary", "category": "category_desc", "location": "locality", "start": "start_date_date",
    "end": "end_date_date", "slots": "vol_requests", "priority": "is_priority",
}  # fmt: skip


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with tiny parameters: building the community signs in often."""
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def community(db: Database) -> Community:
    return build(db)


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


# --------------------------------------------------------------------------- the NYC file


def usable_nyc_rows() -> int:
    """Rows a task can be made from: a title and a start date that reads as a date."""
    with NYC.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return sum(1 for r in rows if text_of(r["title"]) and parse_moment(r["start_date_date"]) is not None)


def test_the_nyc_file_imports_through_a_mapping_every_usable_row_a_task(db: Database, community: Community) -> None:
    before = count(db, Task)
    options = imports.ImportOptions(columns=NYC_COLUMNS, timezone="America/New_York")
    result = imports.import_file(db, community.coord_a, imports.TASKS, NYC, options)
    plan = result.plan
    assert plan.total_rows == 665
    assert plan.problems == []
    assert result.written == usable_nyc_rows() == 665
    assert count(db, Task) - before == 665

    with db.read() as s:
        imported = s.scalars(select(Task).where(Task.id.in_(result.ids))).all()
        zone = ZoneInfo("America/New_York")
        # Blank categories are stored as none, never "" or "nan".
        assert sum(1 for t in imported if t.category is None) == 48
        assert not [t for t in imported if t.category is not None and t.category.strip().casefold() in ("", "nan")]
        # 9999 ("as many as possible") and other big counts: capped at 50, each reported.
        assert max(t.slots for t in imported) == 50
        unlimited = [w for w in plan.warnings if "as many as possible" in w.message]
        assert len(unlimited) == 2 and all(w.column == "vol_requests" and w.value == "9999" for w in unlimited)
        # Coordinates from the locality column (595 rows hold them) and its street address.
        placed = [t for t in imported if t.latitude is not None]
        assert len(placed) == 595
        broome = next(t for t in imported if t.address and t.address.startswith("407 Broome Street"))
        assert broome.address == "407 Broome Street, New York, NY 10013"
        # Ongoing roles: a weekly window of a working day, never one window months long.
        for task in imported:
            assert task.ends_at - task.starts_at <= timedelta(hours=12)
            local = task.starts_at.astimezone(zone)
            assert local.time() == time(9, 0) and task.kind is TaskKind.FLEXIBLE
        # Minutes from the hours column; its 0 ("not stated") gives the default 120.
        assert sorted(t.minutes for t in imported if t.minutes != 120) == [360, 720]
        ongoing = [t for t in imported if t.repeat_weekly_until is not None]
        assert len(ongoing) > 400
        # Every occurrence carries the suggestion index, as tasks.sync_occurrences sets it.
        occurrences = s.execute(
            select(TaskOccurrence, Task).join(Task).where(Task.id.in_(result.ids))
        ).all()
        assert len(occurrences) == result.occurrences
        for occ, task in occurrences:
            assert occ.grid_cell == tasks.grid_cell(task.is_remote, task.latitude, task.longitude)
            assert occ.span_class == tasks.span_class(task.kind, occ.starts_at, occ.ends_at)
        per_task = s.execute(
            select(TaskOccurrence.task_id, func.count()).where(TaskOccurrence.task_id.in_(result.ids))
            .group_by(TaskOccurrence.task_id)
        ).all()
        assert max(n for _, n in per_task) <= recurrence.MAX_OCCURRENCES
        # The one audit record of the import, in its transaction.
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "import.tasks")) == 1


def test_the_mapping_is_remembered_per_header_row(db: Database, community: Community) -> None:
    table = imports.read_file(NYC)
    assert imports.suggest_mapping(db, imports.TASKS, table.headers).source == "automatic"
    options = imports.ImportOptions(columns=NYC_COLUMNS, timezone="America/New_York")
    plan = imports.prepare(db, community.coord_a, imports.TASKS, table, options, file_name="nyc.csv")
    imports.execute(db, community.coord_a, plan, dry_run=True)
    assert count(db, ImportMapping) == 0  # a dry run writes nothing, not even the mapping
    imports.execute(db, community.coord_a, plan)
    again = imports.suggest_mapping(db, imports.TASKS, table.headers)
    assert again.source == "remembered"
    assert again.mapping["location"] == "locality" and again.mapping["start"] == "start_date_date"


# --------------------------------------------------------------------------- problems and transactions


def broken_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "broken.csv", [
        ["Title", "Start", "End", "Slots", "Location"],
        ["Sort books", "2030-06-01 10:00", "2030-06-01 12:00", "3", "30.27, 120.15"],
        ["", "2030-06-02 10:00", "2030-06-02 12:00", "2", ""],
        ["Paint fence", "2030-06-31", "", "2", ""],
        ["Cook lunch", "2030-06-03 10:00", "2030-06-03 09:00", "lots", "somewhere"],
        ["Walk dogs", "2030-06-04 10:00", "2030-06-04 11:00", "1", ""],
    ])  # fmt: skip


def test_a_file_with_problems_writes_nothing_and_names_each_row_column_value(
    db: Database, community: Community, tmp_path: Path
) -> None:
    before = count(db, Task)
    with pytest.raises(imports.ImportRefused) as refused:
        imports.import_file(db, community.coord_a, imports.TASKS, broken_file(tmp_path))
    found = {(p.row, p.column, p.value) for p in refused.value.plan.problems}
    assert (3, "Title", "") in found
    assert (4, "Start", "2030-06-31") in found
    assert (5, "Slots", "lots") in found
    assert (5, "Location", "somewhere") in found
    assert refused.value.plan.rows_with_problems == [3, 4, 5]
    assert count(db, Task) == before


def test_skip_invalid_stores_only_the_rows_without_problems(
    db: Database, community: Community, tmp_path: Path
) -> None:
    before = count(db, Task)
    result = imports.import_file(db, community.coord_a, imports.TASKS, broken_file(tmp_path), skip_invalid=True)
    assert result.written == 2 and result.skipped_rows == [3, 4, 5]
    with db.read() as s:
        titles = s.scalars(select(Task.title).where(Task.id.in_(result.ids)).order_by(Task.title)).all()
    assert titles == ["Sort books", "Walk dogs"]
    assert count(db, Task) == before + 2


def many_rows(tmp_path: Path, n: int = 12) -> Path:
    rows: list[list[object]] = [["title", "start", "end"]]
    rows += [[f"Shift {i}", f"2030-07-{i + 1:02d} 10:00", f"2030-07-{i + 1:02d} 12:00"] for i in range(n)]
    return write_csv(tmp_path / "many.csv", rows)


def test_a_cancel_midway_leaves_nothing_written(db: Database, community: Community, tmp_path: Path) -> None:
    before, occurrences = count(db, Task), count(db, TaskOccurrence)
    plan = imports.prepare(db, community.coord_a, imports.TASKS, imports.read_file(many_rows(tmp_path)))
    reports: list[tuple[int, int]] = []
    with pytest.raises(imports.ImportCancelled):
        imports.execute(db, community.coord_a, plan, chunk_rows=3,
                        progress=lambda done, total: reports.append((done, total)),
                        cancelled=lambda: len(reports) >= 3)
    assert reports[-1] == (6, 12)  # two chunks were written inside the transaction, then rolled back
    assert count(db, Task) == before and count(db, TaskOccurrence) == occurrences


def test_an_error_in_the_last_row_leaves_nothing_written(db: Database, community: Community, tmp_path: Path) -> None:
    before = count(db, Task)
    plan = imports.prepare(db, community.coord_a, imports.TASKS, imports.read_file(many_rows(tmp_path)))

    def crash_at_the_end(done: int, total: int) -> None:
        if done == total:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        imports.execute(db, community.coord_a, plan, chunk_rows=5, progress=crash_at_the_end)
    assert count(db, Task) == before

    # A row the checks let through but the database refuses: the whole import rolls back too.
    plan.rows[-1].data.title = "x" * 20  # still fine ...
    plan.rows[-1].data.slots = 0  # ... but this breaks the task table's CHECK constraint
    with pytest.raises(Exception, match=r"(?i)check|constraint"):
        imports.execute(db, community.coord_a, plan)
    assert count(db, Task) == before


def test_dry_run_writes_nothing(db: Database, community: Community, tmp_path: Path) -> None:
    before = count(db, Task)
    result = imports.import_file(db, community.coord_a, imports.TASKS, many_rows(tmp_path), dry_run=True)
    assert result.dry_run and len(result.plan.rows) == 12 and result.ids == []
    assert count(db, Task) == before


# --------------------------------------------------------------------------- permissions and organisations


def test_only_coordinators_of_the_organisation_import(db: Database, community: Community, tmp_path: Path) -> None:
    path = many_rows(tmp_path, 2)
    with pytest.raises(PermissionDenied):
        imports.import_file(db, community.volunteer, imports.TASKS, path)
    with pytest.raises(PermissionDenied):
        imports.import_file(db, community.coord_b, imports.TASKS, path,
                            imports.ImportOptions(organisation_id=community.org_a))
    assert imports.import_file(db, community.coord_b, imports.TASKS, path).plan.organisation_ids == [community.org_b]


def test_an_organisation_column_names_only_organisations_the_actor_coordinates(
    db: Database, community: Community, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "orgs.csv", [
        ["title", "organisation", "start"],
        ["Sort", "riverside community centre", "2030-06-01 10:00"],
        ["Pack", "Hillside Food Bank", "2030-06-01 10:00"],
        ["Cook", "Nowhere Club", "2030-06-01 10:00"],
    ])  # fmt: skip
    plan = imports.prepare(db, community.coord_a, imports.TASKS, imports.read_file(path))
    assert [r.organisation for r in plan.rows] == ["Riverside Community Centre"]
    messages = {p.row: p.message for p in plan.problems}
    assert "not a coordinator of 'Hillside Food Bank'" in messages[3]
    assert "No organisation named 'Nowhere Club'" in messages[4]


# --------------------------------------------------------------------------- dates, times, files


def test_date_orders_time_columns_and_shapes(db: Database, community: Community, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "dates.csv", [
        ["title", "start", "start_time", "end_time", "minutes", "recurrence", "end", "timezone"],
        ["A", "05/06/2030", "10:00", "12:00", "", "", "", "Asia/Shanghai"],
        ["B", "2030/06/07", "", "", "90", "", "", "Asia/Shanghai"],
        ["C", "2030-06-08", "9am", "", "", "ongoing", "2030-07-06", "Asia/Shanghai"],
    ])  # fmt: skip
    table = imports.read_file(path)
    plan = imports.prepare(db, community.coord_a, imports.TASKS, table)
    assert [p.value for p in plan.problems] == ["05/06/2030"]  # ambiguous without an order
    assert "date order" in plan.problems[0].message
    plan = imports.prepare(db, community.coord_a, imports.TASKS, table, imports.ImportOptions(date_order="dmy"))
    assert plan.problems == []
    shanghai = ZoneInfo("Asia/Shanghai")
    a, b, c = (r.data for r in plan.rows)
    assert (a.kind, a.starts_at, a.ends_at) == (
        TaskKind.FIXED, datetime(2030, 6, 5, 10, tzinfo=shanghai), datetime(2030, 6, 5, 12, tzinfo=shanghai))
    assert (b.kind, b.minutes, b.starts_at.hour, b.ends_at.hour) == (TaskKind.FLEXIBLE, 90, 9, 17)
    # Ongoing with a start time but no end time: a weekly window from 09:00 to 17:00.
    assert c.kind is TaskKind.FLEXIBLE and c.starts_at == datetime(2030, 6, 8, 9, tzinfo=shanghai)
    assert c.ends_at == datetime(2030, 6, 8, 17, tzinfo=shanghai) and c.repeat_weekly_until == date(2030, 7, 6)
    assert [r.occurrences for r in plan.rows] == [1, 1, 5]


def test_an_ongoing_role_becomes_a_weekly_window_until_its_end(
    db: Database, community: Community, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "ongoing.csv", [
        ["title", "start", "end", "recurrence", "hours"],
        ["Tutor", "June 01 2030", "August 31 2030", "ongoing", "3"],
        ["Forever", "June 01 2030", "", "ongoing", "0"],
    ])  # fmt: skip
    result = imports.import_file(db, community.coord_a, imports.TASKS, path)
    tutor, forever = (r.data for r in result.plan.rows)
    assert tutor.kind is TaskKind.FLEXIBLE and tutor.minutes == 180
    assert tutor.ends_at - tutor.starts_at == timedelta(hours=8)
    assert tutor.repeat_weekly_until == date(2030, 8, 31) and result.plan.rows[0].occurrences == 14
    assert forever.minutes == 120 and result.plan.rows[1].occurrences == recurrence.MAX_OCCURRENCES
    assert any(w.row == 3 and "no end date" in w.message for w in result.plan.warnings)


def test_xlsx_with_date_cells(db: Database, community: Community, tmp_path: Path) -> None:
    path = tmp_path / "tasks.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Title", "Start", "End", "Slots", "Latitude", "Longitude"])
    sheet.append(["Library help", datetime(2030, 6, 1, 14, 0), datetime(2030, 6, 1, 16, 30), 4, 30.27, 120.15])
    sheet.append(["Garden day", date(2030, 6, 2), None, 9999, None, None])
    sheet["B3"].number_format = "yyyy-mm-dd"
    book.save(path)
    result = imports.import_file(db, community.coord_a, imports.TASKS, path)
    library, garden = (r.data for r in result.plan.rows)
    assert library.kind is TaskKind.FIXED and library.ends_at - library.starts_at == timedelta(minutes=150)
    assert (library.slots, library.latitude) == (4, 30.27)
    assert garden.kind is TaskKind.FLEXIBLE and garden.slots == 50
    assert result.written == 2


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030", "utf-8"])
def test_csv_in_any_common_encoding(db: Database, community: Community, tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "zh.csv", [["标题", "start"], ["整理图书", "2030-06-01 10:00"]], encoding)
    result = imports.import_file(db, community.coord_a, imports.TASKS, path,
                                 imports.ImportOptions(columns={"title": "标题"}))
    with db.read() as s:
        assert s.scalar(select(Task.title).where(Task.id == result.ids[0])) == "整理图书"


# --------------------------------------------------------------------------- volunteers


def test_volunteers_get_an_account_the_role_a_profile_and_skills(
    db: Database, community: Community, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "people.csv", [
        ["E-mail", "Name", "Phone", "Location", "Radius km", "Skills", "Languages"],
        ["Ann@Example.org", "Ann", "555-1", "(30.27412, 120.15531)", "8", "first_aid:3", "zh, en"],
        ["vol@example.org", "Existing Volunteer", "", "", "", "", ""],
        ["bad-address", "Bob", "", "", "", "", ""],
    ])  # fmt: skip
    with pytest.raises(imports.ImportRefused):
        imports.import_file(db, community.coord_a, imports.VOLUNTEERS, path)
    result = imports.import_file(db, community.coord_a, imports.VOLUNTEERS, path, skip_invalid=True)
    assert result.skipped_rows == [4] and result.existing == ["vol@example.org"]
    [(email, password)] = result.passwords
    assert email == "ann@example.org"
    ann = accounts.sign_in(db, email, password)
    assert ann.roles == {community.org_a: frozenset({Role.VOLUNTEER})}
    with db.read() as s:
        profile = s.get(VolunteerProfile, ann.person_id)
        assert profile is not None
        assert (profile.home_latitude, profile.home_longitude, profile.radius_km) == (30.274, 120.155, 8.0)
        assert profile.languages == "zh,en"
        assert s.scalar(select(VolunteerSkill.level).where(VolunteerSkill.person_id == ann.person_id)) == 3
        assert s.scalar(select(Person.phone).where(Person.id == ann.person_id)) == "555-1"
        # The existing volunteer kept their account (and name): nothing duplicated.
        assert s.scalar(select(func.count()).select_from(Person).where(Person.email == "vol@example.org")) == 1
        assert s.scalar(select(Person.display_name).where(Person.email == "vol@example.org")) == "vol"
        assert s.scalar(select(func.count()).select_from(Membership).where(
            Membership.person_id == community.volunteer.person_id)) == 1


def test_imported_tasks_are_open_unless_drafts_asked(db: Database, community: Community, tmp_path: Path) -> None:
    path = many_rows(tmp_path, 2)
    opened = imports.import_file(db, community.coord_a, imports.TASKS, path)
    drafts = imports.import_file(db, community.coord_a, imports.TASKS, path, imports.ImportOptions(draft=True))
    with db.read() as s:
        assert set(s.scalars(select(Task.status).where(Task.id.in_(opened.ids)))) == {TaskStatus.OPEN}
        assert set(s.scalars(select(Task.status).where(Task.id.in_(drafts.ids)))) == {TaskStatus.DRAFT}
