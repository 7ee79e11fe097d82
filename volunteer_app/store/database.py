"""Connecting to SQLite or PostgreSQL with the settings each needs.

One ``Database`` per process and URL. Every unit of work is one transaction:
``with db.transaction() as s: ...`` commits on success and rolls back on any
error, so a failed user action leaves nothing half-written.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


class DatabaseUrlError(ValueError):
    """The URL cannot name a database this app can use."""


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUrlError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(f"unsupported database {backend!r} in {url!r}: use sqlite:/// or postgresql+psycopg://")
    if backend == "postgresql" and parsed.drivername == "postgresql":
        # psycopg 3 is the driver we ship; plain postgresql:// would look for psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


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


class Database:
    """An engine and its session factory for one URL."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = parse_url(url)
        kwargs: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            if self.sqlite_path is not None:
                self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            # The GUI uses worker threads; each gets its own connection from the pool.
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
            if self.sqlite_path is None:
                kwargs["poolclass"] = NullPool
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _set_sqlite_pragmas)
            event.listen(self.engine, "begin", _begin_sqlite)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Same pool and listeners; its transactions lock for writing from the start (SQLite).
        self._immediate_engine = self.engine.execution_options(**{SQLITE_IMMEDIATE: True})

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def describe(self) -> str:
        """The URL with any password hidden, for messages and logs."""
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self, *, immediate: bool = False) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any exception.

        ``immediate``: for read-check-write work that must not race another writer
        (the last place on a task). On SQLite the transaction takes the write lock before
        its first read (``BEGIN IMMEDIATE``), so such transactions run one after another.
        PostgreSQL ignores it: lock the rows you check with ``SELECT ... FOR UPDATE``
        (``with_for_update()``), which SQLite in turn ignores.
        """
        bind = self._immediate_engine if immediate and self.is_sqlite else self.engine
        with self._sessions(bind=bind) as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work; closing it ends the transaction without a commit.

        Loaded objects stay readable afterwards (closing detaches them; it does not expire them).
        """
        with self._sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
