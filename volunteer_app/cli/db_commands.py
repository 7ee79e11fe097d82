"""``volunteer-app db ...``: schema status, upgrade, backup and restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from volunteer_app import paths
from volunteer_app.cli.context import CliContext, UsageError, confirm
from volunteer_app.services import storage


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    db = subparsers.add_parser("db", parents=[common], help="database schema and backups")
    sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    p = sub.add_parser("upgrade", parents=[common], help="bring the schema to the newest revision")
    p.set_defaults(handler=_upgrade)
    p = sub.add_parser("status", parents=[common], help="show the current and the newest (head) revision")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_status)
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="copy the SQLite database to FILE (online, consistent)",
        description="Copy the SQLite database to FILE while it is in use. An existing FILE is left alone "
        "unless --force is given.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(handler=_backup)
    p = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the SQLite database with a backup FILE (keeps a copy of the old one)",
        description="Replace the SQLite database with a backup FILE made by `db backup`. What the database "
        f"held before is first copied to the backups folder of the app home ({paths.HOME_ENV} or the "
        "per-user data folder), and the command asks before it replaces anything; scripts pass --yes.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation (for scripts)")
    p.set_defaults(handler=_restore)


def _upgrade(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database(migrate=False)
    made = storage.upgrade(db)
    if made:
        print(f"backed up the old database to {made}")
    state = storage.schema_status(db)
    print(f"{db.describe()}: at revision {state.current} (head {state.head})")
    return 0


def _status(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database(migrate=False)
    state = storage.schema_status(db)
    if args.json:
        ctx.print_json(
            {"database": db.describe(), "current": state.current, "head": state.head, "at_head": state.at_head}
        )
    else:
        print(f"database: {db.describe()}")
        print(f"current:  {state.current or '(empty: no schema yet)'}")
        print(f"head:     {state.head}")
        print("up to date" if state.at_head else "behind: run `volunteer-app db upgrade`")
    return 0


def _backup(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database(migrate=False)
    try:
        target = storage.backup(db, args.file, overwrite=args.force)
    except storage.BackupExists as exc:
        raise UsageError(f"{exc.path} already exists: choose another name, or add --force to replace it") from None
    print(f"backed up {db.describe()} to {target}")
    return 0


def _restore(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database(migrate=False)
    source = storage.check_restore_file(db, args.file)  # a bad file is refused before anyone is asked
    confirm(
        f"Replace the database {db.describe()} with {source}? A copy of what it holds now is kept in "
        f"{paths.backups_dir()}.",
        assume_yes=args.yes,
        refusal=f"restore replaces the database {db.describe()}: confirm in a terminal, or add --yes",
    )
    restored = storage.restore(db, source)
    print(f"restored {db.describe()} from {restored.source}")
    if restored.previous_copy is not None:
        print(f"the database as it was before is kept in {restored.previous_copy}")
    if restored.upgrade_backup is not None:
        print(f"the restored file was behind and has been upgraded (its old form: {restored.upgrade_backup})")
    return 0
