"""``schedule`` (what is planned, as text, JSON or an .ics file), ``proposals``, ``accept`` and ``decline``."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from volunteer_app.cli.arguments import whole_number
from volunteer_app.cli.context import CliContext, UsageError, add_user_option
from volunteer_app.domain import timefmt
from volunteer_app.services import calendar_export, notices, schedule
from volunteer_app.services.notices import NoticeView
from volunteer_app.services.schedule import ScheduleItem

EMPTY = "Nothing planned yet. Find a task with `volunteer-app suggest --volunteer EMAIL --user EMAIL`."


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "schedule",
        parents=[common],
        help="your upcoming tasks, proposals, waitlist places and notices",
        description="Your confirmed tasks by date (where, when, whom to ask), proposals waiting for "
        "your answer, your places on waitlists and unread notices. Times are on each task's own clock.",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--ics", type=Path, metavar="FILE", help="also write the confirmed tasks as an iCalendar file")
    p.add_argument("--past", action="store_true", help="include tasks that are over")
    add_user_option(p)
    p.set_defaults(handler=_schedule)

    p = subparsers.add_parser("proposals", parents=[common], help="tasks proposed to you, to accept or decline")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_proposals)

    for name, verb in (
        ("accept", "accept a proposal: you are signed up"),
        ("decline", "decline a proposal: it is not proposed to you again"),
    ):
        p = subparsers.add_parser(name, parents=[common], help=verb)
        p.add_argument("signup", type=whole_number, metavar="SIGNUP_ID", help="the id `volunteer-app proposals` shows")
        add_user_option(p)
        p.set_defaults(handler=_accept if name == "accept" else _decline)


# --------------------------------------------------------------------------- output


def _item_lines(item: ScheduleItem, *, show_id: bool = False) -> list[str]:
    head = f"{item.title} — {item.organisation}"
    if show_id:
        head = f"[{item.signup_id}] {head}"
    if item.cancelled:
        head += "  [CANCELLED]"
    lines = [f"  {head}", f"      When:  {schedule.when_text(item)}"]
    window = schedule.window_text(item)
    if window:
        lines.append(f"             {window}")
    lines.append(f"      Where: {schedule.where_text(item)}")
    contact = schedule.contact_text(item)
    if contact:
        lines.append(f"      Ask:   {contact}")
    return lines


def _notice_json(notice: NoticeView) -> dict[str, Any]:
    return {
        "id": notice.id,
        "kind": notice.kind,
        "text": notices.notice_text(notice),
        "occurrence": notice.occurrence_id,
        "created_at": notice.created_at.isoformat(),
        "params": notice.params,
    }


def _schedule(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    now = datetime.now(UTC)
    mine = schedule.my_schedule(db, actor, now, include_past=args.past)
    written = None
    if args.ics:
        data = calendar_export.calendar_bytes(mine.upcoming + mine.past, now)
        try:
            args.ics.write_bytes(data)
        except OSError as exc:
            raise UsageError(f"cannot write {args.ics}: {exc.strerror or exc}") from None
        written = len(mine.upcoming) + len(mine.past)
    if args.json:
        out: dict[str, Any] = {
            "upcoming": [schedule.item_json(i) for i in mine.upcoming],
            "proposals": [{**schedule.item_json(i), "proposed": schedule.proposed_by_text(i)} for i in mine.proposals],
            "waitlist": [{**schedule.item_json(i), "place": schedule.position_text(i)} for i in mine.waitlist],
            "notices": [_notice_json(n) for n in mine.notices],
        }
        if args.past:
            out["past"] = [schedule.item_json(i) for i in mine.past]
        if args.ics:
            out["ics"] = {"file": str(args.ics), "events": written}
        ctx.print_json(out)
        return 0
    if mine.empty:
        print(EMPTY)
    if mine.notices:
        print(f"Notices ({len(mine.notices)})")
        for n in mine.notices:
            print(f"  {timefmt.date_text(n.created_at.astimezone(), with_year=False)}: {notices.notice_text(n)}")
        print()
    if mine.proposals:
        print(f"Proposals ({len(mine.proposals)}): `volunteer-app accept ID` or `volunteer-app decline ID`")
        for item in mine.proposals:
            print("\n".join(_item_lines(item, show_id=True)))
            print(f"      {schedule.proposed_by_text(item)}")
        print()
    if mine.upcoming:
        print(f"Upcoming ({len(mine.upcoming)})")
        day = None
        for item in mine.upcoming:
            local = item.starts_at.astimezone(timefmt.zone_of(item.timezone))
            if local.date() != day:
                day = local.date()
                print(f" {timefmt.date_text(local)}")
            print("\n".join(_item_lines(item)))
        print()
    if mine.waitlist:
        print(f"Waitlist ({len(mine.waitlist)})")
        for item in mine.waitlist:
            print("\n".join(_item_lines(item)))
            print(f"      {schedule.position_text(item)}")
        print()
    if args.past and mine.past:
        print(f"Past ({len(mine.past)})")
        for item in mine.past:
            print("\n".join(_item_lines(item)))
        print()
    if written is not None:
        print(f"{written} task(s) written to {args.ics}")
    return 0


def _proposals(args: argparse.Namespace, ctx: CliContext) -> int:
    mine = schedule.my_schedule(ctx.database(), ctx.actor(), datetime.now(UTC))
    if args.json:
        ctx.print_json(
            {"proposals": [{**schedule.item_json(i), "proposed": schedule.proposed_by_text(i)} for i in mine.proposals]}
        )
        return 0
    if not mine.proposals:
        print("No proposals waiting for your answer.")
        return 0
    for item in mine.proposals:
        print("\n".join(_item_lines(item, show_id=True)))
        print(f"      {schedule.proposed_by_text(item)}")
    print("Answer with `volunteer-app accept ID` or `volunteer-app decline ID`.")
    return 0


def _proposal(ctx: CliContext, signup_id: int) -> ScheduleItem | None:
    mine = schedule.my_schedule(ctx.database(), ctx.actor(), datetime.now(UTC))
    return next((i for i in mine.proposals if i.signup_id == signup_id), None)


def _accept(args: argparse.Namespace, ctx: CliContext) -> int:
    item = _proposal(ctx, args.signup)
    schedule.accept(ctx.database(), ctx.actor(), args.signup)
    if item is None:
        print(f"Signup {args.signup} is confirmed.")
    else:
        print(f"Confirmed: {item.title}, {schedule.when_text(item)}.")
    return 0


def _decline(args: argparse.Namespace, ctx: CliContext) -> int:
    item = _proposal(ctx, args.signup)
    schedule.decline(ctx.database(), ctx.actor(), args.signup)
    what = f"{item.title}, {schedule.when_text(item)}" if item is not None else f"signup {args.signup}"
    print(f"Declined: {what}. It will not be proposed to you again.", file=sys.stdout)
    return 0
