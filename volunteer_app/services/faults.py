"""Telling faults of the environment from bugs, for the window and the CLI alike.

``classify(exc)`` says what kind of failure an exception is and gives one
English sentence for people, a template marked for translation in the
``errors`` context (the window translates it; the CLI prints it as it is):

* ``USER``: a ``ServiceError``; the person can fix it (its own template applies);
* the database named is wrong (exit status 2 in the CLI; each has its own sentence):
  ``BAD_LOCATION`` (a URL or path this app cannot use: the sentence of the
  ``DatabaseUrlError`` names it), ``NOT_APP_DATABASE`` (another program's tables),
  ``DAMAGED`` (a file SQLite cannot read as a database), ``SCHEMA_TOO_NEW`` (made by a
  newer volunteer-app), ``NO_SUCH_DATABASE`` and ``LOGIN_REFUSED`` (PostgreSQL);
* ``LOCKED``, ``DISK_FULL``, ``UNREACHABLE``, ``READ_ONLY``, ``CANNOT_OPEN``,
  ``ENVIRONMENT``: nobody's bug, something outside the app to check (another program,
  the disk, the server, permissions); exit status 1;
* ``BUG``: anything else; the details belong in the log.

``details`` never holds a database password: every URL in it is masked (``scrub``),
and ``scrub`` is what log formatters and excepthooks use on exception text.

The gui and the cli never import SQLAlchemy; this module is where its
exception classes are looked at.
"""

from __future__ import annotations

import errno
import re
import sqlite3
import sys
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import TracebackType
from typing import TextIO

from alembic.util.exc import CommandError
from sqlalchemy.exc import DatabaseError, DataError, DBAPIError, OperationalError

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services.errors import ServiceError
from volunteer_app.store import location
from volunteer_app.store.database import ConcurrentChange, DatabaseUrlError
from volunteer_app.store.migrate import NotAnAppDatabase, SchemaTooNew, SchemaTooOld

T = QT_TRANSLATE_NOOP


class FaultKind(Enum):
    USER = "user"
    BAD_LOCATION = "bad_location"
    NOT_APP_DATABASE = "not_app_database"
    DAMAGED = "damaged"
    SCHEMA_TOO_NEW = "schema_too_new"
    SCHEMA_TOO_OLD = "schema_too_old"
    NO_SUCH_DATABASE = "no_such_database"
    LOGIN_REFUSED = "login_refused"
    LOCKED = "locked"
    DISK_FULL = "disk_full"
    UNREACHABLE = "unreachable"
    CONNECTION_LOST = "connection_lost"
    READ_ONLY = "read_only"
    CANNOT_OPEN = "cannot_open"
    ENVIRONMENT = "environment"
    BUG = "bug"


#: One sentence per kind (context ``errors``); USER faults use the error's own template.
SENTENCES: dict[FaultKind, str] = {
    FaultKind.BAD_LOCATION: T("errors", "The database location is not one this app can use. Check it in Settings."),
    FaultKind.NOT_APP_DATABASE: T(
        "errors",
        "This database is not one of volunteer-app's: it holds another program's tables, or tables without "
        "a schema revision. Choose the app's own database, or restore a backup.",
    ),
    FaultKind.DAMAGED: T(
        "errors",
        "The database file is damaged or is not an SQLite database. Choose the app's own database file, or "
        "restore a backup (volunteer-app db restore).",
    ),
    FaultKind.SCHEMA_TOO_NEW: T(
        "errors", "This database was made by a newer volunteer-app (revision {revision}). Update the app."
    ),
    FaultKind.SCHEMA_TOO_OLD: T(
        "errors",
        "This shared database is older than this volunteer-app. Ask your administrator to run "
        "`volunteer-app db upgrade`.",
    ),
    FaultKind.NO_SUCH_DATABASE: T(
        "errors", "The database server has no database of the name in the URL. Check the name, or create it."
    ),
    FaultKind.LOGIN_REFUSED: T(
        "errors", "The database server refused the user name or password. Check them in the database URL."
    ),
    FaultKind.READ_ONLY: T(
        "errors", "The database cannot be written to. Check the permissions of its file and folder, then try again."
    ),
    FaultKind.CANNOT_OPEN: T(
        "errors",
        "The database file cannot be opened. Check that its folder exists and may be written to, then try again.",
    ),
    FaultKind.LOCKED: T(
        "errors",
        "The database is locked by another program or another copy of this app. "
        "Close it or wait a moment, then try again.",
    ),
    FaultKind.DISK_FULL: T("errors", "The disk is full. Free some space, then try again."),
    FaultKind.UNREACHABLE: T(
        "errors",
        "The database server cannot be reached. Check the network and that the server is running, then try again.",
    ),
    # The connection broke in the middle of an action (a server restart, a dropped network): the
    # transaction was rolled back whole, so say it was not done (issue 12, "Faults").
    FaultKind.CONNECTION_LOST: T(
        "errors",
        "The connection to the database server broke before this was finished, so none of it was saved. "
        "Try again in a moment, once the server is back.",
    ),
    FaultKind.ENVIRONMENT: T(
        "errors",
        "The app could not reach its data. The database may be locked by another program, "
        "the server unreachable or the disk full. Check that, then try again.",
    ),
    FaultKind.BUG: T(
        "errors",
        "Something went wrong inside the app. This is a bug, not your mistake. Details are in the log file: {path}",
    ),
}

ENVIRONMENT_KINDS = frozenset(
    {
        FaultKind.LOCKED,
        FaultKind.DISK_FULL,
        FaultKind.UNREACHABLE,
        FaultKind.CONNECTION_LOST,
        FaultKind.READ_ONLY,
        FaultKind.CANNOT_OPEN,
        FaultKind.ENVIRONMENT,
    }
)
#: The database the person named is the wrong one, or named wrongly: choose another (CLI exit status 2).
LOCATION_KINDS = frozenset(
    {
        FaultKind.BAD_LOCATION,
        FaultKind.NOT_APP_DATABASE,
        FaultKind.DAMAGED,
        FaultKind.SCHEMA_TOO_NEW,
        FaultKind.SCHEMA_TOO_OLD,
        FaultKind.NO_SUCH_DATABASE,
        FaultKind.LOGIN_REFUSED,
    }
)
EXIT_USER = 2
EXIT_ENVIRONMENT = 1

_READ_ONLY_WORDS = ("readonly database", "read-only database", "read-only file system")
_CANNOT_OPEN_WORDS = ("unable to open database file",)
_DAMAGED_WORDS = ("file is not a database", "database disk image is malformed", "file is encrypted")
_NO_SUCH_DATABASE = re.compile(r'database "[^"]*" does not exist')
_LOGIN_REFUSED_WORDS = (
    "password authentication failed",
    "no password supplied",
    "authentication failed",
    "pg_hba.conf",
)
_NO_SUCH_ROLE = re.compile(r'role "[^"]*" does not exist')
_UNKNOWN_REVISION = re.compile(r"Can't locate revision identified by '([^']*)'")

_LOCKED_WORDS = ("database is locked", "database table is locked", "lock timeout", "could not obtain lock")
_DISK_FULL_WORDS = ("database or disk is full", "no space left on device", "disk full")
_UNREACHABLE_WORDS = (
    "connection refused",
    "could not connect",
    "could not translate host name",
    "name or service not known",
    "server closed the connection",
    "connection timed out",
    "timeout expired",
    "no route to host",
    "network is unreachable",
    "connection is closed",
    "terminating connection",
)
_UNREACHABLE_ERRNOS = {
    errno.ECONNREFUSED,
    errno.ECONNRESET,
    errno.ETIMEDOUT,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
}
_SQLSTATE_KINDS = {
    "55P03": FaultKind.LOCKED,  # lock_not_available
    "53100": FaultKind.DISK_FULL,  # disk_full
    "57P01": FaultKind.UNREACHABLE,  # admin_shutdown
    "08001": FaultKind.UNREACHABLE,  # cannot connect now
    "08006": FaultKind.UNREACHABLE,  # connection failure
}


@dataclass(frozen=True)
class Fault:
    """What an exception means for the person who saw it."""

    kind: FaultKind
    template: str  # the English sentence, marked for translation in the ``errors`` context
    details: str  # the technical first line (for the log and a "details" line), may be ""; no passwords
    params: Mapping[str, object] = field(default_factory=dict)  # fill the template's fields ({url}, {path}...)

    @property
    def is_bug(self) -> bool:
        return self.kind is FaultKind.BUG

    @property
    def is_environment(self) -> bool:
        return self.kind in ENVIRONMENT_KINDS

    @property
    def is_location(self) -> bool:
        """The database named is wrong, or named wrongly (not a passing state of the environment)."""
        return self.kind in LOCATION_KINDS

    @property
    def exit_status(self) -> int | None:
        """The CLI's exit status: 2 for what the person named wrong, 1 for the environment, None for a bug."""
        if self.kind is FaultKind.USER or self.is_location:
            return EXIT_USER
        if self.is_environment:
            return EXIT_ENVIRONMENT
        return None

    def sentence(self, **params: object) -> str:
        """The English sentence (the CLI's wording); ``params`` fill fields such as ``{path}``."""
        try:
            return self.template.format(**{**self.params, **params})
        except (KeyError, IndexError, ValueError):
            return self.template


def classify(exc: BaseException) -> Fault:
    """The kind of ``exc`` and the sentence to tell a person about it."""
    if isinstance(exc, ServiceError):
        return Fault(FaultKind.USER, exc.template, "", dict(exc.params))
    if isinstance(exc, ConcurrentChange):
        # A lost race outside services.concurrency.writing: the person's to try again, not a bug.
        return Fault(FaultKind.USER, exc.template, "", {})
    if isinstance(exc, DatabaseUrlError):
        if exc.template in location.TEMPLATES:
            return Fault(FaultKind.BAD_LOCATION, exc.template, scrub(str(exc)), dict(exc.params))
        return _fault(FaultKind.BAD_LOCATION, scrub(str(exc)))
    if isinstance(exc, SchemaTooNew):
        return _too_new(str(exc.revision))
    if isinstance(exc, SchemaTooOld):
        return _fault(FaultKind.SCHEMA_TOO_OLD, str(exc))
    if isinstance(exc, CommandError) and (unknown := _UNKNOWN_REVISION.search(str(exc))):
        # Alembic's own words for a revision outside our chain: a newer volunteer-app made the database.
        return _too_new(unknown[1])
    if isinstance(exc, NotAnAppDatabase):
        return _fault(FaultKind.NOT_APP_DATABASE, scrub(first_line(exc)))
    if isinstance(exc, (OperationalError, sqlite3.OperationalError)) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    ):
        details = scrub(first_line(exc))
        if _is_connection_lost(exc, details):
            return _fault(FaultKind.CONNECTION_LOST, details)
        return _fault(_database_kind(exc, details), details)
    if _is_damaged_file(exc):
        return _fault(FaultKind.DAMAGED, scrub(first_line(exc)))
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            kind = FaultKind.DISK_FULL
        elif exc.errno in _UNREACHABLE_ERRNOS:
            kind = FaultKind.UNREACHABLE
        elif exc.errno == errno.EROFS:
            kind = FaultKind.READ_ONLY
        else:
            kind = FaultKind.ENVIRONMENT
        return _fault(kind, scrub(first_line(exc)))
    if _is_out_of_range(exc):
        # A number or date beyond what Python or the database holds, typed by someone: theirs to fix.
        details = scrub(first_line(exc))[:200]
        return Fault(FaultKind.USER, OUT_OF_RANGE, details, {"details": details})
    return Fault(FaultKind.BUG, SENTENCES[FaultKind.BUG], scrub(f"{type(exc).__name__}: {exc}"))


#: A value beyond what can be stored or computed (the safety net behind each field's own check).
OUT_OF_RANGE = T("errors", "A number or date is out of the range this app can store or compute ({details}).")
#: PostgreSQL's data_exception class: numeric_value_out_of_range, datetime_field_overflow, string too long...
_PG_DATA_EXCEPTION = "22"


def _is_out_of_range(exc: BaseException) -> bool:
    """An OverflowError (also wrapped by SQLAlchemy) or a PostgreSQL data exception."""
    orig = getattr(exc, "orig", None)
    if isinstance(exc, OverflowError) or isinstance(orig, OverflowError):
        return True
    sqlstate = getattr(orig, "sqlstate", None)
    return isinstance(exc, DataError) and isinstance(sqlstate, str) and sqlstate.startswith(_PG_DATA_EXCEPTION)


def scrub(text: str) -> str:
    """``text`` with the password of every database URL in it (and every ``password=``) masked."""
    return location.scrub_secrets(text)


def describe_location(url: str) -> str:
    """A database URL as messages, dialogs and logs show it: password masked, cut to a readable length."""
    return location.describe_url(url)


def print_exception_scrubbed(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, file: TextIO | None = None
) -> None:
    """``traceback.print_exception`` with database passwords masked (for excepthooks)."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    print(scrub(text), end="", file=file if file is not None else sys.stderr)


def _is_damaged_file(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", None) if isinstance(exc, DatabaseError) else exc
    if not isinstance(orig, sqlite3.DatabaseError) or isinstance(orig, sqlite3.OperationalError):
        return False
    text = str(orig).lower()
    return any(word in text for word in _DAMAGED_WORDS) or getattr(orig, "sqlite_errorname", "") in (
        "SQLITE_NOTADB",
        "SQLITE_CORRUPT",
    )


def is_environment_fault(exc: BaseException) -> bool:
    return classify(exc).is_environment


def first_line(exc: BaseException) -> str:
    """The first line of the driver's own message (SQLAlchemy wraps it in ``orig``)."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _too_new(revision: str) -> Fault:
    params = {"revision": location.shown(scrub(revision))}
    template = SENTENCES[FaultKind.SCHEMA_TOO_NEW]
    # The sentence says it all: the details repeat it (for callers that print details only).
    return Fault(FaultKind.SCHEMA_TOO_NEW, template, template.format(**params), params)


def _fault(kind: FaultKind, details: str, **params: object) -> Fault:
    return Fault(kind, SENTENCES[kind], details, params)


def _database_kind(exc: BaseException, details: str) -> FaultKind:
    orig = getattr(exc, "orig", None)
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(sqlstate, str) and sqlstate in _SQLSTATE_KINDS:
        return _SQLSTATE_KINDS[sqlstate]
    text = details.lower()
    if _NO_SUCH_DATABASE.search(text):
        return FaultKind.NO_SUCH_DATABASE
    if any(word in text for word in _LOGIN_REFUSED_WORDS) or _NO_SUCH_ROLE.search(text):
        return FaultKind.LOGIN_REFUSED
    if any(word in text for word in _READ_ONLY_WORDS):
        return FaultKind.READ_ONLY
    if any(word in text for word in _CANNOT_OPEN_WORDS):
        return FaultKind.CANNOT_OPEN
    if any(word in text for word in _LOCKED_WORDS):
        return FaultKind.LOCKED
    if any(word in text for word in _DISK_FULL_WORDS):
        return FaultKind.DISK_FULL
    if any(word in text for word in _UNREACHABLE_WORDS) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        return FaultKind.UNREACHABLE
    return FaultKind.ENVIRONMENT


#: PostgreSQL ended the session in the middle of the work: admin_shutdown, crash_shutdown.
_LOST_SQLSTATES = frozenset({"57P01", "57P02"})
_LOST_WORDS = (
    "terminating connection",
    "server closed the connection unexpectedly",
    "consuming input failed",
    "ssl connection has been closed unexpectedly",
)


def _is_connection_lost(exc: BaseException, details: str) -> bool:
    """A connection that was up broke during the work (not one that could not be made at all)."""
    orig = getattr(exc, "orig", None)
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate in _LOST_SQLSTATES:
        return True
    text = details.lower()
    return any(word in text for word in _LOST_WORDS)


__all__ = [
    "ENVIRONMENT_KINDS",
    "EXIT_ENVIRONMENT",
    "EXIT_USER",
    "LOCATION_KINDS",
    "SENTENCES",
    "Fault",
    "FaultKind",
    "classify",
    "describe_location",
    "first_line",
    "is_environment_fault",
    "print_exception_scrubbed",
    "scrub",
]
