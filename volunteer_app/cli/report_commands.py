"""``report`` (an organisation's figures, for its coordinators) and ``transparency`` (for anyone)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from volunteer_app.cli.context import CliContext, UsageError, add_user_option
from volunteer_app.services import reports
from volunteer_app.services.organisations import find_organisation


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "report",
        parents=[common],
        help="an organisation's verified hours, fill rate, no-shows and verification delay",
        description="Verified hours per volunteer, task, category and month; fill rate (places filled / "
        "places offered on tasks that have happened), no-show rate and the median days from service to "
        "verification. Dates are the organisation's local days, both inclusive.",
    )
    p.add_argument("--organisation", required=True, metavar="NAME")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first day, e.g. 2026-01-01")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day, inclusive")
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write the figures as CSV")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_report)

    p = subparsers.add_parser(
        "transparency",
        parents=[common],
        help="an organisation's public summary: hours, fill rate, verification delay, rejections, corrections",
    )
    p.add_argument("--organisation", required=True, metavar="NAME")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_transparency)


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.1f} h"


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} days"


def _report(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    org = find_organisation(db, actor, args.organisation)
    timezone = reports.organisation_timezone(db, actor, org.id)
    start, end = reports.local_day_bounds(args.date_from, args.date_to, timezone)
    report = reports.organisation_report(db, actor, org.id, start=start, end=end, now=datetime.now(UTC))
    if args.csv:
        if args.csv.is_dir():
            raise UsageError(f"--csv {args.csv} is a folder; name a file")
        args.csv.write_text(reports.report_csv(report), encoding="utf-8")
    if args.json:
        ctx.print_json(
            {
                "organisation": report.organisation,
                "from": start.isoformat() if start else None,
                "to": end.isoformat() if end else None,
                "verified_minutes": report.verified_minutes,
                "by_volunteer": [{"label": f.label, "minutes": f.minutes} for f in report.by_volunteer],
                "by_task": [{"label": f.label, "minutes": f.minutes} for f in report.by_task],
                "by_category": [{"label": f.label, "minutes": f.minutes} for f in report.by_category],
                "by_month": [{"month": f.label, "minutes": f.minutes} for f in report.by_month],
                "places_offered": report.places_offered,
                "places_filled": report.places_filled,
                "fill_rate": report.fill_rate,
                "no_show_rate": report.no_show_rate,
                "median_days_to_verify": report.median_days_to_verify,
            }
        )
        return 0
    print(f"{report.organisation}: {_hours(report.verified_minutes)} verified")
    print(f"  fill rate {_rate(report.fill_rate)} ({report.places_filled} of {report.places_offered} places)")
    print(f"  no-show rate {_rate(report.no_show_rate)}")
    print(f"  median time to verify {_days(report.median_days_to_verify)}")
    for title, figures in (
        ("by volunteer", report.by_volunteer),
        ("by task", report.by_task),
        ("by category", report.by_category),
        ("by month", report.by_month),
    ):
        if figures:
            print(f"{title}:")
            for f in figures:
                print(f"  {_hours(f.minutes):>9}  {f.label or '(none)'}")
    if args.csv:
        print(f"figures written to {args.csv}", file=sys.stderr)
    return 0


def _transparency(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    org = find_organisation(db, actor, args.organisation)
    s = reports.transparency_summary(db, actor, org.id, now=datetime.now(UTC))
    if args.json:
        ctx.print_json(
            {
                "organisation": s.organisation,
                "verified_minutes": s.verified_minutes,
                "volunteers": s.volunteers,
                "tasks_run": s.tasks_run,
                "fill_rate": s.fill_rate,
                "median_days_to_verify": s.median_days_to_verify,
                "rejected_share": s.rejected_share,
                "corrected_share": s.corrected_share,
                "records": s.records,
                "generated_at": s.generated_at.isoformat(),
            }
        )
        return 0
    print(f"{s.organisation}")
    print(f"  verified hours        {_hours(s.verified_minutes)} by {s.volunteers} volunteers")
    print(f"  tasks run             {s.tasks_run}")
    print(f"  fill rate             {_rate(s.fill_rate)}")
    print(f"  median time to verify {_days(s.median_days_to_verify)}")
    print(f"  hours rejected        {_rate(s.rejected_share)}")
    print(f"  records corrected     {_rate(s.corrected_share)} of {s.records}")
    return 0
