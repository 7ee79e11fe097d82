"""The database as the window and the CLI see it: open, migrate, check, back up, restore, describe.

The gui and the cli never import ``volunteer_app.store`` or SQLAlchemy; they use
these functions, so how a database is opened, migrated and backed up stays in
one place below them:

* ``open_database(url)`` connects and brings the schema to the newest revision
  (an SQLite file that is behind is copied to ``backups/`` first; the chain runs in
  one transaction); ``open_for_app`` also says whether any account exists (first run
  or sign-in). A database made by a newer volunteer-app raises ``SchemaTooNew``
  before anything is written; a file or tables that are not ours, ``NotAnAppDatabase``.
* ``connect(url)`` without touching the schema; ``connect_existing(url)`` also refuses
  an SQLite path where no file exists (``NoDatabase``), for the commands that only look
  at or copy a database (``db status``, ``db backup``, ``db restore``) and so must not
  create one at a mistyped path.
* ``schema_status``, ``upgrade``: what ``volunteer-app db status|upgrade`` show.
* ``backup`` refuses to overwrite a file unless asked; ``restore`` checks the
  file first (``check_restore_file``, so a caller can ask for confirmation after
  the checks and before anything changes), keeps a copy of what it replaces in
  ``backups/``, upgrades an older backup on a private copy and then replaces the
  database in one step.
* ``describe_url`` shows a URL with its password hidden.
* On PostgreSQL ``backup``, ``check_restore_file`` and ``restore`` run pg_dump / pg_restore
  (``store/pg_tools.py``); ``PgToolsMissing`` says what to run when they cannot be used here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from volunteer_app import paths
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import accounts
from volunteer_app.services.errors import Conflict, NotFound
from volunteer_app.store import location, migrate, pg_tools
from volunteer_app.store.database import Database, DatabaseUrlError, parse_url
from volunteer_app.store.migrate import (
    BackupError,
    BackupNotSupported,
    BackupTooNew,
    NotAnAppDatabase,
    SchemaStatus,
    SchemaTooNew,
)
from volunteer_app.store.pg_tools import PgToolFailed, PgToolsMissing


class BackupExists(Conflict):
    """``backup`` was asked to write over an existing file without ``overwrite``."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "The file {path} already exists; choose another name or allow replacing it."),
            path=str(path),
        )
        self.path = path


class NoDatabase(NotFound):
    """An SQLite path where no database file exists (a command that only looks must not create one)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "There is no database at {path}; check the path (nothing was created)."),
            path=str(path),
        )
        self.path = path


@dataclass(frozen=True)
class Opened:
    """An open, migrated database and whether it has any account yet (no account: first run)."""

    db: Database
    has_accounts: bool
    backup: Path | None = None  # the copy made before a schema upgrade, if one was needed


@dataclass(frozen=True)
class Restored:
    source: Path
    previous_copy: Path | None  # what the database held before, kept in backups/ (None: not asked to keep it)
    revision: str  # the backup's schema revision
    upgraded: bool  # the backup was older than this app's schema and was upgraded as it was restored


def connect(url: str) -> Database:
    """A database for ``url`` without touching its schema (``db status`` looks before it upgrades)."""
    return Database(url)


def sqlite_file(url: str) -> Path | None:
    """The file an SQLite URL names (None: PostgreSQL or an in-memory database)."""
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    name = parsed.database or ""
    if name in ("", ":memory:") or name.startswith("file::memory:"):
        return None
    if name.startswith("file:"):  # an SQLite URI (``?uri=true``): file:PATH?options
        name = name.removeprefix("file:").split("?", 1)[0]
    return Path(name).expanduser()


def require_existing(url: str) -> None:
    """Raise ``NoDatabase`` when ``url`` is an SQLite path with no file there (creates nothing)."""
    path = sqlite_file(url)
    if path is not None:
        _require_file(path)


def _require_file(path: Path) -> None:
    if not path.is_file():
        raise NoDatabase(path.resolve() if path.parent.exists() else path.absolute())


def connect_existing(url: str) -> Database:
    """``connect`` for commands that only look at or copy a database: a missing SQLite file is ``NoDatabase``."""
    require_existing(url)
    return Database(url)


def open_database(url: str, *, on_migrate: Callable[[], None] | None = None) -> Database:
    """Connect and migrate to the newest schema (backing up an SQLite file that is behind).

    Blocks (the migration may take a while): the window calls it from a worker.
    ``on_migrate`` is called just before the schema is brought up to date (progress text).
    Raises ``SchemaTooNew`` (a newer volunteer-app made the database; nothing is written, no
    backup made) and ``NotAnAppDatabase`` (a file or tables that are not ours).
    """
    db = Database(url)
    try:
        if on_migrate is not None:
            on_migrate()
        migrate.upgrade(db)
        return db
    except BaseException:
        db.dispose()
        raise


def open_for_app(url: str, *, on_migrate: Callable[[], None] | None = None) -> Opened:
    """``open_database`` plus whether anyone has an account yet (worker side)."""
    db = open_database(url, on_migrate=on_migrate)
    try:
        return Opened(db, accounts.has_any_account(db))
    except BaseException:
        db.dispose()
        raise


def opened(db: Database) -> Opened:
    """The same answer for a database that is already open and migrated (tests, benchmarks)."""
    return Opened(db, accounts.has_any_account(db))


def describe_url(url: str) -> str:
    """The URL for messages and logs, with any password hidden (also when it does not parse)."""
    return location.describe_url(url)


def head_revision() -> str:
    """The newest schema revision this app knows."""
    return migrate.head_revision()


def schema_status(db: Database) -> SchemaStatus:
    return migrate.status(db)


def upgrade(db: Database) -> Path | None:
    """Bring the schema to the newest revision; returns the backup made first, if any."""
    return migrate.upgrade(db)


def is_sqlite_file(db: Database) -> bool:
    return db.sqlite_path is not None


def backup(db: Database, target: Path, *, overwrite: bool = False) -> Path:
    """A consistent copy of a live database at ``target``; refuses an existing file unless ``overwrite``.

    SQLite: the online backup API. PostgreSQL: ``pg_dump --format=custom`` (see ``store/pg_tools.py``);
    ``PgToolsMissing`` when it cannot be used here (its one line says what to run instead),
    ``PgToolFailed`` when it ran and failed. Either way ``target`` is whole or not there.
    """
    resolved = target.expanduser().resolve()
    if not db.is_sqlite:
        return _backup_postgresql(db, resolved, overwrite=overwrite)
    if db.sqlite_path is None or resolved == db.sqlite_path.resolve():
        return migrate.backup_sqlite(db, resolved)  # raises: PostgreSQL (pg_dump), or the database itself
    if resolved.exists() and not overwrite:
        raise BackupExists(resolved)
    if resolved.exists():
        resolved.unlink()  # the online backup API writes into a file; start from nothing, not a merge
    return migrate.backup_sqlite(db, resolved)


def check_restore_file(db: Database, source: Path) -> Path:
    """Check that ``source`` can replace ``db`` (a backup of this app); returns its full path.

    SQLite: a backup file made by ``backup`` (see ``migrate.check_backup_file``). PostgreSQL: a
    pg_dump custom archive of this app, readable to its end, at a revision this app knows and not
    older than the database's (see ``pg_tools.check_archive``). Nothing is written.
    """
    if not db.is_sqlite:
        return pg_tools.check_archive(db, source).path
    return migrate.check_backup_file(db, source)


def restore(db: Database, source: Path, *, keep_copy: bool = True) -> Restored:
    """Replace ``db`` with the backup ``source``, keeping a copy of what it held in ``backups/``.

    The backup is checked first (see ``check_restore_file``); nothing is written before that.
    An older backup is upgraded on a private copy; the database is replaced in one step at the
    end, so a refusal, a failure or a crash leaves either what it held or the whole backup.
    On PostgreSQL, pg_restore replaces the content in one transaction and an older backup is then
    upgraded by the normal migrations (see ``_restore_postgresql``).
    """
    if not db.is_sqlite:
        return _restore_postgresql(db, source, keep_copy=keep_copy)
    if db.sqlite_path is not None:
        _require_file(db.sqlite_path)
    checked = check_restore_file(db, source)
    previous: Path | None = None
    if keep_copy and db.sqlite_path is not None and db.sqlite_path.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        previous = migrate.copy_before_restore(db, paths.backups_dir() / f"before-restore-{stamp}.sqlite3")
    outcome = migrate.restore_sqlite(db, checked)
    return Restored(outcome.source, previous, outcome.revision, outcome.upgraded)


# --------------------------------------------------------------------------- PostgreSQL (pg_dump / pg_restore)


def _backup_postgresql(db: Database, target: Path, *, overwrite: bool) -> Path:
    if target.exists() and not overwrite:
        raise BackupExists(target)
    try:
        return pg_tools.dump(db, target, overwrite=overwrite)
    except FileExistsError:  # it appeared while pg_dump ran: still not ours to replace
        raise BackupExists(target) from None


def _restore_postgresql(db: Database, source: Path, *, keep_copy: bool) -> Restored:
    """Check the archive, keep what the database holds in ``backups/``, pg_restore it, then upgrade an older one.

    pg_restore runs in one transaction: a failure leaves the database as it was. The upgrade runs
    after it (the migrations' own transaction); the file itself is never changed.
    """
    archive = pg_tools.check_archive(db, source)
    previous: Path | None = None
    if keep_copy:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        previous = pg_tools.dump(db, paths.backups_dir() / f"before-restore-{stamp}.dump")
    pg_tools.restore(db, archive)
    upgraded = archive.revision != migrate.head_revision()
    if upgraded:
        upgrade(db)
    return Restored(archive.path, previous, archive.revision, upgraded)


__all__ = [
    "BackupError",
    "BackupExists",
    "BackupNotSupported",
    "BackupTooNew",
    "Database",
    "DatabaseUrlError",
    "NoDatabase",
    "NotAnAppDatabase",
    "Opened",
    "PgToolFailed",
    "PgToolsMissing",
    "Restored",
    "SchemaStatus",
    "SchemaTooNew",
    "backup",
    "check_restore_file",
    "connect",
    "connect_existing",
    "describe_url",
    "is_sqlite_file",
    "open_database",
    "open_for_app",
    "opened",
    "parse_url",
    "require_existing",
    "restore",
    "schema_status",
    "sqlite_file",
    "upgrade",
]
