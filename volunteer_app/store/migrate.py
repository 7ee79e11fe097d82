"""Schema migrations (Alembic, inside the package) and SQLite backups.

``upgrade`` runs at every start: an SQLite file that is behind is first copied
to ``backups/`` with the online backup API, so a failed migration never costs
anyone their hours.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from volunteer_app import paths
from volunteer_app.store.database import Database

SCRIPT_LOCATION = "volunteer_app.store:migrations"


class BackupNotSupported(RuntimeError):
    """Raised for PostgreSQL, whose backups belong to pg_dump."""


class BackupError(ValueError):
    """A backup or restore file that cannot be used (named in the message)."""


class SchemaTooNew(RuntimeError):
    """The database was made by a newer (or another) volunteer-app: its revision is not in our chain."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(
            f"this database was made by a newer volunteer-app (revision {revision}); update the app"
        )


class NotAnAppDatabase(RuntimeError):
    """The file or database is not one of ours (text, truncated, another program's, damaged)."""


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str

    @property
    def at_head(self) -> bool:
        return self.current == self.head


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migration chain has no head"
    return head


def status(db: Database) -> SchemaStatus:
    with db.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    return SchemaStatus(current=current, head=head_revision())


def upgrade(db: Database, revision: str = "head", *, backup: bool = True) -> Path | None:
    """Bring the schema to ``revision``; returns the backup file made first, if any."""
    made: Path | None = None
    if backup and db.sqlite_path is not None and db.sqlite_path.exists():
        current = status(db)
        if current.current is not None and not current.at_head:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            made = backup_sqlite(db, paths.backups_dir() / f"before-upgrade-{current.current}-{stamp}.sqlite3")
    _run(db, lambda cfg: command.upgrade(cfg, revision))
    return made


def downgrade(db: Database, revision: str) -> None:
    _run(db, lambda cfg: command.downgrade(cfg, revision))


def _run(db: Database, action: object) -> None:
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        action(cfg)  # type: ignore[operator]


def backup_sqlite(db: Database, target: Path) -> Path:
    """A consistent copy of a live SQLite file (online backup API)."""
    if db.sqlite_path is None:
        raise BackupNotSupported(
            f"{db.describe()}: backups are for SQLite files; for PostgreSQL use pg_dump / pg_restore"
        )
    target = target.expanduser().resolve()
    if target == db.sqlite_path.resolve():
        raise BackupError(f"the backup file {target} is the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(db.sqlite_path) as source, sqlite3.connect(target) as dest:
        source.backup(dest)
    dest.close()
    source.close()
    return target


def check_backup_file(db: Database, source_file: Path) -> Path:
    """Check that ``source_file`` is an intact backup of this app that can replace ``db``; its full path."""
    if db.sqlite_path is None:
        raise BackupNotSupported(f"{db.describe()}: restore is for SQLite files; for PostgreSQL use pg_restore")
    source_file = source_file.expanduser().resolve()
    if not source_file.is_file():
        raise FileNotFoundError(f"no backup file at {source_file}")
    if source_file == db.sqlite_path.resolve():
        raise BackupError(f"the backup file {source_file} is the database itself")
    try:
        with sqlite3.connect(f"file:{source_file}?mode=ro", uri=True) as check:
            check.execute("SELECT version_num FROM alembic_version").fetchone()
            ok = check.execute("PRAGMA integrity_check").fetchone()
        check.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source_file} is not a volunteer-app database backup ({exc})") from exc
    if not ok or ok[0] != "ok":
        raise BackupError(f"{source_file} failed SQLite's integrity check: {ok}")
    return source_file


def restore_sqlite(db: Database, source_file: Path) -> None:
    """Replace the database's content with a backup file's, after checking it is one of ours."""
    source_file = check_backup_file(db, source_file)
    assert db.sqlite_path is not None  # checked above
    db.dispose()
    with sqlite3.connect(source_file) as source, sqlite3.connect(db.sqlite_path) as dest:
        source.backup(dest)
    dest.close()
    source.close()
