"""Checking where a database is before anything connects to it, and showing its URL safely.

A database URL or an SQLite path a person typed can be wrong in many ways: not a
URL, a port that is not a number, a backend or driver this app cannot use, a path
through a file, a folder that does not exist, a folder given as the file, a file
that is text or cut short. Each of these is found here, before SQLAlchemy or
SQLite sees it, and becomes a ``DatabaseUrlError`` whose template (marked for
translation in the ``errors`` context) names the URL, with its password hidden,
or the path. Nothing here creates a file or a folder.

``describe_url`` is the one way a URL is shown in messages, dialogs and logs;
``scrub_secrets`` hides the password of any URL inside free text (exception
messages, tracebacks) for the log formatters and excepthooks.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP

T = QT_TRANSLATE_NOOP

#: The first 16 bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: Longest URL or path echoed in a message; the rest is cut (a person reads the start).
MAX_SHOWN = 200
SUPPORTED_BACKENDS = ("sqlite", "postgresql")

# The sentences, one per way a location can be wrong (the window translates them; the CLI prints them).
EMPTY_URL = T(
    "errors",
    "No database URL was given. Name an SQLite file (sqlite:///PATH) or a PostgreSQL server "
    "(postgresql+psycopg://USER@HOST/DATABASE).",
)
MALFORMED_URL = T(
    "errors",
    "“{url}” is not a database URL. Name an SQLite file (sqlite:///PATH) or a PostgreSQL server "
    "(postgresql+psycopg://USER@HOST/DATABASE).",
)
BAD_PORT = T("errors", "The port in the database URL {url} is not a number from 1 to 65535.")
SQLITE_TWO_SLASHES = T(
    "errors",
    "The SQLite URL {url} has two slashes where three are needed: sqlite:///relative/path or sqlite:////absolute/path.",
)
UNSUPPORTED_BACKEND = T(
    "errors",
    "The database URL {url} is for {backend}; this app works with SQLite (sqlite:///PATH) and "
    "PostgreSQL (postgresql+psycopg://…).",
)
UNKNOWN_DRIVER = T(
    "errors",
    "The database URL {url} names the driver “{driver}”, which does not exist; use postgresql+psycopg:// "
    "or sqlite:///.",
)
ASYNC_DRIVER = T(
    "errors",
    "The database URL {url} names the driver “{driver}”, which is for asynchronous programs; use "
    "postgresql+psycopg:// or sqlite:///.",
)
DRIVER_NOT_INSTALLED = T(
    "errors",
    "The database URL {url} needs the driver “{driver}”, which is not installed; use postgresql+psycopg:// "
    "or sqlite:/// instead.",
)
PATH_THROUGH_FILE = T(
    "errors",
    "The database path {path} goes through {file}, which is a file, not a folder.",
)
NO_FOLDER = T(
    "errors",
    "The folder {folder} does not exist, so the database {path} cannot be there. Create the folder or "
    "choose another location.",
)
FOLDER_NOT_WRITABLE = T(
    "errors",
    "The folder {folder} cannot be written to, so the database {path} cannot be used there. Choose a "
    "folder you may write to.",
)
IS_A_FOLDER = T(
    "errors",
    "{path} is a folder, not a database file. Name a file in it, such as {example}.",
)
NOT_A_FILE = T("errors", "{path} is not a regular file, so it cannot hold a database.")
NOT_READABLE = T("errors", "The database file {path} cannot be read or written (check its permissions).")
NOT_SQLITE = T(
    "errors",
    "{path} is not an SQLite database (it holds something else, such as text). Choose the app's database file.",
)
DAMAGED = T(
    "errors",
    "{path} is a damaged or incomplete SQLite database (cut short or overwritten). Restore it from a "
    "backup (volunteer-app db restore).",
)
ANOTHER_PROGRAM = T(
    "errors",
    "{path} is another program's SQLite database (it has tables such as {tables} and none of volunteer-app's). "
    "Choose the app's database file.",
)
PATH_UNUSABLE = T("errors", "The database path {path} cannot be used: {reason}.")

#: Every sentence above (the window looks a ``DatabaseUrlError``'s template up among them).
TEMPLATES = frozenset(
    {
        EMPTY_URL,
        MALFORMED_URL,
        BAD_PORT,
        SQLITE_TWO_SLASHES,
        UNSUPPORTED_BACKEND,
        UNKNOWN_DRIVER,
        ASYNC_DRIVER,
        DRIVER_NOT_INSTALLED,
        PATH_THROUGH_FILE,
        NO_FOLDER,
        FOLDER_NOT_WRITABLE,
        IS_A_FOLDER,
        NOT_A_FILE,
        NOT_READABLE,
        NOT_SQLITE,
        DAMAGED,
        ANOTHER_PROGRAM,
        PATH_UNUSABLE,
    }
)


class DatabaseUrlError(ValueError):
    """The URL cannot name a database this app can use.

    ``template`` is one English sentence marked for translation (context ``errors``),
    ``params`` fill its named fields; ``str()`` is the filled sentence. An older
    single-message form, ``DatabaseUrlError("...")``, still works (the message is the template).
    """

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(_fill(template, params))


class DatabaseFileError(DatabaseUrlError):
    """An SQLite path that cannot hold this app's database (named in the message); ``path`` is it."""

    def __init__(self, template: str, path: Path | str, **params: object) -> None:
        self.path = Path(path)
        super().__init__(template, path=shown(str(path)), **params)


# --------------------------------------------------------------------------- showing URLs


_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@'\"]*:)(?P<secret>\S*)@")
_KEY_PASSWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<secret>'[^']*'|\"[^\"]*\"|[^\s&;,)'\"]+)", re.IGNORECASE)
_MASK = "***"


def scrub_secrets(text: str) -> str:
    """``text`` with the password of every URL (``//user:PASSWORD@``) and ``password=`` value hidden."""
    if ":" not in text and "=" not in text:
        return text
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}{_MASK}@", text)
    return _KEY_PASSWORD.sub(lambda m: f"{m['head']}{_MASK}", text)


def shown(text: str) -> str:
    """``text`` fit to echo in one line: control characters escaped, cut to ``MAX_SHOWN``."""
    if len(text) > MAX_SHOWN:
        text = text[:MAX_SHOWN] + "…"
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text


def describe_url(url: str | URL) -> str:
    """The URL for messages, dialogs and logs: password hidden, even when it does not parse; cut short.

    SQLAlchemy writes a path with spaces or Chinese characters %-escaped; people read it unescaped.
    """
    if isinstance(url, URL):
        text = unquote(url.render_as_string(hide_password=True))
    else:
        try:
            text = unquote(make_url(url).render_as_string(hide_password=True))
        except Exception:  # noqa: BLE001 - anything that does not parse is masked as text below
            text = url
    return shown(scrub_secrets(text))


# --------------------------------------------------------------------------- checking URLs


def parse_url(url: str) -> URL:
    """The URL, checked: SQLite or PostgreSQL, a driver that is installed; ``DatabaseUrlError`` otherwise."""
    if not isinstance(url, str) or not url.strip():
        raise DatabaseUrlError(EMPTY_URL)
    url = url.strip()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUrlError(MALFORMED_URL, url=describe_url(url)) from None
    except ValueError as exc:
        # make_url turns the port into an int ("invalid literal for int()"); the message shows no URL.
        template = BAD_PORT if "int()" in str(exc) else MALFORMED_URL
        raise DatabaseUrlError(template, url=describe_url(url)) from None
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise DatabaseUrlError(BAD_PORT, url=describe_url(parsed))
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise DatabaseUrlError(UNSUPPORTED_BACKEND, url=describe_url(parsed), backend=shown(backend))
    if backend == "sqlite" and (parsed.host or parsed.port or parsed.username):
        raise DatabaseUrlError(SQLITE_TWO_SLASHES, url=describe_url(parsed))
    if backend == "postgresql" and parsed.drivername == "postgresql":
        # psycopg 3 is the driver we ship; older SQLAlchemy would look for psycopg2 under plain postgresql://.
        parsed = parsed.set(drivername="postgresql+psycopg")
    _check_driver(parsed)
    return parsed


def _check_driver(parsed: URL) -> None:
    driver = parsed.get_driver_name()
    try:
        dialect = parsed.get_dialect()
    except NoSuchModuleError:
        raise DatabaseUrlError(UNKNOWN_DRIVER, url=describe_url(parsed), driver=shown(driver)) from None
    if getattr(dialect, "is_async", False):
        raise DatabaseUrlError(ASYNC_DRIVER, url=describe_url(parsed), driver=shown(driver))
    try:
        dialect.import_dbapi()
    except ImportError:
        raise DatabaseUrlError(DRIVER_NOT_INSTALLED, url=describe_url(parsed), driver=shown(driver)) from None


# --------------------------------------------------------------------------- checking SQLite paths


def check_sqlite_path(path: Path) -> None:
    """Raise ``DatabaseFileError`` unless ``path`` can be (or become) an SQLite file. Creates nothing.

    A missing file needs an existing folder that may be written; an existing one must be a
    regular file that may be read and written. What the file holds is ``check_sqlite_contents``.
    """
    _guarded(_check_sqlite_path, path)


def check_sqlite_contents(path: Path) -> None:
    """Raise ``DatabaseFileError`` when the file at ``path`` is not an SQLite database or is cut short.

    A missing or empty file passes (SQLite makes a new database there); so does a file that
    only SQLite itself can judge (damage inside the pages shows when they are read).
    """
    _guarded(_check_sqlite_contents, path)


def _guarded(check: Callable[[Path], None], path: Path) -> None:
    try:
        check(path)
    except DatabaseFileError:
        raise
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte, a loop of links...
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DatabaseFileError(PATH_UNUSABLE, path, reason=shown(reason)) from None


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _check_sqlite_path(path: Path) -> None:
    info = _stat(path)
    if info is None:
        _check_new_file(path)
        return
    if stat.S_ISDIR(info.st_mode):
        raise DatabaseFileError(IS_A_FOLDER, path, example=shown(str(path / "volunteer-app.sqlite3")))
    if not stat.S_ISREG(info.st_mode):
        raise DatabaseFileError(NOT_A_FILE, path)  # /dev/zero, a pipe: reading could hang or never end
    if not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseFileError(NOT_READABLE, path)
    _check_folder(path, path.parent)


def _check_sqlite_contents(path: Path) -> None:
    info = _stat(path)
    if info is None or not stat.S_ISREG(info.st_mode) or info.st_size == 0:
        return  # nothing yet (SQLite treats an empty file as an empty database), or not a file at all
    with path.open("rb") as f:
        header = f.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise DatabaseFileError(NOT_SQLITE, path)
    if _cut_short(path, header, info.st_size):
        raise DatabaseFileError(DAMAGED, path)
    strangers = _foreign_tables(path)
    if strangers:
        # Refused before anything connects for writing: the pragmas would switch its journal to WAL.
        shown_tables = ", ".join(shown(t) for t in strangers[:3]) + (", …" if len(strangers) > 3 else "")
        raise DatabaseFileError(ANOTHER_PROGRAM, path, tables=shown_tables)


def _foreign_tables(path: Path) -> list[str]:
    """The tables of a file that has no volunteer-app table at all (another program's); [] when in doubt."""
    from volunteer_app.store.models import Base  # models import this module's neighbours; import late

    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, ValueError):
        return []
    try:
        names = [
            str(row[0])
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            )
        ]
    except sqlite3.Error:
        return []  # damage shows when SQLite reads the pages; the caller's own checks say so
    finally:
        conn.close()
    ours = set(Base.metadata.tables) | {"alembic_version"}
    if not names or ours & set(names):
        return []
    return sorted(names)


def _check_new_file(path: Path) -> None:
    folder = path.parent
    # Walk up to the nearest thing that exists: a file there means the path runs through it.
    probe = folder
    while (probe_info := _stat(probe)) is None and probe.parent != probe:
        probe = probe.parent
    if probe_info is not None and not stat.S_ISDIR(probe_info.st_mode):
        raise DatabaseFileError(PATH_THROUGH_FILE, path, file=shown(str(probe)))
    if not folder.is_dir():
        raise DatabaseFileError(NO_FOLDER, path, folder=shown(str(folder)))
    _check_folder(path, folder)


def _check_folder(path: Path, folder: Path) -> None:
    # SQLite writes its -wal, -shm and journal files next to the database.
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseFileError(FOLDER_NOT_WRITABLE, path, folder=shown(str(folder)))


def _cut_short(path: Path, header: bytes, size: int) -> bool:
    """Whether the header says the file should be longer than it is (a copy cut short, a truncated file)."""
    if len(header) < 100:
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return True
    if size % page_size:
        return True
    change_counter = header[24:28]
    valid_for = header[92:96]
    pages = int.from_bytes(header[28:32], "big")
    # The page count is only trusted when SQLite says it is current, and with no WAL file that may still
    # hold pages to be copied back.
    wal = Path(f"{path}-wal")
    return bool(pages and change_counter == valid_for and not wal.exists() and pages * page_size > size)


def _fill(template: str, params: dict[str, object]) -> str:
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


__all__ = [
    "DatabaseFileError",
    "DatabaseUrlError",
    "check_sqlite_contents",
    "check_sqlite_path",
    "describe_url",
    "parse_url",
    "scrub_secrets",
    "shown",
]
