"""``volunteer-app db ...``: schema status, upgrade, backup and restore.

``status``, ``backup`` and ``restore`` only look at or copy a database, so an SQLite path
where no file exists is refused ("there is no database at ...", exit 2) instead of creating
an empty database and its folders there. ``upgrade`` creates the database, as a first start does.

A database made by a newer volunteer-app (a schema revision this app does not know):
``status`` prints the usual lines with the sentence "this database was made by a newer
volunteer-app (revision ...); update the app" and exits 2; ``upgrade`` refuses with that
sentence (exit 2) and writes nothing, not even a backup. ``backup`` still copies it, and
``restore`` may replace it (its content is kept in the backups folder first).

On PostgreSQL ``backup`` and ``restore`` run PostgreSQL's ``pg_dump`` / ``pg_restore`` (found on
PATH, in the usual install folders, or in the folder named by VOLUNTEER_APP_PG_BIN). When they
are not installed here, or are older than the server, the one-line refusal (exit 2) says exactly
what to run by hand; a tool that ran and failed (server refused, disk full) is one line, exit 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from volunteer_app import paths
from volunteer_app.cli.context import CliContext, UsageError, confirm
from volunteer_app.services import faults, storage

EXIT_TOO_NEW = 2  # ``db status`` of a database made by a newer volunteer-app (a user-facing problem)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    db = subparsers.add_parser("db", parents=[common], help="database schema and backups")
    sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    p = sub.add_parser(
        "upgrade",
        parents=[common],
        help="bring the schema to the newest revision",
        description="Bring the schema to the newest revision, in one transaction (all of it or nothing); "
        "an SQLite file that is behind is first copied to the backups folder. A database made by a newer "
        "volunteer-app is refused (exit 2) and left as it is.",
    )
    p.set_defaults(handler=_upgrade)
    p = sub.add_parser(
        "status",
        parents=[common],
        help="show the current and the newest (head) revision",
        description="Show the database's schema revision and the newest this app knows. Exit 0; exit 2 when "
        "there is no database at the SQLite path given (nothing is created) or the database was made by a "
        "newer volunteer-app (update the app).",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_status)
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="copy the database to FILE (online, consistent; pg_dump on PostgreSQL)",
        description="Copy the database to FILE while it is in use. An existing FILE is left alone "
        "unless --force is given. SQLite: a copy of the file. PostgreSQL: a pg_dump archive (custom "
        "format, private to you), made by PostgreSQL's pg_dump, which must be installed here and at least "
        "as new as the server (looked for on PATH, in the usual install folders, or in the folder named "
        "by VOLUNTEER_APP_PG_BIN); otherwise the command says exactly what to run on the server.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(handler=_backup)
    p = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the database with a backup FILE (keeps a copy of the old one)",
        description="Replace the SQLite database with a backup FILE made by `db backup`. FILE is checked "
        "before anything changes: an intact SQLite file (integrity check), a schema revision this app knows "
        "(an older one is upgraded as it is restored; a newer one is refused), and every table and column "
        "of that revision. What the database held before is then copied to the backups folder of the app "
        f"home ({paths.HOME_ENV} or the per-user data folder), and the command asks before it replaces "
        "anything; scripts pass --yes. A refused FILE exits 2 and changes nothing. "
        "PostgreSQL: FILE is a pg_dump archive made by `db backup`; it is read to its end and its schema "
        "revision checked first, what the database holds is kept with pg_dump, and pg_restore replaces it "
        "in one transaction (a failure leaves the database as it was); an older backup is then upgraded.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation (for scripts)")
    p.set_defaults(handler=_restore)


def _existing_database(ctx: CliContext) -> storage.Database:
    """The database for a command that only looks or copies: an SQLite path with no file is refused."""
    storage.require_existing(ctx.database_url)
    return ctx.database(migrate=False)


def _one_line(exc: Exception) -> UsageError:
    """A database made by a newer app, or not ours at all: one sentence, exit 2."""
    return UsageError(str(exc))


def _upgrade(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database(migrate=False)
    try:
        made = storage.upgrade(db)
    except (storage.SchemaTooNew, storage.NotAnAppDatabase) as exc:
        raise _one_line(exc) from None
    if made:
        print(f"backed up the old database to {made}")
    state = storage.schema_status(db)
    print(f"{db.describe()}: at revision {state.current} (head {state.head})")
    return 0


def _status(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        db = _existing_database(ctx)
    except storage.NoDatabase as exc:
        if exc.path.resolve() != paths.default_database_path().resolve():
            raise
        # The app's own default file before its first start: nothing is wrong, there is just nothing yet.
        return _no_database_yet(args, ctx, exc.path)
    try:
        state = storage.schema_status(db)
    except storage.NotAnAppDatabase as exc:
        raise _one_line(exc) from None
    too_new = str(state.too_new_error()) if state.too_new else None
    if args.json:
        answer: dict[str, object] = {
            "database": db.describe(),
            "current": state.current,
            "head": state.head,
            "at_head": state.at_head,
        }
        if too_new:
            answer |= {"too_new": True, "message": too_new}
        ctx.print_json(answer)
    else:
        print(f"database: {db.describe()}")
        print(f"current:  {state.current or '(empty: no schema yet)'}")
        print(f"head:     {state.head}")
        if too_new:
            print(too_new)
        else:
            print("up to date" if state.at_head else "behind: run `volunteer-app db upgrade`")
    return EXIT_TOO_NEW if too_new else 0


def _no_database_yet(args: argparse.Namespace, ctx: CliContext, path: Path) -> int:
    head = storage.head_revision()
    note = "no database yet: the app makes it at its first start (or run `volunteer-app db upgrade`)"
    if args.json:
        ctx.print_json({"database": str(path), "current": None, "head": head, "at_head": False, "exists": False})
    else:
        print(f"database: {path}")
        print("current:  (none)")
        print(f"head:     {head}")
        print(note)
    return 0


def _tool_failed(exc: storage.PgToolFailed) -> int:
    """pg_dump / pg_restore ran and failed (the server, the disk, permissions): one line, exit 1."""
    print(f"volunteer-app: error: {faults.scrub(str(exc))}", file=sys.stderr)
    return faults.EXIT_ENVIRONMENT


def _backup(args: argparse.Namespace, ctx: CliContext) -> int:
    db = _existing_database(ctx)
    try:
        target = storage.backup(db, args.file, overwrite=args.force)
    except storage.BackupExists as exc:
        raise UsageError(f"{exc.path} already exists: choose another name, or add --force to replace it") from None
    except storage.PgToolFailed as exc:
        return _tool_failed(exc)
    print(f"backed up {db.describe()} to {target}")
    return 0


def _restore(args: argparse.Namespace, ctx: CliContext) -> int:
    db = _existing_database(ctx)
    source = storage.check_restore_file(db, args.file)  # a bad file is refused before anyone is asked
    confirm(
        f"Replace the database {db.describe()} with {source}? A copy of what it holds now is kept in "
        f"{paths.backups_dir()}.",
        assume_yes=args.yes,
        refusal=f"restore replaces the database {db.describe()}: confirm in a terminal, or add --yes",
    )
    try:
        restored = storage.restore(db, source)
    except storage.PgToolFailed as exc:
        return _tool_failed(exc)
    print(f"restored {db.describe()} from {restored.source}")
    if restored.previous_copy is not None:
        print(f"the database as it was before is kept in {restored.previous_copy}")
    if restored.upgraded:
        print(
            f"the backup was at the older schema revision {restored.revision} and has been upgraded as it was "
            f"restored (the file {restored.source} itself is unchanged)"
        )
    return 0
