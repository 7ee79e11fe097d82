"""Setting up and opening a schema safely (issue 11): all of the chain or none of it, a half-made
schema finished or refused, a newer schema refused before anything is written, and a mistyped
SQLite path that `db status` / `backup` / `restore` refuse instead of creating."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

import volunteer_app.store.migrations as migrations_package
from tests.support.cli import console_script, run_cli
from tests.support.databases import table_names
from volunteer_app import paths
from volunteer_app.services import storage
from volunteer_app.store import migrate
from volunteer_app.store.database import Database
from volunteer_app.store.models import Base

FUTURE = "f00dfeed_future"


def backups() -> list[Path]:
    return sorted(paths.backups_dir().iterdir())


def revision_row(db: Database) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT version_num FROM alembic_version"))]


def set_revision(db: Database, revision: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})


# --------------------------------------------------------------------------- one transaction


def broken_chain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's migrations with the FIRST one failing after it has created all its tables."""
    copy = tmp_path / "broken-migrations"
    shutil.copytree(Path(migrations_package.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (first,) = (copy / "versions").glob("0001_*.py")
    first.write_text(
        first.read_text(encoding="utf-8") + "\n\n_created_every_table = upgrade\n\n\ndef upgrade() -> None:\n"
        "    _created_every_table()\n    raise RuntimeError('stopped half way through the first migration')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "SCRIPT_LOCATION", str(copy))


def test_a_first_setup_that_fails_half_way_leaves_no_table(
    empty_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken_chain(tmp_path, monkeypatch)
    with pytest.raises(RuntimeError, match="half way"):
        migrate.upgrade(empty_db)
    assert table_names(empty_db) == set()  # not "geocode_cache already exists" on the next start
    monkeypatch.undo()

    migrate.upgrade(empty_db)  # the next normal start
    assert migrate.status(empty_db).at_head
    assert set(Base.metadata.tables) | {"alembic_version"} == table_names(empty_db)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_disk_that_fills_up_during_the_first_setup_leaves_no_table(empty_db_url: str) -> None:
    db = Database(empty_db_url)

    def tiny_disk(dbapi_connection: Any, _record: Any) -> None:
        # SQLite's own "database or disk is full" (SQLITE_FULL) after a few pages: a real full disk.
        dbapi_connection.execute("PRAGMA max_page_count = 12")

    event.listen(db.engine, "connect", tiny_disk)
    try:
        with pytest.raises(Exception, match="full"):
            migrate.upgrade(db)
    finally:
        db.dispose()
    assert db.sqlite_path is not None
    with sqlite3.connect(db.sqlite_path) as check:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert check.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() == []
    check.close()

    again = storage.open_database(empty_db_url)  # room again: a normal start
    try:
        assert migrate.status(again).at_head
    finally:
        again.dispose()


def test_two_first_starts_at_once_both_succeed(empty_db_url: str) -> None:
    """The migration takes the write lock (SQLite) or an advisory lock (PostgreSQL) first."""
    both = [
        subprocess.Popen(
            [*console_script(), "--database", empty_db_url, "db", "upgrade"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in both:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    db = Database(empty_db_url)
    try:
        assert migrate.status(db).at_head
        assert revision_row(db) == [(migrate.head_revision(),)]
    finally:
        db.dispose()


# --------------------------------------------------------------------------- a half-made schema


def half_made(db: Database, *tables: str) -> None:
    """What an older volunteer-app left when it was killed during its first setup."""
    with db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"))
        for name in tables:
            Base.metadata.tables[name].create(conn)


def test_an_empty_half_made_schema_is_finished(empty_db: Database) -> None:
    half_made(empty_db, "geocode_cache", "organisation", "person", "skill")
    assert migrate.status(empty_db).current is None
    migrate.upgrade(empty_db)
    assert migrate.status(empty_db).at_head
    assert set(Base.metadata.tables) | {"alembic_version"} == table_names(empty_db)
    assert backups() == []


def test_a_half_made_schema_with_rows_is_refused_and_kept(empty_db: Database) -> None:
    half_made(empty_db, "geocode_cache", "organisation")
    with empty_db.engine.begin() as conn:
        conn.execute(text("INSERT INTO organisation (name, created_at) VALUES ('Kept As It Is', '2025-01-01')"))
    with pytest.raises(migrate.NotAnAppDatabase, match="organisation") as raised:
        storage.open_database(empty_db.url.render_as_string(hide_password=False))
    assert "\n" not in str(raised.value)
    assert table_names(empty_db) == {"alembic_version", "geocode_cache", "organisation"}
    with empty_db.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM organisation")).scalar() == "Kept As It Is"


def test_tables_of_another_program_are_refused(empty_db: Database) -> None:
    with empty_db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)"))
    with pytest.raises(migrate.NotAnAppDatabase, match=r"another program.*invoices"):
        migrate.upgrade(empty_db)
    assert table_names(empty_db) == {"invoices"}


@pytest.mark.parametrize("content", [b"meeting notes\n" * 40, b"SQLite format 3\x00" + b"\xff" * 84])
def test_a_file_that_is_not_sqlite_is_not_an_app_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    with pytest.raises(migrate.NotAnAppDatabase, match=r"notes\.sqlite3 is not a volunteer-app database"):
        storage.open_database(f"sqlite:///{path}")
    assert path.read_bytes() == content
    assert backups() == []


# --------------------------------------------------------------------------- a newer schema


def test_a_newer_schema_is_refused_before_any_backup_or_change(db: Database, db_url: str) -> None:
    set_revision(db, FUTURE)
    state = migrate.status(db)
    assert state.too_new and not state.known and not state.at_head
    for _attempt in range(3):
        with pytest.raises(migrate.SchemaTooNew) as raised:
            storage.open_for_app(db_url)  # what the window calls at start
        assert raised.value.revision == FUTURE
        assert str(raised.value) == (
            f"this database was made by a newer volunteer-app (revision {FUTURE}); update the app"
        )
        with pytest.raises(migrate.SchemaTooNew):
            storage.upgrade(db)
    assert backups() == []  # not one backup per attempt
    assert revision_row(db) == [(FUTURE,)]


def test_db_status_and_upgrade_of_a_newer_schema_say_update_the_app(db: Database, db_url: str) -> None:
    set_revision(db, FUTURE)
    sentence = f"this database was made by a newer volunteer-app (revision {FUTURE}); update the app"
    status = run_cli("--database", db_url, "db", "status")
    assert status.returncode == 2, status.stderr
    assert status.stdout.splitlines()[-1] == sentence
    assert "db upgrade" not in status.stdout and status.stderr == ""
    as_json = run_cli("--database", db_url, "db", "status", "--json")
    assert as_json.returncode == 2
    state = json.loads(as_json.stdout)
    assert state["too_new"] is True and state["message"] == sentence and state["current"] == FUTURE
    upgrade = run_cli("--database", db_url, "db", "upgrade")
    assert upgrade.returncode == 2
    assert upgrade.stderr == f"volunteer-app: error: {sentence}\n" and upgrade.stdout == ""
    assert backups() == []
    assert revision_row(db) == [(FUTURE,)]


def test_other_commands_refuse_a_newer_schema_in_one_sentence(db: Database, db_url: str) -> None:
    """Depends on services/faults.py classifying SchemaTooNew (the fault helper's part of issue 11)."""
    set_revision(db, FUTURE)
    for args in (["demo", "--volunteers", "3", "--tasks", "1"], ["tasks", "--user", "x@example.org"]):
        done = run_cli("--database", db_url, *args, password="whatever")
        assert done.returncode in (1, 2), done.stderr
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert f"made by a newer volunteer-app (revision {FUTURE})" in done.stderr
    assert backups() == []
    assert revision_row(db) == [(FUTURE,)]


# --------------------------------------------------------------------------- a mistyped path


@pytest.mark.parametrize(
    "args",
    [["db", "status"], ["db", "status", "--json"], ["db", "backup", "{tmp}/copy.sqlite3"],
     ["db", "restore", "{tmp}/copy.sqlite3", "--yes"]],
    ids=["status", "status-json", "backup", "restore"],
)  # fmt: skip
def test_looking_at_a_mistyped_sqlite_path_creates_nothing(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "copy.sqlite3").write_bytes(b"")
    typo = tmp_path / "Documnets" / "volunteers" / "volunteer-app.sqlite3"
    done = run_cli("--database", f"sqlite:///{typo}", *[a.format(tmp=tmp_path) for a in args])
    assert done.returncode == 2
    assert (
        done.stderr == f"volunteer-app: error: There is no database at {typo}; check the path (nothing was created).\n"
    )
    assert done.stdout == ""
    assert not (tmp_path / "Documnets").exists()


def test_a_missing_file_in_an_existing_folder_is_not_created_by_status(tmp_path: Path) -> None:
    typo = tmp_path / "volunteer-ap.sqlite3"
    done = run_cli("--database", f"sqlite:///{typo}", "db", "status")
    assert done.returncode == 2 and "There is no database at" in done.stderr
    assert list(tmp_path.iterdir()) == []
    # Commands that set a database up on first use still do.
    upgrade = run_cli("--database", f"sqlite:///{typo}", "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    assert typo.is_file()
    assert run_cli("--database", f"sqlite:///{typo}", "db", "status").returncode == 0
