"""``volunteer-app db ...``: schema status, upgrade, backup and restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from volunteer_app.cli.context import CliContext
from volunteer_app.store import migrate


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    db = subparsers.add_parser("db", parents=[common], help="database schema and backups")
    sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    p = sub.add_parser("upgrade", parents=[common], help="bring the schema to the newest revision")
    p.set_defaults(handler=_upgrade)
    p = sub.add_parser("status", parents=[common], help="show the current and the newest (head) revision")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_status)
    p = sub.add_parser("backup", parents=[common], help="copy the SQLite database to FILE (online, consistent)")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=_backup)
    p = sub.add_parser("restore", parents=[common], help="replace the SQLite database with a backup FILE")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=_restore)


def _upgrade(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database(migrate=False)
    made = migrate.upgrade(db)
    if made:
        print(f"backed up the old database to {made}")
    state = migrate.status(db)
    print(f"{db.describe()}: at revision {state.current} (head {state.head})")
    return 0


def _status(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database(migrate=False)
    state = migrate.status(db)
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
    target = migrate.backup_sqlite(db, args.file)
    print(f"backed up {db.describe()} to {target}")
    return 0


def _restore(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database(migrate=False)
    migrate.restore_sqlite(db, args.file)
    made = migrate.upgrade(db)
    print(f"restored {db.describe()} from {args.file}" + (f" (then upgraded; old copy in {made})" if made else ""))
    return 0
