"""Is this a database location the app can use? Asked before anything connects.

The CLI and the window call ``check`` first when they open a database, so a URL
or an SQLite path that is wrong (malformed, a driver not installed, a path through
a file, a folder that does not exist, a folder given as the file, a text file, a
file cut short) is one sentence naming it, not a traceback from deep inside
SQLAlchemy or SQLite. It raises ``DatabaseUrlError``; ``services.faults.classify``
gives its sentence. Nothing is created.
"""

from __future__ import annotations

from pathlib import Path

from volunteer_app.store.location import (
    DatabaseFileError,
    DatabaseUrlError,
    check_sqlite_contents,
    check_sqlite_path,
    parse_url,
)


def sqlite_path(url: str) -> Path | None:
    """The file an SQLite URL names (None: PostgreSQL or an in-memory database); the URL is checked."""
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def check(url: str, *, contents: bool = True) -> None:
    """Raise ``DatabaseUrlError`` (a sentence naming the URL or path) unless ``url`` can be used.

    ``contents``: also look inside an existing SQLite file (it must be SQLite and whole);
    ``db restore`` does not, since it may replace a damaged file.
    """
    path = sqlite_path(url)
    if path is None:
        return
    check_sqlite_path(path)
    if contents:
        check_sqlite_contents(path)


__all__ = ["DatabaseFileError", "DatabaseUrlError", "check", "sqlite_path"]
