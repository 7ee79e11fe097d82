"""The database as the window and the CLI see it: open, migrate, describe.

The gui and the cli never import ``volunteer_app.store`` or SQLAlchemy; they use
these names, so how a database is opened, migrated and backed up stays in one
place below them.
"""

from __future__ import annotations

from volunteer_app.store.database import Database, DatabaseUrlError, parse_url

__all__ = ["Database", "DatabaseUrlError", "parse_url"]
