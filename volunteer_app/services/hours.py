"""Hours served: recorded, then verified or rejected by the organisation's coordinators.

Trust rules enforced here (and, where a database can, by constraints):
- only a coordinator of the organisation that ran the task decides;
- nobody decides on their own hours;
- a decided record is never edited: a correction is a new pending record
  that points at the one it corrects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app.domain.enums import Role, ServiceStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit
from volunteer_app.services.accounts import Actor, require_role, require_signed_in, roles_of
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import Organisation, Person, ServiceRecord, Task, TaskOccurrence
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class HoursInput:
    person_id: int
    started_at: datetime
    ended_at: datetime
    occurrence_id: int | None = None
    organisation_id: int | None = None  # required for a free-text activity
    activity: str | None = None
    credited_minutes: int | None = None  # default: the whole stretch


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


def record_hours(db: Database, actor: Actor | None, data: HoursInput, *, corrects_id: int | None = None) -> int:
    """A pending record. Volunteers record their own; coordinators record for people in their organisation."""
    credited = _check_times(data)
    with db.transaction() as session:
        actor = require_signed_in(actor)
        org_id = _organisation_of(session, data)
        if data.person_id != actor.person_id:
            require_role(session, actor, org_id, Role.COORDINATOR)
        if session.get(Person, data.person_id) is None:
            raise NotFound(T("errors", "No person {id}."), id=data.person_id)
        record = ServiceRecord(
            person_id=data.person_id, organisation_id=org_id, occurrence_id=data.occurrence_id,
            activity=data.activity, started_at=data.started_at, ended_at=data.ended_at,
            credited_minutes=credited, created_by_id=actor.person_id, corrects_id=corrects_id,
        )
        if corrects_id is not None:
            _check_correctable(session, corrects_id, data.person_id)
        session.add(record)
        session.flush()
        audit.record(
            session, actor.person_id, "hours.correct" if corrects_id else "hours.record", "service_record",
            record.id, person_id=data.person_id, minutes=credited, corrects=corrects_id,
        )
        return record.id


def _check_correctable(session: Session, record_id: int, person_id: int) -> None:
    old = session.get(ServiceRecord, record_id)
    if old is None:
        raise NotFound(T("errors", "No hours record {id}."), id=record_id)
    if old.person_id != person_id:
        raise InvalidInput("person_id", T("errors", "A correction must be for the same person."))
    if session.scalar(select(ServiceRecord.id).where(ServiceRecord.corrects_id == record_id)) is not None:
        raise Conflict(T("errors", "Record {id} has been corrected already; correct the newest one."), id=record_id)


def correct_hours(db: Database, actor: Actor | None, record_id: int, data: HoursInput) -> int:
    """A new pending record replacing ``record_id``; the old one stays as it was."""
    return record_hours(db, actor, data, corrects_id=record_id)


def _decide(db: Database, actor: Actor | None, record_id: int, status: ServiceStatus, reason: str | None) -> None:
    with db.transaction() as session:
        actor = require_signed_in(actor)
        record = session.get(ServiceRecord, record_id, with_for_update=True)
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
        record.status = status
        record.decided_by_id = actor.person_id
        record.decided_at = utcnow()
        record.decision_reason = reason
        audit.record(session, actor.person_id, f"hours.{status.value}", "service_record", record.id, reason=reason)


def verify_hours(db: Database, actor: Actor | None, record_id: int, reason: str | None = None) -> None:
    _decide(db, actor, record_id, ServiceStatus.VERIFIED, reason)


def reject_hours(db: Database, actor: Actor | None, record_id: int, reason: str) -> None:
    if not reason.strip():
        raise InvalidInput("reason", T("errors", "Say why the hours are rejected."))
    _decide(db, actor, record_id, ServiceStatus.REJECTED, reason)


def verified_minutes(db: Database, actor: Actor | None, person_id: int) -> int:
    """Verified minutes of a person, counting only the newest record of each correction chain."""
    with db.read() as session:
        actor = require_signed_in(actor)
        if person_id != actor.person_id and not any(
            Role.COORDINATOR in held for held in roles_of(session, actor.person_id).values()
        ):
            raise PermissionDenied(T("errors", "You may see only your own hours."))
        superseded = select(ServiceRecord.corrects_id).where(ServiceRecord.corrects_id.is_not(None))
        rows = session.scalars(
            select(ServiceRecord.credited_minutes).where(
                ServiceRecord.person_id == person_id,
                ServiceRecord.status == ServiceStatus.VERIFIED,
                ServiceRecord.id.not_in(superseded),
            )
        )
        return sum(rows)
