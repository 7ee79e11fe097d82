"""Hearing that another desktop changed the database: one listener per ``Database``.

* **PostgreSQL** (a shared server): migration 0004 adds statement-level triggers that call
  ``pg_notify('volunteer_app_changes', TG_TABLE_NAME)`` after every INSERT, UPDATE or DELETE
  on the tables people look at. The listener holds one connection of its own (made by the
  database's engine, so it logs in as the same person), in autocommit, that has run
  ``LISTEN volunteer_app_changes``; ``wait`` returns the names of the tables that changed.
* **SQLite** (two app instances on one file): ``PRAGMA data_version`` on a connection of its
  own changes whenever any other connection, in this process or another, commits. ``wait``
  polls it about every half second and returns ``{"*"}`` ("something changed").

Usage (off the UI thread; ``wait`` blocks for up to ``timeout_s``)::

    listener = listener_for(db)
    listener.open()                 # raises ConnectionLost when the server cannot be reached
    while running:
        tables = listener.wait(0.5)  # set() on timeout; ConnectionLost when the server went away
    listener.close()

``ConnectionLost`` means the connection is gone (server restart, network drop): close the
listener and open a new one later (``services/live.py`` decides when).
"""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import time
from typing import Any, Protocol

import psycopg
from sqlalchemy.exc import DBAPIError

from volunteer_app.store.database import Database

log = logging.getLogger(__name__)

#: The channel migration 0004's triggers notify on; the payload is the table's name.
CHANNEL = "volunteer_app_changes"
#: What an SQLite listener reports: something changed, it cannot say what.
ANYTHING = "*"
#: Tables whose changes the PostgreSQL triggers report (what desktops show each other).
WATCHED_TABLES = frozenset(
    {
        "organisation",
        "membership",
        "task",
        "task_occurrence",
        "signup",
        "service_record",
        "hours_request",
        "notice",
        "certificate",
        "certificate_request",
    }
)
#: How often SQLite's change counter is read.
SQLITE_POLL_S = 0.5
#: After a first notification, more arriving within this time are reported with it (one burst, one answer).
COALESCE_S = 0.05
#: A silent network drop (no FIN, no RST) is noticed by TCP keepalive within about this long.
KEEPALIVE_IDLE_S = 10
KEEPALIVE_INTERVAL_S = 5
KEEPALIVE_COUNT = 3


class ConnectionLost(Exception):  # noqa: N818 - reads as what happened
    """The listener's connection is gone or cannot be made (server down or restarting, network dropped)."""


class ChangeListener(Protocol):
    def open(self) -> None: ...
    def wait(self, timeout_s: float) -> set[str]: ...
    def close(self) -> None: ...


def listener_for(db: Database) -> ChangeListener:
    """The listener that suits ``db``'s engine (not opened yet)."""
    return SqliteListener(db) if db.is_sqlite else PostgresListener(db)


def _lost(exc: BaseException) -> ConnectionLost:
    lost = ConnectionLost(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
    lost.__cause__ = exc
    return lost


#: What a dropped or refused connection raises, from the driver or through SQLAlchemy.
_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    psycopg.OperationalError,
    psycopg.InterfaceError,
    sqlite3.OperationalError,
    sqlite3.InterfaceError,
    sqlite3.ProgrammingError,  # "Cannot operate on a closed database."
    DBAPIError,
    OSError,
)


class PostgresListener:
    """``LISTEN volunteer_app_changes`` on a connection of its own (see the module docstring)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._raw: Any = None  # SQLAlchemy's pool-proxied connection, detached from the pool
        self._conn: psycopg.Connection[Any] | None = None

    def open(self) -> None:
        self.close()
        try:
            # Through the engine: the same login, connect arguments and listeners as every other
            # connection of this desktop (on a shared server, the signed-in person's own login).
            raw = self.db.engine.raw_connection()
            raw.detach()  # ours until we close it; the pool makes another for the app
            self._raw = raw
            conn = raw.dbapi_connection  # psycopg's own connection (what the dialect hands the pool)
            if not isinstance(conn, psycopg.Connection):
                raise ConnectionLost(f"unexpected driver connection {type(conn).__name__}")
            conn.rollback()  # the pool's ping may have left a transaction open; LISTEN wants none
            conn.autocommit = True
            conn.execute(f"LISTEN {CHANNEL}")
            self._conn = conn
        except _CONNECTION_ERRORS as exc:
            self.close()
            raise _lost(exc) from exc
        _enable_keepalive(conn)

    def wait(self, timeout_s: float) -> set[str]:
        conn = self._conn
        if conn is None:
            raise ConnectionLost("not open")
        tables: set[str] = set()
        try:
            for notify in conn.notifies(timeout=max(timeout_s, 0.0), stop_after=1):
                tables.add(notify.payload or ANYTHING)
            if tables:
                for notify in conn.notifies(timeout=COALESCE_S):
                    tables.add(notify.payload or ANYTHING)
            elif conn.closed or conn.broken:
                raise ConnectionLost("the connection is closed")
        except _CONNECTION_ERRORS as exc:
            self.close()
            raise _lost(exc) from exc
        return tables

    def close(self) -> None:
        raw, self._raw, self._conn = self._raw, None, None
        if raw is not None:
            try:
                raw.close()
            except Exception as exc:  # noqa: BLE001 - closing a broken connection must not fail the caller
                log.info("closing the change listener's connection: %s", exc)


class SqliteListener:
    """Polls ``PRAGMA data_version`` on a connection of its own (see the module docstring)."""

    def __init__(self, db: Database, *, poll_s: float = SQLITE_POLL_S) -> None:
        self.db = db
        self.poll_s = poll_s
        self._raw: Any = None
        self._version: int | None = None

    def open(self) -> None:
        self.close()
        try:
            raw = self.db.engine.raw_connection()
            raw.detach()
            self._raw = raw
            self._version = self._read()
        except _CONNECTION_ERRORS as exc:
            self.close()
            raise _lost(exc) from exc

    def _read(self) -> int:
        cursor = self._raw.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            row = cursor.fetchone()
        finally:
            cursor.close()
        return int(row[0]) if row else 0

    def wait(self, timeout_s: float) -> set[str]:
        if self._raw is None:
            raise ConnectionLost("not open")
        deadline = time.monotonic() + max(timeout_s, 0.0)
        try:
            while True:
                version = self._read()
                if version != self._version:
                    self._version = version
                    return {ANYTHING}
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return set()
                time.sleep(min(self.poll_s, remaining))
        except _CONNECTION_ERRORS as exc:
            self.close()
            raise _lost(exc) from exc

    def close(self) -> None:
        raw, self._raw = self._raw, None
        if raw is not None:
            try:
                raw.close()
            except Exception as exc:  # noqa: BLE001 - see PostgresListener.close
                log.info("closing the change listener's connection: %s", exc)


def _enable_keepalive(conn: psycopg.Connection[Any]) -> None:
    """TCP keepalive on the listener's socket, so a network that went silent is noticed.

    A server that stops or restarts closes the socket, and ``wait`` hears it at once; a cable
    pulled out closes nothing, and without keepalive the listener would wait for hours. Best
    effort: a Unix socket, or a system without these options, keeps its defaults.
    """
    try:
        with socket.socket(fileno=os.dup(conn.fileno())) as sock:
            if sock.family not in (socket.AF_INET, socket.AF_INET6):
                return
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
            for name, value in (
                ("TCP_KEEPIDLE", KEEPALIVE_IDLE_S),
                ("TCP_KEEPALIVE", KEEPALIVE_IDLE_S),  # macOS's name for the idle time
                ("TCP_KEEPINTVL", KEEPALIVE_INTERVAL_S),
                ("TCP_KEEPCNT", KEEPALIVE_COUNT),
            ):
                option = getattr(socket, name, None)
                if option is not None:
                    sock.setsockopt(socket.IPPROTO_TCP, option, value)
    except (OSError, ValueError, psycopg.Error) as exc:
        log.info("TCP keepalive not set on the change listener: %s", exc)


__all__ = [
    "ANYTHING",
    "CHANNEL",
    "COALESCE_S",
    "WATCHED_TABLES",
    "ChangeListener",
    "ConnectionLost",
    "PostgresListener",
    "SqliteListener",
    "listener_for",
]
