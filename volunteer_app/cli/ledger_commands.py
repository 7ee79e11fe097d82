"""``ledger verify`` (recompute every hash chain and what it covers) and ``ledger checkpoint`` (a signed head).

``verify`` exits 0 when everything is intact, 1 when something was changed, removed or inserted
behind the app's back (naming the first such entry and what differs), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from volunteer_app import files
from volunteer_app.cli.context import CliContext, UsageError
from volunteer_app.services import ledger
from volunteer_app.services.organisations import find_organisation

EXIT_BROKEN = 1
SHOWN_PROBLEMS = 10


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser("ledger", parents=[common], help="the tamper-evident hours ledger")
    sub = group.add_subparsers(dest="ledger_command", metavar="ACTION", required=True)
    p = sub.add_parser(
        "verify",
        parents=[common],
        help="recompute every chain and compare every record it covers (exit 0 intact, 1 broken)",
        description="Recomputes each organisation's hash chain and compares every hours record and certificate "
        "it covers with what the database holds now. Exit status 0: intact; 1: something was changed, removed "
        "or inserted behind the app's back (the first such entry is named, with what differs).",
    )
    p.add_argument("--organisation", metavar="NAME", help="check only this organisation's chain")
    p.add_argument("--checkpoint", type=Path, metavar="FILE", help="also hold the chain against a signed checkpoint")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--user", metavar="EMAIL", help="act as this account (not needed: the check reads no private data)")
    p.set_defaults(handler=_verify)

    p = sub.add_parser(
        "checkpoint",
        parents=[common],
        help="write a signed checkpoint (chain length and head hash) of an organisation's ledger",
        description="Writes a small JSON file with the organisation's name, key fingerprint, chain length, head hash "
        "and time, signed with the organisation's key. Keep it outside the database: `ledger verify --checkpoint "
        "FILE` then also catches a rewrite of the whole chain. For a coordinator or admin of the organisation.",
    )
    p.add_argument("--organisation", required=True, metavar="NAME")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.add_argument("--user", metavar="EMAIL", required=True,
                   help="act as this account; the password comes from $VOLUNTEER_APP_PASSWORD or a prompt")
    p.set_defaults(handler=_checkpoint)


def _organisation(args: argparse.Namespace, ctx: CliContext) -> int | None:
    if not args.organisation:
        return None
    if getattr(args, "user", None):
        return find_organisation(ctx.database(), ctx.actor(), args.organisation).id
    return ledger.organisation_by_name(ctx.database(), args.organisation)


def _verify(args: argparse.Namespace, ctx: CliContext) -> int:
    checkpoint = None
    if args.checkpoint is not None:
        try:
            checkpoint = ledger.read_checkpoint(files.read_text(args.checkpoint, what="the checkpoint file"))
        except files.FileProblem as exc:
            raise UsageError(str(exc)) from None
    org_id = _organisation(args, ctx)
    actor = ctx.actor() if args.user else None
    report = ledger.verify(ctx.database(), actor, org_id, checkpoint=checkpoint)
    if args.json:
        ctx.print_json(report.as_json())
    else:
        for chain in report.chains:
            print(f"{chain.organisation}: {chain.length} entries, head {chain.head[:16]}…")
        if report.checkpoint is not None:
            print(f"checkpoint of {report.checkpoint['organisation']} at {report.checkpoint['at']}: "
                  f"{report.checkpoint['length']} entries")
        if report.ok:
            print(f"intact: {report.entries_checked} entries and {report.records_checked} records checked")
        else:
            print(f"BROKEN: {report.problem_count} problem(s) in {report.entries_checked} entries")
            for problem in report.problems[:SHOWN_PROBLEMS]:
                print(f"  {problem.message}")
            if report.problem_count > SHOWN_PROBLEMS:
                print(f"  … and {report.problem_count - SHOWN_PROBLEMS} more (--json lists up to "
                      f"{ledger.MAX_PROBLEMS})")
    return 0 if report.ok else EXIT_BROKEN


def _checkpoint(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    org = find_organisation(db, actor, args.organisation)
    data = ledger.checkpoint(db, actor, org.id)
    out = args.out.expanduser()
    try:
        tmp = out.with_name(out.name + ".part")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"wrote the checkpoint of {data['organisation']} ({data['length']} entries, head {data['head'][:16]}…) "
          f"to {out}")
    return 0
