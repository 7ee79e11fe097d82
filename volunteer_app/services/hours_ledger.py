"""Reading hours: a volunteer's own ledger and the coordinators' queue of pending records.

A correction chain (``ServiceRecord.corrects_id``) reads as one line: the newest
record is *current* and counts; the records it replaced are *history*. Times are
given with the zone they are shown in (the task's, or the organisation's for a
free-text activity), so the window and the CLI format them with ``domain.timefmt``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from volunteer_app.domain.enums import RequestKind, RequestStatus, Role, ServiceStatus, SignupStatus
from volunteer_app.domain.timefmt import zone_of
from volunteer_app.services.accounts import Actor, require_signed_in, roles_of
from volunteer_app.services.hours import superseded_ids
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    HoursRequest,
    Organisation,
    Person,
    ServiceRecord,
    Signup,
    Task,
    TaskOccurrence,
)

CHART_MONTHS = 12
QUEUE_LIMIT = 1000  # pending records shown at once; the total is counted


@dataclass(frozen=True)
class RequestView:
    """A "this is wrong" request, with what it is about."""

    id: int
    person_id: int
    person_name: str
    person_email: str
    organisation_id: int
    organisation: str
    record_id: int | None  # None: a missing record
    occurrence_id: int | None
    title: str  # the task (or activity) it is about
    timezone: str
    kind: RequestKind
    message: str
    proposed_started_at: datetime | None
    proposed_ended_at: datetime | None
    status: RequestStatus
    created_at: datetime
    decided_at: datetime | None
    decision_reason: str | None
    correction_id: int | None
    # The record as it stands (for a coordinator's corrected values); the occurrence's times for a missing one.
    started_at: datetime | None
    ended_at: datetime | None
    credited_minutes: int | None


@dataclass(frozen=True)
class RecordView:
    id: int
    person_id: int
    person_name: str
    person_email: str
    status: ServiceStatus
    credited_minutes: int
    organisation_id: int
    organisation: str
    title: str  # the task's title, or the activity
    is_activity: bool
    occurrence_id: int | None
    started_at: datetime
    ended_at: datetime
    timezone: str  # IANA name the times are shown in
    decided_at: datetime | None
    decided_by: str | None
    decision_reason: str | None  # the coordinator's reason (required when rejected)
    corrects_id: int | None  # the record this one replaced
    replaced_by_id: int | None  # the newer record that replaced this one (None: current)
    credit_rule: dict[str, Any] | None
    created_at: datetime
    request: RequestView | None = None  # the newest request about this record, if any

    @property
    def is_current(self) -> bool:
        return self.replaced_by_id is None

    @property
    def has_open_request(self) -> bool:
        return self.request is not None and self.request.status is RequestStatus.OPEN


@dataclass(frozen=True)
class MyHours:
    """Everything the My hours page and ``hours mine`` show."""

    records: list[RecordView]  # current records, newest first
    history: list[RecordView]  # records replaced by a correction, newest first
    missing_requests: list[RequestView]  # "a record is missing" requests (they name no record), newest first
    by_organisation: list[tuple[str, int]]  # verified minutes, most first
    by_year: list[tuple[int, int]]  # verified minutes, newest year first
    by_month: list[tuple[date, int]]  # verified minutes for the last CHART_MONTHS months, oldest first
    verified_minutes: int
    pending_minutes: int


@dataclass(frozen=True)
class MissedTask:
    """A past task the volunteer signed up for that has no record of theirs: a "missing record" candidate."""

    occurrence_id: int
    title: str
    organisation: str
    starts_at: datetime
    ends_at: datetime
    timezone: str


@dataclass(frozen=True)
class PendingQueue:
    records: list[RecordView]  # oldest first (they have waited longest)
    total: int  # may exceed len(records) (QUEUE_LIMIT)
    organisations: list[str] = field(default_factory=list)  # where the actor verifies


def _local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(zone_of(zone))


def _record_query() -> Any:
    decider = aliased(Person)
    return (
        select(
            ServiceRecord,
            Person.display_name,
            Person.email,
            Organisation.name,
            Organisation.timezone,
            Task.title,
            Task.timezone,
            decider.display_name,
        )
        .join(Person, Person.id == ServiceRecord.person_id)
        .join(Organisation, Organisation.id == ServiceRecord.organisation_id)
        .outerjoin(TaskOccurrence, TaskOccurrence.id == ServiceRecord.occurrence_id)
        .outerjoin(Task, Task.id == TaskOccurrence.task_id)
        .outerjoin(decider, decider.id == ServiceRecord.decided_by_id)
    )


def _record_views(session: Session, stmt: Any, requests: dict[int, RequestView]) -> list[RecordView]:
    rows = session.execute(stmt).all()
    ids = [row[0].id for row in rows]
    replaced: dict[int, int] = {}
    if ids:
        for new_id, old_id in session.execute(
            select(ServiceRecord.id, ServiceRecord.corrects_id).where(ServiceRecord.corrects_id.in_(ids))
        ):
            if old_id is not None:
                replaced[old_id] = new_id
    views = []
    for record, name, email, org_name, org_zone, task_title, task_zone, decider in rows:
        views.append(
            RecordView(
                id=record.id, person_id=record.person_id, person_name=name, person_email=email,
                status=record.status, credited_minutes=record.credited_minutes,
                organisation_id=record.organisation_id, organisation=org_name,
                title=task_title or record.activity or "", is_activity=task_title is None,
                occurrence_id=record.occurrence_id, started_at=record.started_at, ended_at=record.ended_at,
                timezone=task_zone or org_zone, decided_at=record.decided_at, decided_by=decider,
                decision_reason=record.decision_reason, corrects_id=record.corrects_id,
                replaced_by_id=replaced.get(record.id), credit_rule=record.credit_rule,
                created_at=record.created_at, request=requests.get(record.id),
            )
        )
    return views


def request_query() -> Any:
    """Requests with their person, organisation, and what they are about (record or occurrence)."""
    occurrence = aliased(TaskOccurrence)
    task = aliased(Task)
    return (
        select(HoursRequest, Person.display_name, Person.email, Organisation.name, Organisation.timezone,
               ServiceRecord, occurrence, task.title, task.timezone)
        .join(Person, Person.id == HoursRequest.person_id)
        .join(Organisation, Organisation.id == HoursRequest.organisation_id)
        .outerjoin(ServiceRecord, ServiceRecord.id == HoursRequest.record_id)
        .outerjoin(
            occurrence,
            occurrence.id == func.coalesce(ServiceRecord.occurrence_id, HoursRequest.occurrence_id),
        )
        .outerjoin(task, task.id == occurrence.task_id)
    )


def request_views(session: Session, stmt: Any) -> list[RequestView]:
    views = []
    for req, name, email, org_name, org_zone, record, occ, title, zone in session.execute(stmt).all():
        if record is not None:
            start, end, minutes = record.started_at, record.ended_at, record.credited_minutes
        elif occ is not None:
            start, end = occ.starts_at, occ.ends_at
            minutes = int((end - start).total_seconds() // 60)
        else:
            start = end = minutes = None
        views.append(
            RequestView(
                id=req.id, person_id=req.person_id, person_name=name, person_email=email,
                organisation_id=req.organisation_id, organisation=org_name, record_id=req.record_id,
                occurrence_id=req.occurrence_id if record is None else record.occurrence_id,
                title=title or (record.activity if record is not None else None) or "",
                timezone=zone or org_zone, kind=req.kind, message=req.message,
                proposed_started_at=req.proposed_started_at, proposed_ended_at=req.proposed_ended_at,
                status=req.status, created_at=req.created_at, decided_at=req.decided_at,
                decision_reason=req.decision_reason, correction_id=req.correction_id,
                started_at=start, ended_at=end, credited_minutes=minutes,
            )
        )
    return views


def _months_back(today: date, count: int) -> list[date]:
    year, month = today.year, today.month
    firsts = []
    for _ in range(count):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def my_records(db: Database, actor: Actor | None, *, today: date | None = None) -> MyHours:
    """The signed-in person's hours: every record with its status, totals, and the monthly figures for a chart.

    Only the newest record of each correction chain counts; the records it replaced come as ``history``.
    Months and years are those of the place (the record's zone). ``today`` (default: this computer's date)
    ends the chart's months.
    """
    today = today or date.today()
    with db.read() as session:
        actor = require_signed_in(actor)
        all_requests = request_views(
            session,
            request_query().where(HoursRequest.person_id == actor.person_id).order_by(HoursRequest.created_at),
        )
        latest: dict[int, RequestView] = {}
        for req in all_requests:  # oldest first, so the newest wins
            if req.record_id is not None:
                latest[req.record_id] = req
        views = _record_views(
            session,
            _record_query()
            .where(ServiceRecord.person_id == actor.person_id)
            .order_by(ServiceRecord.started_at.desc(), ServiceRecord.id.desc()),
            latest,
        )
    current = [v for v in views if v.is_current]
    history = [v for v in views if not v.is_current]
    by_org: dict[str, int] = defaultdict(int)
    by_year: dict[int, int] = defaultdict(int)
    by_month: dict[date, int] = defaultdict(int)
    months = _months_back(today, CHART_MONTHS)
    for v in current:
        if v.status is not ServiceStatus.VERIFIED:
            continue
        local = _local(v.started_at, v.timezone)
        by_org[v.organisation] += v.credited_minutes
        by_year[local.year] += v.credited_minutes
        first = date(local.year, local.month, 1)
        if months[0] <= first <= months[-1]:
            by_month[first] += v.credited_minutes
    missing = [r for r in reversed(all_requests) if r.record_id is None]
    return MyHours(
        records=current,
        history=history,
        missing_requests=missing,
        by_organisation=sorted(by_org.items(), key=lambda kv: (-kv[1], kv[0])),
        by_year=sorted(by_year.items(), reverse=True),
        by_month=[(m, by_month.get(m, 0)) for m in months],
        verified_minutes=sum(by_org.values()),
        pending_minutes=sum(v.credited_minutes for v in current if v.status is ServiceStatus.PENDING),
    )


def missed_tasks(db: Database, actor: Actor | None, *, now: datetime | None = None, days: int = 365) -> list[MissedTask]:
    """Past tasks (last ``days`` days) the person signed up for with no record of theirs, newest first."""
    now = now or datetime.now(UTC)
    with db.read() as session:
        actor = require_signed_in(actor)
        has_record = select(ServiceRecord.occurrence_id).where(
            ServiceRecord.person_id == actor.person_id, ServiceRecord.occurrence_id.is_not(None)
        )
        asked = select(HoursRequest.occurrence_id).where(
            HoursRequest.person_id == actor.person_id, HoursRequest.status == RequestStatus.OPEN,
            HoursRequest.occurrence_id.is_not(None),
        )
        rows = session.execute(
            select(TaskOccurrence, Task.title, Task.timezone, Organisation.name)
            .join(Signup, Signup.occurrence_id == TaskOccurrence.id)
            .join(Task, Task.id == TaskOccurrence.task_id)
            .join(Organisation, Organisation.id == Task.organisation_id)
            .where(
                Signup.person_id == actor.person_id,
                Signup.status.in_([SignupStatus.CONFIRMED, SignupStatus.COMPLETED, SignupStatus.NO_SHOW]),
                TaskOccurrence.starts_at < now,
                TaskOccurrence.starts_at >= now - timedelta(days=days),
                TaskOccurrence.is_cancelled.is_(False),
                TaskOccurrence.id.not_in(has_record),
                TaskOccurrence.id.not_in(asked),
            )
            .order_by(TaskOccurrence.starts_at.desc())
            .limit(200)
        ).all()
        return [
            MissedTask(occ.id, title, org, occ.starts_at, occ.ends_at, zone) for occ, title, zone, org in rows
        ]


def coordinated_organisations(session: Session, actor: Actor) -> list[int]:
    """Organisations where the actor is a coordinator now (read from the database)."""
    return sorted(org for org, held in roles_of(session, actor.person_id).items() if Role.COORDINATOR in held)


def pending_records(db: Database, actor: Actor | None, *, limit: int = QUEUE_LIMIT) -> PendingQueue:
    """Pending, current records across the organisations the actor coordinates, oldest first.

    The actor's own records are left out (nobody decides their own). Anyone else gets an empty queue.
    """
    with db.read() as session:
        actor = require_signed_in(actor)
        orgs = coordinated_organisations(session, actor)
        if not orgs:
            return PendingQueue([], 0, [])
        where = (
            ServiceRecord.organisation_id.in_(orgs),
            ServiceRecord.status == ServiceStatus.PENDING,
            ServiceRecord.person_id != actor.person_id,
            ServiceRecord.id.not_in(superseded_ids()),
        )
        total = session.scalar(select(func.count(ServiceRecord.id)).where(*where)) or 0
        open_requests = {
            r.record_id: r
            for r in request_views(
                session,
                request_query().where(
                    HoursRequest.organisation_id.in_(orgs), HoursRequest.status == RequestStatus.OPEN,
                    HoursRequest.record_id.is_not(None),
                ),
            )
            if r.record_id is not None
        }
        views = _record_views(
            session,
            _record_query().where(*where).order_by(ServiceRecord.started_at, ServiceRecord.id).limit(limit),
            open_requests,
        )
        names = list(session.scalars(select(Organisation.name).where(Organisation.id.in_(orgs)).order_by(Organisation.name)))
        return PendingQueue(views, total, names)


__all__ = [
    "CHART_MONTHS",
    "MissedTask",
    "MyHours",
    "PendingQueue",
    "RecordView",
    "RequestView",
    "coordinated_organisations",
    "missed_tasks",
    "my_records",
    "pending_records",
    "request_query",
    "request_views",
]
