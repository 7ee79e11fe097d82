"""``hours``: a volunteer's own hours and "this is wrong" requests; coordinators verify, reject and answer.

    volunteer-app hours mine [--json]
    volunteer-app hours request RECORD_ID --kind time|task|other --message TEXT [--start ISO --end ISO]
    volunteer-app hours request --kind missing --occurrence ID --message TEXT [--start ISO --end ISO]
    volunteer-app hours pending [--json]
    volunteer-app hours verify ID...
    volunteer-app hours reject ID... --reason TEXT
    volunteer-app hours requests [--json]
    volunteer-app hours accept-request ID [--start ISO --end ISO] [--minutes N] [--occurrence ID]
    volunteer-app hours decline-request ID --reason TEXT

All act as ``--user``. Times are shown on the task's clock (``domain.timefmt``); JSON carries
ISO 8601 times with the task's offset and whole minutes.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any, TypeAlias

from volunteer_app.cli.arguments import in_calendar, whole_number
from volunteer_app.cli.context import CliContext, UsageError, add_user_option
from volunteer_app.domain.crediting import explain_credit
from volunteer_app.domain.enums import RequestKind, RequestStatus, ServiceStatus
from volunteer_app.domain.input_limits import show
from volunteer_app.domain.timefmt import moment_text, task_time_text, zone_of
from volunteer_app.services import hours, hours_ledger, hours_requests
from volunteer_app.services.hours_ledger import RecordView, RequestView

Parsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(subparsers: Parsers, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser(
        "hours", parents=[common], help="hours served: your own, the ones to verify, and requests to correct them",
        description="Hours served. Volunteers see theirs and ask for corrections; coordinators verify or "
        "reject pending hours and answer the requests. A decided record is never edited: a correction is a "
        "new record.",
    )
    actions: Parsers = group.add_subparsers(dest="hours_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
        p = actions.add_parser(name, parents=[common], help=help_text, description=help_text[0].upper() + help_text[1:])
        add_user_option(p)
        p.set_defaults(handler=handler)
        return p

    p = action("mine", "your hours records with their status, and your totals", _mine)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = action("request", "say what is wrong with one of your records (or that one is missing)", _request)
    p.add_argument("record", nargs="?", type=whole_number, metavar="RECORD_ID", help="the record (not for --kind missing)")
    p.add_argument("--kind", required=True, choices=[k.value for k in RequestKind], help="what is wrong")
    p.add_argument("--message", required=True, metavar="TEXT", help="what is wrong, in a sentence or two")
    p.add_argument("--occurrence", type=whole_number, metavar="ID", help="the task occurrence whose record is missing")
    _time_options(p, "the times you served, if you know them")

    p = action("pending", "pending hours to verify in the organisations you coordinate", _pending)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = action("verify", "verify pending hours (all of them, or none if one cannot be)", _verify)
    p.add_argument("ids", nargs="+", type=whole_number, metavar="ID")

    p = action("reject", "reject pending hours with a reason (all of them, or none)", _reject)
    p.add_argument("ids", nargs="+", type=whole_number, metavar="ID")
    p.add_argument("--reason", required=True, metavar="TEXT", help="why (the volunteer reads it)")

    p = action("requests", "open 'this is wrong' requests in the organisations you coordinate", _requests)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = action("accept-request", "accept a request: a corrected (or missing) record is made, pending", _accept)
    p.add_argument("id", type=whole_number, metavar="ID")
    _time_options(p, "the corrected times (default: what the volunteer proposed, else the record's)")
    p.add_argument("--minutes", type=whole_number, metavar="N", help="credited minutes (default: the record's, or the whole stretch)")
    p.add_argument("--occurrence", type=whole_number, metavar="ID", help="move the record to this task occurrence")

    p = action("decline-request", "decline a request with a reason", _decline)
    p.add_argument("id", type=whole_number, metavar="ID")
    p.add_argument("--reason", required=True, metavar="TEXT", help="why (the volunteer reads it)")


def _time_options(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--start", metavar="ISO", help=f"start: {what}; without an offset, this computer's local time")
    p.add_argument("--end", metavar="ISO", help="end (as --start)")


def _iso(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option} {show(value)} is not an ISO 8601 date and time (e.g. 2026-05-04T09:30)") from None
    in_calendar(moment, option, value)
    return moment if moment.tzinfo is not None else moment.astimezone()


def _times(args: argparse.Namespace) -> tuple[datetime | None, datetime | None]:
    start, end = _iso(args.start, "--start"), _iso(args.end, "--end")
    if (start is None) != (end is None):
        raise UsageError("give both --start and --end, or neither")
    return start, end


def hours_text(minutes: int) -> str:
    return f"{minutes / 60:.1f} h"


def _on_clock(moment: datetime | None, zone: str) -> str | None:
    return None if moment is None else moment.astimezone(zone_of(zone)).isoformat()


def _request_json(r: RequestView) -> dict[str, Any]:
    return {
        "id": r.id,
        "kind": r.kind.value,
        "status": r.status.value,
        "volunteer": r.person_email,
        "name": r.person_name,
        "organisation": r.organisation,
        "record": r.record_id,
        "occurrence": r.occurrence_id,
        "title": r.title,
        "message": r.message,
        "proposed_start": _on_clock(r.proposed_started_at, r.timezone),
        "proposed_end": _on_clock(r.proposed_ended_at, r.timezone),
        "start": _on_clock(r.started_at, r.timezone),
        "end": _on_clock(r.ended_at, r.timezone),
        "credited_minutes": r.credited_minutes,
        "created_at": r.created_at.isoformat(),
        "reason": r.decision_reason,
        "correction": r.correction_id,
    }


def _record_json(r: RecordView) -> dict[str, Any]:
    return {
        "id": r.id,
        "status": r.status.value,
        "credited_minutes": r.credited_minutes,
        "organisation": r.organisation,
        "title": r.title,
        "activity": r.is_activity,
        "occurrence": r.occurrence_id,
        "volunteer": r.person_email,
        "name": r.person_name,
        "start": _on_clock(r.started_at, r.timezone),
        "end": _on_clock(r.ended_at, r.timezone),
        "timezone": r.timezone,
        "decided_by": r.decided_by,
        "decided_at": r.decided_at.isoformat() if r.decided_at else None,
        "reason": r.decision_reason,
        "corrects": r.corrects_id,
        "replaced_by": r.replaced_by_id,
        "credit_rule": r.credit_rule,
        "request": _request_json(r.request) if r.request is not None else None,
    }


def _record_notes(r: RecordView) -> list[str]:
    notes = []
    if r.status is ServiceStatus.REJECTED:
        notes.append(f"reason: {r.decision_reason or '(none given)'}")
    if r.corrects_id is not None:
        notes.append(f"corrects #{r.corrects_id}")
    if r.replaced_by_id is not None:
        notes.append(f"replaced by #{r.replaced_by_id}")
    if r.credit_rule:
        notes.append(f"rule: {explain_credit(r.credit_rule)}")
    if r.request is not None:
        if r.request.status is RequestStatus.OPEN:
            notes.append(f"correction requested (request #{r.request.id})")
        elif r.request.status is RequestStatus.DECLINED and r.replaced_by_id is None:
            notes.append(f"request #{r.request.id} declined: {r.request.decision_reason or ''}")
    return notes


def _print_record(r: RecordView, *, who: bool = False) -> None:
    person = f"{r.person_name} <{r.person_email}>  " if who else ""
    print(f"#{r.id:<5} {r.status.value:<9} {hours_text(r.credited_minutes):>7}  {person}{r.title} — {r.organisation}")
    print(f"       {task_time_text(r.started_at, r.ended_at, r.timezone)}")
    for note in _record_notes(r):
        print(f"       {note}")


def _mine(args: argparse.Namespace, ctx: CliContext) -> int:
    mine = hours_ledger.my_records(ctx.database(), ctx.actor())
    if args.json:
        ctx.print_json({
            "records": [_record_json(r) for r in mine.records],
            "history": [_record_json(r) for r in mine.history],
            "missing_requests": [_request_json(r) for r in mine.missing_requests],
            "totals": {
                "verified_minutes": mine.verified_minutes,
                "pending_minutes": mine.pending_minutes,
                "by_organisation": [{"organisation": o, "minutes": m} for o, m in mine.by_organisation],
                "by_year": [{"year": y, "minutes": m} for y, m in mine.by_year],
                "by_month": [{"month": d.strftime("%Y-%m"), "minutes": m} for d, m in mine.by_month],
            },
        })
        return 0
    if not mine.records and not mine.missing_requests:
        print("No hours recorded yet.")
        return 0
    for r in mine.records:
        _print_record(r)
    for q in mine.missing_requests:
        if q.status is RequestStatus.OPEN:
            print(f"request #{q.id}: missing record for {q.title} — {q.organisation} (waiting for a coordinator)")
    if mine.history:
        print(f"{len(mine.history)} older record(s) replaced by corrections (see --json).")
    orgs = ", ".join(f"{o}: {hours_text(m)}" for o, m in mine.by_organisation)
    print(f"Verified: {hours_text(mine.verified_minutes)}" + (f" ({orgs})" if orgs else "")
          + f"; pending: {hours_text(mine.pending_minutes)}.")
    if mine.by_year:
        print("By year: " + ", ".join(f"{y} {hours_text(m)}" for y, m in mine.by_year))
    return 0


def _request(args: argparse.Namespace, ctx: CliContext) -> int:
    start, end = _times(args)
    if args.kind == RequestKind.MISSING.value:
        if args.record is not None:
            raise UsageError("--kind missing names a task with --occurrence, not a RECORD_ID")
        if args.occurrence is None:
            raise UsageError("--kind missing needs --occurrence ID (the task whose record is missing)")
    elif args.record is None:
        raise UsageError(f"--kind {args.kind} needs the RECORD_ID that is wrong")
    request_id = hours_requests.file_request(
        ctx.database(), ctx.actor(), args.record, args.kind, args.message,
        proposed_started_at=start, proposed_ended_at=end, occurrence_id=args.occurrence,
    )
    print(f"request #{request_id} sent; a coordinator will answer it (the record is unchanged until then).")
    return 0


def _pending(args: argparse.Namespace, ctx: CliContext) -> int:
    queue = hours_ledger.pending_records(ctx.database(), ctx.actor())
    if args.json:
        ctx.print_json({"total": queue.total, "organisations": queue.organisations,
                        "records": [_record_json(r) for r in queue.records]})
        return 0
    if not queue.organisations:
        print("You coordinate no organisation, so no hours wait for you.")
        return 0
    if not queue.records:
        print("No hours wait for verification.")
        return 0
    for r in queue.records:
        _print_record(r, who=True)
    shown = f"{len(queue.records)} of {queue.total}" if queue.total > len(queue.records) else str(queue.total)
    print(f"{shown} pending record(s) in {', '.join(queue.organisations)}.")
    return 0


def _verify(args: argparse.Namespace, ctx: CliContext) -> int:
    count = hours.verify_many(ctx.database(), ctx.actor(), args.ids)
    print(f"verified {count} record(s).")
    return 0


def _reject(args: argparse.Namespace, ctx: CliContext) -> int:
    count = hours.reject_many(ctx.database(), ctx.actor(), args.ids, args.reason)
    print(f"rejected {count} record(s).")
    return 0


def _requests(args: argparse.Namespace, ctx: CliContext) -> int:
    views = hours_requests.open_requests(ctx.database(), ctx.actor())
    if args.json:
        ctx.print_json({"requests": [_request_json(r) for r in views]})
        return 0
    if not views:
        print("No open requests.")
        return 0
    for r in views:
        about = f"record #{r.record_id}" if r.record_id is not None else "missing record"
        print(f"#{r.id:<5} {r.kind.value:<8} {r.person_name} <{r.person_email}> — {about}: {r.title} ({r.organisation})")
        if r.started_at is not None and r.ended_at is not None:
            minutes = f", {r.credited_minutes} min" if r.credited_minutes is not None else ""
            label = "recorded" if r.record_id is not None else "task"
            print(f"       {label}: {task_time_text(r.started_at, r.ended_at, r.timezone)}{minutes}")
        if r.proposed_started_at is not None and r.proposed_ended_at is not None:
            print(f"       proposed: {task_time_text(r.proposed_started_at, r.proposed_ended_at, r.timezone)}")
        print(f"       “{r.message}” — asked {moment_text(r.created_at, r.timezone)}")
    return 0


def _accept(args: argparse.Namespace, ctx: CliContext) -> int:
    start, end = _times(args)
    record_id = hours_requests.accept_request(
        ctx.database(), ctx.actor(), args.id, started_at=start, ended_at=end, minutes=args.minutes,
        occurrence_id=args.occurrence,
    )
    print(f"request #{args.id} accepted: record #{record_id} made, pending verification.")
    return 0


def _decline(args: argparse.Namespace, ctx: CliContext) -> int:
    hours_requests.decline_request(ctx.database(), ctx.actor(), args.id, args.reason)
    print(f"request #{args.id} declined.")
    return 0
