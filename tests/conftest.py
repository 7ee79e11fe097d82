"""Fixtures every test folder shares (no Qt here: Qt fixtures live in tests/gui/conftest.py).

Databases
    ``backend``        "sqlite" or "postgresql": every test that uses one of the fixtures below
                       runs once per backend, with ids ``[sqlite]`` and ``[postgresql]``.
    ``db_url``         a fresh database already migrated to head (SQLite: a real file in the
                       test's tmp dir; PostgreSQL: a new database copied from a template that was
                       migrated once per session, so it is quick).
    ``empty_db_url``   a fresh database with no schema at all, for migration tests.
    ``db``             ``Database(db_url)`` upgraded to head, disposed after the test.
    ``postgres_server``  the session's PostgreSQL server (started on first use only).

    PostgreSQL comes from ``VOLUNTEER_APP_TEST_POSTGRES_URL`` (a URL of a server where the user
    may CREATE DATABASE) or else from a throwaway cluster: ``initdb`` in a temp dir, trust auth,
    127.0.0.1 on a free port, run as the ``postgres`` user when the tests run as root. When it
    cannot be found or started, the [postgresql] tests ERROR (they do not skip) unless
    ``VOLUNTEER_APP_TEST_SKIP_POSTGRES=1`` is set. Every [postgresql] test carries the ``postgres``
    marker, so ``-m "not postgres"`` deselects them.

Isolation
    ``app_home`` (autouse) points VOLUNTEER_APP_HOME at a temp dir and clears the variables that
    would reach a real database, password or geocoder, so no test touches the real user folder.

Logged warnings
    A record at WARNING or above from a ``volunteer_app`` logger while a test runs fails that
    test, because a warning nobody expected is a bug nobody saw. A test that means to provoke
    one takes ``@pytest.mark.allow_warnings_logged`` and checks it with ``caplog``.
"""

from __future__ import annotations

import glob
import itertools
import logging
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from volunteer_app.store import migrate
from volunteer_app.store.database import Database, parse_url

POSTGRES_URL_ENV = "VOLUNTEER_APP_TEST_POSTGRES_URL"
SKIP_POSTGRES_ENV = "VOLUNTEER_APP_TEST_SKIP_POSTGRES"
BACKENDS = ("sqlite", "postgresql")
CLEARED_ENV = (
    "VOLUNTEER_APP_DATABASE_URL",
    "VOLUNTEER_APP_PASSWORD",
    "VOLUNTEER_APP_NOMINATIM_URL",
    "VOLUNTEER_APP_GEOCODER",
)
APP_LOGGER = "volunteer_app"


# --------------------------------------------------------------------------- isolation


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private app home for each test (database default, logs, backups, keys, settings)."""
    home = tmp_path_factory.mktemp("app-home")
    monkeypatch.setenv("VOLUNTEER_APP_HOME", str(home))
    for name in CLEARED_ENV:
        monkeypatch.delenv(name, raising=False)
    # Tests never reach the public Nominatim: those that test the online geocoder
    # point it at the local fake server and switch this back on themselves.
    monkeypatch.setenv("VOLUNTEER_APP_GEOCODER", "offline")
    return home


# --------------------------------------------------------------------------- logged warnings


class _RecordCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    collector = _RecordCollector()
    logger = logging.getLogger(APP_LOGGER)
    logger.addHandler(collector)
    try:
        result = yield  # re-raises the test's own failure, which then wins
    finally:
        logger.removeHandler(collector)
    if collector.records and item.get_closest_marker("allow_warnings_logged") is None:
        lines = "\n".join(f"  {r.levelname} {r.name}: {r.getMessage()}" for r in collector.records)
        pytest.fail(
            f"unexpected log records at WARNING or above:\n{lines}\n"
            "(mark the test with @pytest.mark.allow_warnings_logged if they are intended)",
            pytrace=False,
        )
    return result


# --------------------------------------------------------------------------- markers


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    postgres = pytest.mark.postgres
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "postgresql":
            item.add_marker(postgres)
        elif "shared" in getattr(item, "fixturenames", ()):
            item.add_marker(postgres)


# --------------------------------------------------------------------------- PostgreSQL server


@dataclass
class PostgresServer:
    """A server the tests may create and drop databases on."""

    admin_url: str  # SQLAlchemy URL of a database to connect to for CREATE/DROP DATABASE
    template: str  # a database at the head revision, copied for each test
    _counter: itertools.count[int]

    def url_for(self, database: str) -> str:
        return parse_url(self.admin_url).set(database=database).render_as_string(hide_password=False)

    def execute(self, *statements: str) -> None:
        """Run statements outside a transaction (CREATE/DROP DATABASE need that)."""
        engine = create_engine(parse_url(self.admin_url), poolclass=NullPool, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                for statement in statements:
                    conn.execute(text(statement))
        finally:
            engine.dispose()

    def create_database(self, *, template: str) -> str:
        name = f"va_test_{os.getpid()}_{next(self._counter)}"
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        # FORCE (PostgreSQL 13+) ends connections a failed test may have leaked.
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found

    def version(path: str) -> tuple[int, ...]:
        part = Path(path).parts[-3]  # /usr/lib/postgresql/<version>/bin/<name>
        return tuple(int(x) for x in part.split(".") if x.isdigit())

    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version, reverse=True)
    return candidates[0] if candidates else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _LocalCluster:
    """A throwaway PostgreSQL cluster in a temp dir (as the postgres user when we are root)."""

    def __init__(self) -> None:
        initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError(
                "PostgreSQL's initdb/pg_ctl were not found on PATH or in /usr/lib/postgresql/*/bin "
                "(run scripts/setup, which installs the Debian package `postgresql`)"
            )
        self.initdb, self.pg_ctl = initdb, pg_ctl
        self.run_as: list[str] = []
        self.dir = Path(tempfile.mkdtemp(prefix="volunteer-app-pg-"))
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root.
            runuser = shutil.which("runuser")
            if runuser is None:
                raise RuntimeError("running as root but `runuser` is missing, so PostgreSQL cannot be started")
            shutil.chown(self.dir, user="postgres", group="postgres")
            self.run_as = [runuser, "-u", "postgres", "--"]
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = 0

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [*self.run_as, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
        )
        if done.returncode != 0:
            log_tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"`{' '.join(args)}` failed ({done.returncode}):\n{done.stdout}{done.stderr}{log_tail}")

    def start(self) -> str:
        self._run(
            self.initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        # The tests' own superuser comes in without a password; everyone else (the per-person
        # logins of a shared server, issue 12) must give theirs (SCRAM), as on a real server.
        hba = self.data / "pg_hba.conf"
        hba.write_text(
            "local all postgres trust\n"
            "host all postgres 127.0.0.1/32 trust\n"
            "local all all scram-sha-256\n"
            "host all all 127.0.0.1/32 scram-sha-256\n"
        )
        if self.run_as:
            shutil.chown(hba, user="postgres", group="postgres")
        last_error: RuntimeError | None = None
        for _attempt in range(3):  # another process may take the free port between probe and bind
            self.port = _free_port()
            options = (
                f"-h 127.0.0.1 -p {self.port} -k {self.dir} "
                # Durability is not under test on this server; speed is welcome.
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            try:
                self._run(
                    self.pg_ctl, "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start"
                )
            except RuntimeError as exc:
                last_error = exc
                continue
            return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        assert last_error is not None
        raise last_error

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run(
                [*self.run_as, self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"],
                capture_output=True,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server with a template database at the head revision."""
    if os.environ.get(SKIP_POSTGRES_ENV) == "1":
        pytest.skip(f"{SKIP_POSTGRES_ENV}=1")

    cluster: _LocalCluster | None = None
    server: PostgresServer | None = None
    problem = ""
    try:
        admin_url = os.environ.get(POSTGRES_URL_ENV)
        if not admin_url:
            cluster = _LocalCluster()
            admin_url = cluster.start()
        template = f"va_template_{os.getpid()}"
        server = PostgresServer(admin_url=admin_url, template=template, _counter=itertools.count(1))
        server.execute(f'DROP DATABASE IF EXISTS "{template}"', f'CREATE DATABASE "{template}" TEMPLATE template0')
        db = Database(server.url_for(template))
        try:
            migrate.upgrade(db, backup=False)
        finally:
            db.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure to get a server becomes one clear message
        problem = str(exc)
    if problem or server is None:
        if cluster is not None:
            cluster.stop()
        pytest.fail(
            f"PostgreSQL for the [postgresql] tests could not be started or prepared: {problem}\n"
            f"Install it (scripts/setup), point {POSTGRES_URL_ENV} at a server, "
            f"or set {SKIP_POSTGRES_ENV}=1 to skip those tests.",
            pytrace=False,
        )
    try:
        yield server
    finally:
        try:
            server.drop_database(server.template)
        finally:
            if cluster is not None:
                cluster.stop()


# --------------------------------------------------------------------------- databases


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file at the head revision, copied for each test (quicker than migrating each time)."""

    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        migrate.upgrade(db, backup=False)
    finally:
        db.dispose()  # the last connection checkpoints the WAL into the main file
    return path


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on; ids are exactly "sqlite" and "postgresql"."""
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database at the head revision (see the module docstring)."""
    if backend == "sqlite":
        path = tmp_path / "volunteer-app.sqlite3"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database(template=server.template)
    try:
        yield server.url_for(name)
    finally:
        server.drop_database(name)


@pytest.fixture
def empty_db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database without any schema (not even alembic_version)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database(template="template0")
    try:
        yield server.url_for(name)
    finally:
        server.drop_database(name)

@pytest.fixture
def empty_db(empty_db_url: str) -> Iterator[Database]:
    """A ``Database`` on ``empty_db_url`` (no schema), disposed afterwards."""
    database = Database(empty_db_url)
    try:
        yield database
    finally:
        database.dispose()



@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """``Database(db_url)`` at the head revision; disposed after the test."""

    database = Database(db_url)
    try:
        migrate.upgrade(database)
        yield database
    finally:
        database.dispose()


# --------------------------------------------------------------------------- a shared server


@pytest.fixture
def shared(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A database on the test PostgreSQL server set up with ``server init``, with the community
    (tests/support/community.py) in it, each person with their own login (issue 12)."""
    from tests.support.shared_server import shared_server_for

    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database(template=server.template)
    try:
        with shared_server_for(server.url_for(name)) as served:
            yield served
    finally:
        server.drop_database(name)


@pytest.fixture
def other(db_url: str) -> Iterator[Any]:
    """A second app instance (a second desktop) on the test's database: its own engine and connections."""
    second = Database(db_url)
    try:
        yield second
    finally:
        second.dispose()
