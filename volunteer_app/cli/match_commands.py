"""``match`` (a file, no database), ``suggest`` and ``assign`` (from the database)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from volunteer_app.cli.context import CliContext, UsageError, add_user_option

if TYPE_CHECKING:
    from volunteer_app.services.matching import SuggestionView

# The engine pulls in scipy and OR-Tools (~0.3 s): imported by the handlers, so
# `--help` and the other commands start quickly.
SUGGEST_DAYS = 14


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "match",
        parents=[common],
        help="run the matching engine on an instance file (no database)",
        description="Solve a matching instance file (format: volunteer-app.matching-instance v1) "
        "and print or write the result (volunteer-app.matching-result v1).",
    )
    p.add_argument("instance", type=Path, metavar="INSTANCE.json")
    p.add_argument("-o", "--output", type=Path, metavar="RESULT.json", help="write the result here (default: stdout)")
    p.set_defaults(handler=_match)

    p = subparsers.add_parser(
        "suggest", parents=[common], help="ranked tasks for one volunteer, with the reasons"
    )
    p.add_argument("--volunteer", required=True, metavar="EMAIL")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N suggestions (default 10)")
    p.add_argument("--days", type=int, default=SUGGEST_DAYS, help=f"look this many days ahead (default {SUGGEST_DAYS})")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_suggest)

    p = subparsers.add_parser(
        "assign",
        parents=[common],
        help="propose who goes where for an organisation's open tasks",
        description="Runs the engine over the organisation's open tasks and its volunteers. "
        "Without --apply nothing is stored; with --apply the placements are stored as "
        "proposed signups (source: engine), all in one transaction.",
    )
    p.add_argument("--organisation", required=True, metavar="NAME")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first day (default: now)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="end, exclusive (default: 14 days after --from)")
    p.add_argument("--apply", action="store_true", help="store the proposals as signups")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--export-instance", type=Path, metavar="FILE", help="also write the instance that was solved")
    add_user_option(p)
    p.set_defaults(handler=_assign)


def _match(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app import matching

    try:
        instance = matching.load_instance(args.instance)
    except matching.InstanceError as exc:
        raise UsageError(f"{args.instance}: {exc}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {args.instance}: {exc.strerror or exc}") from None
    data = matching.result_to_json(matching.assign(instance))
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(
            f"{len(data['assignments'])} placements, objective {data['objective']:.3f}, "
            f"{sum(data['unfilled'].values())} slots open -> {args.output}",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(text)
    return 0


def _local(dt: datetime) -> str:
    """A time as it is on the clock where the task happens (the offset it carries)."""
    return dt.strftime("%a %Y-%m-%d %H:%M")


def _suggest(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import matching as matching_service

    if args.days < 1:
        raise UsageError(f"--days must be at least 1, not {args.days}")
    views = matching_service.suggest_for(
        ctx.database(), ctx.actor(), args.volunteer, now=datetime.now(UTC), limit=args.limit, days=args.days
    )
    if args.json:
        ctx.print_json({"volunteer": args.volunteer.strip().lower(), "suggestions": [_suggestion_json(v) for v in views]})
        return 0
    if not views:
        print(f"No open task fits {args.volunteer} in the next {args.days} days.")
        return 0
    for rank, view in enumerate(views, 1):
        s = view.suggestion
        flag = "  [waitlist]" if s.waitlist else ""
        print(f"{rank:>2}. {view.title} — {view.organisation}{flag}")
        print(f"    {_local(s.start)} – {s.end.strftime('%H:%M')}, {s.distance_km:.1f} km")
        for reason in s.reasons:
            print(f"    · {reason.describe()}")
    return 0


def _suggestion_json(view: SuggestionView) -> dict[str, Any]:
    s = view.suggestion
    return {
        "occurrence": view.occurrence_id,
        "title": view.title,
        "organisation": view.organisation,
        "start": s.start.isoformat(),
        "end": s.end.isoformat(),
        "distance_km": round(s.distance_km, 3),
        "score": s.score,
        "waitlist": s.waitlist,
        "reasons": [{"code": r.code, "params": r.params, "text": r.describe()} for r in s.reasons],
    }


def _assign(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import matching as matching_service
    from volunteer_app.services.organisations import find_organisation

    db = ctx.database()
    actor = ctx.actor()
    org = find_organisation(db, actor, args.organisation)
    start, end = matching_service.resolve_window(datetime.now(UTC), args.date_from, args.date_to)
    if args.export_instance:
        data = matching_service.export_organisation_instance(db, actor, org.id, start, end)
        args.export_instance.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    outcome = matching_service.propose_assignments(db, actor, org.id, start, end, apply=args.apply)
    if args.json:
        ctx.print_json(
            {
                "organisation": outcome.organisation,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "applied": outcome.applied,
                "proposals": [
                    {"volunteer": p.volunteer, "name": p.name, "task": p.task, "title": p.title,
                     "start": p.start.isoformat(), "end": p.end.isoformat(), "distance_km": p.distance_km}
                    for p in outcome.proposals
                ],
                "result": outcome.result,
                "skipped": outcome.skipped,
                "declined_before": outcome.declined_before,
            }
        )
        return 0
    print(f"{outcome.organisation}: {len(outcome.proposals)} placements proposed "
          f"({_local(start)} to {_local(end)})")
    for p in outcome.proposals:
        print(f"  {p.name:<20} → {p.title} ({_local(p.start)}, {p.distance_km:.1f} km)")
    unfilled = outcome.result.get("unfilled", {})
    reasons = outcome.result.get("reasons", {})
    if unfilled:
        print(f"{sum(unfilled.values())} slots stay open:")
        for task, count in sorted(unfilled.items()):
            why = ", ".join(f"{k} {v}" for k, v in sorted(reasons.get(task, {}).items()))
            print(f"  {count} × {outcome.titles.get(task, task)} ({task})" + (f" — {why}" if why else ""))
    for task, why in sorted(outcome.skipped.items()):
        print(f"  not considered: {outcome.titles.get(task, task)} ({task}): {why}")
    print("stored as proposed signups." if outcome.applied else "nothing stored (add --apply to store).")
    return 0
