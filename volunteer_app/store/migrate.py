"""Schema migrations (Alembic, inside the package), SQLite backups and restores.

``upgrade`` runs at every start. It is careful in this order:

1. it reads the schema revision; one this app does not know (a newer volunteer-app made the
   database) is refused with ``SchemaTooNew`` before anything is written, backups included;
2. an SQLite file that is behind is copied to ``backups/`` with the online backup API, so a
   failed migration never costs anyone their hours;
3. the whole chain runs in ONE transaction, on SQLite too (pysqlite would otherwise run
   each ``CREATE TABLE`` on its own outside any transaction, so a process killed during the
   first setup left some tables and no revision). Killed, stopped by a full disk or failing
   half way, the database keeps the schema it had before;
4. tables without a revision (a half-made schema from an older volunteer-app, which did not
   yet set up atomically) are finished safely when they are all ours and all empty: they are
   dropped and the chain runs from the start, in the same transaction. Anything else (rows in
   them, or tables of another program) is refused with ``NotAnAppDatabase``.

``restore_sqlite`` never trusts the file: it works on a private copy (integrity, a revision in
our chain, every table and column of that revision), upgrades the copy when it is older, and
only then replaces the live database in one step (the backup API), so a restore that is
refused or killed leaves the live database as it was.
"""

from __future__ import annotations

import functools
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError

from volunteer_app import paths
from volunteer_app.store import server
from volunteer_app.store.database import SQLITE_IMMEDIATE, Database
from volunteer_app.store.models import Base

SCRIPT_LOCATION = "volunteer_app.store:migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
#: SQLite result codes that mean "this file is not (or no longer) an SQLite database".
_NOT_A_DATABASE = frozenset({"SQLITE_NOTADB", "SQLITE_CORRUPT"})
_SIDECARS = ("-wal", "-shm", "-journal")
#: PostgreSQL advisory lock key held while migrating (any constant; "VAMG" in ASCII).
_PG_MIGRATION_LOCK = 0x56414D47


class BackupNotSupported(RuntimeError):
    """Raised for PostgreSQL, whose backups belong to pg_dump."""


class BackupError(ValueError):
    """A backup or restore file that cannot be used (named in the message)."""


class BackupTooNew(BackupError):
    """A backup whose schema revision is not in this app's chain (a newer volunteer-app made it)."""

    def __init__(self, path: Path, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(f"{path}: {SchemaTooNew(revision)}")


class SchemaTooNew(RuntimeError):
    """The database was made by a newer (or another) volunteer-app: its revision is not in our chain."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(f"this database was made by a newer volunteer-app (revision {revision}); update the app")


class SchemaTooOld(RuntimeError):
    """A shared server's schema is older than this app, and this login may not upgrade it."""

    def __init__(self, revision: str | None) -> None:
        self.revision = revision
        super().__init__(
            f"this database's schema (revision {revision or 'none'}) is older than this volunteer-app "
            f"(revision {head_revision()}); ask your administrator to run `volunteer-app db upgrade`"
        )


class NotAnAppDatabase(RuntimeError):
    """The file or database is not one of ours (text, truncated, another program's, damaged)."""


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str
    known: bool = True  # False: ``current`` is not in this app's chain (a newer volunteer-app made it)

    @property
    def at_head(self) -> bool:
        return self.current == self.head

    @property
    def too_new(self) -> bool:
        return self.current is not None and not self.known

    def too_new_error(self) -> SchemaTooNew:
        """The refusal for a database at a revision this app does not know (its revision made printable)."""
        return SchemaTooNew(_cut(self.current or "", 40))


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


def head_revision() -> str:
    return _chain(SCRIPT_LOCATION)[0]


def known_revisions() -> frozenset[str]:
    """Every revision of this app's chain (a database at any of them can be upgraded)."""
    return _chain(SCRIPT_LOCATION)[1]


@functools.lru_cache(maxsize=4)
def _chain(location: str) -> tuple[str, frozenset[str]]:
    """The head and every revision of the chain at ``location`` (read once: every start asks)."""
    cfg = Config()
    cfg.set_main_option("script_location", location)
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    assert head is not None, "the migration chain has no head"
    return head, frozenset(r.revision for r in script.walk_revisions("base", "heads"))


def status(db: Database) -> SchemaStatus:
    """The database's revision and the newest; raises ``NotAnAppDatabase`` for a file that is not SQLite."""
    with _not_a_database_as_error(db), db.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    return _status_of(current)


def _status_of(current: str | None) -> SchemaStatus:
    return SchemaStatus(current=current, head=head_revision(), known=current is None or current in known_revisions())


def upgrade(db: Database, revision: str = "head", *, backup: bool = True) -> Path | None:
    """Bring the schema to ``revision`` in one transaction; returns the backup file made first, if any.

    Raises ``SchemaTooNew`` (before any backup) for a revision this app does not know, and
    ``NotAnAppDatabase`` for a file that is not SQLite or tables that are not ours.
    """
    state = status(db)
    if state.too_new:
        raise state.too_new_error()
    if getattr(db, "person_mode", False):
        # A person's own login on a shared server never changes the schema: only its owner does.
        if not state.at_head:
            raise SchemaTooOld(state.current)
        return None
    made: Path | None = None
    behind = state.current is not None and not state.at_head
    if backup and behind and db.sqlite_path is not None and db.sqlite_path.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        made = backup_sqlite(db, paths.backups_dir() / f"before-upgrade-{state.current}-{stamp}.sqlite3")

    def run(conn: Connection, cfg: Config) -> None:
        # Again inside the write transaction: another process may have changed it meanwhile.
        current = _status_of(MigrationContext.configure(conn).get_current_revision())
        if current.too_new:
            raise current.too_new_error()
        if current.current is None:
            _clear_half_made_schema(db, conn)
        command.upgrade(cfg, revision)
        if server.is_initialised(conn):
            # New tables and functions go to the owner and get their grants and policies.
            server.hand_over(conn, server.roles_for(conn))
            server.apply_rules(conn)

    _run(db, run)
    return made


def downgrade(db: Database, revision: str) -> None:
    _run(db, lambda conn, cfg: command.downgrade(cfg, revision))


def _run(db: Database, action: Callable[[Connection, Config], None]) -> None:
    """Run ``action`` with Alembic on one connection, in one transaction that takes the write lock first."""
    cfg = alembic_config()
    with _not_a_database_as_error(db), db.engine.connect() as conn:
        if db.is_sqlite:
            conn.execution_options(**{SQLITE_IMMEDIATE: True})
        with conn.begin():
            if db.is_sqlite:
                if not _sqlite_in_transaction(conn):
                    # pysqlite runs DDL outside a transaction unless one is open: open it ourselves.
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
            elif conn.dialect.name == "postgresql":
                # Two first starts at once (two desktops, one server) migrate one after the other.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            cfg.attributes["connection"] = conn
            action(conn, cfg)


def _sqlite_in_transaction(conn: Connection) -> bool:
    dbapi = conn.connection.dbapi_connection
    return bool(getattr(dbapi, "in_transaction", False))


@contextmanager
def _not_a_database_as_error(db: Database) -> Iterator[None]:
    """A file that is not an SQLite database (text, truncated, damaged) becomes ``NotAnAppDatabase``."""
    try:
        yield
    except DatabaseError as exc:
        orig = exc.orig
        if (
            isinstance(exc, OperationalError)
            or not isinstance(orig, sqlite3.DatabaseError)
            or getattr(orig, "sqlite_errorname", "") not in _NOT_A_DATABASE
        ):
            raise
        raise NotAnAppDatabase(
            f"{db.describe()} is not a volunteer-app database: SQLite says {str(orig).strip() or 'it is damaged'}"
        ) from exc


def _clear_half_made_schema(db: Database, conn: Connection) -> None:
    """Tables but no revision: drop them when they are all ours and all empty, else refuse."""
    tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
    if not tables:
        return
    ours = set(Base.metadata.tables)
    strangers = sorted(tables - ours)
    if strangers:
        raise NotAnAppDatabase(
            f"{db.describe()} holds tables of another program ({_listed(strangers)}) and no volunteer-app "
            "schema: choose another database"
        )
    filled = sorted(t for t in tables if conn.execute(text(f'SELECT 1 FROM "{t}" LIMIT 1')).first() is not None)
    if filled:
        raise NotAnAppDatabase(
            f"{db.describe()} holds volunteer-app tables with rows ({_listed(filled)}) but no schema revision, "
            "so it cannot be upgraded safely: restore a backup or choose another database"
        )
    # A first setup by an older volunteer-app that was stopped half way: nothing in it to keep.
    found = MetaData()
    found.reflect(conn, only=sorted(tables))
    found.drop_all(conn)
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS ledger_entry_refuse_change() CASCADE")


def _listed(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


# --------------------------------------------------------------------------- backups


def backup_sqlite(db: Database, target: Path) -> Path:
    """A consistent copy of a live SQLite file (online backup API)."""
    if db.sqlite_path is None:
        raise BackupNotSupported(
            f"{db.describe()}: backups are for SQLite files; for PostgreSQL use pg_dump / pg_restore"
        )
    target = target.expanduser().resolve()
    if _same_file(target, db.sqlite_path):
        raise BackupError(f"the backup file {target} is the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy_online(db.sqlite_path, target)
    return target


def _copy_online(source: Path, target: Path) -> None:
    """Copy ``source`` into ``target`` with SQLite's backup API: one step, one transaction on ``target``."""
    src = sqlite3.connect(source)
    try:
        dest = sqlite3.connect(target)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()


def _same_file(a: Path, b: Path) -> bool:
    a, b = a.expanduser().resolve(), b.expanduser().resolve()
    if a == b:
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


# --------------------------------------------------------------------------- restore


def check_backup_file(db: Database, source_file: Path) -> Path:
    """Check that ``source_file`` is an intact backup of this app that can replace ``db``; its full path.

    Checks a private copy (the file itself and the live database are not touched): an SQLite
    file, SQLite's integrity check, a schema revision of this app's chain (a newer one is
    ``BackupTooNew``), and every table and column of that revision. Raises ``BackupError``
    naming the file and what is wrong, ``FileNotFoundError`` when there is nothing there.
    """
    source = _restore_source(db, source_file)
    with _staged_copy(db, source) as staged:
        _check_restore_candidate(source, staged)
    return source


@dataclass(frozen=True)
class RestoreOutcome:
    source: Path
    revision: str  # the backup's revision as it was
    upgraded: bool  # it was older than head and was upgraded before it replaced the database


def restore_sqlite(db: Database, source_file: Path) -> RestoreOutcome:
    """Replace the database's content with a checked (and, if older, upgraded) copy of a backup file.

    The live database is written once, at the end, in one step: a refusal or a crash before
    that leaves it untouched; a crash during it leaves the old content or the new.
    """
    source = _restore_source(db, source_file)
    assert db.sqlite_path is not None  # checked by _restore_source
    with _staged_copy(db, source) as staged:
        revision = _check_restore_candidate(source, staged)
        upgraded = revision != head_revision()
        if upgraded:
            copy = Database(_sqlite_url(staged))
            try:
                upgrade(copy, backup=False)
            finally:
                copy.dispose()
        db.dispose()
        live = db.sqlite_path
        if live.exists() and live.stat().st_size and not _has_sqlite_header(live):
            # The live file is not SQLite (damaged, overwritten): the backup API cannot write into it.
            # Its bytes were kept by the caller; a rename replaces it at once.
            _checkpoint(staged)
            for suffix in _SIDECARS:
                Path(f"{live}{suffix}").unlink(missing_ok=True)
            os.replace(staged, live)
        else:
            _copy_online(staged, live)
    return RestoreOutcome(source, revision, upgraded)


def copy_before_restore(db: Database, target: Path) -> Path:
    """Keep what the database holds now at ``target`` (a damaged, non-SQLite file is copied byte for byte)."""
    assert db.sqlite_path is not None
    live = db.sqlite_path
    if live.exists() and live.stat().st_size and not _has_sqlite_header(live):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(live, target)
        return target
    return backup_sqlite(db, target)


def _restore_source(db: Database, source_file: Path) -> Path:
    if db.sqlite_path is None:
        raise BackupNotSupported(f"{db.describe()}: restore is for SQLite files; for PostgreSQL use pg_restore")
    source = source_file.expanduser().resolve()
    if source.is_dir():
        raise BackupError(f"{source} is a folder, not a backup file")
    if not source.exists():
        raise FileNotFoundError(f"no backup file at {source}")
    if not source.is_file():
        raise BackupError(f"{source} is not a regular file, so not a backup file")
    if _same_file(source, db.sqlite_path):
        raise BackupError(f"the backup file {source} is the database itself")
    return source


@contextmanager
def _staged_copy(db: Database, source: Path) -> Iterator[Path]:
    """A private copy of ``source`` (and its write-ahead log, if one lies beside it) next to the database."""
    assert db.sqlite_path is not None
    live = db.sqlite_path.expanduser().resolve()
    folder = live.parent if live.parent.is_dir() else Path(tempfile.gettempdir())
    _remove_stale_stages(folder, live.name)
    staged = folder / f".{live.name}.restore-{os.getpid()}-{uuid.uuid4().hex[:8]}.sqlite3"
    try:
        if source.stat().st_size == 0:
            raise BackupError(f"{source} is empty, not a volunteer-app backup")
        if not _has_sqlite_header(source):
            raise BackupError(f"{source} is not an SQLite database, so not a volunteer-app backup")
        shutil.copyfile(source, staged)
        wal = Path(f"{source}-wal")
        if wal.is_file():
            shutil.copyfile(wal, f"{staged}-wal")
        yield staged
    finally:
        for path in (staged, *(Path(f"{staged}{suffix}") for suffix in _SIDECARS)):
            path.unlink(missing_ok=True)


def _remove_stale_stages(folder: Path, name: str, *, older_than: float = 3600.0) -> None:
    """Private copies that a restore killed half way left behind (an hour old: no restore takes that long)."""
    now = datetime.now(UTC).timestamp()
    for path in folder.glob(f".{name}.restore-*.sqlite3*"):
        try:
            if now - path.stat().st_mtime > older_than:
                path.unlink()
        except OSError:
            continue  # another process's, or gone already: not ours to worry about


def _check_restore_candidate(source: Path, staged: Path) -> str:
    """The checks of ``check_backup_file`` on the staged copy; returns its revision."""
    try:
        conn = sqlite3.connect(staged)
        try:
            problems = [str(row[0]) for row in conn.execute("PRAGMA integrity_check").fetchall()]
            if problems != ["ok"]:
                raise BackupError(f"{source} is damaged (SQLite's integrity check: {_cut(problems[0])})")
            tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                raise BackupError(f"{source} is not a volunteer-app backup: it has no schema revision")
            versions = [str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")]
            if len(versions) != 1:
                raise BackupError(f"{source} is not a volunteer-app backup: it has {len(versions)} schema revisions")
            (revision,) = versions
            if revision not in known_revisions():
                raise BackupTooNew(source, _cut(revision, 40))
            columns = {t: {str(c[1]) for c in conn.execute(f"PRAGMA table_info({_quoted(t)})")} for t in tables}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} is not a readable SQLite database ({_cut(str(exc))})") from exc
    expected = expected_schema(revision)
    missing = sorted(set(expected) - tables)
    if missing:
        raise BackupError(
            f"{source} lacks the table(s) {_listed(missing)} of a volunteer-app database at revision "
            f"{revision}, so it is not a whole backup"
        )
    lacking = sorted(f"{t}.{c}" for t, wanted in expected.items() for c in wanted - columns[t])
    if lacking:
        raise BackupError(
            f"{source} lacks the column(s) {_listed(lacking)} of a volunteer-app database at revision "
            f"{revision}, so it is not a whole backup"
        )
    return revision


@functools.cache
def expected_schema(revision: str) -> dict[str, frozenset[str]]:
    """Tables and their columns at ``revision``: the models at head; an older one is migrated to and read."""
    if revision == head_revision():
        return {name: frozenset(c.name for c in table.columns) for name, table in Base.metadata.tables.items()}
    with tempfile.TemporaryDirectory(prefix="volunteer-app-schema-") as folder:
        path = Path(folder) / "reference.sqlite3"
        reference = Database(_sqlite_url(path))
        try:
            upgrade(reference, revision, backup=False)
            with reference.engine.connect() as conn:
                found = inspect(conn)
                return {
                    t: frozenset(str(c["name"]) for c in found.get_columns(t))
                    for t in found.get_table_names()
                    if t != "alembic_version"
                }
        finally:
            reference.dispose()


def _has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _checkpoint(path: Path) -> None:
    """Fold a staged file's write-ahead log into it (before the file is renamed without its sidecars)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _cut(value: str, limit: int = 80) -> str:
    """``value`` on one line, control characters escaped, at most ``limit`` characters (for messages)."""
    value = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in value.replace("\n", " "))
    return value if len(value) <= limit else value[: limit - 1] + "…"
