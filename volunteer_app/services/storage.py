"""The database as the window and the CLI see it: open, migrate, check, back up, restore, describe.

The gui and the cli never import ``volunteer_app.store`` or SQLAlchemy; they use
these functions, so how a database is opened, migrated and backed up stays in
one place below them:

* ``open_database(url)`` connects and brings the schema to the newest revision
  (an SQLite file that is behind is copied to ``backups/`` first);
  ``open_for_app`` also says whether any account exists (first run or sign-in).
* ``schema_status``, ``upgrade``: what ``volunteer-app db status|upgrade`` show.
* ``backup`` refuses to overwrite a file unless asked; ``restore`` checks the
  file first (``check_restore_file``, so a caller can ask for confirmation after
  the checks and before anything changes), keeps a copy of what it replaces in
  ``backups/`` and then upgrades the restored schema.
* ``describe_url`` shows a URL with its password hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from volunteer_app import paths
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import accounts
from volunteer_app.services.errors import Conflict
from volunteer_app.store import migrate
from volunteer_app.store.database import Database, DatabaseUrlError, parse_url
from volunteer_app.store.migrate import BackupError, BackupNotSupported, SchemaStatus


class BackupExists(Conflict):
    """``backup`` was asked to write over an existing file without ``overwrite``."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "The file {path} already exists; choose another name or allow replacing it."),
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
    previous_copy: Path | None  # what the database held before, kept in backups/ (None: it did not exist)
    upgrade_backup: Path | None  # made when the restored file was behind the newest schema


def connect(url: str) -> Database:
    """A database for ``url`` without touching its schema (``db status`` looks before it upgrades)."""
    return Database(url)


def open_database(url: str, *, on_migrate: Callable[[], None] | None = None) -> Database:
    """Connect and migrate to the newest schema (backing up an SQLite file that is behind).

    Blocks (the migration may take a while): the window calls it from a worker.
    ``on_migrate`` is called just before the schema is brought up to date (progress text).
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
    """The URL for messages and logs, with any password hidden."""
    try:
        return parse_url(url).render_as_string(hide_password=True)
    except DatabaseUrlError:
        return url


def schema_status(db: Database) -> SchemaStatus:
    return migrate.status(db)


def upgrade(db: Database) -> Path | None:
    """Bring the schema to the newest revision; returns the backup made first, if any."""
    return migrate.upgrade(db)


def is_sqlite_file(db: Database) -> bool:
    return db.sqlite_path is not None


def backup(db: Database, target: Path, *, overwrite: bool = False) -> Path:
    """A consistent copy of a live SQLite database at ``target``; refuses an existing file unless ``overwrite``."""
    resolved = target.expanduser().resolve()
    if db.sqlite_path is None or resolved == db.sqlite_path.resolve():
        return migrate.backup_sqlite(db, resolved)  # raises: PostgreSQL (pg_dump), or the database itself
    if resolved.exists() and not overwrite:
        raise BackupExists(resolved)
    if resolved.exists():
        resolved.unlink()  # the online backup API writes into a file; start from nothing, not a merge
    return migrate.backup_sqlite(db, resolved)


def check_restore_file(db: Database, source: Path) -> Path:
    """Check that ``source`` can replace ``db`` (an SQLite backup of this app); returns its full path."""
    return migrate.check_backup_file(db, source)


def restore(db: Database, source: Path, *, keep_copy: bool = True) -> Restored:
    """Replace ``db`` with the backup ``source``, keeping a copy of what it held in ``backups/``."""
    checked = check_restore_file(db, source)
    previous: Path | None = None
    if keep_copy and db.sqlite_path is not None and db.sqlite_path.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        previous = migrate.backup_sqlite(db, paths.backups_dir() / f"before-restore-{stamp}.sqlite3")
    migrate.restore_sqlite(db, checked)
    made = migrate.upgrade(db)
    return Restored(checked, previous, made)


__all__ = [
    "BackupError",
    "BackupExists",
    "BackupNotSupported",
    "Database",
    "DatabaseUrlError",
    "Opened",
    "Restored",
    "SchemaStatus",
    "backup",
    "check_restore_file",
    "connect",
    "describe_url",
    "is_sqlite_file",
    "open_database",
    "open_for_app",
    "opened",
    "parse_url",
    "restore",
    "schema_status",
    "upgrade",
]
