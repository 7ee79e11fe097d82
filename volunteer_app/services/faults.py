"""Telling faults of the environment from bugs, for the window and the CLI alike.

``classify(exc)`` says what kind of failure an exception is and gives one
English sentence for people, a template marked for translation in the
``errors`` context (the window translates it; the CLI prints it as it is):

* ``USER``: a ``ServiceError``; the person can fix it (its own template applies);
* ``BAD_LOCATION``: a database URL this app cannot use;
* ``LOCKED``, ``DISK_FULL``, ``UNREACHABLE``, ``ENVIRONMENT``: nobody's bug,
  something outside the app to check (another program, the disk, the server);
* ``BUG``: anything else; the details belong in the log.

The gui and the cli never import SQLAlchemy; this module is where its
exception classes are looked at.
"""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass
from enum import Enum

from sqlalchemy.exc import DBAPIError, OperationalError

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services.errors import ServiceError
from volunteer_app.store.database import DatabaseUrlError

T = QT_TRANSLATE_NOOP


class FaultKind(Enum):
    USER = "user"
    BAD_LOCATION = "bad_location"
    LOCKED = "locked"
    DISK_FULL = "disk_full"
    UNREACHABLE = "unreachable"
    ENVIRONMENT = "environment"
    BUG = "bug"


#: One sentence per kind (context ``errors``); USER faults use the error's own template.
SENTENCES: dict[FaultKind, str] = {
    FaultKind.BAD_LOCATION: T("errors", "The database location is not one this app can use. Check it in Settings."),
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

ENVIRONMENT_KINDS = frozenset({FaultKind.LOCKED, FaultKind.DISK_FULL, FaultKind.UNREACHABLE, FaultKind.ENVIRONMENT})

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
    details: str  # the technical first line (for the log and a "details" line), may be ""

    @property
    def is_bug(self) -> bool:
        return self.kind is FaultKind.BUG

    @property
    def is_environment(self) -> bool:
        return self.kind in ENVIRONMENT_KINDS

    def sentence(self, **params: object) -> str:
        """The English sentence (the CLI's wording); ``params`` fill fields such as ``{path}``."""
        try:
            return self.template.format(**params)
        except (KeyError, IndexError):
            return self.template


def classify(exc: BaseException) -> Fault:
    """The kind of ``exc`` and the sentence to tell a person about it."""
    if isinstance(exc, ServiceError):
        return Fault(FaultKind.USER, exc.template, "")
    if isinstance(exc, DatabaseUrlError):
        return _fault(FaultKind.BAD_LOCATION, str(exc))
    if isinstance(exc, (OperationalError, sqlite3.OperationalError)) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    ):
        details = first_line(exc)
        return _fault(_database_kind(exc, details), details)
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            kind = FaultKind.DISK_FULL
        elif exc.errno in _UNREACHABLE_ERRNOS:
            kind = FaultKind.UNREACHABLE
        else:
            kind = FaultKind.ENVIRONMENT
        return _fault(kind, first_line(exc))
    return Fault(FaultKind.BUG, SENTENCES[FaultKind.BUG], f"{type(exc).__name__}: {exc}")


def is_environment_fault(exc: BaseException) -> bool:
    return classify(exc).is_environment


def first_line(exc: BaseException) -> str:
    """The first line of the driver's own message (SQLAlchemy wraps it in ``orig``)."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _fault(kind: FaultKind, details: str) -> Fault:
    return Fault(kind, SENTENCES[kind], details)


def _database_kind(exc: BaseException, details: str) -> FaultKind:
    orig = getattr(exc, "orig", None)
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(sqlstate, str) and sqlstate in _SQLSTATE_KINDS:
        return _SQLSTATE_KINDS[sqlstate]
    text = details.lower()
    if any(word in text for word in _LOCKED_WORDS):
        return FaultKind.LOCKED
    if any(word in text for word in _DISK_FULL_WORDS):
        return FaultKind.DISK_FULL
    if any(word in text for word in _UNREACHABLE_WORDS) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        return FaultKind.UNREACHABLE
    return FaultKind.ENVIRONMENT


__all__ = ["ENVIRONMENT_KINDS", "SENTENCES", "Fault", "FaultKind", "classify", "first_line", "is_environment_fault"]
