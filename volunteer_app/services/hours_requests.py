"""A volunteer's "this is wrong" about their hours, and the coordinators' answer.

A request never edits a record. A coordinator of the record's organisation (never
the volunteer themself) either **accepts** it, which makes a correcting record
through the correction chain (``hours.add_record(..., corrects_id=...)``), or for a
missing record a new pending record for that task, in the same transaction; or
**declines** it with a reason. Either way the volunteer gets a notice.
One request per record (or per missing task) is open at a time.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app.domain.enums import RequestKind, RequestStatus, Role
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit, hours, ledger, notices, shared_reads, text_input
from volunteer_app.services.accounts import Actor, require_role, require_signed_in
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from volunteer_app.services.hours_ledger import (
    RequestView,
    coordinated_organisations,
    request_query,
    request_views,
)
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    HoursRequest,
    Organisation,
    ServiceRecord,
    Signup,
    Task,
    TaskOccurrence,
)
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP
MAX_MESSAGE = 2000


def _kind(kind: RequestKind | str) -> RequestKind:
    try:
        return RequestKind(kind)
    except ValueError:
        raise InvalidInput(
            "kind", T("errors", "{value!r} is not a kind of request; use time, task, missing or other."), value=kind
        ) from None


def _text(value: str | None, field: str, empty: str) -> str:
    return text_input.reason(field, value, empty, MAX_MESSAGE)


def _check_pair(start: datetime | None, end: datetime | None, field: str) -> None:
    if (start is None) != (end is None):
        raise InvalidInput(field, T("errors", "Give both the start and the end, or neither."))
    if start is None or end is None:
        return
    if start.tzinfo is None or end.tzinfo is None:
        raise InvalidInput(field, T("errors", "{field} needs a time zone."))
    if end <= start:
        raise InvalidInput(field, T("errors", "The end must come after the start."))


def _open_request(session: Session, person_id: int, *, record_id: int | None = None,
                  occurrence_id: int | None = None) -> int | None:
    stmt = select(HoursRequest.id).where(
        HoursRequest.person_id == person_id, HoursRequest.status == RequestStatus.OPEN
    )
    if record_id is not None:
        stmt = stmt.where(HoursRequest.record_id == record_id)
    else:
        stmt = stmt.where(HoursRequest.record_id.is_(None), HoursRequest.occurrence_id == occurrence_id)
    return session.scalar(stmt.limit(1))


def _own_record_for(session: Session, person_id: int, occurrence_id: int) -> int | None:
    return session.scalar(
        select(ServiceRecord.id).where(
            ServiceRecord.person_id == person_id, ServiceRecord.occurrence_id == occurrence_id
        ).order_by(ServiceRecord.id.desc()).limit(1)
    )


def file_request(
    db: Database,
    actor: Actor | None,
    record_id: int | None,
    kind: RequestKind | str,
    message: str,
    *,
    proposed_started_at: datetime | None = None,
    proposed_ended_at: datetime | None = None,
    occurrence_id: int | None = None,
) -> int:
    """An open request about one of the actor's own records (or, kind "missing", a task with no record).

    It edits nothing: it waits for a coordinator of the record's (or the task's) organisation.
    Returns the request's id.
    """
    kind = _kind(kind)
    message = _text(message, "message", T("errors", "Say what is wrong, in a sentence or two."))
    _check_pair(proposed_started_at, proposed_ended_at, "proposed_started_at")
    with db.transaction() as session:
        actor = require_signed_in(actor)
        # One of a person's requests at a time: two clicks cannot both pass the "one open request" check.
        shared_reads.lock(session, shared_reads.PERSON_LOCK, [actor.person_id])
        if record_id is not None:
            if kind is RequestKind.MISSING:
                raise InvalidInput(
                    "kind", T("errors", "Record {id} exists, so it is not missing: say what is wrong with it."),
                    id=record_id,
                )
            record = session.get(ServiceRecord, record_id)
            if record is None or record.person_id != actor.person_id:
                raise NotFound(T("errors", "You have no hours record {id}."), id=record_id)
            newer = session.scalar(select(ServiceRecord.id).where(ServiceRecord.corrects_id == record_id))
            if newer is not None:
                raise Conflict(
                    T("errors", "Record {id} was replaced by record {newer}; ask about the newer one."),
                    id=record_id, newer=newer,
                )
            if _open_request(session, actor.person_id, record_id=record_id) is not None:
                raise Conflict(
                    T("errors", "You asked about record {id} already; wait for the coordinator's answer."),
                    id=record_id,
                )
            organisation_id = record.organisation_id
            occurrence_id = None
        else:
            if kind is not RequestKind.MISSING:
                raise InvalidInput("record_id", T("errors", "Name the hours record that is wrong."))
            if occurrence_id is None:
                raise InvalidInput("occurrence_id", T("errors", "Name the task whose record is missing."))
            occ = session.get(TaskOccurrence, occurrence_id)
            if occ is None:
                raise NotFound(T("errors", "No task occurrence {id}."), id=occurrence_id)
            if occ.starts_at > utcnow():
                raise InvalidInput(
                    "occurrence_id", T("errors", "Task occurrence {id} has not started yet."), id=occurrence_id
                )
            existing = _own_record_for(session, actor.person_id, occurrence_id)
            if existing is not None:
                raise Conflict(
                    T("errors", "You have a record for this task already (record {id}); say what is wrong with it."),
                    id=existing,
                )
            if _open_request(session, actor.person_id, occurrence_id=occurrence_id) is not None:
                raise Conflict(
                    T("errors", "You reported this task's record missing already; wait for the coordinator's answer.")
                )
            task = session.get(Task, occ.task_id)
            assert task is not None
            organisation_id = task.organisation_id
        request = HoursRequest(
            person_id=actor.person_id, organisation_id=organisation_id, record_id=record_id,
            occurrence_id=occurrence_id, kind=kind, message=message,
            proposed_started_at=proposed_started_at, proposed_ended_at=proposed_ended_at,
        )
        session.add(request)
        session.flush()
        audit.record(
            session, actor.person_id, "hours_request.file", "hours_request", request.id,
            record_id=record_id, occurrence_id=occurrence_id, kind=kind.value,
        )
        return request.id


def open_requests(db: Database, actor: Actor | None) -> list[RequestView]:
    """Open requests across the organisations the actor coordinates (not their own), oldest first."""
    with db.read() as session:
        actor = require_signed_in(actor)
        orgs = coordinated_organisations(session, actor)
        if not orgs:
            return []
        return request_views(
            session,
            request_query()
            .where(
                HoursRequest.organisation_id.in_(orgs),
                HoursRequest.status == RequestStatus.OPEN,
                HoursRequest.person_id != actor.person_id,
            )
            .order_by(HoursRequest.created_at, HoursRequest.id),
        )


def _answerable(session: Session, actor: Actor, request_id: int) -> HoursRequest:
    shared_reads.lock(session, shared_reads.REQUEST_LOCK, [request_id])
    request = session.get(HoursRequest, request_id, populate_existing=True)
    if request is None:
        raise NotFound(T("errors", "No hours request {id}."), id=request_id)
    if request.person_id == actor.person_id:
        raise PermissionDenied(T("errors", "Nobody may answer their own request about hours."))
    require_role(session, actor, request.organisation_id, Role.COORDINATOR)
    if request.status is not RequestStatus.OPEN:
        raise Conflict(T("errors", "Request {id} was {status} already."), id=request_id, status=request.status.value)
    return request


def _about(session: Session, request: HoursRequest, record: ServiceRecord | None) -> tuple[str, str]:
    """(what it is about, the organisation's name) for the notice."""
    org = session.get(Organisation, request.organisation_id)
    if record is not None:
        title = hours.what_was_done(session, record)
    elif request.occurrence_id is not None:
        title = session.scalar(
            select(Task.title).join(TaskOccurrence, TaskOccurrence.task_id == Task.id)
            .where(TaskOccurrence.id == request.occurrence_id)
        ) or ""
    else:
        title = ""
    return title, org.name if org else ""


def accept_request(
    db: Database,
    actor: Actor | None,
    request_id: int,
    *,
    started_at: datetime | None = None,
    ended_at: datetime | None = None,
    minutes: int | None = None,
    occurrence_id: int | None = None,
    note: str | None = None,
) -> int:
    """Accept a request: a correcting (or, for a missing record, a new) pending record, in one transaction.

    The corrected values default to what the volunteer proposed, else to the record as it stands
    (for a missing record: their signup's stint, else the task's times). ``minutes`` defaults to the
    old credit when the times stay, else to the whole stretch. ``occurrence_id`` moves the record to
    another task (a "wrong task" request). Returns the new record's id.
    """
    _check_pair(started_at, ended_at, "started_at")
    if minutes is not None and minutes < 0:
        raise InvalidInput("minutes", T("errors", "Credited minutes must be 0 or more, not {value}."), value=minutes)
    with db.transaction() as session:
        actor = require_signed_in(actor)
        request = _answerable(session, actor, request_id)
        record = session.get(ServiceRecord, request.record_id) if request.record_id is not None else None
        if record is not None:
            start = started_at or request.proposed_started_at or record.started_at
            end = ended_at or request.proposed_ended_at or record.ended_at
            same_times = (start, end) == (record.started_at, record.ended_at)
            credited = minutes if minutes is not None else (record.credited_minutes if same_times else None)
            data = hours.HoursInput(
                person_id=request.person_id, started_at=start, ended_at=end,
                occurrence_id=occurrence_id or record.occurrence_id,
                organisation_id=record.organisation_id,
                activity=None if (occurrence_id or record.occurrence_id) else record.activity,
                credited_minutes=credited,
            )
            new = hours.add_record(session, actor, data, corrects_id=record.id)
        else:
            target = occurrence_id or request.occurrence_id
            if target is None:
                raise Conflict(
                    T("errors", "The task of request {id} no longer exists; decline the request and say so."),
                    id=request_id,
                )
            existing = _own_record_for(session, request.person_id, target)
            if existing is not None:
                raise Conflict(
                    T("errors", "This person has a record for that task already (record {id}); decline the request."),
                    id=existing,
                )
            occ = session.get(TaskOccurrence, target)
            if occ is None:
                raise NotFound(T("errors", "No task occurrence {id}."), id=target)
            signup = session.scalar(
                select(Signup).where(Signup.occurrence_id == target, Signup.person_id == request.person_id)
            )
            planned = (signup.starts_at, signup.ends_at) if signup is not None else (occ.starts_at, occ.ends_at)
            data = hours.HoursInput(
                person_id=request.person_id,
                started_at=started_at or request.proposed_started_at or planned[0],
                ended_at=ended_at or request.proposed_ended_at or planned[1],
                occurrence_id=target, credited_minutes=minutes,
            )
            new = hours.add_record(session, actor, data)
        if new.organisation_id != request.organisation_id:
            require_role(session, actor, new.organisation_id, Role.COORDINATOR)
        request.status = RequestStatus.ACCEPTED
        request.decided_by_id = actor.person_id
        request.decided_at = utcnow()
        request.decision_reason = (note or "").strip() or None
        request.correction_id = new.id
        audit.record(
            session, actor.person_id, "hours_request.accept", "hours_request", request.id,
            correction_id=new.id, minutes=new.credited_minutes,
        )
        ledger.append(session, new.organisation_id, "request_accept", actor.person_id, record=new,
                      facts={"request": request.id})
        title, organisation = _about(session, request, record)
        notices.notify(
            session, request.person_id, hours.REQUEST_ACCEPTED, occurrence_id=new.occurrence_id,
            request_id=request.id, record_id=new.id, title=title, organisation=organisation,
            minutes=new.credited_minutes,
        )
        return new.id


def decline_request(db: Database, actor: Actor | None, request_id: int, reason: str) -> None:
    """Decline a request; the reason (required) goes to the volunteer. Nothing else changes."""
    reason = _text(reason, "reason", T("errors", "Say why the request is declined."))
    with db.transaction() as session:
        actor = require_signed_in(actor)
        request = _answerable(session, actor, request_id)
        request.status = RequestStatus.DECLINED
        request.decided_by_id = actor.person_id
        request.decided_at = utcnow()
        request.decision_reason = reason
        audit.record(session, actor.person_id, "hours_request.decline", "hours_request", request.id, reason=reason)
        record = session.get(ServiceRecord, request.record_id) if request.record_id is not None else None
        ledger.append(session, request.organisation_id, "request_decline", actor.person_id, record=record,
                      facts={"request": request.id})
        title, organisation = _about(session, request, record)
        notices.notify(
            session, request.person_id, hours.REQUEST_DECLINED,
            occurrence_id=record.occurrence_id if record is not None else request.occurrence_id,
            request_id=request.id, title=title, organisation=organisation, reason=reason,
        )


__all__ = ["accept_request", "decline_request", "file_request", "open_requests"]
