"""``roster``, ``checkin``, ``checkout``, ``noshow``, ``walkin`` and ``handassign``: one occurrence on the day."""

from __future__ import annotations

import argparse
import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING, Any

from volunteer_app.cli.arguments import in_calendar, whole_number
from volunteer_app.cli.context import CliContext, UsageError, add_user_option
from volunteer_app.domain import timefmt
from volunteer_app.domain.input_limits import show

if TYPE_CHECKING:
    from volunteer_app.services.roster import Roster, RosterEntry

STATE_WORDS = {
    "confirmed": "confirmed",
    "proposed": "proposed",
    "offered": "offered a place",
    "waitlisted": "waitlisted",
    "checked_in": "checked in",
    "checked_out": "checked out",
    "no_show": "no-show",
    "completed": "completed",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "roster", parents=[common], help="who is coming to a task occurrence, and who checked in",
        description="The roster of one task occurrence: everyone with a place, their stint, check-in and "
        "check-out, hours credited, and the waitlist in its order. Phones show to the organisation's coordinators.",
    )
    p.add_argument("occurrence", type=whole_number, metavar="OCCURRENCE_ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_roster)

    for name, helptext, handler in (
        ("checkin", "record that a volunteer arrived (checking in again corrects the time)", _check_in),
        ("checkout", "record that a volunteer left: a pending hours record credited by the organisation's rules",
         _check_out),
        ("walkin", "add someone who was not signed up, checked in on the spot", _walk_in),
    ):
        p = subparsers.add_parser(name, parents=[common], help=helptext)
        p.add_argument("occurrence", type=whole_number, metavar="OCCURRENCE_ID")
        p.add_argument("--volunteer", required=True, metavar="EMAIL")
        p.add_argument("--at", metavar="ISO", help="when (default: now); without an offset, this computer's local time")
        add_user_option(p)
        p.set_defaults(handler=handler)

    p = subparsers.add_parser("noshow", parents=[common], help="mark that a volunteer with a place did not come")
    p.add_argument("occurrence", type=whole_number, metavar="OCCURRENCE_ID")
    p.add_argument("--volunteer", required=True, metavar="EMAIL")
    add_user_option(p)
    p.set_defaults(handler=_no_show)

    p = subparsers.add_parser(
        "handassign", parents=[common], help="place a volunteer on an occurrence by hand",
        description="Checks skills, free time and clashes as the engine does. --reason overrides missing "
        "skills or time outside their free hours (and is stored); a clash is never overridden.",
    )
    p.add_argument("occurrence", type=whole_number, metavar="OCCURRENCE_ID")
    p.add_argument("--volunteer", required=True, metavar="EMAIL")
    p.add_argument("--start", metavar="ISO", help="a flexible task's start (default: the first that fits)")
    p.add_argument("--reason", metavar="TEXT", help="why, when overriding skills or free time")
    p.add_argument("--confirmed", action="store_true", help="they agreed already (default: proposed to them)")
    add_user_option(p)
    p.set_defaults(handler=_hand_assign)


def parse_moment(value: str | None, option: str = "--at") -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option} {show(value)} is not a time like 2026-12-05T09:30") from None
    in_calendar(parsed, option, value)
    # Without an offset it is this computer's local time, as people read their clock.
    return parsed if parsed.tzinfo else parsed.astimezone()


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def _clock(moment: datetime | None, zone: str) -> str:
    return "" if moment is None else timefmt.clock_text(moment.astimezone(timefmt.zone_of(zone)))


def _state(entry: RosterEntry) -> str:
    words = STATE_WORDS.get(entry.state, entry.state)
    if entry.waitlist_position is not None:
        words += f" #{entry.waitlist_position}"
    return words


def _credited(entry: RosterEntry) -> str:
    if entry.credited_minutes is None or entry.record_status is None:
        return ""
    return f"{timefmt.duration_text(entry.credited_minutes)} ({entry.record_status.value})"


def _entry_json(entry: RosterEntry) -> dict[str, Any]:
    return {
        "signup": entry.signup_id,
        "email": entry.email,
        "name": entry.name,
        "phone": entry.phone,
        "status": entry.status.value,
        "state": entry.state,
        "source": entry.source.value,
        "start": entry.starts_at.isoformat(),
        "end": entry.ends_at.isoformat(),
        "checked_in_at": entry.checked_in_at.isoformat() if entry.checked_in_at else None,
        "checked_out_at": entry.checked_out_at.isoformat() if entry.checked_out_at else None,
        "waitlist_position": entry.waitlist_position,
        "override_reason": entry.override_reason,
        "record": entry.record_id,
        "credited_minutes": entry.credited_minutes,
        "record_status": entry.record_status.value if entry.record_status else None,
        "credit_rule": entry.credit_rule,
    }


def roster_json(shown: Roster) -> dict[str, Any]:
    return {
        "occurrence": shown.occurrence_id,
        "task": shown.task_id,
        "title": shown.title,
        "organisation": shown.organisation,
        "timezone": shown.timezone,
        "start": shown.starts_at.isoformat(),
        "end": shown.ends_at.isoformat(),
        "when": shown.time_text(),
        "slots": shown.slots,
        "taken": shown.taken,
        "waitlisted": shown.waitlisted,
        "checked_in": shown.checked_in,
        "entries": [_entry_json(e) for e in shown.entries],
    }


def print_roster(shown: Roster) -> None:
    print(f"{shown.title} — {shown.organisation} (occurrence {shown.occurrence_id})")
    print(shown.time_text())
    print(f"{shown.taken} of {shown.slots} places taken, {shown.waitlisted} waitlisted, "
          f"{shown.checked_in} checked in now")
    if not shown.entries:
        print("Nobody is signed up yet.")
        return
    flexible = shown.minutes is not None
    header = ["NAME", "EMAIL", "STATUS", *(["STINT"] if flexible else []), "IN", "OUT", "CREDITED"]
    if shown.phone_visible:
        header.append("PHONE")
    rows = []
    for e in shown.entries:
        row = [e.name, e.email, _state(e)]
        if flexible:
            row.append(f"{_clock(e.starts_at, shown.timezone)}–{_clock(e.ends_at, shown.timezone)}")
        row += [_clock(e.checked_in_at, shown.timezone), _clock(e.checked_out_at, shown.timezone), _credited(e)]
        if shown.phone_visible:
            row.append(e.phone or "")
        rows.append(row)
    sizes = [max(width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print()
    for r in [header, *rows]:
        print("  ".join(pad(cell, size) for cell, size in zip(r, sizes, strict=True)).rstrip())
    for e in shown.entries:
        if e.override_reason:
            print(f"  {e.name}: placed despite the rules because: {e.override_reason}")


def _roster(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import roster

    shown = roster.roster(ctx.database(), ctx.actor(), args.occurrence)
    if args.json:
        ctx.print_json(roster_json(shown))
    else:
        print_roster(shown)
    return 0


def _zone(ctx: CliContext, occurrence: int) -> tuple[str, str]:
    from volunteer_app.services import roster

    shown = roster.roster(ctx.database(), ctx.actor(), occurrence)
    return shown.title, shown.timezone


def _check_in(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import roster

    at = roster.check_in(ctx.database(), ctx.actor(), args.occurrence, args.volunteer, parse_moment(args.at))
    title, zone = _zone(ctx, args.occurrence)
    print(f"{args.volunteer.strip().lower()} checked in to {title} at {timefmt.moment_text(at, zone)}.")
    return 0


def _check_out(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.domain.crediting import explain_credit
    from volunteer_app.services import roster

    done = roster.check_out(ctx.database(), ctx.actor(), args.occurrence, args.volunteer, parse_moment(args.at))
    print(f"{args.volunteer.strip().lower()} checked out: {timefmt.duration_text(done.credited_minutes)} credited, "
          f"pending verification (hours record {done.record_id}).")
    print(explain_credit(done.rule))
    return 0


def _no_show(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import roster

    roster.mark_no_show(ctx.database(), ctx.actor(), args.occurrence, args.volunteer)
    print(f"{args.volunteer.strip().lower()} marked as a no-show.")
    return 0


def _walk_in(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import roster

    db = ctx.database()
    roster.add_walk_in(db, ctx.actor(), args.occurrence, args.volunteer, parse_moment(args.at))
    title, zone = _zone(ctx, args.occurrence)
    entry = roster.roster(db, ctx.actor(), args.occurrence).entry_for(args.volunteer)
    at = entry.checked_in_at if entry is not None else None
    when = f" at {timefmt.moment_text(at, zone)}" if at is not None else ""
    print(f"{args.volunteer.strip().lower()} added to {title} as a walk-in, checked in{when}.")
    return 0


def _hand_assign(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.services import hand_assign

    db = ctx.database()
    signup = hand_assign.assign_by_hand(
        db, ctx.actor(), args.occurrence, args.volunteer, start=parse_moment(args.start, "--start"),
        override_reason=args.reason, confirmed=args.confirmed,
    )
    state = "confirmed" if args.confirmed else "proposed to them"
    print(f"{args.volunteer.strip().lower()} placed on occurrence {args.occurrence} ({state}; signup {signup}).")
    return 0
