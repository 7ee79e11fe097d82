"""``import tasks|volunteers FILE`` and ``export tasks|volunteers|hours FILE``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from volunteer_app.cli.arguments import whole_number
from volunteer_app.cli.context import EXIT_USAGE, CliContext, UsageError, add_user_option
from volunteer_app.domain.input_limits import show

PREVIEW_ROWS = 10
LISTED_WARNINGS = 20


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "import",
        parents=[common],
        help="import tasks or volunteers from a CSV or XLSX file",
        description="Reads every row, lists every problem (row, column, value) and, when there is none "
        "(or with --skip-invalid, for the rows without one), stores the rows in one transaction: "
        "an error or interruption stores nothing. Without --column, headers that name a field "
        "(any case, spaces or underscores) map themselves; a mapping used once is remembered for "
        "files with the same header row.",
        epilog="Task fields: title, description, organisation, category, address, latitude, longitude, location, "
        "remote, start, end, start_time, end_time, window_start, window_end, minutes, hours, recurrence, "
        "repeat_until, slots, priority, skills, timezone. Volunteer fields: email, name, phone, address, "
        "latitude, longitude, location, radius_km, skills, languages, timezone.",
    )
    p.add_argument("kind", choices=("tasks", "volunteers"))
    p.add_argument("file", type=Path, metavar="FILE", help="a .csv (any common encoding) or .xlsx file")
    p.add_argument("--column", action="append", default=[], metavar="FIELD=HEADER",
                   help="read FIELD from the column HEADER (repeatable; FIELD= leaves a field out)")
    p.add_argument("--organisation", metavar="NAME", help="the organisation (default: the one you coordinate)")
    p.add_argument("--dry-run", action="store_true", help="check and show what would be stored; store nothing")
    p.add_argument("--skip-invalid", action="store_true", help="store the rows without problems, skip the others")
    p.add_argument("--date-order", choices=("mdy", "dmy"),
                   help="how to read 05/06/2026 (default: detected per column when a value settles it)")
    p.add_argument("--timezone", metavar="ZONE",
                   help="time zone of rows without one (default: the organisation's), e.g. America/New_York")
    p.add_argument("--max-slots", type=whole_number, default=50, metavar="N",
                   help="places above N, and 'as many as possible' (9999), become N (default 50)")
    p.add_argument("--draft", action="store_true", help="tasks: store as drafts (default: open)")
    p.add_argument("--passwords-file", type=Path, metavar="FILE",
                   help="volunteers: write the new accounts' passwords here (CSV) instead of printing them")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_import)

    p = subparsers.add_parser(
        "export",
        parents=[common],
        help="export tasks, volunteers or hours to CSV (or XLSX)",
        description="Writes a CSV (UTF-8, a header row), or an XLSX workbook when FILE ends in .xlsx, of "
        "your organisations (or the one named). Exported tasks import back unchanged.",
    )
    p.add_argument("what", choices=("tasks", "volunteers", "hours"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--organisation", metavar="NAME", help="only this organisation (default: all you coordinate)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_export)


def _columns(pairs: list[str]) -> dict[str, str | None]:
    columns: dict[str, str | None] = {}
    for pair in pairs:
        field, sep, header = pair.partition("=")
        if not sep or not field.strip():
            raise UsageError(f"--column {show(pair)}: write it as FIELD=HEADER, e.g. --column start=start_date")
        columns[field.strip()] = header.strip() or None
    return columns


def _organisation_id(ctx: CliContext, name: str | None) -> int | None:
    if not name:
        return None
    from volunteer_app.services import organisations

    return organisations.find_organisation(ctx.database(), ctx.actor(), name).id


def _problem_line(entry: dict[str, Any]) -> str:
    column = f", column {entry['column']!r}" if entry["column"] else ""
    value = f", value {entry['value']!r}" if entry["value"] else ""
    return f"  row {entry['row']}{column}{value}: {entry['message']}"


def _preview_line(prepared: Any) -> str:
    from volunteer_app.domain import timefmt

    data = prepared.data
    if hasattr(data, "title"):
        when = timefmt.task_time_text(data.starts_at, data.ends_at, data.timezone, minutes=data.minutes)
        repeat = f", weekly until {data.repeat_weekly_until} ({prepared.occurrences} dates)" \
            if data.repeat_weekly_until else ""
        place = "remote" if data.is_remote else (
            f"{data.latitude:.5f}, {data.longitude:.5f}" if data.latitude is not None else (data.address or "no place"))
        return (f"  row {prepared.row}: {data.title!r} - {when}{repeat}; {data.slots} place(s), priority "
                f"{data.priority}; {data.category or 'no category'}; {place}; {prepared.organisation}")
    status = "has an account" if data.existing else "new account"
    return f"  row {prepared.row}: {data.email} ({data.name}) - {status}; {prepared.organisation}"


def _write_passwords(path: Path, passwords: list[tuple[str, str]]) -> None:
    import csv

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["email", "password"])
        writer.writerows(passwords)


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import imports

    if args.max_slots < 1:
        raise UsageError("--max-slots must be at least 1")
    db = ctx.database()
    actor = ctx.actor()
    options = imports.ImportOptions(
        organisation_id=_organisation_id(ctx, args.organisation), columns=_columns(args.column),
        date_order=args.date_order, timezone=args.timezone, draft=args.draft, max_slots=args.max_slots,
    )
    table = imports.read_file(args.file)
    plan = imports.prepare(db, actor, args.kind, table, options, file_name=args.file.name)
    try:
        result = imports.execute(db, actor, plan, skip_invalid=args.skip_invalid, dry_run=args.dry_run)
    except imports.ImportRefused as refused:
        if args.json:
            ctx.print_json(refused.plan.as_dict() | {"written": 0, "refused": True})
        else:
            _print_plan(plan)
        print(f"volunteer-app: error: {refused}", file=sys.stderr)
        return EXIT_USAGE
    if args.passwords_file and result.passwords:
        _write_passwords(args.passwords_file, result.passwords)
    if args.json:
        data = result.as_dict()
        if args.passwords_file:
            data["new_accounts"] = [{"email": e} for e, _ in result.passwords]
            data["passwords_file"] = str(args.passwords_file)
        if args.dry_run:
            data["preview"] = [_preview_line(r).strip() for r in plan.rows[:PREVIEW_ROWS]]
        ctx.print_json(data)
        return 0
    _print_plan(plan)
    if args.dry_run:
        print(f"As they would be stored (first {min(PREVIEW_ROWS, len(plan.rows))} of {len(plan.rows)}):")
        for prepared in plan.rows[:PREVIEW_ROWS]:
            print(_preview_line(prepared))
    noun = "task(s)" if args.kind == "tasks" else "volunteer(s)"
    extra = f" with {result.occurrences} dated occurrence(s)" if args.kind == "tasks" else ""
    skipped = f"; skipped {len(result.skipped_rows)} row(s) with problems" if result.skipped_rows else ""
    if args.dry_run:
        count = len(plan.rows)
        print(f"Dry run: {count} {noun}{extra} would be stored{skipped}; nothing was written.")
    else:
        print(f"Imported {result.written} {noun}{extra}{skipped}.")
    if result.passwords and not args.dry_run:
        if args.passwords_file:
            print(f"The {len(result.passwords)} new accounts' passwords are in {args.passwords_file} "
                  "(readable by you only): give each person theirs.")
        else:
            print("New accounts and their passwords (shown once; give each person theirs):")
            for email, password in result.passwords:
                print(f"  {email}  {password}")
    return 0


def _print_plan(plan: Any) -> None:
    mapping = ", ".join(f"{field} <- {header!r}" for field, header in plan.mapping.items())
    print(f"{plan.file_name}: {plan.total_rows} row(s); columns ({plan.mapping_source}): {mapping}")
    if plan.problems:
        print(f"Problems ({len(plan.problems)} in {len(plan.rows_with_problems)} row(s)):")
        for problem in plan.problems:
            print(_problem_line(problem.as_dict()))
    if plan.warnings:
        print(f"Changed while importing ({len(plan.warnings)}):")
        for warning in plan.warnings[:LISTED_WARNINGS]:
            print(_problem_line(warning.as_dict()))
        if len(plan.warnings) > LISTED_WARNINGS:
            print(f"  ... and {len(plan.warnings) - LISTED_WARNINGS} more (--json lists them all)")


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import exports, organisations

    if args.file.exists() and not args.force:
        raise UsageError(f"{args.file} exists already: choose another name, or --force to overwrite it")
    db = ctx.database()
    actor = ctx.actor()
    name = organisations.find_organisation(db, actor, args.organisation).name if args.organisation else None
    count = exports.export(db, actor, args.what, args.file, organisation=name)
    if args.json:
        ctx.print_json({"what": args.what, "file": str(args.file), "rows": count})
    else:
        print(f"Exported {count} {args.what} row(s) to {args.file}.")
    return 0
