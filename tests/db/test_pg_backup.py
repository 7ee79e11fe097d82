"""`db backup` / `db restore` on PostgreSQL (issue 12): real pg_dump and pg_restore against the test server.

A backup is a pg_dump custom archive (0600, moved into place whole); a restore checks the file first
(an archive of this app, readable to its end, a revision this app knows, not older than the database),
keeps what the database held in backups/, and replaces it in one transaction, so a bad or cut-short
archive leaves the data as it was. Without the tools the refusal says exactly what to run, with no
password in it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from tests.conftest import PostgresServer
from volunteer_app import paths
from volunteer_app.services import storage
from volunteer_app.store import migrate, pg_tools
from volunteer_app.store.database import Database, parse_url

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)

SECRET = "Sup3r-Secret-pw"


def add_org(db: Database, name: str) -> None:
    with db.transaction() as s:
        s.execute(text("INSERT INTO organisation (name, created_at) VALUES (:n, now())"), {"n": name})


def orgs(db: Database) -> list[str]:
    with db.read() as s:
        return [str(r[0]) for r in s.execute(text("SELECT name FROM organisation ORDER BY name"))]


def drop_orgs(db: Database) -> None:
    with db.transaction() as s:
        s.execute(text("DELETE FROM organisation"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def saved(db: Database, tmp_path: Path) -> Path:
    """A backup of ``db`` holding the organisation "Saved"; ``db`` then holds "Changed" instead."""
    add_org(db, "Saved")
    archive = storage.backup(db, tmp_path / "saved.dump")
    drop_orgs(db)
    add_org(db, "Changed")
    return archive


@pytest.fixture
def no_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """pg_dump and pg_restore out of reach: VOLUNTEER_APP_PG_BIN is an empty folder, PATH lacks them."""
    empty = tmp_path / "no-pg-tools"
    empty.mkdir()
    monkeypatch.setenv(pg_tools.BIN_ENV, str(empty))
    monkeypatch.setenv("PATH", str(empty))
    return empty


@pytest.fixture
def db_with_password(db_url: str) -> Iterator[Database]:
    """The test database through a URL that carries a password (the test server trusts every login)."""
    url = parse_url(db_url).set(password=SECRET).render_as_string(hide_password=False)
    database = Database(url)
    try:
        yield database
    finally:
        database.dispose()


# --------------------------------------------------------------------------- round trip


def test_backup_then_restore_gives_back_the_data(db: Database, saved: Path) -> None:
    assert orgs(db) == ["Changed"]
    assert saved.read_bytes().startswith(pg_tools.ARCHIVE_MAGIC)
    assert mode(saved) == 0o600
    assert not [p for p in saved.parent.iterdir() if p.name.endswith(".part")]

    restored = storage.restore(db, saved)

    assert orgs(db) == ["Saved"]
    assert restored.source == saved
    assert restored.revision == migrate.head_revision()
    assert restored.upgraded is False
    # What the database held before is kept, as a pg_dump archive in the app home's backups folder.
    assert restored.previous_copy is not None
    assert restored.previous_copy.parent == paths.backups_dir()
    assert restored.previous_copy.name.startswith("before-restore-")
    assert restored.previous_copy.name.endswith(".dump")
    assert mode(restored.previous_copy) == 0o600
    assert migrate.status(db).at_head
    # ... and it is itself a backup that brings "Changed" back.
    storage.restore(db, restored.previous_copy, keep_copy=False)
    assert orgs(db) == ["Changed"]


def test_restore_keeps_the_app_working_afterwards(db: Database, saved: Path) -> None:
    """Sequences come back with the rows: the next insert does not collide with a restored id."""
    storage.restore(db, saved)
    add_org(db, "Added after restore")
    assert orgs(db) == ["Added after restore", "Saved"]


def test_backup_refuses_an_existing_file_unless_asked(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "taken.dump"
    target.write_bytes(b"someone's file")
    with pytest.raises(storage.BackupExists) as refused:
        storage.backup(db, target)
    assert refused.value.path == target
    assert target.read_bytes() == b"someone's file"

    assert storage.backup(db, target, overwrite=True) == target
    assert target.read_bytes().startswith(pg_tools.ARCHIVE_MAGIC)
    assert mode(target) == 0o600


def test_backup_makes_missing_folders(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "b.dump"
    assert storage.backup(db, target) == target
    assert target.read_bytes().startswith(pg_tools.ARCHIVE_MAGIC)


# --------------------------------------------------------------------------- bad files


def _garbage(tmp_path: Path, saved: Path) -> Path:
    path = tmp_path / "garbage.dump"
    path.write_bytes(b"this is not a backup\n" * 50)
    return path


def _empty(tmp_path: Path, saved: Path) -> Path:
    path = tmp_path / "empty.dump"
    path.write_bytes(b"")
    return path


def _cut_at(fraction: float) -> Callable[[Path, Path], Path]:
    def make(tmp_path: Path, saved: Path) -> Path:
        path = tmp_path / "truncated.dump"
        data = saved.read_bytes()
        path.write_bytes(data[: min(int(len(data) * fraction), len(data) - 1)])
        return path

    return make


_truncated = _cut_at(2 / 3)


def _flipped(tmp_path: Path, saved: Path) -> Path:
    """A whole-length archive with bytes in its compressed data overwritten."""
    path = tmp_path / "flipped.dump"
    data = bytearray(saved.read_bytes())
    middle = len(data) * 3 // 4
    data[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(data))
    return path


def _sqlite_file(tmp_path: Path, saved: Path) -> Path:
    path = tmp_path / "an-sqlite-backup.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    return path


def _folder(tmp_path: Path, saved: Path) -> Path:
    path = tmp_path / "a-folder.dump"
    path.mkdir()
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_garbage, "is not a pg_dump archive"),
        (_empty, "is empty"),
        (_cut_at(0.1), "cut short or damaged"),
        (_truncated, "cut short or damaged"),
        (_cut_at(1.0), "cut short or damaged"),
        (_flipped, "cut short or damaged"),
        (_sqlite_file, "is not a pg_dump archive"),
        (_folder, "is a folder"),
    ],
    ids=["garbage", "empty", "cut-early", "truncated", "last-byte-cut", "overwritten-middle", "sqlite-file", "folder"],
)
def test_restore_refuses_a_bad_file_and_changes_nothing(
    db: Database, saved: Path, tmp_path: Path, make: Callable[[Path, Path], Path], expected: str
) -> None:
    bad = make(tmp_path, saved)
    with pytest.raises(storage.BackupError) as refused:
        storage.restore(db, bad)
    message = str(refused.value)
    assert expected in message
    assert str(bad) in message
    assert "\n" not in message
    assert orgs(db) == ["Changed"]
    assert not list(paths.backups_dir().glob("before-restore-*"))  # refused before anything was written


def test_restore_of_a_missing_file_is_file_not_found(db: Database, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nowhere\.dump"):
        storage.check_restore_file(db, tmp_path / "nowhere.dump")


@pytest.mark.parametrize("fraction", [2 / 3, 1.0], ids=["cut-two-thirds", "last-byte-cut"])
def test_a_cut_short_archive_fed_to_pg_restore_changes_nothing(
    db: Database, saved: Path, tmp_path: Path, fraction: float
) -> None:
    """The last line of defence: the checks would refuse this file; here it goes straight to pg_restore.

    With the last byte cut, pg_restore reads the table of contents, drops and makes tables again and
    fails only at the last table's data: --single-transaction must undo all of it.
    """
    cut = _cut_at(fraction)(tmp_path, saved)
    with pytest.raises(storage.PgToolFailed) as failed:
        pg_tools.restore(db, pg_tools.Archive(cut, migrate.head_revision()))
    assert "rolled back" in str(failed.value)
    assert orgs(db) == ["Changed"]
    assert migrate.status(db).at_head


def test_a_restore_failing_half_way_leaves_the_database_as_it_was(db: Database, saved: Path) -> None:
    """A view of someone's own on an app table blocks its DROP in the middle of pg_restore: all is undone."""
    with db.transaction() as s:
        s.execute(text("CREATE VIEW org_names AS SELECT name FROM organisation"))
    tables_before = _tables(db)
    with pytest.raises(storage.PgToolFailed) as failed:
        storage.restore(db, saved)
    assert "org_names" in str(failed.value) or "depend" in str(failed.value)
    assert orgs(db) == ["Changed"]
    assert _tables(db) == tables_before
    assert migrate.status(db).at_head


def _tables(db: Database) -> list[str]:
    with db.read() as s:
        return [
            str(r[0]) for r in s.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
        ]


def test_an_archive_of_another_database_is_refused(
    db: Database, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    other = Database(postgres_server.url_for("postgres"))
    try:
        foreign = storage.backup(other, tmp_path / "other.dump")
    finally:
        other.dispose()
    add_org(db, "Mine")
    with pytest.raises(storage.BackupError, match="not of a volunteer-app database"):
        storage.restore(db, foreign)
    assert orgs(db) == ["Mine"]


def test_a_backup_made_by_a_newer_app_is_refused(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    newer = storage.backup(db, tmp_path / "newer.dump")
    with db.transaction() as s:
        s.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": migrate.head_revision()})
    add_org(db, "Mine")
    with pytest.raises(storage.BackupTooNew) as refused:
        storage.restore(db, newer)
    assert "made by a newer volunteer-app (revision 9999_from_the_future); update the app" in str(refused.value)
    assert orgs(db) == ["Mine"]


# --------------------------------------------------------------------------- older backups


def _older_revision() -> str:
    chain = sorted(migrate.known_revisions())
    assert len(chain) >= 2
    return chain[-2]


@pytest.fixture
def older_archive(empty_db: Database, tmp_path: Path) -> Path:
    """A backup of a database at the revision before head, holding the organisation "Old"."""
    migrate.upgrade(empty_db, _older_revision(), backup=False)
    add_org(empty_db, "Old")
    archive = storage.backup(empty_db, tmp_path / "older.dump")
    empty_db.dispose()
    return archive


def test_an_older_backup_into_an_empty_database_is_upgraded(
    older_archive: Path, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    name = postgres_server.create_database(template="template0")
    fresh = Database(postgres_server.url_for(name))
    try:
        restored = storage.restore(fresh, older_archive)
        assert restored.upgraded is True
        assert restored.revision == _older_revision()
        assert migrate.status(fresh).at_head
        assert orgs(fresh) == ["Old"]
    finally:
        fresh.dispose()
        postgres_server.drop_database(name)


def test_an_older_backup_over_a_newer_database_is_refused(db: Database, older_archive: Path) -> None:
    """pg_restore --clean drops only what the archive holds; the newer tables would stay and break the upgrade."""
    add_org(db, "Mine")
    with pytest.raises(storage.BackupError) as refused:
        storage.restore(db, older_archive)
    assert "older than the database's" in str(refused.value)
    assert "new, empty database" in str(refused.value)
    assert orgs(db) == ["Mine"]
    assert migrate.status(db).at_head


# --------------------------------------------------------------------------- tools missing or too old


def test_without_pg_dump_the_refusal_says_what_to_run(
    db_with_password: Database, no_tools: Path, tmp_path: Path
) -> None:
    target = tmp_path / "b.dump"
    with pytest.raises(storage.PgToolsMissing) as refused:
        storage.backup(db_with_password, target)
    message = str(refused.value)
    url = db_with_password.url
    assert "pg_dump is not installed here" in message
    assert pg_tools.BIN_ENV in message
    assert (
        f"pg_dump --format=custom --file {target} --host {url.host} --port {url.port} "
        f"--username {url.username} {url.database}"
    ) in message
    assert SECRET not in message
    assert "\n" not in message
    assert not target.exists()
    assert isinstance(refused.value, storage.BackupNotSupported)  # the CLI prints it as one line


def test_without_pg_restore_the_refusal_says_what_to_run(
    db_with_password: Database, saved: Path, no_tools: Path
) -> None:
    with pytest.raises(storage.PgToolsMissing) as refused:
        storage.restore(db_with_password, saved)
    message = str(refused.value)
    assert "pg_restore is not installed here" in message
    assert "pg_restore --clean --if-exists --single-transaction --exit-on-error" in message
    assert f"--dbname {db_with_password.url.database} {saved}" in message
    assert SECRET not in message
    assert orgs(db_with_password) == ["Changed"]


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for an old pg_dump")
def test_a_pg_dump_older_than_the_server_is_named(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old-pg"
    old.mkdir()
    script = old / "pg_dump"
    script.write_text('#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n')
    script.chmod(0o755)
    monkeypatch.setenv(pg_tools.BIN_ENV, str(old))
    with pytest.raises(storage.PgToolsMissing) as refused:
        storage.backup(db, tmp_path / "b.dump")
    message = str(refused.value)
    server = pg_tools.server_version(db)[0]
    assert f"pg_dump 9.6 here ({script}) is older than the server (PostgreSQL {server})" in message
    assert "pg_dump --format=custom" in message


def test_the_newest_installed_tool_at_least_as_new_as_the_server_is_found(db: Database) -> None:
    found = pg_tools.tool(db, "pg_dump", manual="(unused)")
    assert found.major >= pg_tools._major(pg_tools.server_version(db))
    assert found.path.name.startswith("pg_dump")


# --------------------------------------------------------------------------- the connection


def test_the_password_goes_only_into_the_environment(db_with_password: Database) -> None:
    conn = pg_tools.connection(db_with_password.url)
    assert conn.env["PGPASSWORD"] == SECRET
    assert SECRET not in " ".join(conn.args)
    assert SECRET not in conn.shown()
    assert SECRET not in pg_tools.dump_command(db_with_password, "x.dump")
    assert SECRET not in pg_tools.restore_command(db_with_password, "x.dump")
    url = db_with_password.url
    assert conn.args == ("--host", url.host, "--port", str(url.port), "--username", url.username)
    assert conn.dbname == url.database


def test_a_socket_folder_and_ssl_options_in_the_url_reach_the_tools(backend: str) -> None:
    url = parse_url("postgresql+psycopg://alice@/volunteers?host=/run/postgresql&sslmode=require")
    conn = pg_tools.connection(url)
    assert conn.args == ("--host", "/run/postgresql", "--username", "alice")
    assert conn.dbname == "volunteers"
    assert conn.env == {"PGSSLMODE": "require"}


def test_the_password_in_the_url_reaches_pg_dump(
    db: Database, db_url: str, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """A login that must give its password (SCRAM): pg_dump gets it through PGPASSWORD and the backup is made."""
    role = f"va_backup_{os.getpid()}"
    postgres_server.execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD '{SECRET}'")
    try:
        with db.transaction() as s:
            s.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"'))
            s.execute(text(f'GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
        add_org(db, "Read with a password")
        reader = Database(parse_url(db_url).set(username=role, password=SECRET).render_as_string(hide_password=False))
        try:
            archive = storage.backup(reader, tmp_path / "pw.dump")
        finally:
            reader.dispose()
        assert archive.read_bytes().startswith(pg_tools.ARCHIVE_MAGIC)
        drop_orgs(db)
        storage.restore(db, archive)
        assert orgs(db) == ["Read with a password"]
    finally:
        with db.transaction() as s:
            s.execute(text(f'DROP OWNED BY "{role}"'))
        postgres_server.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_a_wrong_password_is_a_failed_pg_dump_without_the_password(
    db_url: str, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    role = f"va_wrong_pw_{os.getpid()}"
    postgres_server.execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'the-right-one'")
    try:
        wrong = Database(parse_url(db_url).set(username=role, password=SECRET).render_as_string(hide_password=False))
        try:
            with pytest.raises(OperationalError) as refused:  # the app's own connection is refused first
                storage.backup(wrong, tmp_path / "never.dump")
        finally:
            wrong.dispose()
        assert SECRET not in str(refused.value)
        assert not (tmp_path / "never.dump").exists()
    finally:
        postgres_server.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_owners_are_kept_only_when_they_exist_here_and_may_be_acted_as(db: Database, saved: Path) -> None:
    archive = pg_tools.check_archive(db, saved)
    assert archive.owners == {db.url.username}  # the test database's tables belong to the test superuser
    assert pg_tools.keeps_owners(db, archive)
    elsewhere = pg_tools.Archive(saved, archive.revision, frozenset({"va_role_of_another_server"}))
    assert not pg_tools.keeps_owners(db, elsewhere)
    # Restoring with --no-owner (no such role here) still gives the data back.
    pg_tools.restore(db, elsewhere)
    assert orgs(db) == ["Saved"]


def test_without_the_tools_the_line_needs_no_server(backend: str, no_tools: Path, tmp_path: Path) -> None:
    """A desktop that cannot reach the server (port 1: nothing listens) still learns what to run on it."""
    offline = Database(f"postgresql+psycopg://alice:{SECRET}@127.0.0.1:1/community")
    try:
        with pytest.raises(storage.PgToolsMissing) as refused:
            storage.backup(offline, tmp_path / "b.dump")
    finally:
        offline.dispose()
    message = str(refused.value)
    assert "pg_dump --format=custom --file" in message
    assert "--host 127.0.0.1 --port 1 --username alice community" in message
    assert SECRET not in message
