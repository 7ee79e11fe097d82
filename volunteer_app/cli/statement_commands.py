"""``statement``: portable signed hour statements between installations.

    volunteer-app statement export --out FILE [--volunteer EMAIL] [--force]
    volunteer-app statement import FILE
    volunteer-app statement list [--json]

All act as ``--user``. A volunteer exports their issued certificates; a coordinator exporting for a
volunteer (``--volunteer``) also signs a part with each organisation they coordinate. Import checks
every part's signature against the trusted keys and stores nothing if one part fails.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any, TypeAlias

from volunteer_app import files
from volunteer_app.certificates import content
from volunteer_app.cli.context import CliContext, UsageError, add_user_option
from volunteer_app.services import certificates, statements

Parsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(subparsers: Parsers, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser(
        "statement", parents=[common], help="signed hour statements to carry verified hours to another installation",
        description="A statement is a JSON file of verified hours, each organisation's part signed with its key.",
    )
    actions: Parsers = group.add_subparsers(dest="statement_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
        p = actions.add_parser(name, parents=[common], help=help_text, description=help_text[0].upper() + help_text[1:])
        add_user_option(p)
        p.set_defaults(handler=handler)
        return p

    p = action("export", "write a signed statement of verified hours to a JSON file", _export)
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.add_argument("--volunteer", metavar="EMAIL", help="(coordinators) the volunteer to sign a statement for")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")

    p = action("import", "check a statement's signatures and add its hours to yours", _import)
    p.add_argument("file", type=Path, metavar="FILE")

    p = action("list", "the hours you imported from other installations", _list)
    p.add_argument("--json", action="store_true", help="print JSON")


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    path: Path = args.out
    if path.exists() and not args.force:
        raise UsageError(f"{path} exists already; choose another name or add --force")
    if not path.parent.exists():
        raise UsageError(f"the folder {path.parent} does not exist")
    db, actor = ctx.database(), ctx.actor()
    person_id = certificates.person_id_for_email(db, actor, args.volunteer) if args.volunteer else None
    statement = statements.export_statement(db, actor, person_id=person_id)
    fd, tmp = tempfile.mkstemp(prefix=".statement-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(statements.statement_bytes(statement))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    parts = statement["parts"]
    kinds = ", ".join(f"{sum(p['kind'] == k for p in parts)} {k}" for k in ("hours", "certificate")
                      if any(p["kind"] == k for p in parts))
    print(f"Statement for {statement['volunteer']['name']} with {len(parts)} signed part(s) ({kinds}) "
          f"written to {path}")
    return 0


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        data = files.read_bytes(args.file, what="the statement")
    except files.FileProblem as exc:
        raise UsageError(str(exc)) from None
    result = statements.import_statement(ctx.database(), ctx.actor(), data)
    for part in result.imported:
        print(f"Imported {content.hours_text(part.minutes, 1, 'en')} with {part.organisation} "
              f"({part.period_from} to {part.period_to}), signed by {part.trusted_as}")
    for part in result.already:
        print(f"Already imported: {part.organisation} ({part.period_from} to {part.period_to})")
    return 0


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    rows = statements.imported_statements(ctx.database(), ctx.actor())
    if args.json:
        ctx.print_json([
            {"organisation": r.organisation, "fingerprint": r.fingerprint, "minutes": r.minutes,
             "period_from": r.period_from.isoformat(), "period_to": r.period_to.isoformat(), "kind": r.kind,
             "imported_at": r.imported_at.isoformat()}
            for r in rows
        ])
        return 0
    if not rows:
        print("No imported hours.")
    for r in rows:
        print(f"{r.organisation}: {content.hours_text(r.minutes, 1, 'en')} ({r.period_from} to {r.period_to}), "
              f"signed {r.kind} part, key {r.fingerprint[:16]}")
    return 0
