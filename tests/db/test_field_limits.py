"""Field lengths and characters, on SQLite and PostgreSQL alike: one InvalidInput naming the field, never a
DataError, never a 100,000-character value stored (services + domain/validation.py, store/guards.py)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, insert, select

from tests.support.community import PASSWORD, Community, build
from volunteer_app.domain.enums import TaskStatus
from volunteer_app.services import accounts, imports, organisations, profiles, tasks, text_input
from volunteer_app.services.errors import InvalidInput
from volunteer_app.store.database import Database
from volunteer_app.store.guards import StoredValueRejected
from volunteer_app.store.models import Organisation, Person, Task

LONG_EMAIL = "a" * 394 + "@example.org"  # 406 characters, as in the report
HUGE = "x" * 100_000
BIDI = "Ann\u202eeL"
START = datetime(2030, 5, 10, 1, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


def people(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count(Person.id))) or 0)


def assert_one_readable_line(exc: BaseException, field: str) -> None:
    message = str(exc)
    assert field in message or getattr(exc, "field", None) == field
    assert "\n" not in message and "\u202e" not in message
    assert len(message) < 300  # the value is cut, never echoed whole


# --------------------------------------------------------------------------- accounts


@pytest.mark.parametrize(
    ("email", "name", "field"),
    [
        (LONG_EMAIL, "Long Email", "email"),
        ("huge@example.org", HUGE, "name"),
        ("new\n@example.org", "Newline", "email"),
        ("new@example.org\nBcc: x@example.org", "Header", "email"),
        ("bidi@example.org", BIDI, "name"),
        ("nul@example.org", "Nul\x00Name", "name"),
        ("zw@example.org", "\u200b\u200b\u200b", "name"),
    ],
)
def test_an_account_with_a_bad_email_or_name_is_refused_naming_the_field(
    db: Database, town: Community, email: str, name: str, field: str
) -> None:
    before = people(db)
    with pytest.raises(InvalidInput) as caught:
        accounts.create_account(db, town.admin, email, name, PASSWORD)
    assert caught.value.field == field
    assert_one_readable_line(caught.value, field)
    assert people(db) == before


def test_the_first_administrator_is_checked_the_same_way(empty_db_url: str) -> None:
    from volunteer_app.store import migrate

    db = Database(empty_db_url)
    try:
        migrate.upgrade(db, backup=False)
        with pytest.raises(InvalidInput, match="406 characters"):
            accounts.create_first_admin(db, LONG_EMAIL, "Admin", PASSWORD)
        with pytest.raises(InvalidInput, match="name is 100000 characters"):
            accounts.create_first_admin(db, "admin@example.org", HUGE, PASSWORD)
        assert not accounts.has_any_account(db)
    finally:
        db.dispose()


def test_a_grant_for_a_long_email_names_it_cut(db: Database, town: Community) -> None:
    with pytest.raises(InvalidInput) as caught:
        accounts.grant_role(db, town.admin, LONG_EMAIL, town.org_a, accounts.Role.VOLUNTEER)
    assert_one_readable_line(caught.value, "email")


# --------------------------------------------------------------------------- profile, organisation, task


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": HUGE}, "name"),
        ({"name": BIDI}, "name"),
        ({"name": "Ann\nLee"}, "name"),
        ({"phone": "123\n456"}, "phone"),
        ({"phone": "1" * 60}, "phone"),
        ({"languages": ["zh", "x" * 5000]}, "languages"),
        ({"timezone": "A" * 5000}, "timezone"),
        ({"skills": {"k" * 5000: 2}}, "skills"),
    ],
)
def test_a_profile_field_too_long_or_with_controls_is_refused(
    db: Database, town: Community, change: dict[str, object], field: str
) -> None:
    data = profiles.ProfileInput(**{"name": "Volunteer", **change})  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as caught:
        profiles.save_profile(db, town.volunteer, data)
    assert caught.value.field == field
    assert_one_readable_line(caught.value, field)
    assert profiles.get_profile(db, town.volunteer).name == "vol"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": HUGE}, "name"),
        ({"name": BIDI}, "name"),
        ({"contact_email": LONG_EMAIL}, "contact_email"),
        ({"contact_email": "desk@example.org\n"}, None),  # trailing whitespace is trimmed, not refused
        ({"contact_phone": "12\x1b[2J"}, "contact_phone"),
        ({"person_in_charge": "x" * 201}, "person_in_charge"),
        ({"handler": "Li\u2066Ming"}, "handler"),
        ({"address": "y" * 1001}, "address"),
        ({"timezone": "Z" * 300}, "timezone"),
    ],
)
def test_organisation_settings_are_checked(
    db: Database, town: Community, changes: dict[str, object], field: str | None
) -> None:
    if field is None:
        assert organisations.update_settings(db, town.admin, town.org_a, changes) == ["contact_email"]
        return
    with pytest.raises(InvalidInput) as caught:
        organisations.update_settings(db, town.admin, town.org_a, changes)
    assert caught.value.field == field
    assert_one_readable_line(caught.value, field)


def test_a_new_organisation_is_checked_too(db: Database, town: Community) -> None:
    for kwargs, field in (
        ({"name": HUGE}, "name"),
        ({"name": "Ok", "contact_email": "a\n@b.org"}, "contact_email"),
        ({"name": "Ok", "contact_phone": "9" * 51}, "contact_phone"),
    ):
        with pytest.raises(InvalidInput) as caught:
            organisations.create_organisation(db, town.admin, **kwargs)  # type: ignore[arg-type]
        assert caught.value.field == field
    with db.read() as s:
        assert s.scalar(select(func.count(Organisation.id))) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": HUGE}, "title"),
        ({"title": "Sort\x1b]0;pwned\x07 donations"}, "title"),
        ({"title": "Sort\ndonations"}, "title"),
        ({"description": "d" * 10_001}, "description"),
        ({"description": "ok\x00"}, "description"),
        ({"category": "c" * 101}, "category"),
        ({"address": "a" * 1001}, "address"),
        ({"address": "Main St\u202e"}, "address"),
        ({"timezone": "T" * 5000}, "timezone"),
        ({"requires": {"s" * 5000: 1}}, "requires"),
    ],
)
def test_a_task_with_a_bad_text_is_refused_naming_the_field(
    db: Database, town: Community, change: dict[str, object], field: str
) -> None:
    data = tasks.TaskInput(organisation_id=town.org_a, title="Sort donations", starts_at=START,
                           ends_at=START + timedelta(hours=2), latitude=30.27, longitude=120.15,
                           status=TaskStatus.OPEN)  # fmt: skip
    data = tasks.TaskInput(**{**data.__dict__, **change})
    with db.read() as s:
        before = s.scalar(select(func.count(Task.id)))
    with pytest.raises(InvalidInput) as caught:
        tasks.create_task(db, town.coord_a, data)
    assert caught.value.field == field
    assert_one_readable_line(caught.value, field)
    with pytest.raises(InvalidInput):
        tasks.update_task(db, town.coord_a, town.task_a, tasks.TaskInput(**{**data.__dict__}))
    with db.read() as s:
        assert s.scalar(select(func.count(Task.id))) == before


def test_a_multi_line_description_and_a_cancel_reason_are_fine_but_bounded(db: Database, town: Community) -> None:
    data = tasks.get_task(db, town.coord_a, town.task_a)
    data.description = "Bring gloves.\n\tAnd water."
    tasks.update_task(db, town.coord_a, town.task_a, data)
    assert tasks.get_task(db, town.coord_a, town.task_a).description == "Bring gloves.\n\tAnd water."
    with pytest.raises(InvalidInput, match="reason is 2001 characters"):
        tasks.cancel_task(db, town.coord_a, town.task_a, reason="r" * 2001)


# --------------------------------------------------------------------------- the guard under everything


def test_the_guard_refuses_a_value_longer_than_its_column_before_the_database_sees_it(
    db: Database, town: Community
) -> None:
    with pytest.raises(StoredValueRejected) as caught, db.transaction() as s:
        s.add(Person(email="guard@example.org", display_name=HUGE, password_hash="x"))
    assert caught.value.field == "person.display_name"
    assert "100000 characters" in str(caught.value) and "at most 200" in str(caught.value)
    assert len(str(caught.value)) < 200
    # A change to a stored row too (the dirty path), and a NUL, which PostgreSQL cannot store at all.
    with pytest.raises(StoredValueRejected, match=r"task\.title"), db.transaction() as s:
        task = s.get(Task, town.task_a)
        assert task is not None
        task.title = "t" * 301
    with pytest.raises(StoredValueRejected, match="NUL"), db.transaction() as s:
        task = s.get(Task, town.task_a)
        assert task is not None
        task.description = "a\x00b"
    assert tasks.get_task(db, town.coord_a, town.task_a).title == "Sort donations"


def test_the_guard_checks_core_inserts_with_a_parameter_list(db: Database, town: Community) -> None:
    rows = [
        {"email": "core1@example.org", "display_name": "Fine", "password_hash": "x", "is_admin": False,
         "is_active": True, "created_at": START},
        {"email": "core2@example.org", "display_name": "Lone \udc80 surrogate", "password_hash": "x",
         "is_admin": False, "is_active": True, "created_at": START},
    ]  # fmt: skip
    before = people(db)
    with pytest.raises(StoredValueRejected, match=r"person\.display_name"), db.transaction() as s:
        s.execute(insert(Person), rows)
    assert people(db) == before


def test_the_guard_reads_as_invalid_input_for_the_window() -> None:
    exc = StoredValueRejected("person.display_name", "{field} is too long: {value}", value="x…")
    converted = text_input.as_service_error(exc)
    assert isinstance(converted, InvalidInput) and converted.field == "person.display_name"
    assert str(converted) == "person.display_name is too long: x…"
    other = KeyError("x")
    assert text_input.as_service_error(other) is other


# --------------------------------------------------------------------------- imports


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_a_volunteer_file_with_an_over_long_cell_names_row_and_column(
    db: Database, town: Community, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "people.csv", [
        ["Email", "Full name", "Phone", "Home address"],
        ["ok@example.org", "Fine Person", "", ""],
        ["long@example.org", HUGE, "", ""],
        [LONG_EMAIL, "Long Email", "", ""],
        ["bidi@example.org", BIDI, "", ""],
        ["phone@example.org", "Phone", "1\n2", ""],
        ["addr@example.org", "Addr", "", "z" * 1001],
    ])  # fmt: skip
    before = people(db)
    plan = imports.prepare(db, town.coord_a, imports.VOLUNTEERS, imports.read_file(path), file_name=path.name)
    found = {(p.row, p.column) for p in plan.problems}
    assert found == {(3, "Full name"), (4, "Email"), (5, "Full name"), (6, "Phone"), (7, "Home address")}
    for problem in plan.problems:
        assert len(problem.value) <= 41 and len(problem.message) < 300 and "\n" not in problem.message
    with pytest.raises(imports.ImportRefused):
        imports.execute(db, town.coord_a, plan)
    result = imports.execute(db, town.coord_a, plan, skip_invalid=True)
    assert result.written == 1 and people(db) == before + 1


def test_a_task_file_with_an_over_long_cell_names_row_and_column(db: Database, town: Community, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "tasks.csv", [
        ["title", "description", "category", "address", "start", "remote"],
        ["Fine", "", "", "", "2030-05-10T09:00", "yes"],
        [HUGE, "", "", "", "2030-05-10T09:00", "yes"],
        ["Long description", "d" * 10_001, "", "", "2030-05-10T09:00", "yes"],
        ["Escape", "", "c\x1b[2J", "", "2030-05-10T09:00", "yes"],
        ["Address", "", "", "a" * 1001, "2030-05-10T09:00", ""],
    ])  # fmt: skip
    plan = imports.prepare(db, town.coord_a, imports.TASKS, imports.read_file(path), file_name=path.name)
    found = {(p.row, p.column) for p in plan.problems}
    assert found == {(3, "title"), (4, "description"), (5, "category"), (6, "address")}
    for problem in plan.problems:
        assert len(problem.value) <= 41 and len(problem.message) < 300
    assert [r.row for r in plan.rows] == [2]
