"""Databases in particular states, shared by the storage, fault and window tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import inspect

from volunteer_app.store import migrate
from volunteer_app.store.database import Database


def table_names(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return set(inspect(conn).get_table_names())


def future_sqlite_database(path: Path, revision: str) -> Path:
    """An SQLite file at head whose recorded revision is ``revision``: as a newer volunteer-app leaves it."""
    db = Database(f"sqlite:///{path}")
    try:
        migrate.upgrade(db, backup=False)
    finally:
        db.dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.commit()
    conn.close()
    return path
