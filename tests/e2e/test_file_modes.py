"""Issue 11, "File modes": what the app writes is its user's only (POSIX).

The app home and its folders are 0700; the database (and its -wal/-shm), backups,
exports that hold home coordinates, kept demo accounts and settings are 0600, after
real runs of the installed command. In-process runs put the process's umask back.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from volunteer_app import paths
from volunteer_app.cli import main
from volunteer_app.settings import Settings
from volunteer_app.store import migrate
from volunteer_app.store.database import Database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_private(path: Path) -> None:
    expected = 0o700 if path.is_dir() else 0o600
    assert mode(path) == expected, f"{path} is {oct(mode(path))}, not {oct(expected)}"


def private_tree(root: Path) -> list[Path]:
    """Every file and folder under ``root`` that group or others could read (none, we hope)."""
    return [p for p in (root, *root.rglob("*")) if mode(p) & 0o077]


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An app home that does not exist yet: the app makes it (with a loose umask, as many systems have)."""
    home = tmp_path / "home-not-made-yet"
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    return home


@pytest.fixture
def loose_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_demo_makes_a_private_home_database_and_accounts_file(fresh_home: Path, loose_umask: object) -> None:
    done = run_cli("demo", "--json", "--volunteers", "6", "--tasks", "3", "--seed", "2", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert_private(fresh_home)
    database = fresh_home / "volunteer-app.sqlite3"
    assert_private(database)
    assert_private(fresh_home / "demo-accounts.txt")
    assert private_tree(fresh_home) == []  # the keys folder, any -wal/-shm file, everything


def test_backups_exports_and_upgrades_are_private(tmp_path: Path, fresh_home: Path, loose_umask: object) -> None:
    url = f"sqlite:///{tmp_path / 'community.sqlite3'}"
    filled = run_cli("--database", url, "demo", "--json", "--volunteers", "12", "--tasks", "4", "--seed", "5")
    assert filled.returncode == 0, filled.stderr
    assert_private(tmp_path / "community.sqlite3")

    backup = tmp_path / "saved.sqlite3"
    done = run_cli("--database", url, "db", "backup", str(backup))
    assert done.returncode == 0, done.stderr
    assert_private(backup)

    coordinator = next(a for a in json.loads(filled.stdout)["accounts"] if a["role"] == "coordinator")
    exported = tmp_path / "instance-with-homes.json"
    done = run_cli("--database", url, "assign", "--organisation", coordinator["organisation"], "--json",
                   "--export-instance", str(exported), "--user", coordinator["email"],
                   password=coordinator["password"])  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "volunteers" in json.loads(exported.read_text(encoding="utf-8"))
    assert_private(exported)

    # An older database: `db upgrade` keeps a copy in backups/ first; both are private.
    older = tmp_path / "older.sqlite3"
    db = Database(f"sqlite:///{older}")
    try:
        migrate.upgrade(db, "0001", backup=False)
    finally:
        db.dispose()
    done = run_cli("--database", f"sqlite:///{older}", "db", "upgrade")
    assert done.returncode == 0, done.stderr
    copies = list((fresh_home / "backups").glob("before-upgrade-*.sqlite3"))
    assert len(copies) == 1
    assert_private(fresh_home / "backups")
    assert_private(copies[0])


def test_a_new_database_file_is_private_even_without_the_cli_umask(tmp_path: Path, loose_umask: object) -> None:
    path = tmp_path / "library-use.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        migrate.upgrade(db, backup=False)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
            for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm")):
                if sidecar.exists():
                    assert_private(sidecar)
    finally:
        db.dispose()
    assert_private(path)


def test_an_existing_database_keeps_the_mode_its_owner_chose(tmp_path: Path, loose_umask: object) -> None:
    path = tmp_path / "shared-on-purpose.sqlite3"
    sqlite3.connect(path).close()
    path.chmod(0o640)
    db = Database(f"sqlite:///{path}")
    try:
        migrate.upgrade(db, backup=False)
    finally:
        db.dispose()
    assert mode(path) == 0o640


def test_settings_are_private_even_when_a_loose_temp_file_was_left(app_home: Path, loose_umask: object) -> None:
    leftover = paths.settings_path().with_suffix(".tmp")
    leftover.write_text("{}", encoding="utf-8")
    leftover.chmod(0o644)
    Settings(database_url="postgresql+psycopg://ann:secret@db.example.org/v").save()
    assert_private(paths.settings_path())


def test_an_in_process_run_puts_the_umask_back(tmp_path: Path, loose_umask: object) -> None:
    assert main(["--database", f"sqlite:///{tmp_path / 'x.sqlite3'}", "db", "upgrade"]) == 0
    current = os.umask(0o022)
    assert current == 0o022


def test_a_match_result_is_private(tmp_path: Path, loose_umask: object) -> None:
    # `match` has no database, but its result names volunteers and their distances from home.
    source = tmp_path / "instance.json"
    source.write_text(json.dumps({
        "format": "volunteer-app.matching-instance", "version": 1,
        "volunteers": [{"id": "v1", "location": [30.27, 120.15], "radius_km": 10, "skills": {},
                        "free": [["2026-12-01T08:00:00+08:00", "2026-12-01T12:00:00+08:00"]]}],
        "tasks": [{"id": "t1", "location": [30.28, 120.16], "requires": {}, "slots": 1,
                   "start": "2026-12-01T09:00:00+08:00", "end": "2026-12-01T10:00:00+08:00"}],
    }), encoding="utf-8")
    result = tmp_path / "result.json"
    done = run_cli("match", str(source), "-o", str(result))
    assert done.returncode == 0, done.stderr
    assert json.loads(result.read_text(encoding="utf-8"))["assignments"]
    assert_private(result)
