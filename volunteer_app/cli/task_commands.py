"""Tasks and organisations from the command line.

``volunteer-app task create|edit|show|duplicate|publish|close|cancel``, ``volunteer-app tasks``,
``volunteer-app orgs`` and ``volunteer-app org show|set`` (all as ``--user``). Times without an
offset are read on the task's clock (``--timezone``, else the organisation's zone), the way
a coordinator thinks of "Saturday 09:00".
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from volunteer_app import files
from volunteer_app.cli.arguments import in_calendar, whole_number
from volunteer_app.cli.context import CliContext, UsageError, add_user_option
from volunteer_app.domain import timefmt
from volunteer_app.domain.crediting import describe_rules
from volunteer_app.domain.enums import TaskKind, TaskStatus
from volunteer_app.domain.input_limits import show
from volunteer_app.services import browse, organisations, tasks


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    task = subparsers.add_parser("task", parents=[common], help="post, change, publish, close or cancel a task",
                                 description="Work with one task (as a coordinator of its organisation).")  # fmt: skip
    actions = task.add_subparsers(dest="task_command", metavar="ACTION", required=True,
                                  parser_class=type(task))  # fmt: skip

    create = actions.add_parser("create", parents=[common], help="post a new task (a draft unless --status open)")
    _task_fields(create, creating=True)
    create.set_defaults(handler=_create)

    edit = actions.add_parser("edit", parents=[common], help="change a task (only the options given)")
    edit.add_argument("task_id", type=whole_number, metavar="TASK_ID")
    _task_fields(edit, creating=False)
    edit.set_defaults(handler=_edit)

    show = actions.add_parser("show", parents=[common], help="a task's fields and its dates")
    show.add_argument("task_id", type=whole_number, metavar="TASK_ID")
    show.add_argument("--json", action="store_true")
    add_user_option(show)
    show.set_defaults(handler=_show)

    for name, help_text, handler in (
        ("duplicate", "copy a task as a new draft", _duplicate),
        ("publish", "draft (or closed) -> open: volunteers see it", _publish),
        ("close", "open -> closed: nobody new signs up", _close),
    ):
        p = actions.add_parser(name, parents=[common], help=help_text)
        p.add_argument("task_id", type=whole_number, metavar="TASK_ID")
        p.add_argument("--json", action="store_true")
        add_user_option(p)
        p.set_defaults(handler=handler)

    cancel = actions.add_parser(
        "cancel", parents=[common], help="cancel a task, or one date of it; its volunteers are told",
        description="Cancels every date still to come (or only --occurrence ID); the signups on them end "
        "and each volunteer gets a notice.",
    )
    cancel.add_argument("task_id", type=whole_number, nargs="?", metavar="TASK_ID")
    cancel.add_argument("--occurrence", type=whole_number, metavar="ID", help="cancel only this date (see `task show`)")
    cancel.add_argument("--reason", metavar="TEXT", help="told to the volunteers")
    cancel.add_argument("--json", action="store_true")
    add_user_option(cancel)
    cancel.set_defaults(handler=_cancel)

    listing = subparsers.add_parser("tasks", parents=[common], help="list the tasks you may see",
                                    description="Upcoming tasks (drafts of your own organisations included).")  # fmt: skip
    listing.add_argument("--filter", default="", metavar="TEXT", help="title, organisation, category, place, 'remote'")
    listing.add_argument("--sort", default="starts_at", choices=sorted(browse.TASK_SORT_KEYS))
    listing.add_argument("--past", action="store_true", help="include tasks that are over")
    listing.add_argument("--limit", type=whole_number, default=200, metavar="N")
    listing.add_argument("--json", action="store_true")
    add_user_option(listing)
    listing.set_defaults(handler=_list_tasks)

    orgs = subparsers.add_parser("orgs", parents=[common], help="list organisations with your role and their counts")
    orgs.add_argument("--json", action="store_true")
    add_user_option(orgs)
    orgs.set_defaults(handler=_list_orgs)

    org = subparsers.add_parser("org", parents=[common], help="an organisation's settings",
                                description="Show or change an organisation's settings (changing: its admins).")  # fmt: skip
    org_actions = org.add_subparsers(dest="org_command", metavar="ACTION", required=True, parser_class=type(org))
    org_show = org_actions.add_parser("show", parents=[common], help="the settings and the crediting rules in words")
    org_show.add_argument("name", metavar="NAME", help="any unambiguous part of the name")
    org_show.add_argument("--json", action="store_true")
    add_user_option(org_show)
    org_show.set_defaults(handler=_org_show)
    org_set = org_actions.add_parser("set", parents=[common], help="change settings (only the options given)")
    org_set.add_argument("name", metavar="NAME", help="any unambiguous part of the name")
    org_set.add_argument("--name", dest="new_name", metavar="TEXT", help="rename the organisation")
    org_set.add_argument("--contact-email", metavar="EMAIL")
    org_set.add_argument("--contact-phone", metavar="PHONE")
    org_set.add_argument("--person-in-charge", metavar="NAME")
    # dest: ``handler`` is the attribute that names each command's function.
    org_set.add_argument("--handler", dest="handler_name", metavar="NAME", help="who handles the paperwork (经办人)")
    org_set.add_argument("--address", metavar="TEXT")
    org_set.add_argument("--timezone", metavar="TZ", help="IANA name, e.g. Asia/Shanghai")
    seal = org_set.add_mutually_exclusive_group()
    seal.add_argument("--seal", type=Path, metavar="FILE", help="a PNG or SVG seal for certificates (at most 1 MB)")
    seal.add_argument("--no-seal", action="store_true", help="remove the seal")
    org_set.add_argument("--credit-step-minutes", type=whole_number, metavar="N", help="round credit down to N minutes (1-60)")
    org_set.add_argument("--min-attendance-percent", type=whole_number, metavar="N",
                         help="no credit below N%% of the stint (0-100)")  # fmt: skip
    org_set.add_argument("--cap-to-stint", choices=("yes", "no"), help="credit never exceeds the stint's length")
    org_set.add_argument("--json", action="store_true")
    add_user_option(org_set)
    org_set.set_defaults(handler=_org_set)


PRIORITY_HELP = "; ".join(tasks.priority_text(p) for p in range(1, 6))


def _task_fields(p: argparse.ArgumentParser, *, creating: bool) -> None:
    p.add_argument("--title", required=creating, metavar="TEXT")
    p.add_argument("--organisation", required=creating, metavar="NAME", help="any unambiguous part of the name")
    p.add_argument("--description", metavar="TEXT")
    p.add_argument("--category", metavar="TEXT")
    when = p.add_argument_group("when (times without an offset are on the task's clock)")
    when.add_argument("--start", metavar="DATETIME", help="a fixed shift's start, e.g. 2030-05-10T09:00")
    when.add_argument("--end", metavar="DATETIME", help="a fixed shift's end")
    when.add_argument("--window-start", metavar="DATETIME", help="a flexible task: the window's start")
    when.add_argument("--window-end", metavar="DATETIME", help="a flexible task: the window's end")
    when.add_argument("--minutes", type=whole_number, metavar="N", help="a flexible task: each volunteer's minutes")
    when.add_argument("--timezone", metavar="TZ", help="the task's zone (default: the organisation's)")
    when.add_argument("--repeat-weekly-until", metavar="DATE", help="repeat every week through DATE ('none' stops)")
    where = p.add_argument_group("where")
    where.add_argument("--address", metavar="TEXT", help="looked up with the geocoder unless coordinates are given")
    where.add_argument("--latitude", type=float)
    where.add_argument("--longitude", type=float)
    where.add_argument("--remote", action="store_true", help="done from anywhere (no place)")
    p.add_argument("--slots", type=whole_number, metavar="N", help="how many volunteers")
    p.add_argument("--priority", type=whole_number, choices=range(1, 6), metavar="1-5", help=PRIORITY_HELP)
    p.add_argument("--skill", action="append", default=[], metavar="KEY=LEVEL",
                   help="a required skill at a level 1-5 (repeat it); on edit, replaces the list")  # fmt: skip
    p.add_argument("--contact", metavar="EMAIL", help="a coordinator of the organisation to ask")
    p.add_argument("--status", choices=("draft", "open", "closed"), help="default for a new task: draft")
    p.add_argument("--json", action="store_true")
    add_user_option(p)


# --------------------------------------------------------------------------- parsing


def _moment(text: str, zone: str, option: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option}: {show(text)} is not a date and time like 2030-05-10T09:00") from None
    in_calendar(value, option, text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(zone))
    return value


def _day(text: str, option: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option}: {show(text)} is not a date like 2030-06-30") from None
    in_calendar(day, option, text)
    return day


def _skills(items: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        key, sep, level = item.partition("=")
        if not sep or not key.strip() or not level.strip().isdigit():
            raise UsageError(f"--skill: {show(item)} is not KEY=LEVEL (e.g. first_aid=2)")
        out[key.strip()] = int(level)
    return out


def _contact_id(ctx: CliContext, organisation_id: int, email: str) -> int | None:
    if not email.strip() or email.strip().lower() == "none":
        return None
    for person in tasks.contact_candidates(ctx.database(), ctx.actor(), organisation_id):
        if person.email == email.strip().lower():
            return person.id
    raise UsageError(f"--contact: {email} is not a coordinator of this organisation")


def _geocode(ctx: CliContext, address: str) -> tuple[float, float, str]:
    from volunteer_app.services.places import find_places, make_geocoder

    answer = find_places(make_geocoder(ctx.database()), address, limit=1)
    if not answer.candidates:
        raise UsageError(f"--address: no place found for {show(address)}; give --latitude and --longitude")
    place = answer.candidates[0]
    return place.latitude, place.longitude, place.source


def _apply_options(args: argparse.Namespace, ctx: CliContext, data: tasks.TaskInput, org_zone: str) -> tasks.TaskInput:
    """``data`` with every option the person gave applied."""
    fields: dict[str, Any] = dict(data.__dict__)
    if args.timezone:
        fields["timezone"] = organisations.check_timezone(args.timezone)
    zone = fields["timezone"] or org_zone
    for name in ("title", "description", "category", "slots", "priority"):
        value = getattr(args, name)
        if value is not None:
            fields[name] = value
    fixed = args.start is not None or args.end is not None
    flexible = args.window_start is not None or args.window_end is not None or args.minutes is not None
    if fixed and flexible:
        raise UsageError("give --start/--end for a fixed shift, or --window-start/--window-end/--minutes, not both")
    if fixed:
        fields["kind"], fields["minutes"] = TaskKind.FIXED, None
        if args.start is not None:
            fields["starts_at"] = _moment(args.start, zone, "--start")
        if args.end is not None:
            fields["ends_at"] = _moment(args.end, zone, "--end")
    if flexible:
        fields["kind"] = TaskKind.FLEXIBLE
        if args.window_start is not None:
            fields["starts_at"] = _moment(args.window_start, zone, "--window-start")
        if args.window_end is not None:
            fields["ends_at"] = _moment(args.window_end, zone, "--window-end")
        if args.minutes is not None:
            fields["minutes"] = args.minutes
    if args.repeat_weekly_until is not None:
        text = args.repeat_weekly_until.strip().lower()
        fields["repeat_weekly_until"] = None if text in ("", "none") else _day(text, "--repeat-weekly-until")
    if args.remote:
        if args.address or args.latitude is not None or args.longitude is not None:
            raise UsageError("--remote takes no --address, --latitude or --longitude")
        fields.update(is_remote=True, address=None, latitude=None, longitude=None)
    elif args.address is not None or args.latitude is not None or args.longitude is not None:
        fields["is_remote"] = False
        if args.address is not None:
            fields["address"] = args.address.strip() or None
        if args.latitude is not None or args.longitude is not None:
            fields["latitude"], fields["longitude"] = args.latitude, args.longitude
        elif fields["address"]:
            fields["latitude"], fields["longitude"], _source = _geocode(ctx, fields["address"])
    if args.skill:
        fields["requires"] = _skills(args.skill)
    if args.contact is not None:
        fields["contact_person_id"] = _contact_id(ctx, fields["organisation_id"], args.contact)
    if args.status is not None:
        fields["status"] = TaskStatus(args.status)
    return tasks.TaskInput(**fields)


# --------------------------------------------------------------------------- task commands


def _create(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    org = organisations.find_organisation(db, actor, args.organisation)
    if args.start is None and args.window_start is None:
        raise UsageError("say when: --start and --end (a shift) or --window-start, --window-end and --minutes")
    if args.end is None and args.window_end is None:
        raise UsageError("say when it ends: --end (a shift) or --window-end (a flexible task)")
    zone = args.timezone or org.timezone
    blank = tasks.TaskInput(organisation_id=org.id, title="", starts_at=datetime.min, ends_at=datetime.min,
                            timezone=zone)  # fmt: skip
    data = _apply_options(args, ctx, blank, org.timezone)
    task_id = tasks.create_task(db, actor, data)
    return _report_task(args, ctx, task_id, "posted")


def _edit(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    details = tasks.task_details(db, actor, args.task_id)
    if args.organisation is not None:
        org = organisations.find_organisation(db, actor, args.organisation)
        if org.id != details.data.organisation_id:
            raise UsageError("a task cannot move to another organisation (duplicate it there instead)")
    data = _apply_options(args, ctx, details.data, details.organisation_timezone)
    tasks.update_task(db, actor, args.task_id, data)
    return _report_task(args, ctx, args.task_id, "changed")


def _task_json(details: tasks.TaskDetails, occurrences: list[tasks.OccurrenceRow]) -> dict[str, Any]:
    d = details.data
    return {
        "id": details.id, "title": d.title, "organisation": details.organisation, "status": d.status.value,
        "kind": d.kind.value, "starts_at": d.starts_at.isoformat(), "ends_at": d.ends_at.isoformat(),
        "minutes": d.minutes, "timezone": d.timezone,
        "repeat_weekly_until": d.repeat_weekly_until.isoformat() if d.repeat_weekly_until else None,
        "when": timefmt.task_time_text(d.starts_at, d.ends_at, d.timezone, minutes=d.minutes),
        "description": d.description, "category": d.category, "address": d.address, "latitude": d.latitude,
        "longitude": d.longitude, "remote": d.is_remote, "slots": d.slots, "priority": d.priority,
        "priority_text": tasks.priority_text(d.priority), "skills": d.requires, "contact": details.contact_name,
        "occurrences": [
            {"id": o.id, "starts_at": o.starts_at.isoformat(), "ends_at": o.ends_at.isoformat(),
             "cancelled": o.is_cancelled, "taken": o.taken, "waitlisted": o.waitlisted}
            for o in occurrences
        ],
    }  # fmt: skip


def _report_task(args: argparse.Namespace, ctx: CliContext, task_id: int, verb: str) -> int:
    db, actor = ctx.database(), ctx.actor()
    details = tasks.task_details(db, actor, task_id)
    occurrences = tasks.list_occurrences(db, actor, task_id)
    if getattr(args, "json", False):
        ctx.print_json(_task_json(details, occurrences))
        return 0
    if verb:
        print(f"task {task_id} {verb}: {details.data.title} ({details.data.status.value})")
    _print_task(details, occurrences)
    return 0


def _print_task(details: tasks.TaskDetails, occurrences: list[tasks.OccurrenceRow]) -> None:
    d = details.data
    print(f"  {d.title} — {details.organisation} [{d.status.value}]")
    print(f"  when: {timefmt.task_time_text(d.starts_at, d.ends_at, d.timezone, minutes=d.minutes)}")
    if d.repeat_weekly_until:
        print(f"  repeats weekly until {d.repeat_weekly_until.isoformat()}")
    where = "remote" if d.is_remote else (d.address or "no place given")
    if d.latitude is not None and d.longitude is not None:
        where += f" ({d.latitude:.5f}, {d.longitude:.5f})"
    print(f"  where: {where}")
    print(f"  places: {d.slots}; priority {tasks.priority_text(d.priority)}")
    if d.requires:
        print("  skills: " + ", ".join(f"{k} {v}" for k, v in sorted(d.requires.items())))
    if details.contact_name:
        print(f"  contact: {details.contact_name}")
    if len(occurrences) > 1 or any(o.is_cancelled for o in occurrences):
        print("  dates:")
        for o in occurrences:
            flag = " (cancelled)" if o.is_cancelled else ""
            when = timefmt.task_time_text(o.starts_at, o.ends_at, d.timezone, minutes=d.minutes)
            print(f"    #{o.id}  {when}  {o.taken}/{d.slots} taken{flag}")


def _show(args: argparse.Namespace, ctx: CliContext) -> int:
    return _report_task(args, ctx, args.task_id, "")


def _duplicate(args: argparse.Namespace, ctx: CliContext) -> int:
    new_id = tasks.duplicate_task(ctx.database(), ctx.actor(), args.task_id)
    return _report_task(args, ctx, new_id, f"copied from task {args.task_id} as")


def _publish(args: argparse.Namespace, ctx: CliContext) -> int:
    tasks.publish_task(ctx.database(), ctx.actor(), args.task_id)
    return _report_task(args, ctx, args.task_id, "published")


def _close(args: argparse.Namespace, ctx: CliContext) -> int:
    tasks.close_task(ctx.database(), ctx.actor(), args.task_id)
    return _report_task(args, ctx, args.task_id, "closed")


def _cancel(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    if (args.task_id is None) == (args.occurrence is None):
        raise UsageError("name the task (TASK_ID) or one date (--occurrence ID), not both")
    if args.occurrence is not None:
        task_id = tasks.occurrence_task(db, actor, args.occurrence)
        outcome = tasks.cancel_occurrence(db, actor, args.occurrence, args.reason)
        what = f"date #{args.occurrence} of task {task_id}"
    else:
        task_id = args.task_id
        outcome = tasks.cancel_task(db, actor, task_id, args.reason)
        what = f"task {task_id}"
    if args.json:
        ctx.print_json({"task_id": task_id, "occurrence_id": args.occurrence, "dates": outcome.occurrences,
                        "signups": outcome.signups, "people_told": outcome.people})  # fmt: skip
        return 0
    people = "1 volunteer" if outcome.people == 1 else f"{outcome.people} volunteers"
    print(f"{what} cancelled: {outcome.occurrences} date(s), {outcome.signups} signup(s) ended, {people} told")
    return 0


# --------------------------------------------------------------------------- lists


def _width(text: str) -> int:
    """Columns a terminal gives ``text`` (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _cut(text: str, width: int) -> str:
    if _width(text) <= width:
        return text + " " * (width - _width(text))
    out = ""
    for c in text:
        if _width(out + c) > width - 1:
            break
        out += c
    return out + "…" + " " * (width - _width(out) - 1)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> None:
    for row in [headers, *rows]:
        print("  ".join(_cut(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _status_word(row: browse.TaskRow) -> str:
    if row.status is TaskStatus.OPEN and row.is_full:
        return "full"
    return row.status.value


def _list_tasks(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    rows = browse.fetch_tasks(db, actor, text=args.filter, sort=args.sort, limit=max(1, args.limit),
                              include_past=args.past)  # fmt: skip
    total = browse.count_tasks(db, actor, args.filter, include_past=args.past)
    if args.json:
        ctx.print_json([
            {"id": r.id, "title": r.title, "organisation": r.organisation, "category": r.category,
             "starts_at": r.starts_at.isoformat(), "ends_at": r.ends_at.isoformat(), "timezone": r.timezone,
             "kind": r.kind.value, "minutes": r.minutes, "place": "remote" if r.is_remote else r.place,
             "remote": r.is_remote, "slots": r.slots, "filled": r.filled, "full": r.is_full,
             "priority": r.priority, "status": r.status.value,
             "repeats_until": r.repeats_until.isoformat() if r.repeats_until else None}
            for r in rows
        ])  # fmt: skip
        return 0
    if not rows:
        print("no tasks" + (f" match {args.filter!r}" if args.filter else ""))
        return 0
    table = [
        [str(r.id), r.title, r.organisation,
         timefmt.task_time_text(r.starts_at, r.ends_at, r.timezone, minutes=r.flexible_minutes),
         "remote" if r.is_remote else r.place, f"{r.filled}/{r.slots}", str(r.priority), _status_word(r)]
        for r in rows
    ]  # fmt: skip
    _table(["id", "title", "organisation", "when", "place", "filled", "prio", "status"], table,
           [max(2, max(_width(t[0]) for t in table)), 28, 24, 56, 20, 6, 4, 9])  # fmt: skip
    if total > len(rows):
        print(f"({len(rows)} of {total}; --limit N shows more)")
    return 0


def _list_orgs(args: argparse.Namespace, ctx: CliContext) -> int:
    rows = organisations.list_organisations(ctx.database(), ctx.actor())
    if args.json:
        ctx.print_json([
            {"id": o.id, "name": o.name, "my_roles": list(o.my_roles), "volunteers": o.volunteers,
             "coordinators": o.coordinators, "open_tasks": o.open_tasks, "timezone": o.timezone}
            for o in rows
        ])  # fmt: skip
        return 0
    if not rows:
        print("no organisations")
        return 0
    name_width = min(40, max(12, *(_width(o.name) for o in rows)))
    _table(
        ["id", "name", "my role", "volunteers", "coordinators", "open tasks"],
        [[str(o.id), o.name, ", ".join(o.my_roles) or "-", str(o.volunteers), str(o.coordinators),
          str(o.open_tasks)] for o in rows],
        [max(2, *(len(str(o.id)) for o in rows)), name_width, 21, 10, 12, 10],
    )
    return 0


# --------------------------------------------------------------------------- organisation settings


def _org_json(s: organisations.OrganisationSettings) -> dict[str, Any]:
    return {
        "id": s.id, "name": s.name, "contact_email": s.contact_email, "contact_phone": s.contact_phone,
        "person_in_charge": s.person_in_charge, "handler": s.handler, "address": s.address, "timezone": s.timezone,
        "seal": {"type": s.seal_mime, "bytes": len(s.seal_image)} if s.seal_image else None,
        "credit_step_minutes": s.rules.step_minutes, "min_attendance_percent": s.rules.min_attendance_percent,
        "cap_to_stint": s.rules.cap_to_stint, "crediting_rules": describe_rules(s.rules), "can_edit": s.can_edit,
    }  # fmt: skip


def _print_org(s: organisations.OrganisationSettings) -> None:
    seal = f"{s.seal_mime}, {len(s.seal_image)} bytes" if s.seal_image else "-"
    for label, value in (
        ("name", s.name), ("contact email", s.contact_email), ("contact phone", s.contact_phone),
        ("person in charge", s.person_in_charge), ("handler", s.handler), ("address", s.address),
        ("time zone", s.timezone), ("seal", seal),
    ):  # fmt: skip
        print(f"{label:>17}: {value or '-'}")
    print(f"{'hours':>17}: {describe_rules(s.rules)}")
    if not s.can_edit:
        print("(only the organisation's admins can change these)")


def _org_show(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    org = organisations.find_organisation(db, actor, args.name)
    settings = organisations.get_settings(db, actor, org.id)
    if args.json:
        ctx.print_json(_org_json(settings))
    else:
        _print_org(settings)
    return 0


def _org_set(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    org = organisations.find_organisation(db, actor, args.name)
    changes: dict[str, Any] = {}
    for option, key in (
        ("new_name", "name"), ("contact_email", "contact_email"), ("contact_phone", "contact_phone"),
        ("person_in_charge", "person_in_charge"), ("handler_name", "handler"), ("address", "address"),
        ("timezone", "timezone"), ("credit_step_minutes", "credit_step_minutes"),
        ("min_attendance_percent", "credit_min_attendance_percent"),
    ):  # fmt: skip
        value = getattr(args, option)
        if value is not None:
            changes[key] = value
    if args.cap_to_stint is not None:
        changes["credit_cap_to_stint"] = args.cap_to_stint == "yes"
    if args.seal is not None:
        try:
            changes["seal_image"] = files.read_bytes(args.seal, limit=files.SMALL_LIMIT * 5, what="--seal: the seal image")
        except files.FileProblem as exc:
            raise UsageError(str(exc)) from None
    if args.no_seal:
        changes["seal_image"] = None
    if not changes:
        raise UsageError("nothing to change: give at least one option (see `org set --help`)")
    changed = organisations.update_settings(db, actor, org.id, changes)
    settings = organisations.get_settings(db, actor, org.id)
    if args.json:
        ctx.print_json({**_org_json(settings), "changed": changed})
        return 0
    print(f"{settings.name}: " + (f"changed {', '.join(changed)}" if changed else "nothing changed"))
    _print_org(settings)
    return 0
