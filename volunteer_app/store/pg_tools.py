"""Backing up and restoring a PostgreSQL database with PostgreSQL's own pg_dump and pg_restore.

The app does not copy a server's tables itself: ``pg_dump --format=custom`` makes a consistent
snapshot while 50 desktops keep working, and ``pg_restore --single-transaction`` puts one back
all at once or not at all. This module finds those programs and runs them safely:

* **Finding them.** ``VOLUNTEER_APP_PG_BIN`` (a folder) when it is set, and then only there;
  otherwise ``PATH``, then the usual install folders (``/usr/lib/postgresql/<version>/bin``,
  Homebrew, Postgres.app, ``C:\\Program Files\\PostgreSQL\\<version>\\bin``), newest first. A
  program older than the server cannot dump it (pg_dump refuses), so the first one at least as
  new as the server is taken. None found (or only older ones): ``PgToolsMissing``, whose one line
  says exactly what to run by hand.
* **Running them.** Argument lists, never a shell. The connection is ``--host``/``--port``/
  ``--username``/``--dbname`` taken from the SQLAlchemy URL (also ``?host=/socket/dir``); the
  password goes only into the child's ``PGPASSWORD``, never on its command line (which other
  users may see) nor in a message; ``--no-password`` so a tool never waits at a prompt.
* **Backup** (``dump``): into a private temporary file beside the target (0600), then moved into
  place in one step; an existing target is refused (``FileExistsError``) unless ``overwrite``.
* **Restore** (``check_archive`` then ``restore``): the file must be a pg_dump custom archive of
  this app (``pg_restore --list`` reads it and lists ``alembic_version``, ``person`` and every other
  table of its schema revision, ``ledger_entry`` included), readable to its end (a cut-short file
  is refused before anything changes), at a schema revision this app knows, and not older than
  the database it replaces. Then
  ``pg_restore --clean --if-exists --single-transaction --exit-on-error``: if anything fails, the
  server rolls the whole restore back and the database is as it was. Each object goes back to the
  role that owned it when those roles exist here and the restoring login may act as them (a shared
  server's owner role, see ``keeps_owners``); otherwise ``--no-owner`` gives them to the restoring login.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import URL

from volunteer_app.store.database import Database
from volunteer_app.store.location import describe_url, scrub_secrets
from volunteer_app.store.migrate import (
    BackupError,
    BackupNotSupported,
    BackupTooNew,
    alembic_config,
    expected_schema,
    known_revisions,
    status,
)

#: A folder holding pg_dump and pg_restore; when set, the only place they are looked for.
BIN_ENV = "VOLUNTEER_APP_PG_BIN"
#: Where PostgreSQL's client programs are installed when they are not on PATH (newest version first).
INSTALL_FOLDERS = (
    "/usr/lib/postgresql/*/bin",  # Debian, Ubuntu
    "/usr/pgsql-*/bin",  # Red Hat, Fedora (PGDG packages)
    "/opt/homebrew/opt/postgresql@*/bin",  # Homebrew on Apple silicon
    "/usr/local/opt/postgresql@*/bin",  # Homebrew on Intel Macs
    "/Applications/Postgres.app/Contents/Versions/*/bin",
    "C:/Program Files/PostgreSQL/*/bin",
)
#: The first bytes of every pg_dump custom-format archive.
ARCHIVE_MAGIC = b"PGDMP"
#: Tables every volunteer-app archive lists, at any revision (then every table of its revision is asked for).
REQUIRED_TABLES = ("alembic_version", "person")
#: Seconds a tool waits for the server before it gives up (unless the URL or PGCONNECT_TIMEOUT says).
CONNECT_TIMEOUT = "10"
#: URL query parameters libpq also reads from the environment: passed on to the tools that way.
_QUERY_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "gssencmode": "PGGSSENCMODE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "hostaddr": "PGHOSTADDR",
}
_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")
#: A table in ``pg_restore --list``: "215; 1259 16385 TABLE public person owner" (schema, name, owner).
_TOC_TABLE = re.compile(r"^\d+;\s+\d+\s+\d+\s+TABLE\s+(\S+)\s+(\S+)\s+(\S+)\s*$", re.MULTILINE)
_LONGEST_DETAIL = 200


class PgToolsMissing(BackupNotSupported):
    """pg_dump / pg_restore are not installed here, or only versions older than the server.

    The message is one line: what is missing and the exact command to run by hand (no password).
    """

    def __init__(self, message: str, *, tool: str, command: str) -> None:
        super().__init__(message)
        self.tool = tool
        self.command = command  # what to run by hand (password never in it)


class PgToolFailed(RuntimeError):
    """pg_dump or pg_restore ran and failed (server refused, permissions, disk full); nothing was replaced."""

    def __init__(self, tool: str, detail: str) -> None:
        super().__init__(f"{tool} failed: {detail}")
        self.tool = tool
        self.detail = detail


@dataclass(frozen=True)
class Tool:
    name: str
    path: Path
    version: tuple[int, ...]

    @property
    def major(self) -> tuple[int, ...]:
        return _major(self.version)


@dataclass(frozen=True)
class Connection:
    """How the tools reach the database: arguments for the command line, variables for the environment."""

    args: tuple[str, ...]  # --host/--port/--username (no database, no password)
    dbname: str
    env: Mapping[str, str]  # PGPASSWORD and the like: for the child's environment only

    def shown(self) -> str:
        """The connection part of a command as a person would type it (no password, ever)."""
        return shlex.join(self.args)


@dataclass(frozen=True)
class Archive:
    """A checked backup file: a pg_dump archive of this app, at ``revision``."""

    path: Path
    revision: str
    owners: frozenset[str] = frozenset()  # the roles that owned its tables


# --------------------------------------------------------------------------- connection


def connection(url: URL) -> Connection:
    """The tools' connection arguments for ``url``; the password only in ``env`` (PGPASSWORD)."""
    args: list[str] = []
    host = url.host or _query_value(url, "host")
    if host:
        args += ["--host", host]
    port = url.port or _query_value(url, "port")
    if port:
        args += ["--port", str(port)]
    if url.username:
        args += ["--username", url.username]
    env: dict[str, str] = {}
    for parameter, variable in _QUERY_ENV.items():
        value = _query_value(url, parameter)
        if value:
            env[variable] = value
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return Connection(tuple(args), url.database or "", env)


def _query_value(url: URL, key: str) -> str | None:
    value = url.query.get(key)
    if value is None:
        return None
    if isinstance(value, tuple):  # ?host=a&host=b: libpq takes a comma-separated list
        return ",".join(value) or None
    return str(value) or None


def _dbname_arg(dbname: str) -> str:
    """``--dbname`` takes a connection string when the value has ``=`` or a URI prefix: quote it as one then."""
    if "=" in dbname or dbname.startswith(("postgresql:", "postgres:")):
        return "dbname='" + dbname.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return dbname


def _environment(conn: Connection) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PGCONNECT_TIMEOUT", CONNECT_TIMEOUT)
    env.update(conn.env)
    return env


# --------------------------------------------------------------------------- finding the tools


def find(name: str) -> list[Tool]:
    """Every ``name`` (pg_dump, pg_restore) found, in the order they are preferred."""
    folder = os.environ.get(BIN_ENV)
    paths: list[str] = []
    if folder:
        found = shutil.which(name, path=folder)
        paths = [found] if found else []
    else:
        on_path = shutil.which(name)
        if on_path:
            paths.append(on_path)
        folders = [f for pattern in INSTALL_FOLDERS for f in glob.glob(pattern)]
        for candidate in sorted(folders, key=_folder_version, reverse=True):
            found = shutil.which(name, path=candidate)
            if found:
                paths.append(found)
    tools: list[Tool] = []
    seen: set[Path] = set()
    for path in paths:
        resolved = Path(path).resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        version = _tool_version(Path(path))
        if version is not None:
            tools.append(Tool(name, Path(path), version))
    return tools


def _folder_version(folder: str) -> tuple[int, ...]:
    """The version in an install folder's name (``.../postgresql/16/bin``, ``.../postgresql@14/bin``)."""
    for part in reversed(Path(folder).parts):
        digits = re.findall(r"\d+", part)
        if digits:
            return tuple(int(d) for d in digits)
    return ()


def _tool_version(path: Path) -> tuple[int, ...] | None:
    try:
        done = subprocess.run(
            [str(path), "--version"], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None  # not runnable (wrong architecture, no permission): as good as not there
    found = _VERSION.search(done.stdout)
    if done.returncode != 0 or found is None:
        return None
    return tuple(int(g) for g in found.groups() if g is not None)


def _major(version: Sequence[int]) -> tuple[int, ...]:
    """PostgreSQL's major version: 15 for 15.4, but 9.6 for 9.6.24 (before version 10 it had two parts)."""
    return tuple(version[:1]) if version and version[0] >= 10 else tuple(version[:2])


def _shown_version(version: Sequence[int]) -> str:
    return ".".join(str(v) for v in _major(version))


def server_version(db: Database) -> tuple[int, ...]:
    """The server's version (connects once)."""
    with db.engine.connect() as conn:
        info = conn.dialect.server_version_info
    return tuple(int(v) for v in info or ())


def tool(db: Database, name: str, *, manual: str) -> Tool:
    """The ``name`` to use against ``db``'s server; ``PgToolsMissing`` (saying to run ``manual``) if none fits.

    When the program is not installed at all the server is not asked anything: the line that says
    what to run by hand is the answer even when this computer cannot reach the server.
    """
    found = find(name)
    folder = os.environ.get(BIN_ENV)
    if not found:
        where = f" (nor in {folder}, named by {BIN_ENV})" if folder else ""
        problem = f"{name} is not installed here{where}"
        install = f"install PostgreSQL's client tools (the server's version or newer) or set {BIN_ENV} to their folder"
        raise _missing(db, name, problem, install, manual)
    needed = _major(server_version(db))
    for candidate in found:
        if candidate.major >= needed:
            return candidate
    best = found[0]
    problem = (
        f"{name} {_shown_version(best.version)} here ({best.path}) is older than the server "
        f"(PostgreSQL {_shown_version(needed)}) and cannot work with it"
    )
    install = f"install PostgreSQL {_shown_version(needed)} client tools or newer, or set {BIN_ENV} to their folder"
    raise _missing(db, name, problem, install, manual)


def _missing(db: Database, name: str, problem: str, install: str, manual: str) -> PgToolsMissing:
    message = f"{describe_url(db.url)}: {problem}; {install}; or, on the server, run: {manual}"
    return PgToolsMissing(scrub_secrets(message), tool=name, command=manual)


def dump_command(db: Database, target: Path | str) -> str:
    """The pg_dump command that backs ``db`` up to ``target``, as a person types it (no password)."""
    conn = connection(db.url)
    return shlex.join(["pg_dump", "--format=custom", "--file", str(target), *conn.args, conn.dbname])


def restore_command(db: Database, source: Path | str) -> str:
    """The pg_restore command that puts ``source`` back into ``db``, as a person types it (no password)."""
    conn = connection(db.url)
    return shlex.join(["pg_restore", *_RESTORE_OPTIONS, *conn.args, "--dbname", conn.dbname, str(source)])


def _restore_manual(db: Database, source: Path) -> str:
    """What to run by hand to restore: pg_restore, then the app's migrations (the backup may be older)."""
    return f"{restore_command(db, source)} (then `volunteer-app db upgrade`)"


_RESTORE_OPTIONS = ("--clean", "--if-exists", "--single-transaction", "--exit-on-error")


# --------------------------------------------------------------------------- running them


def _run(program: Tool, args: Sequence[str], conn: Connection) -> subprocess.CompletedProcess[bytes]:
    """Run a tool with ``args``; never through a shell, never prompting, the password only in its environment."""
    try:
        return subprocess.run(
            [str(program.path), *args],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env=_environment(conn),
            check=False,
        )
    except OSError as exc:
        raise PgToolFailed(program.name, f"could not be started ({_cut(str(exc))})") from None


def _error_of(done: subprocess.CompletedProcess[bytes]) -> str:
    """The first error line a tool printed (its own name taken off), cut to one readable line."""
    lines = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    errors = [line for line in lines if "error:" in line.lower() or "fatal:" in line.lower()] or lines
    if not errors:
        return f"exit status {done.returncode}"
    first = re.sub(r"^(pg_dump|pg_restore):\s*", "", errors[0])
    first = re.sub(r"^error:\s*", "", first)
    return _cut(first)


def dump(db: Database, target: Path, *, overwrite: bool = False) -> Path:
    """Back ``db`` up to ``target`` with ``pg_dump --format=custom``; returns the full path.

    Written to a private (0600) temporary file beside ``target`` and moved into place in one step,
    so ``target`` is either absent, or a whole archive. An existing ``target`` raises
    ``FileExistsError`` unless ``overwrite``. ``PgToolsMissing`` when pg_dump cannot be used here
    (its message says what to run instead); ``PgToolFailed`` when it ran and failed.
    """
    target = target.expanduser().resolve()
    if target.is_dir():
        raise BackupError(f"{target} is a folder; name a file for the backup")
    if target.exists() and not overwrite:
        raise FileExistsError(target)
    program = tool(db, "pg_dump", manual=dump_command(db, target))
    conn = connection(db.url)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    part = Path(temporary)
    try:
        part.chmod(0o600)
        done = _run(
            program,
            ["--format=custom", "--no-password", "--file", str(part), *conn.args, _dbname_arg(conn.dbname)],
            conn,
        )
        if done.returncode != 0:
            raise PgToolFailed("pg_dump", f"{_error_of(done)} (no backup was written)")
        _move_into_place(part, target, overwrite=overwrite)
    finally:
        part.unlink(missing_ok=True)
    return target


def _move_into_place(part: Path, target: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(part, target)
        return
    try:
        os.link(part, target)  # fails if target appeared meanwhile: never replaces a file not ours to replace
    except FileExistsError:
        raise
    except OSError:
        # A filesystem without hard links (FAT, some shares): check, then rename.
        if target.exists():
            raise FileExistsError(target) from None
        os.replace(part, target)


# --------------------------------------------------------------------------- restore


def check_archive(db: Database, source_file: Path) -> Archive:
    """Check that ``source_file`` is a whole pg_dump archive of this app that may replace ``db``.

    Nothing is written. Raises ``FileNotFoundError`` (nothing there), ``BackupError`` naming the file
    and what is wrong (not a pg_dump custom archive, not this app's, cut short or damaged, older than
    the database), ``BackupTooNew`` (a revision this app does not know), ``PgToolsMissing``.
    """
    source = source_file.expanduser().resolve()
    _check_file(source)
    program = tool(db, "pg_restore", manual=_restore_manual(db, source))
    conn = connection(db.url)  # only for the environment: the checks read the file, not the server
    listed = _run(program, ["--list", str(source)], conn)
    if listed.returncode != 0:
        raise BackupError(f"{source} is a pg_dump archive cut short or damaged ({_error_of(listed)})")
    toc = _TOC_TABLE.findall(listed.stdout.decode("utf-8", "replace"))
    tables = {name for _schema, name, _owner in toc}
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise BackupError(
            f"{source} is a pg_dump archive but not of a volunteer-app database (it has no table {', '.join(missing)})"
        )
    revision = _archive_revision(program, conn, source)
    if revision not in known_revisions():
        raise BackupTooNew(source, _cut(revision, 40))
    lacking = sorted(set(expected_schema(revision)) - tables)
    if lacking:
        raise BackupError(
            f"{source} lacks the table(s) {', '.join(lacking[:5])} of a volunteer-app database at revision "
            f"{revision}, so it is not a whole backup"
        )
    whole = _run(program, ["--file", os.devnull, str(source)], conn)
    if whole.returncode != 0:
        raise BackupError(f"{source} is a pg_dump archive cut short or damaged ({_error_of(whole)})")
    live = status(db)
    if live.current is not None and (not live.known or _position(live.current) > _position(revision)):
        raise BackupError(
            f"{source} is at the schema revision {revision}, older than the database's {_cut(live.current, 40)}: "
            "pg_restore would leave the newer tables in place. Restore it into a new, empty database "
            "(createdb NAME, then volunteer-app --database URL-OF-NAME db restore FILE)"
        )
    return Archive(source, revision, frozenset(owner for _schema, _name, owner in toc))


def _check_file(source: Path) -> None:
    if source.is_dir():
        raise BackupError(f"{source} is a folder, not a backup file")
    if not source.exists():
        raise FileNotFoundError(f"no backup file at {source}")
    if not source.is_file():
        raise BackupError(f"{source} is not a regular file, so not a backup file")
    with source.open("rb") as handle:
        head = handle.read(len(ARCHIVE_MAGIC))
    if not head:
        raise BackupError(f"{source} is empty, not a pg_dump archive of a volunteer-app database")
    if head != ARCHIVE_MAGIC:
        raise BackupError(
            f"{source} is not a pg_dump archive (custom format, as `volunteer-app db backup` makes), "
            "so not a backup of this PostgreSQL database"
        )


def _archive_revision(program: Tool, conn: Connection, source: Path) -> str:
    """The schema revision stored in the archive, read by restoring the one table to text (nothing is written)."""
    done = _run(program, ["--data-only", "--table=alembic_version", "--file=-", str(source)], conn)
    if done.returncode != 0:
        raise BackupError(f"{source}: its schema revision cannot be read ({_error_of(done)})")
    versions: list[str] = []
    copying = False
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if copying:
            if line == "\\.":
                copying = False
            else:
                versions.append(line.strip())
        elif line.startswith("COPY ") and "alembic_version" in line and line.rstrip().endswith("FROM stdin;"):
            copying = True
    if len(versions) != 1:
        raise BackupError(f"{source} is not a volunteer-app backup: it has {len(versions)} schema revisions")
    return versions[0]


def _position(revision: str) -> int:
    """How far along the chain ``revision`` is (0: the first migration)."""
    script = ScriptDirectory.from_config(alembic_config())
    chain = [r.revision for r in script.walk_revisions("base", "heads")]
    chain.reverse()
    return chain.index(revision)


def restore(db: Database, archive: Archive) -> None:
    """Replace ``db``'s content with ``archive`` (checked by ``check_archive``) in one transaction.

    ``pg_restore --clean --if-exists --single-transaction --exit-on-error`` (and ``--no-owner`` unless
    ``keeps_owners``): the app's objects are dropped and made again from the archive; if any step fails
    the server rolls all of it back (``PgToolFailed``), so the database holds what it held before.
    """
    program = tool(db, "pg_restore", manual=_restore_manual(db, archive.path))
    conn = connection(db.url)
    owners = [] if keeps_owners(db, archive) else ["--no-owner"]
    db.dispose()  # idle pooled connections of our own need not stay open while tables are replaced
    done = _run(
        program,
        [
            *_RESTORE_OPTIONS,
            *owners,
            "--no-password",
            *conn.args,
            "--dbname",
            _dbname_arg(conn.dbname),
            str(archive.path),
        ],
        conn,
    )
    if done.returncode != 0:
        raise PgToolFailed("pg_restore", f"{_error_of(done)} (rolled back: the database is as it was)")


def keeps_owners(db: Database, archive: Archive) -> bool:
    """Whether the restore gives each object back to the role that owned it (else ``--no-owner``).

    On a shared server the owner role made by ``server init`` must own every table again (it alone
    migrates; row-level security depends on it), so owners are kept when every one of them exists
    here and the restoring login may act as it (a superuser, or a member, as ``server init`` makes
    whoever ran it). Otherwise, as for a backup from another server, the restoring login owns them.
    """
    if not archive.owners:
        return False
    names = sorted(archive.owners)
    with db.engine.connect() as conn:
        usable = conn.execute(
            text(
                "SELECT count(*) FROM pg_roles r WHERE r.rolname = ANY(:names) "
                "AND pg_has_role(current_user, r.oid, 'MEMBER')"
            ),
            {"names": names},
        ).scalar_one()
    return int(usable) == len(names)


def _cut(value: str, limit: int = _LONGEST_DETAIL) -> str:
    value = scrub_secrets("".join(ch if ch.isprintable() else " " for ch in value)).strip()
    return value if len(value) <= limit else value[: limit - 1] + "…"


__all__ = [
    "ARCHIVE_MAGIC",
    "BIN_ENV",
    "REQUIRED_TABLES",
    "Archive",
    "Connection",
    "PgToolFailed",
    "PgToolsMissing",
    "Tool",
    "check_archive",
    "connection",
    "dump",
    "dump_command",
    "find",
    "restore",
    "restore_command",
    "server_version",
    "tool",
]
