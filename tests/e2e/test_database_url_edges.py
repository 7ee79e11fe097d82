"""Issue 11, "Database URLs and files" and "A password in an error", through the installed command.

Every URL or SQLite file that cannot be used is one line that names it (password masked)
and exit status 2; the environment (a server that cannot be reached) is exit status 1;
never a traceback, never a password, and a mistyped path creates no folder and no file.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PostgresServer
from tests.support.cli import run_cli
from tests.support.databases import future_sqlite_database
from volunteer_app.store import migrate
from volunteer_app.store.database import Database

SECRET = "s3cretPW"
# A command that opens (and would migrate) the database first; the password never gets checked.
OPENING = ("orgs", "--user", "nobody@example.org")


def run(url: str, *command: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--database", url, *(command or OPENING), password="not-checked", timeout=120)


def assert_one_line(done: subprocess.CompletedProcess[str], status: int, *words: str) -> str:
    """Exit ``status``, stderr exactly one ``volunteer-app: error:`` line holding ``words``; that line."""
    assert done.returncode == status, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert line.startswith("volunteer-app: error: ")
    assert "Traceback" not in done.stderr and "Error:" not in line.removeprefix("volunteer-app: error: ")[:40]
    for word in words:
        assert word in line, (word, line)
    assert SECRET not in done.stdout + done.stderr
    return line


# --------------------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (f"postgresql://ann:{SECRET}@db.example.org:notaport/v", ("port", "postgresql://ann:***@db.example.org")),
        (f"postgresql+psycopg://ann:{SECRET}@db.example.org:0/v", ("port",)),
        ("sqlite://relative-without-slashes?", ("two slashes", "sqlite://relative-without-slashes")),
        ("", ("No database URL",)),
        ("not a url at all", ("“not a url at all” is not a database URL",)),
        (f"postgresql+psycopg2://ann:{SECRET}@db.example.org/v", ("psycopg2", "not installed")),
        ("sqlite+pysqlcipher:///x.sqlite3", ("pysqlcipher", "not installed")),
        (f"mysql://ann:{SECRET}@db.example.org/v", ("mysql://ann:***@db.example.org/v", "is for mysql")),
        (f"mssql+pyodbc://ann:{SECRET}@dsn", ("is for mssql",)),
        ("postgresql+asyncpg://ann@db.example.org/v", ("asynchronous",)),
    ],
    ids=["port", "port-zero", "two-slashes", "empty", "garbage", "psycopg2", "pysqlcipher", "mysql", "mssql",
         "asyncpg"],
)  # fmt: skip
def test_a_url_named_wrong_is_one_sentence_and_status_2(url: str, words: tuple[str, ...]) -> None:
    assert_one_line(run(url), 2, *words)


def test_db_status_names_a_bad_url_too() -> None:
    assert_one_line(run(f"mysql://ann:{SECRET}@h/db", "db", "status"), 2, "mysql://ann:***@h/db")


def test_an_unreachable_server_is_the_environment_status_1_without_the_password() -> None:
    line = assert_one_line(run(f"postgresql+psycopg://ann:{SECRET}@127.0.0.1:1/v"), 1, "cannot be reached")
    assert "postgresql+psycopg://ann:***@127.0.0.1:1/v" in line


# --------------------------------------------------------------------------- SQLite paths and files


def text_file(folder: Path) -> Path:
    path = folder / "notes.sqlite3"
    path.write_text("Shopping list\nmilk\n", encoding="utf-8")
    return path


def blank_file(folder: Path) -> Path:
    path = folder / "blank.sqlite3"
    path.write_bytes(b"\n" * 10)
    return path


def zeros_file(folder: Path) -> Path:
    path = folder / "zeros.sqlite3"
    path.write_bytes(bytes(4096))
    return path


def truncated_file(folder: Path) -> Path:
    whole = folder / "whole.sqlite3"
    db = Database(f"sqlite:///{whole}")
    try:
        migrate.upgrade(db, backup=False)
    finally:
        db.dispose()
    path = folder / "cut.sqlite3"
    path.write_bytes(whole.read_bytes()[: 3 * 4096 + 100])
    return path


def a_folder(folder: Path) -> Path:
    path = folder / "folder.sqlite3"
    path.mkdir()
    return path


def another_programs_database(folder: Path) -> Path:
    path = folder / "photos.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, file TEXT)")
    conn.execute("INSERT INTO photo (file) VALUES ('beach.jpg')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (text_file, ("notes.sqlite3", "is not an SQLite database")),
        (blank_file, ("blank.sqlite3", "is not an SQLite database")),
        (zeros_file, ("zeros.sqlite3", "is not an SQLite database")),
        (truncated_file, ("cut.sqlite3", "damaged or incomplete")),
        (a_folder, ("folder.sqlite3 is a folder, not a database file",)),
        (another_programs_database, ("photos.sqlite3", "another program")),
    ],
    ids=["text", "blank", "zeros", "truncated", "folder", "another-program"],
)
def test_a_file_that_is_not_our_database_is_one_sentence_and_left_alone(
    tmp_path: Path, make: Callable[[Path], Path], words: tuple[str, ...]
) -> None:
    path = make(tmp_path)
    before = path.read_bytes() if path.is_file() else None
    assert_one_line(run(f"sqlite:///{path}"), 2, *words)
    if before is not None:
        assert path.read_bytes() == before  # nothing was written into it
        assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


@pytest.mark.parametrize("command", [OPENING, ("db", "upgrade"), ("db", "status")], ids=["orgs", "upgrade", "status"])
def test_a_path_in_a_folder_that_does_not_exist_creates_nothing(tmp_path: Path, command: tuple[str, ...]) -> None:
    path = tmp_path / "typo" / "deeper" / "v.sqlite3"
    line = assert_one_line(run(f"sqlite:///{path}", *command), 2)
    assert str(tmp_path / "typo") in line or str(path) in line
    assert not (tmp_path / "typo").exists()


def test_a_path_through_a_file_names_that_file(tmp_path: Path) -> None:
    blocker = tmp_path / "passwd"
    blocker.write_text("root:x:0:0\n", encoding="utf-8")
    line = assert_one_line(run(f"sqlite:///{blocker / 'x.sqlite3'}"), 2, "goes through", str(blocker))
    assert "File exists" not in line
    assert blocker.read_text(encoding="utf-8") == "root:x:0:0\n"


def test_a_device_is_not_a_database_file() -> None:
    assert_one_line(run("sqlite:////dev/zero"), 2, "/dev/zero")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="POSIX permissions; root may write anywhere")
def test_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        assert_one_line(run(f"sqlite:///{folder / 'v.sqlite3'}"), 2, "cannot be written", str(folder))
    finally:
        folder.chmod(0o700)


def test_a_database_from_a_newer_app_is_refused_with_its_revision(tmp_path: Path) -> None:
    path = future_sqlite_database(tmp_path / "future.sqlite3", "9999_from_the_future")
    line = assert_one_line(run(f"sqlite:///{path}"), 2)
    assert "This database was made by a newer volunteer-app (revision 9999_from_the_future). Update the app." in line
    assert str(path) in line


# --------------------------------------------------------------------------- PostgreSQL


@pytest.mark.postgres
def test_a_database_the_server_does_not_have_is_named_wrong(postgres_server: PostgresServer) -> None:
    url = postgres_server.url_for("va_no_such_database_here")
    line = assert_one_line(run(url), 2, "no database of the name")
    assert "va_no_such_database_here" in line


@pytest.mark.postgres
def test_a_password_given_to_a_real_server_never_shows(postgres_server: PostgresServer) -> None:
    from sqlalchemy import make_url

    url = make_url(postgres_server.url_for("va_no_such_database_here")).set(password=SECRET)
    done = run(url.render_as_string(hide_password=False))
    assert done.returncode == 2 and SECRET not in done.stderr + done.stdout and "***" in done.stderr
