"""``match`` (a file, no database), ``suggest`` and ``assign`` (from the database)."""

from __future__ import annotations

import argparse
import json
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from volunteer_app.cli import match_file
from volunteer_app.cli.arguments import whole_number
from volunteer_app.cli.context import CliContext, UsageError, add_user_option
from volunteer_app.domain.input_limits import MAX_HORIZON_DAYS, MAX_SLOTS, MAX_TASK_LENGTH
from volunteer_app.domain.timefmt import clock_text, date_text, moment_text, task_time_text, zone_of

if TYPE_CHECKING:
    from volunteer_app.matching import Reason
    from volunteer_app.services.matching import SuggestionView

# The engine pulls in scipy and OR-Tools (~0.3 s): imported by the handlers, so
# `--help` and the other commands start quickly.
SUGGEST_DAYS = 14


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    match_file.register(subparsers, common)

    p = subparsers.add_parser(
        "suggest", parents=[common], help="ranked tasks for one volunteer, with the reasons"
    )
    p.add_argument("--volunteer", required=True, metavar="EMAIL")
    p.add_argument("--limit", type=whole_number, default=10, metavar="N", help="at most N suggestions (default 10)")
    p.add_argument(
        "--days", type=whole_number, default=SUGGEST_DAYS,
        help=f"look this many days ahead, 1 to {MAX_HORIZON_DAYS} (default {SUGGEST_DAYS})",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_suggest)

    p = subparsers.add_parser(
        "assign",
        parents=[common],
        help="propose who goes where for an organisation's open tasks",
        description="Runs the engine over the organisation's open tasks and its volunteers. "
        "Without --apply nothing is stored; with --apply the placements are stored as "
        "proposed signups (source: engine), all in one transaction. "
        f"--from to --to spans at most {MAX_HORIZON_DAYS} days; a flexible task's window counts up to "
        f"{MAX_TASK_LENGTH.days} days from its start, and at most {MAX_SLOTS:,} places of a task are filled.",
    )
    p.add_argument("--organisation", required=True, metavar="NAME")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first day (default: now)")
    p.add_argument(
        "--to", dest="date_to", metavar="DATE",
        help=f"end, exclusive (default: 14 days after --from; at most {MAX_HORIZON_DAYS} days after it)",
    )
    p.add_argument("--apply", action="store_true", help="store the proposals as signups")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--export-instance", type=Path, metavar="FILE", help="also write the instance that was solved")
    add_user_option(p)
    p.set_defaults(handler=_assign)


def _suggest(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import matching as matching_service

    if not 1 <= args.days <= MAX_HORIZON_DAYS:
        raise UsageError(f"--days must be 1 to {MAX_HORIZON_DAYS}, not {args.days}")
    if args.limit < 1:
        raise UsageError(f"--limit must be at least 1, not {args.limit}")
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
        print(f"{rank:>2}. {view.title} — {view.organisation}  [occurrence {view.occurrence_id}]{flag}")
        where = "remote" if view.is_remote else f"{s.distance_km:.1f} km"
        print(f"    {_when(view)}; {where}")
        for reason in s.reasons:
            print(f"    · {reason_text(reason, view)}")
    return 0


def _when(view: SuggestionView) -> str:
    """The task's time on its own clock; a flexible task as its window and length, plus the suggested start."""
    s = view.suggestion
    if view.window_start is None or view.window_end is None:
        return task_time_text(s.start, s.end, view.timezone or None)
    if view.minutes is None:
        return task_time_text(view.window_start, view.window_end, view.timezone, minutes=None)
    window = task_time_text(view.window_start, view.window_end, view.timezone, minutes=view.minutes)
    start = s.start.astimezone(zone_of(view.timezone))
    return f"{window}; suggested start {date_text(start)}, {clock_text(start)}"


#: What a priority level means, in words.
PRIORITY_WORDS = {2: "somewhat important", 3: "important", 4: "very important", 5: "most urgent"}


def reason_text(reason: Reason, view: SuggestionView) -> str:
    """One reason as an English sentence, about "you" for the volunteer, "they" for anyone else."""
    p = reason.params
    own = view.for_self
    if reason.code == "distance":
        return f"It is {p['km']:.1f} km from {'you' if own else 'their home'}."
    if reason.code == "skills":
        if not p:
            return "No special skills needed."
        parts = [
            f"{view.skill_labels.get(key, (key, None))[0]} ({'you have' if own else 'they have'} level {has}, "
            f"it needs {need})"
            for key, (has, need) in p.items()
        ]
        return f"{'Your' if own else 'Their'} skills fit: " + ", ".join(parts) + "."
    if reason.code == "free_slot":
        free = task_time_text(p["start"], p["end"], view.timezone or None)
        return f"It falls in {'your' if own else 'their'} free time: {free}."
    if reason.code == "waitlist":
        return f"All {p['of']} places are taken: {'you' if own else 'they'} can join the waitlist."
    if reason.code == "priority":
        words = PRIORITY_WORDS.get(int(p["level"]), "important")
        return f"The organiser marked it {words} (priority {p['level']} of 5)."
    return reason.describe()


def _suggestion_json(view: SuggestionView) -> dict[str, Any]:
    s = view.suggestion
    return {
        "occurrence": view.occurrence_id,
        "title": view.title,
        "organisation": view.organisation,
        "start": s.start.isoformat(),
        "end": s.end.isoformat(),
        "timezone": view.timezone,
        "flexible_minutes": view.minutes,
        "window_start": view.window_start.isoformat() if view.window_start else None,
        "window_end": view.window_end.isoformat() if view.window_end else None,
        "when": _when(view),
        "category": view.category,
        "remote": view.is_remote,
        "distance_km": round(s.distance_km, 3),
        "places_left": view.places_left,
        "score": s.score,
        "waitlist": s.waitlist,
        "reasons": [{"code": r.code, "params": r.params, "text": reason_text(r, view)} for r in s.reasons],
    }


#: Why slots stay open (the engine's codes), in words.
UNFILLED_WORDS = {
    "able_volunteers_busy": "the people who could do it are placed elsewhere then",
    "over_minute_cap": "it would take the free people over their weekly hours",
    "nobody_free_then": "nobody with the skills within reach is free then",
    "none_within_reach": "it is beyond the travel distance of everyone with the skills",
    "no_volunteer_with_skills": "nobody has the skills it needs",
}
SKIPPED_WORDS = {
    "full": "every place is taken already",
    "too_long": f"the shift lasts longer than {MAX_TASK_LENGTH.days} days",
    "no_location": "it has no place on the map and is not remote",
}


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (never cut)."""
    return text + " " * max(0, width - display_width(text))


def _assign(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import matching as matching_service
    from volunteer_app.services.organisations import find_organisation

    if args.export_instance is not None and args.export_instance.is_dir():
        raise UsageError(f"--export-instance {args.export_instance}: is a folder; name a file")
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
          f"(from {moment_text(start, None)} to {moment_text(end, None)})")
    gap = outcome.result.get("gap")
    if gap is not None and outcome.proposals:
        print(f"at least {100 * (1 - float(gap)):.1f}% as good as the best possible assignment "
              f"(proven bound {float(outcome.result['upper_bound']):.1f})")
    name_width = max((display_width(p.name) for p in outcome.proposals), default=0)
    title_width = max((display_width(p.title) for p in outcome.proposals), default=0)
    for p in outcome.proposals:
        when = task_time_text(p.start, p.end, p.timezone or None)
        print(f"  {pad(p.name, name_width)}  →  {pad(p.title, title_width)}  {when}, {p.distance_km:.1f} km")
    unfilled = outcome.result.get("unfilled", {})
    reasons = outcome.result.get("reasons", {})
    if unfilled:
        print(f"{sum(unfilled.values())} slots stay open:")
        for task, count in sorted(unfilled.items()):
            why = "; ".join(
                f"{n} because {UNFILLED_WORDS.get(code, code)}" for code, n in sorted(reasons.get(task, {}).items())
            )
            print(f"  {count} × {outcome.titles.get(task, task)} ({task})" + (f": {why}" if why else ""))
    for task, why in sorted(outcome.skipped.items()):
        print(f"  not considered: {outcome.titles.get(task, task)} ({task}): {SKIPPED_WORDS.get(why, why)}")
    print("stored as proposed signups." if outcome.applied else "nothing stored (add --apply to store).")
    return 0
