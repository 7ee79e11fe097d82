"""``signup`` and ``withdraw``: a volunteer takes a place on a task occurrence, or gives it back.

The occurrence id is the one ``suggest`` prints ("[occurrence 42]", or "occurrence" in --json).
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from volunteer_app.cli.arguments import in_calendar, whole_number
from volunteer_app.cli.context import CliContext, UsageError, add_user_option
from volunteer_app.domain.input_limits import show
from volunteer_app.domain.timefmt import task_time_text


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "signup",
        parents=[common],
        help="sign up for a task occurrence (waitlisted when it is full)",
        description="Sign up as --user for the task occurrence OCCURRENCE_ID (see `suggest`). "
        "A flexible task needs --start: a 15-minute step inside its window. A time without a UTC "
        "offset is read on the task's own clock. Refused, with the reason, when it clashes with a "
        "signup you hold, falls outside your free hours, needs a skill level you lack, or the task "
        "closed or started.",
    )
    p.add_argument("occurrence", type=whole_number, metavar="OCCURRENCE_ID")
    p.add_argument("--start", metavar="ISO", help="flexible tasks: when you start, e.g. 2026-11-30T09:15")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_signup)

    p = subparsers.add_parser(
        "withdraw",
        parents=[common],
        help="withdraw from a task occurrence you signed up for (or are waitlisted or proposed on)",
        description="Cancel your signup for OCCURRENCE_ID. A place that comes free is offered to the "
        "first person on the waitlist.",
    )
    p.add_argument("occurrence", type=whole_number, metavar="OCCURRENCE_ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_withdraw)


def _parse_start(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--start {show(value)} is not a time like 2026-11-30T09:15") from None
    in_calendar(moment, "--start", value)
    return moment


def _signup(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import signups

    start = _parse_start(args.start)
    outcome = signups.sign_up_outcome(ctx.database(), ctx.actor(), args.occurrence, start)
    when = task_time_text(outcome.starts_at, outcome.ends_at, outcome.timezone)
    if args.json:
        data: dict[str, Any] = {
            "signup": outcome.signup_id, "occurrence": outcome.occurrence_id, "title": outcome.title,
            "status": outcome.status.value, "start": outcome.starts_at.isoformat(),
            "end": outcome.ends_at.isoformat(), "timezone": outcome.timezone, "waitlist_position": outcome.position,
        }
        ctx.print_json(data)
        return 0
    if outcome.position is not None:
        print(f"Waitlisted for {outcome.title} ({when}) at position {outcome.position}: "
              "every place is taken; if one frees up it is offered to you.")
    else:
        print(f"Confirmed: {outcome.title}, {when}.")
    return 0


def _withdraw(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import signups

    outcome = signups.withdraw(ctx.database(), ctx.actor(), args.occurrence)
    if args.json:
        ctx.print_json({
            "signup": outcome.signup_id, "occurrence": outcome.occurrence_id, "title": outcome.title,
            "previous": outcome.previous.value, "status": "cancelled",
            "place_offered_to_waitlist": outcome.offered_to is not None,
        })
        return 0
    print(f"Withdrawn from {outcome.title} (you were {outcome.previous.value}).")
    if outcome.offered_to is not None:
        print("Your place was offered to the first person on the waitlist.")
    return 0
