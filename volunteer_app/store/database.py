"""Connecting to SQLite or PostgreSQL with the settings each needs.

One ``Database`` per process and URL. Every unit of work is one transaction:
``with db.transaction() as s: ...`` commits on success and rolls back on any
error, so a failed user action leaves nothing half-written.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.store import guards as _guards  # noqa: F401  (registers the stored-value guard)

# The URL and path checks live in store/location.py; re-exported here, where callers always found them.
from volunteer_app.store.location import (
    DatabaseFileError,
    DatabaseUrlError,
    check_sqlite_contents,
    check_sqlite_path,
    describe_url,
    parse_url,
    scrub_secrets,
)

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
#: Seconds before a PostgreSQL server that does not answer counts as unreachable.
CONNECT_TIMEOUT_S = 10
#: Personal data: a new SQLite file is its owner's only (SQLite gives its -wal/-shm files the same mode).
PRIVATE_FILE_MODE = 0o600


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        mode = cursor.fetchone()
        if not mode or str(mode[0]).lower() != "wal":
            # Network shares and some filesystems cannot do WAL; a rollback journal is safe everywhere.
            cursor.execute("PRAGMA journal_mode=DELETE")
            log.info("SQLite WAL unavailable here (got %r); using a rollback journal", mode)
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


#: Execution option that makes a transaction on SQLite start with ``BEGIN IMMEDIATE``.
SQLITE_IMMEDIATE = "volunteer_app_sqlite_immediate"


def _begin_sqlite(conn: Connection) -> None:
    """``begin`` listener: ``BEGIN IMMEDIATE`` when the connection asks for it.

    pysqlite opens a transaction lazily, before the first write, so two read-then-write
    transactions can both read "one place left" before either writes, and then both
    lock or both write. ``BEGIN IMMEDIATE`` takes the write lock first (waiting up to
    the busy timeout), so the reads inside see every earlier commit. pysqlite asks SQLite
    whether a transaction is open, so it neither emits a second BEGIN nor skips the COMMIT.
    """
    if conn.get_execution_options().get(SQLITE_IMMEDIATE):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class ConcurrentChange(Exception):
    """Another unit of work changed the same rows at the same moment and won: nothing was stored.

    ``transaction()`` raises one of the two subclasses below instead of the driver's error
    (a unique key taken a moment ago, a PostgreSQL serialization failure or deadlock, an
    SQLite snapshot gone stale), so every transaction reports a lost race the same way and
    services can turn it into one sentence (``template``). Running the action again is the
    remedy: it then sees what the winner stored.
    """

    template = QT_TRANSLATE_NOOP("errors", "Someone else changed the same data at the same time; try again.")


class ConcurrentInsert(ConcurrentChange, IntegrityError):
    """A unique key (such as one signup per person and occurrence) was taken by another writer.

    Still an ``IntegrityError``, so code that already expects one keeps working.
    """


class ConcurrentUpdate(ConcurrentChange, OperationalError):
    """PostgreSQL gave up one of two transactions (serialization failure, deadlock), or SQLite
    refused a write because another writer committed since this transaction first read."""


#: PostgreSQL SQLSTATEs of a lost race: serialization_failure, deadlock_detected.
_PG_LOST_RACE = frozenset({"40001", "40P01"})
_PG_UNIQUE = "23505"
_SQLITE_UNIQUE = frozenset({"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"})
_SQLITE_LOST_RACE = frozenset({"SQLITE_BUSY_SNAPSHOT"})


def as_concurrent_change(exc: DBAPIError) -> ConcurrentChange | None:
    """The ``ConcurrentChange`` that ``exc`` (from the driver) means, or None when it means something else."""
    orig = exc.orig
    code = getattr(orig, "sqlstate", None) or getattr(orig, "sqlite_errorname", None)
    kind: type[ConcurrentInsert | ConcurrentUpdate]
    if isinstance(exc, IntegrityError) and (code == _PG_UNIQUE or code in _SQLITE_UNIQUE):
        kind = ConcurrentInsert
    elif code in _PG_LOST_RACE or code in _SQLITE_LOST_RACE:
        kind = ConcurrentUpdate
    else:
        return None
    return kind(
        exc.statement,
        exc.params,
        orig if orig is not None else exc,
        hide_parameters=exc.hide_parameters,
        connection_invalidated=exc.connection_invalidated,
    )


class Database:
    """An engine and its session factory for one URL."""

    def __init__(self, url: str, *, echo: bool = False, login: tuple[str, str] | None = None) -> None:
        """``login``: (role, password) of a person's own login on a shared PostgreSQL server.

        The URL then names no user (a desktop's URL holds no password); the Database connects
        as that person, and row-level security decides what it reads and writes (``person_mode``).
        """
        parsed = parse_url(url)
        self.person_mode = login is not None
        if login is not None:
            if parsed.get_backend_name() != "postgresql":
                raise DatabaseUrlError("a personal login needs a PostgreSQL server")
            parsed = parsed.set(username=login[0], password=login[1])
        self.url = parsed
        kwargs: dict[str, Any] = {"echo": echo}
        if self.person_mode:
            # Fifty desktops share one server's connections: a few each.
            kwargs.update(pool_size=2, max_overflow=4)
        self._new_file = False
        if self.is_sqlite:
            if self.sqlite_path is not None:
                # Before anything connects, and without creating folders (a mistyped path must not).
                check_sqlite_path(self.sqlite_path)
                self._new_file = not self.sqlite_path.exists()
            # The GUI uses worker threads; each gets its own connection from the pool.
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
            if self.sqlite_path is None:
                kwargs["poolclass"] = NullPool
        else:
            kwargs["pool_pre_ping"] = True
            if "connect_timeout" not in self.url.query:
                # A server that drops packets is "unreachable" after 10 s, not after the OS's minutes.
                kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S}
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", self._make_new_file_private)
            event.listen(self.engine, "connect", _set_sqlite_pragmas)
            event.listen(self.engine, "begin", _begin_sqlite)
        if self.person_mode:
            event.listen(self.engine, "do_connect", self._current_password)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Same pool and listeners; its transactions lock for writing from the start (SQLite).
        self._immediate_engine = self.engine.execution_options(**{SQLITE_IMMEDIATE: True})

    def _current_password(self, _dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
        """``do_connect`` listener: new connections log in with the password as it is now."""
        cparams["password"] = self.url.password

    def change_login_password(self, password: str) -> None:
        """After the person changed their password: later connections use the new one."""
        self.url = self.url.set(password=password)

    def login_works(self, password: str) -> bool:
        """Whether the person's login accepts ``password`` now (a fresh connection, not the pool's)."""
        import psycopg  # the PostgreSQL driver; only a person's login (PostgreSQL) gets here

        try:
            psycopg.connect(**self.psycopg_arguments(password=password)).close()
        except psycopg.OperationalError:
            return False
        return True

    def raw_connection(self) -> Any:
        """A new DB-API connection of its own (not from the pool), logged in as this Database is:
        for a listener that keeps one open."""
        if self.is_sqlite:
            raise NotImplementedError("an SQLite file needs no listening connection")
        import psycopg

        return psycopg.connect(**self.psycopg_arguments(), autocommit=True)

    def psycopg_arguments(self, *, password: str | None = None) -> dict[str, Any]:
        """Keyword arguments for ``psycopg.connect`` that log in as this Database does."""
        url = self.url
        arguments: dict[str, Any] = {
            key: value
            for key, value in {
                "host": url.host, "port": url.port, "user": url.username, "dbname": url.database,
                "password": url.password if password is None else password,
            }.items()
            if value is not None
        }
        arguments.update({k: v if isinstance(v, str) else v[-1] for k, v in url.query.items()})
        arguments.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
        return arguments

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def describe(self) -> str:
        """The URL with any password hidden, for messages and logs (a person's own login: the
        desktop's URL, as they gave it, without the login's name)."""
        if self.person_mode:
            return describe_url(self.url._replace(username=None, password=None))
        return describe_url(self.url)

    def _make_new_file_private(self, _dbapi_connection: Any, _record: Any) -> None:
        """``connect`` listener: a database file this process created is its owner's only (POSIX).

        It runs before the pragmas switch on WAL, so the -wal and -shm files SQLite makes
        next take the same mode. Files that existed before keep the mode their owner chose.
        """
        if not self._new_file or self.sqlite_path is None:
            return
        self._new_file = False
        if os.name != "posix":
            return
        try:
            self.sqlite_path.chmod(PRIVATE_FILE_MODE)
        except OSError as exc:
            log.info("could not make %s private: %s", self.sqlite_path, exc)

    @contextmanager
    def transaction(self, *, immediate: bool = False) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any exception.

        ``immediate``: for read-check-write work that must not race another writer
        (the last place on a task). On SQLite the transaction takes the write lock before
        its first read (``BEGIN IMMEDIATE``), so such transactions run one after another.
        PostgreSQL ignores it: lock the rows you check with ``SELECT ... FOR UPDATE``
        (``with_for_update()``), which SQLite in turn ignores.

        A lost race raises ``ConcurrentInsert`` or ``ConcurrentUpdate`` (both ``ConcurrentChange``)
        in place of the driver's error; nothing was stored, and running the work again is safe.
        """
        bind = self._immediate_engine if immediate and self.is_sqlite else self.engine
        try:
            with self._sessions(bind=bind) as session, session.begin():
                yield session
        except DBAPIError as exc:
            # A lost race (at a flush inside or at the commit) is not a bug: say so in one way.
            lost = None if isinstance(exc, ConcurrentChange) else as_concurrent_change(exc)
            if lost is None:
                raise
            raise lost from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work; closing it ends the transaction without a commit.

        Loaded objects stay readable afterwards (closing detaches them; it does not expire them).
        """
        with self._sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


__all__ = [
    "BUSY_TIMEOUT_MS",
    "PRIVATE_FILE_MODE",
    "SQLITE_IMMEDIATE",
    "ConcurrentChange",
    "ConcurrentInsert",
    "ConcurrentUpdate",
    "Database",
    "DatabaseFileError",
    "DatabaseUrlError",
    "check_sqlite_contents",
    "check_sqlite_path",
    "describe_url",
    "parse_url",
    "scrub_secrets",
]
