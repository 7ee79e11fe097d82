"""``volunteer-app demo``: fill an empty database with a believable community to try the app."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from volunteer_app.cli.arguments import whole_number
from volunteer_app.cli.context import CliContext
from volunteer_app.demo import accounts_file, language
from volunteer_app.demo import catalogue as demo_catalogue
from volunteer_app.demo import community as demo

DESCRIPTION = """\
Fill an empty database with a demo community in one city: organisations with their
coordinators and admins, a site administrator, volunteers with skills, homes and free
hours, tasks over the next two weeks (fixed and flexible, some remote, some recurring)
with signups, and a past month of completed tasks with verified, pending, rejected and
corrected hours. One coordinator also volunteers, to show both sides of the window.
It prints every account it made with its password once, and keeps the list in
demo-accounts.txt in the app home (readable by you alone); a later --if-empty run
over the same database prints it again.

The demo passwords are stored with a LIGHT Argon2 hash, so 200 accounts are ready in a
second: faster to guess than a real account's. Each account's first sign-in replaces it
with a hash at the full settings. Do not give demo accounts to real people.

--lang auto (the default) writes the demo in the language the window will speak:
the language chosen in Settings, else the system's (Chinese for a zh locale, else English).

A database that already holds data (any account or organisation) is refused, unless:
  --if-empty  print one line and exit 0 without changing anything (for start-up scripts);
  --force     first DELETE EVERY ROW OF EVERY TABLE (accounts, tasks, hours, audit trail...;
              the schema stays), then fill, all in one transaction.

The same --seed gives the same community (accounts, passwords, titles); without
--seed a random one is used and printed, so the run can be repeated."""


def _count(text: str) -> int:
    """A count for --volunteers/--tasks (argparse prefixes its errors with the option's name)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"needs a whole number, not {text!r}") from None
    if not 0 <= value <= demo.MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be 0 to {demo.MAX_COUNT}, not {value}")
    return value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "demo",
        parents=[common],
        help="fill an empty database with a demo community (prints the accounts and passwords)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--volunteers", type=_count, default=200, metavar="N", help="default: 200")
    p.add_argument(
        "--tasks",
        type=_count,
        default=60,
        metavar="N",
        help="upcoming tasks over the next 14 days (default: 60); as many again in the past month",
    )
    p.add_argument("--seed", type=whole_number, metavar="S", help="random seed (default: a random one, printed)")
    p.add_argument(
        "--city",
        default="Hangzhou",
        metavar="NAME",
        help="default: Hangzhou; built in: "
        + ", ".join(c.name_en for c in demo_catalogue.CITIES)
        + "; other cities come from the offline gazetteer",
    )
    p.add_argument(
        "--lang",
        choices=(*demo.LANGUAGES, language.AUTO),
        default=language.AUTO,
        help="language of names and texts; auto (the default) follows the window's language",
    )
    p.add_argument("--json", action="store_true", help="print JSON: accounts, counts, city, database")
    when_full = p.add_mutually_exclusive_group()
    when_full.add_argument(
        "--force", action="store_true", help="on a database that holds data: delete ALL its rows first, then fill"
    )
    when_full.add_argument(
        "--if-empty", action="store_true", help="on a database that holds data: say so and exit 0, changing nothing"
    )
    p.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database()
    if args.if_empty and not demo.is_empty(db):
        return _skipped(args, ctx, db.describe())
    options = demo.DemoOptions(
        volunteers=args.volunteers,
        tasks=args.tasks,
        seed=args.seed,
        city=args.city,
        lang=language.resolve(args.lang),
        force=args.force,
    )
    report = demo.fill_demo(db, options)
    try:
        kept: Path | None = accounts_file.write(report.accounts, db.describe())
    except OSError as exc:
        # The accounts are still printed below; only the copy in the app home is missing.
        print(f"volunteer-app: warning: could not keep the demo accounts in the app home ({exc})", file=sys.stderr)
        kept = None
    if args.json:
        ctx.print_json(
            {
                **report.to_dict(),
                "database": db.describe(),
                "accounts_file": str(kept) if kept else None,
                "password_hashes": accounts_file.HASH_NOTE,
            }
        )
        return 0
    for line in accounts_file.table_lines(report.accounts):
        print(line)
    print()
    if kept is not None:
        print(f"accounts:  kept in {kept} (readable by you alone), printed again by `demo --if-empty`")
    else:
        print("accounts:  printed only here: write them down")
    print(f"database:  {db.describe()}" + ("  (wiped first)" if report.wiped else ""))
    print(f"city:      {report.city} ({report.timezone}), language {report.lang}, seed {report.seed}")
    c = report.counts
    print(
        f"made:      {c['accounts']} accounts ({c['site_admins']} site administrator, {c['org_admins']} organisation "
        f"admins, {c['coordinators']} coordinators ({c['coordinators_volunteering']} also volunteering), "
        f"{c['volunteers']} volunteers) in {c['organisations']} "
        f"organisations, {c['skills']} skills;"
    )
    print(
        f"           {c['tasks']} upcoming tasks ({c['upcoming_occurrences']} dates) with {c['signups']} signups; "
        f"{c['past_tasks']} past tasks with {c['service_records']} hour records ({c['verified']} verified, "
        f"{c['pending']} pending, {c['rejected']} rejected, {c['corrections']} corrections)"
    )
    print(f"time:      {report.total_seconds:.1f} s (hashing passwords {report.hash_seconds:.1f} s)")
    print(f"passwords: {accounts_file.HASH_NOTE}")
    return 0


def _skipped(args: argparse.Namespace, ctx: CliContext, database: str) -> int:
    """--if-empty over a database that holds data: change nothing; show its demo accounts if they are kept."""
    message = "the database already holds data; demo left it unchanged"
    kept = accounts_file.read()
    ours = kept is not None and kept.database == database
    if args.json:
        answer = {
            "skipped": True,
            "message": message,
            "database": database,
            "accounts_file": str(kept.path) if kept is not None and ours else None,
        }
        print(json.dumps(answer, ensure_ascii=False))
        return 0
    print(f"{database}: {message}")
    if kept is not None and ours:
        print(f"its demo accounts, kept in {kept.path}:")
        for line in kept.table:
            print(line)
    elif kept is not None:
        print(f"the demo accounts in {kept.path} belong to another database ({kept.database or 'unknown'})")
    return 0
