"""`volunteer-app db backup FILE` / `db restore FILE` on PostgreSQL, as a person or a script runs them.

Real pg_dump and pg_restore against the test server; the app runs as its own process (tests/support/cli.py).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import PostgresServer
from tests.support.cli import run_cli
from volunteer_app import paths
from volunteer_app.store.database import Database, parse_url

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)

SECRET = "Pg-Secret-In-The-Url"


def add_org(db: Database, name: str) -> None:
    with db.transaction() as s:
        s.execute(text("INSERT INTO organisation (name, created_at) VALUES (:n, now())"), {"n": name})


def orgs(db: Database) -> list[str]:
    with db.read() as s:
        return [str(r[0]) for r in s.execute(text("SELECT name FROM organisation ORDER BY name"))]


def replace_orgs(db: Database, name: str) -> None:
    with db.transaction() as s:
        s.execute(text("DELETE FROM organisation"))
    add_org(db, name)


def one_line(done: subprocess.CompletedProcess[str], code: int) -> str:
    """The refusal: exactly one line on stderr, no traceback, the expected exit status."""
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("volunteer-app: error: ")
    return lines[0]


def db_cli(url: str, *args: str, env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli("--database", url, "db", *args, env=env)


def test_backup_change_restore_gives_back_the_data(db: Database, db_url: str, tmp_path: Path) -> None:
    add_org(db, "Before")
    target = tmp_path / "community.dump"

    made = db_cli(db_url, "backup", str(target))
    assert made.returncode == 0, made.stderr
    assert f"to {target}" in made.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    replace_orgs(db, "After")
    back = db_cli(db_url, "restore", str(target), "--yes")
    assert back.returncode == 0, back.stderr
    assert f"from {target}" in back.stdout
    assert orgs(db) == ["Before"]
    kept = list(paths.backups_dir().glob("before-restore-*.dump"))
    assert len(kept) == 1
    assert str(kept[0]) in back.stdout

    # The copy kept before the restore is itself a backup: it brings "After" back.
    again = db_cli(db_url, "restore", str(kept[0]), "--yes")
    assert again.returncode == 0, again.stderr
    assert orgs(db) == ["After"]


def test_restore_without_a_terminal_or_yes_changes_nothing(db: Database, db_url: str, tmp_path: Path) -> None:
    add_org(db, "Saved")
    target = tmp_path / "b.dump"
    assert db_cli(db_url, "backup", str(target)).returncode == 0
    replace_orgs(db, "Live")
    line = one_line(db_cli(db_url, "restore", str(target)), 2)
    assert "add --yes" in line
    assert orgs(db) == ["Live"]


def test_backup_refuses_an_existing_file(db: Database, db_url: str, tmp_path: Path) -> None:
    target = tmp_path / "taken.dump"
    target.write_text("keep me")
    line = one_line(db_cli(db_url, "backup", str(target)), 2)
    assert f"{target} already exists" in line
    assert "--force" in line
    assert target.read_text() == "keep me"
    forced = db_cli(db_url, "backup", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes().startswith(b"PGDMP")


@pytest.mark.parametrize("kind", ["garbage", "truncated"])
def test_restore_refuses_a_bad_file_in_one_line(db: Database, db_url: str, tmp_path: Path, kind: str) -> None:
    bad = tmp_path / f"{kind}.dump"
    if kind == "garbage":
        bad.write_text("definitely not a pg_dump archive\n" * 20)
    else:
        whole = tmp_path / "whole.dump"
        assert db_cli(db_url, "backup", str(whole)).returncode == 0
        data = whole.read_bytes()
        bad.write_bytes(data[: len(data) - 1])
    add_org(db, "Untouched")
    line = one_line(db_cli(db_url, "restore", str(bad), "--yes"), 2)
    assert str(bad) in line
    assert ("is not a pg_dump archive" if kind == "garbage" else "cut short or damaged") in line
    assert orgs(db) == ["Untouched"]
    assert not list(paths.backups_dir().glob("before-restore-*"))


@pytest.mark.parametrize("action", ["backup", "restore"])
def test_without_the_tools_the_line_says_what_to_run(db_url: str, tmp_path: Path, action: str) -> None:
    """No pg_dump / pg_restore reachable: one line, exit 2, the exact command, and no password anywhere."""
    empty = tmp_path / "no-tools"
    empty.mkdir()
    url = parse_url(db_url).set(password=SECRET)
    secret_url = url.render_as_string(hide_password=False)
    file = tmp_path / "backup.dump"
    if action == "restore":
        file.write_bytes(b"PGDMP" + bytes(100))
    env: dict[str, str | None] = {
        "VOLUNTEER_APP_PG_BIN": str(empty),
        "PATH": os.pathsep.join([str(empty), str(Path(sys.executable).parent)]),
    }
    done = (
        db_cli(secret_url, action, str(file), "--yes", env=env)
        if action == "restore"
        else (db_cli(secret_url, action, str(file), env=env))
    )
    line = one_line(done, 2)
    assert SECRET not in done.stderr + done.stdout
    connection = f"--host {url.host} --port {url.port} --username {url.username}"
    if action == "backup":
        assert "pg_dump is not installed here" in line
        assert f"pg_dump --format=custom --file {file} {connection} {url.database}" in line
        assert not file.exists()
    else:
        assert "pg_restore is not installed here" in line
        assert (
            "pg_restore --clean --if-exists --single-transaction --exit-on-error "
            f"{connection} --dbname {url.database} {file}"
        ) in line


def test_a_pg_dump_that_fails_is_one_line_exit_1(db_url: str, postgres_server: PostgresServer, tmp_path: Path) -> None:
    """pg_dump runs and the server refuses it (a login that may not read the tables): one line, exit 1, no file."""
    role = f"va_no_rights_{os.getpid()}"
    postgres_server.execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD '{SECRET}'")
    try:
        url = parse_url(db_url).set(username=role, password=SECRET).render_as_string(hide_password=False)
        target = tmp_path / "never.dump"
        done = db_cli(url, "backup", str(target))
        line = one_line(done, 1)
        assert "pg_dump failed:" in line
        assert "permission denied" in line
        assert "no backup was written" in line
        assert SECRET not in done.stderr
        assert not target.exists()
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    finally:
        postgres_server.execute(f'DROP ROLE IF EXISTS "{role}"')
