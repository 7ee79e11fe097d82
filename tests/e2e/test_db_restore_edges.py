"""`volunteer-app db restore` never trusts the file (issue 11): every bad backup is refused in one line,
exit 2, before the live database is touched; a good older backup is restored and upgraded."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from volunteer_app import paths
from volunteer_app.store import migrate
from volunteer_app.store.database import Database

LIVE_MARKER = "Live Database Marker"
BACKUP_MARKER = "Backup Marker"


def add_org(path: Path, name: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO organisation (name, created_at) VALUES (?, '2025-01-01 00:00:00')", (name,))
    conn.close()


def orgs(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        names = [str(r[0]) for r in conn.execute("SELECT name FROM organisation ORDER BY name")]
    conn.close()
    return names


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def execute(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


@pytest.fixture
def live(tmp_path: Path, _sqlite_template: Path) -> Path:
    path = tmp_path / "live" / "volunteer-app.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(_sqlite_template, path)
    add_org(path, LIVE_MARKER)
    return path


@pytest.fixture
def good_backup(tmp_path: Path, _sqlite_template: Path) -> Path:
    path = tmp_path / "saved" / "backup.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(_sqlite_template, path)
    add_org(path, BACKUP_MARKER)
    return path


def restore(live: Path, source: Path | str) -> tuple[int, str, str]:
    done = run_cli("--database", f"sqlite:///{live}", "db", "restore", str(source), "--yes")
    return done.returncode, done.stdout, done.stderr


# Each case turns the good backup (or the paths around it) into a bad one; returns the path to restore
# and a piece of the one-line refusal.
Breaker = Callable[[Path, Path], tuple[Path, str]]


def _revision(revision: str, *extra: str) -> Breaker:
    def make(backup: Path, live: Path) -> tuple[Path, str]:
        execute(backup, f"UPDATE alembic_version SET version_num = '{revision}'", *extra)
        return backup, f"made by a newer volunteer-app (revision {revision}); update the app"

    return make


def _without_table(backup: Path, live: Path) -> tuple[Path, str]:
    execute(backup, "DROP TABLE ledger_entry")
    return backup, "lacks the table(s) ledger_entry"


def _without_column(backup: Path, live: Path) -> tuple[Path, str]:
    execute(backup, "ALTER TABLE organisation DROP COLUMN handler")
    return backup, "lacks the column(s) organisation.handler"


def _another_programs(backup: Path, live: Path) -> tuple[Path, str]:
    other = backup.with_name("invoices.sqlite3")
    execute(other, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
    return other, "no schema revision"


def _text(backup: Path, live: Path) -> tuple[Path, str]:
    backup.write_text("name,hours\nAna,3\n", encoding="utf-8")
    return backup, "is not an SQLite database"


def _truncated(backup: Path, live: Path) -> tuple[Path, str]:
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 3])
    return backup, "backup.sqlite3"


def _damaged(backup: Path, live: Path) -> tuple[Path, str]:
    data = bytearray(backup.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 8), 7):  # scribble over a few pages after the header
        data[offset] = 0xA5
    backup.write_bytes(bytes(data))
    return backup, "backup.sqlite3"


def _empty(backup: Path, live: Path) -> tuple[Path, str]:
    backup.write_bytes(b"")
    return backup, "is empty"


def _folder(backup: Path, live: Path) -> tuple[Path, str]:
    folder = backup.with_name("a-folder.sqlite3")
    folder.mkdir()
    return folder, "is a folder"


def _itself(backup: Path, live: Path) -> tuple[Path, str]:
    return live, "is the database itself"


def _itself_by_link(backup: Path, live: Path) -> tuple[Path, str]:
    link = backup.with_name("link-to-live.sqlite3")
    link.symlink_to(live)
    return link, "is the database itself"


def _missing(backup: Path, live: Path) -> tuple[Path, str]:
    return backup.with_name("nowhere.sqlite3"), "no backup file at"


CASES: dict[str, Breaker] = {
    "unknown-revision": _revision("not-ours-123"),
    "newer-revision": _revision("f00dfeed_future", "CREATE TABLE shift_swap (id INTEGER PRIMARY KEY)"),
    "missing-table": _without_table,
    "missing-column": _without_column,
    "another-programs-sqlite": _another_programs,
    "text-file": _text,
    "truncated": _truncated,
    "damaged": _damaged,
    "empty-file": _empty,
    "a-directory": _folder,
    "the-database-itself": _itself,
    "the-database-itself-by-a-link": _itself_by_link,
    "missing-file": _missing,
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_backup_is_refused_before_anything_changes(live: Path, good_backup: Path, case: str) -> None:
    source, expected = CASES[case](good_backup, live)
    before = digest(live)
    folder_before = sorted(p.name for p in live.parent.iterdir())
    code, out, err = restore(live, source)
    assert code == 2, (out, err)
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("volunteer-app: error: ")
    assert expected in lines[0]
    assert len(lines[0]) < 400
    # The live database is untouched: same bytes, nothing beside it, no "before-restore" copy.
    assert digest(live) == before
    assert sorted(p.name for p in live.parent.iterdir()) == folder_before
    assert list(paths.backups_dir().glob("before-restore-*")) == []
    assert orgs(live)[-1] == LIVE_MARKER or LIVE_MARKER in orgs(live)


def test_an_older_backup_is_restored_then_upgraded_and_the_live_one_is_kept(live: Path, tmp_path: Path) -> None:
    old = migrate.known_revisions() - {migrate.head_revision()}
    assert old, "needs an older revision"
    first = min(old)  # "0001"
    path = tmp_path / "old-backup.sqlite3"
    made = Database(f"sqlite:///{path}")
    try:
        migrate.upgrade(made, first, backup=False)
    finally:
        made.dispose()
    execute(path, f"INSERT INTO organisation (name, created_at) VALUES ('{BACKUP_MARKER}', '2025-01-01 00:00:00')")
    saved = digest(path)

    code, out, err = restore(live, path)
    assert code == 0, err
    assert f"older schema revision {first}" in out and "upgraded" in out
    (kept,) = paths.backups_dir().glob("before-restore-*.sqlite3")
    assert str(kept) in out
    assert orgs(kept) == [LIVE_MARKER]
    assert orgs(live) == [BACKUP_MARKER]
    assert digest(path) == saved  # the backup file itself is not changed
    status = run_cli("--database", f"sqlite:///{live}", "db", "status", "--json")
    assert status.returncode == 0 and '"at_head": true' in status.stdout
    assert [p.name for p in live.parent.iterdir() if p.name.startswith(".")] == []


def test_a_live_file_that_is_no_longer_a_database_can_be_restored_over(live: Path, good_backup: Path) -> None:
    for sidecar in ("-wal", "-shm"):
        Path(f"{live}{sidecar}").unlink(missing_ok=True)
    live.write_bytes(b"overwritten by accident\n")
    code, out, err = restore(live, good_backup)
    assert code == 0, err
    (kept,) = paths.backups_dir().glob("before-restore-*.sqlite3")
    assert kept.read_bytes() == b"overwritten by accident\n"
    assert str(kept) in out
    assert orgs(live) == [BACKUP_MARKER]
    with sqlite3.connect(live) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
