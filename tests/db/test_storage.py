"""Storage on real databases: SQLite pragmas, constraints, UTC times, and `volunteer-app db ...`."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError

from volunteer_app import paths
from volunteer_app.cli import main
from volunteer_app.domain.enums import ServiceStatus, TaskKind
from volunteer_app.store import migrate
from volunteer_app.store.database import BUSY_TIMEOUT_MS, Database
from volunteer_app.store.models import (
    Membership,
    Organisation,
    Person,
    ServiceRecord,
    Skill,
    Task,
    VolunteerSkill,
)

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def volunteer_app_command() -> str:
    """The installed console script next to this interpreter."""
    script = Path(sys.executable).with_name("volunteer-app")
    assert script.exists(), f"the console script is not installed next to {sys.executable}"
    return str(script)


def stderr_line(captured: str) -> str:
    """The CLI reports a user error as exactly one line on stderr, never a traceback."""
    lines = captured.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{captured}"
    assert "Traceback" not in captured
    return lines[0]


# --------------------------------------------------------------------------- SQLite pragmas


def test_sqlite_pragmas_are_set_on_every_connection(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'pragmas.sqlite3'}")
    try:
        # Two connections open at once: the pool must create (and configure) two DBAPI connections.
        with db.engine.connect() as first, db.engine.connect() as second:
            assert first.connection.dbapi_connection is not second.connection.dbapi_connection
            for conn in (first, second):
                assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
                assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
                assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
                assert conn.execute(text("PRAGMA busy_timeout")).scalar() == BUSY_TIMEOUT_MS
    finally:
        db.dispose()
    assert BUSY_TIMEOUT_MS >= 1000


def test_sqlite_falls_back_to_a_rollback_journal_where_wal_is_impossible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # SQLite's unix-dotfile VFS has no shared memory, so it refuses WAL for real, as network
    # shares do. The file name is relative to the working directory (an SQLite URI).
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.INFO, logger="volunteer_app.store.database")
    db = Database("sqlite:///file:no-wal.sqlite3?vfs=unix-dotfile&uri=true")
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "delete"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2
        assert any("WAL unavailable" in r.getMessage() for r in caplog.records)
        # ... and the database still works, across connections.
        migrate.upgrade(db, backup=False)
        with db.transaction() as s:
            s.add(Organisation(name="Riverside Library"))
        with db.engine.connect() as a, db.engine.connect() as b:
            assert a.execute(text("SELECT count(*) FROM organisation")).scalar() == 1
            assert b.execute(text("SELECT name FROM organisation")).scalar() == "Riverside Library"
    finally:
        db.dispose()
    assert (tmp_path / "no-wal.sqlite3").is_file()
    assert not (tmp_path / "no-wal.sqlite3-wal").exists()


# --------------------------------------------------------------------------- constraints


def _person(email: str = "ana@example.org") -> Person:
    return Person(email=email, display_name="Ana", password_hash="x")


def _add_org_and_person(db: Database) -> tuple[int, int, int]:
    """An organisation, a volunteer and a coordinator; returns their ids."""
    with db.transaction() as s:
        org = Organisation(name="Harbour Food Bank")
        volunteer = _person("vol@example.org")
        coordinator = _person("coord@example.org")
        s.add_all([org, volunteer, coordinator])
        s.flush()
        return org.id, volunteer.id, coordinator.id


def test_foreign_keys_are_enforced(db: Database) -> None:
    org_id, person_id, _ = _add_org_and_person(db)
    with db.transaction() as s:  # the valid row goes in
        s.add(Membership(person_id=person_id, organisation_id=org_id, role="volunteer"))
    with pytest.raises(IntegrityError), db.transaction() as s:
        s.add(Membership(person_id=person_id + 1000, organisation_id=org_id, role="coordinator"))
    with db.read() as s:
        assert s.scalar(select(Membership.id).where(Membership.role == "coordinator")) is None


def _task(org_id: int, **overrides: object) -> Task:
    values: dict[str, object] = {
        "organisation_id": org_id,
        "title": "Sort donations",
        "kind": TaskKind.FIXED,
        "starts_at": START,
        "ends_at": START + timedelta(hours=2),
        "priority": 3,
    }
    values.update(overrides)
    return Task(**values)


def _skill_row(db: Database, person_id: int, level: int) -> VolunteerSkill:
    with db.transaction() as s:
        skill = s.scalar(select(Skill).where(Skill.key == "first_aid"))
        if skill is None:
            skill = Skill(key="first_aid", label="First aid")
            s.add(skill)
            s.flush()
        skill_id = skill.id
    return VolunteerSkill(person_id=person_id, skill_id=skill_id, level=level)


def _service_record(volunteer_id: int, org_id: int, decided_by_id: int) -> ServiceRecord:
    return ServiceRecord(
        person_id=volunteer_id,
        organisation_id=org_id,
        activity="Reading to children",
        started_at=START,
        ended_at=START + timedelta(hours=1),
        credited_minutes=60,
        status=ServiceStatus.VERIFIED,
        decided_by_id=decided_by_id,
        decided_at=START + timedelta(days=1),
        created_by_id=volunteer_id,
    )


# Each case: (the constraint's name, a valid row, the same row breaking only that constraint).
CheckCase = Callable[[Database, int, int, int], tuple[object, object]]
CHECK_CASES: dict[str, tuple[str, CheckCase]] = {
    "task-priority-6": (
        "ck_task_priority_range",
        lambda db, org, vol, coord: (_task(org, priority=5), _task(org, priority=6)),
    ),
    "skill-level-0": (
        "ck_volunteer_skill_level_range",
        lambda db, org, vol, coord: (_skill_row(db, coord, 1), _skill_row(db, vol, 0)),
    ),
    "self-verified-hours": (
        "ck_service_record_no_self_verification",
        lambda db, org, vol, coord: (_service_record(vol, org, coord), _service_record(vol, org, vol)),
    ),
    "uppercase-email": (
        "ck_person_email_normalised",
        lambda db, org, vol, coord: (_person("bo@example.org"), _person("Cy@Example.org")),
    ),
}


@pytest.mark.parametrize("case", list(CHECK_CASES))
def test_check_constraints_are_enforced(db: Database, case: str) -> None:
    constraint, make_rows = CHECK_CASES[case]
    org_id, volunteer_id, coordinator_id = _add_org_and_person(db)
    valid, invalid = make_rows(db, org_id, volunteer_id, coordinator_id)
    with db.transaction() as s:
        s.add(valid)
    with pytest.raises(IntegrityError) as raised, db.transaction() as s:
        s.add(invalid)
    assert constraint in str(raised.value.orig)


# --------------------------------------------------------------------------- times


def test_datetimes_round_trip_as_aware_utc(db: Database) -> None:
    shanghai = timezone(timedelta(hours=8))
    written = datetime(2026, 7, 1, 18, 30, 15, 123456, tzinfo=shanghai)
    with db.transaction() as s:
        org = Organisation(name="Night Market Helpers", created_at=written)
        s.add(org)
        s.flush()
        org_id = org.id
    with db.read() as s:
        read = s.scalar(select(Organisation.created_at).where(Organisation.id == org_id))
    assert read is not None
    assert read.utcoffset() == timedelta(0)
    assert read == written  # the same instant
    assert (read.hour, read.minute, read.microsecond) == (10, 30, 123456)  # 18:30 +08:00 is 10:30 UTC


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"), db.transaction() as s:
        s.add(Organisation(name="Naive Org", created_at=datetime(2026, 1, 1, 12, 0)))


# --------------------------------------------------------------------------- the db command


def _names(url: str) -> list[str]:
    db = Database(url)
    try:
        with db.read() as s:
            return list(s.scalars(select(Organisation.name).order_by(Organisation.name)))
    finally:
        db.dispose()


def _add_org(url: str, name: str) -> None:
    db = Database(url)
    try:
        with db.transaction() as s:
            s.add(Organisation(name=name))
    finally:
        db.dispose()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_db_backup_and_restore_through_the_cli(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _add_org(db_url, "Before Backup")
    backup = tmp_path / "saved" / "copy.sqlite3"
    assert main(["--database", db_url, "db", "backup", str(backup)]) == 0
    assert str(backup) in capsys.readouterr().out
    with sqlite3.connect(backup) as check:
        assert check.execute("SELECT version_num FROM alembic_version").fetchone() == (migrate.head_revision(),)
        assert check.execute("SELECT name FROM organisation").fetchall() == [("Before Backup",)]
    check.close()

    _add_org(db_url, "After Backup")
    assert _names(db_url) == ["After Backup", "Before Backup"]
    assert main(["db", "restore", str(backup), "--database", db_url, "--yes"]) == 0
    out = capsys.readouterr().out
    assert "restored" in out
    assert _names(db_url) == ["Before Backup"]
    # What the restore replaced is kept in backups/, and the output says where.
    (kept,) = paths.backups_dir().glob("before-restore-*.sqlite3")
    assert str(kept) in out
    assert _names(f"sqlite:///{kept}") == ["After Backup", "Before Backup"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_db_restore_without_a_terminal_needs_yes(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_org(db_url, "In The Backup")
    backup = tmp_path / "copy.sqlite3"
    assert main(["--database", db_url, "db", "backup", str(backup)]) == 0
    _add_org(db_url, "Added Later")
    capsys.readouterr()
    assert main(["--database", db_url, "db", "restore", str(backup)]) == 2  # pytest's stdin is no terminal
    captured = capsys.readouterr()
    line = stderr_line(captured.err)
    assert "--yes" in line and "restore replaces" in line
    assert captured.out == ""
    assert _names(db_url) == ["Added Later", "In The Backup"]  # nothing replaced
    assert not list(paths.backups_dir().glob("before-restore-*"))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_db_restore_asks_on_a_terminal(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_org(db_url, "In The Backup")
    backup = tmp_path / "copy.sqlite3"
    assert main(["--database", db_url, "db", "backup", str(backup)]) == 0
    _add_org(db_url, "Added Later")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked: list[str] = []

    def answer(reply: str) -> Callable[[str], str]:
        def ask(prompt: str) -> str:
            asked.append(prompt)
            return reply

        return ask

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", answer("n"))
    assert main(["--database", db_url, "db", "restore", str(backup)]) == 2
    assert "not confirmed" in stderr_line(capsys.readouterr().err)
    assert _names(db_url) == ["Added Later", "In The Backup"]
    assert str(paths.backups_dir()) in asked[0] and "copy.sqlite3" in asked[0]

    monkeypatch.setattr("builtins.input", answer("yes"))
    assert main(["--database", db_url, "db", "restore", str(backup)]) == 0
    assert _names(db_url) == ["In The Backup"]
    assert len(asked) == 2


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_db_backup_does_not_overwrite_without_force(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_org(db_url, "Fresh")
    target = tmp_path / "taken.sqlite3"
    target.write_bytes(b"someone else's file")
    assert main(["--database", db_url, "db", "backup", str(target)]) == 2
    line = stderr_line(capsys.readouterr().err)
    assert "taken.sqlite3" in line and "--force" in line
    assert target.read_bytes() == b"someone else's file"

    assert main(["--database", db_url, "db", "backup", str(target), "--force"]) == 0
    assert _names(f"sqlite:///{target}") == ["Fresh"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    "content",
    [b"", b"just some notes\n", b"SQLite format 3\x00" + b"\x00" * 100],
    ids=["empty", "text", "damaged-header"],
)
def test_db_restore_refuses_a_file_that_is_not_a_backup(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    _add_org(db_url, "Keep Me")
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(content)
    assert main(["--database", db_url, "db", "restore", str(bogus)]) == 2
    line = stderr_line(capsys.readouterr().err)
    assert line.startswith("volunteer-app: error:")
    assert "bogus.sqlite3" in line
    assert _names(db_url) == ["Keep Me"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_db_restore_of_a_missing_file_is_one_line(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database", db_url, "db", "restore", str(tmp_path / "nowhere.sqlite3")]) == 2
    assert "nowhere.sqlite3" in stderr_line(capsys.readouterr().err)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
@pytest.mark.parametrize("action", ["backup", "restore"])
def test_db_backup_on_postgresql_points_to_pg_dump(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], action: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With pg_dump / pg_restore out of reach (issue 12 runs them when they are installed: tests/db/test_pg_backup.py).
    (tmp_path / "no-pg-tools").mkdir()
    monkeypatch.setenv("VOLUNTEER_APP_PG_BIN", str(tmp_path / "no-pg-tools"))
    target = tmp_path / "dump.sqlite3"
    if action == "restore":
        target.write_bytes(b"")
    assert main(["--database", db_url, "db", action, str(target)]) == 2
    line = stderr_line(capsys.readouterr().err)
    assert "pg_dump" in line or "pg_restore" in line
    if action == "backup":
        assert not target.exists()


def test_db_status_reports_at_head_after_db_upgrade(empty_db_url: str) -> None:
    """The "Done when" check, through the installed `volunteer-app` command."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [volunteer_app_command(), "--database", empty_db_url, "db", *args],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )

    if empty_db_url.startswith("sqlite:///"):
        # `db status` only looks (a missing file is refused, see tests/db/test_schema_setup.py): an empty file.
        Path(empty_db_url.removeprefix("sqlite:///")).touch()
    before = run("status", "--json")
    assert before.returncode == 0, before.stderr
    state = json.loads(before.stdout)
    assert state["current"] is None
    assert state["at_head"] is False
    assert state["head"] == migrate.head_revision()
    assert "behind" in run("status").stdout

    upgraded = run("upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"at revision {migrate.head_revision()}" in upgraded.stdout

    after = run("status", "--json")
    assert after.returncode == 0, after.stderr
    state = json.loads(after.stdout)
    assert state == {
        "database": state["database"],
        "current": migrate.head_revision(),
        "head": migrate.head_revision(),
        "at_head": True,
    }
    assert "up to date" in run("status").stdout
