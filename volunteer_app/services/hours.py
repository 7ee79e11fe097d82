"""Hours served: recorded, then verified or rejected by the organisation's coordinators.

Trust rules enforced here (and, where a database can, by constraints):
- only a coordinator of the organisation that ran the task decides;
- nobody decides on their own hours;
- a decided record is never edited: a correction is a new pending record
  that points at the one it corrects (``corrects_id``; one chain, never branches);
- only the newest record of a chain counts; older ones are history and are not decided again.

Deciding tells the volunteer with a notice (``services.notices``).
The read side (a volunteer's ledger, the coordinators' queue) is ``services.hours_ledger``;
"this is wrong" requests are ``services.hours_requests``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app.domain.enums import Role, ServiceStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit, ledger, notices, shared_reads, text_input
from volunteer_app.services.accounts import Actor, require_role, require_signed_in, roles_of
from volunteer_app.services.concurrency import HOURS_CHANGED, writing
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import Organisation, Person, ServiceRecord, Task, TaskOccurrence
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP

# Notices to the volunteer (templates in ``services.notices.TEMPLATES``).
HOURS_VERIFIED = "hours_verified"
HOURS_REJECTED = "hours_rejected"
REQUEST_ACCEPTED = "request_accepted"
REQUEST_DECLINED = "request_declined"
MAX_BATCH = 1000  # records decided in one go (one transaction)


@dataclass(frozen=True)
class HoursInput:
    person_id: int
    started_at: datetime
    ended_at: datetime
    occurrence_id: int | None = None
    organisation_id: int | None = None  # required for a free-text activity
    activity: str | None = None
    credited_minutes: int | None = None  # default: the whole stretch
    credit_rule: dict[str, Any] | None = None  # the crediting rule that gave credited_minutes, if any


def _check_times(data: HoursInput) -> int:
    for name in ("started_at", "ended_at"):
        if getattr(data, name).tzinfo is None:
            raise InvalidInput(name, T("errors", "{field} needs a time zone."))
    if data.ended_at <= data.started_at:
        raise InvalidInput("ended_at", T("errors", "The end must come after the start."))
    span = int((data.ended_at - data.started_at).total_seconds() // 60)
    credited = span if data.credited_minutes is None else data.credited_minutes
    if not 0 <= credited <= span:
        raise InvalidInput(
            "credited_minutes", T("errors", "Credited minutes must be 0 to {span}, not {value}."),
            span=span, value=credited,
        )
    return credited


def _organisation_of(session: Session, data: HoursInput) -> int:
    if data.occurrence_id is not None:
        occ = session.get(TaskOccurrence, data.occurrence_id)
        if occ is None:
            raise NotFound(T("errors", "No task occurrence {id}."), id=data.occurrence_id)
        task = session.get(Task, occ.task_id)
        assert task is not None
        return task.organisation_id
    if not (data.activity or "").strip():
        raise InvalidInput("activity", T("errors", "Say what was done: a task or an activity."))
    if data.organisation_id is None or session.get(Organisation, data.organisation_id) is None:
        raise InvalidInput("organisation_id", T("errors", "Name the organisation that will verify this activity."))
    return data.organisation_id


def add_record(session: Session, actor: Actor | None, data: HoursInput, *, corrects_id: int | None = None) -> ServiceRecord:
    """A pending record inside the caller's transaction (audited there); see ``record_hours``."""
    credited = _check_times(data)
    actor = require_signed_in(actor)
    org_id = _organisation_of(session, data)
    if data.person_id != actor.person_id:
        require_role(session, actor, org_id, Role.COORDINATOR)
    if session.get(Person, data.person_id) is None:
        raise NotFound(T("errors", "No person {id}."), id=data.person_id)
    if corrects_id is not None:
        _check_correctable(session, corrects_id, data.person_id)
    record = ServiceRecord(
        person_id=data.person_id, organisation_id=org_id, occurrence_id=data.occurrence_id,
        activity=data.activity, started_at=data.started_at, ended_at=data.ended_at,
        credited_minutes=credited, created_by_id=actor.person_id, corrects_id=corrects_id,
        credit_rule=data.credit_rule,
    )
    session.add(record)
    session.flush()
    audit.record(
        session, actor.person_id, "hours.correct" if corrects_id else "hours.record", "service_record",
        record.id, person_id=data.person_id, minutes=credited, corrects=corrects_id,
    )
    return record


def record_hours(db: Database, actor: Actor | None, data: HoursInput, *, corrects_id: int | None = None) -> int:
    """A pending record. Volunteers record their own; coordinators record for people in their organisation."""
    with db.transaction() as session:
        return add_record(session, actor, data, corrects_id=corrects_id).id


def _newer_record(session: Session, record_id: int) -> int | None:
    return session.scalar(select(ServiceRecord.id).where(ServiceRecord.corrects_id == record_id))


def _check_correctable(session: Session, record_id: int, person_id: int) -> None:
    # Locked, so two corrections of one record cannot both pass the check (PostgreSQL; SQLite writes one at a time).
    shared_reads.lock(session, shared_reads.RECORD_LOCK, [record_id])
    old = session.get(ServiceRecord, record_id, populate_existing=True)
    if old is None:
        raise NotFound(T("errors", "No hours record {id}."), id=record_id)
    if old.person_id != person_id:
        raise InvalidInput("person_id", T("errors", "A correction must be for the same person."))
    if _newer_record(session, record_id) is not None:
        raise Conflict(T("errors", "Record {id} has been corrected already; correct the newest one."), id=record_id)


def correct_hours(db: Database, actor: Actor | None, record_id: int, data: HoursInput) -> int:
    """A new pending record replacing ``record_id``; the old one stays as it was."""
    return record_hours(db, actor, data, corrects_id=record_id)


def what_was_done(session: Session, record: ServiceRecord) -> str:
    """The task's title, or the free-text activity."""
    if record.occurrence_id is not None:
        title = session.scalar(
            select(Task.title).join(TaskOccurrence, TaskOccurrence.task_id == Task.id)
            .where(TaskOccurrence.id == record.occurrence_id)
        )
        if title:
            return title
    return record.activity or ""


def _decide_in(
    session: Session, actor: Actor, record_id: int, status: ServiceStatus, reason: str | None
) -> ServiceRecord:
    shared_reads.lock(session, shared_reads.RECORD_LOCK, [record_id])  # held already by _decide_many
    record = session.get(ServiceRecord, record_id, populate_existing=True)
    if record is None:
        raise NotFound(T("errors", "No hours record {id}."), id=record_id)
    if record.person_id == actor.person_id:
        raise PermissionDenied(T("errors", "Nobody may verify or reject their own hours."))
    require_role(session, actor, record.organisation_id, Role.COORDINATOR)
    if record.status is not ServiceStatus.PENDING:
        raise Conflict(
            T("errors", "Record {id} was {status} already; record a correction instead."),
            id=record_id, status=record.status.value,
        )
    newer = _newer_record(session, record_id)
    if newer is not None:
        raise Conflict(
            T("errors", "Record {id} was replaced by record {newer}; decide the newer one."), id=record_id, newer=newer
        )
    record.status = status
    record.decided_by_id = actor.person_id
    record.decided_at = utcnow()
    record.decision_reason = reason
    audit.record(session, actor.person_id, f"hours.{status.value}", "service_record", record.id, reason=reason)
    ledger.append(session, record.organisation_id, "verify" if status is ServiceStatus.VERIFIED else "reject",
                  actor.person_id, record=record)
    organisation = session.get(Organisation, record.organisation_id)
    params: dict[str, Any] = {
        "record_id": record.id,
        "title": what_was_done(session, record),
        "organisation": organisation.name if organisation else "",
        "minutes": record.credited_minutes,
    }
    if status is ServiceStatus.REJECTED:
        params["reason"] = reason or ""
    notices.notify(
        session, record.person_id, HOURS_VERIFIED if status is ServiceStatus.VERIFIED else HOURS_REJECTED,
        occurrence_id=record.occurrence_id, **params,
    )
    return record


def _decide_many(
    db: Database, actor: Actor | None, record_ids: Iterable[int], status: ServiceStatus, reason: str | None
) -> int:
    ids = sorted(set(record_ids))  # one lock order, so two coordinators deciding overlapping sets cannot deadlock
    if not ids:
        raise InvalidInput("ids", T("errors", "Choose at least one hours record."))
    if len(ids) > MAX_BATCH:
        raise InvalidInput(
            "ids", T("errors", "Decide at most {limit} records at once, not {count}."), limit=MAX_BATCH, count=len(ids)
        )
    # Two coordinators deciding the same record at once: on SQLite the write lock comes first (a
    # deferred transaction that read before the other's commit could not write); on PostgreSQL the
    # record's lock. The second then sees the first's decision and says so in one sentence.
    with writing(db, template=HOURS_CHANGED) as session:
        actor = require_signed_in(actor)
        # Every record before the ledger's chain lock (taken per decision), so two batches that
        # share records wait for each other instead of each holding what the other needs.
        # Advisory locks: a decided record may no longer be updated (row-level security), so its
        # row could not be locked by a coordinator's own login; the lock needs no privilege.
        shared_reads.lock(session, shared_reads.RECORD_LOCK, ids)
        for record_id in ids:
            _decide_in(session, actor, record_id, status, reason)
        return len(ids)


def _required_reason(reason: str | None) -> str:
    return text_input.reason("reason", reason, T("errors", "Say why the hours are rejected."))


def verify_hours(db: Database, actor: Actor | None, record_id: int, reason: str | None = None) -> None:
    _decide_many(db, actor, [record_id], ServiceStatus.VERIFIED, (reason or "").strip() or None)


def reject_hours(db: Database, actor: Actor | None, record_id: int, reason: str) -> None:
    _decide_many(db, actor, [record_id], ServiceStatus.REJECTED, _required_reason(reason))


def verify_many(db: Database, actor: Actor | None, record_ids: Iterable[int]) -> int:
    """Verify every record in ``record_ids`` in ONE transaction: all of them, or (on any refusal) none."""
    return _decide_many(db, actor, record_ids, ServiceStatus.VERIFIED, None)


def reject_many(db: Database, actor: Actor | None, record_ids: Iterable[int], reason: str) -> int:
    """Reject every record in ``record_ids`` with one reason (required), in ONE transaction: all or none."""
    return _decide_many(db, actor, record_ids, ServiceStatus.REJECTED, _required_reason(reason))


def superseded_ids() -> Any:
    """A subquery of the ids that a newer record corrects (history, not current)."""
    return select(ServiceRecord.corrects_id).where(ServiceRecord.corrects_id.is_not(None))


def verified_minutes(db: Database, actor: Actor | None, person_id: int) -> int:
    """Verified minutes of a person, counting only the newest record of each correction chain."""
    with db.read() as session:
        actor = require_signed_in(actor)
        if person_id != actor.person_id and not any(
            Role.COORDINATOR in held for held in roles_of(session, actor.person_id).values()
        ):
            raise PermissionDenied(T("errors", "You may see only your own hours."))
        rows = session.scalars(
            select(ServiceRecord.credited_minutes).where(
                ServiceRecord.person_id == person_id,
                ServiceRecord.status == ServiceStatus.VERIFIED,
                ServiceRecord.id.not_in(superseded_ids()),
            )
        )
        return sum(rows)
