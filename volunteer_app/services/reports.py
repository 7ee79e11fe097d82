"""Reports: what an organisation's volunteers did, and how well the organisation does its part.

``organisation_report`` is for the organisation's coordinators: verified hours per
volunteer, task, category and month; fill rate, no-show rate and how long
verification takes. ``transparency_summary`` is the short public face of the same
figures, which anyone signed in may see (donors and volunteers ask how an
organisation performs; the honest ones should be able to show it).

Only the newest record of each correction chain counts, as everywhere else.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from volunteer_app.domain import input_limits
from volunteer_app.domain.enums import Role, ServiceStatus, SignupStatus, TaskStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import text_input
from volunteer_app.services.accounts import Actor, require_role, require_signed_in
from volunteer_app.services.errors import InvalidInput, NotFound
from volunteer_app.services.storage import Database
from volunteer_app.store.models import Organisation, Person, ServiceRecord, Signup, Task, TaskOccurrence

T = QT_TRANSLATE_NOOP
#: Who sees an organisation's full report.
MANAGING_ROLES = (Role.COORDINATOR, Role.ADMIN)
#: Signups that took a place on an occurrence that has happened.
_FILLED = (SignupStatus.CONFIRMED, SignupStatus.COMPLETED, SignupStatus.NO_SHOW)


@dataclass
class Figure:
    label: str
    minutes: int


@dataclass
class OrganisationReport:
    organisation_id: int
    organisation: str
    timezone: str
    start: datetime | None
    end: datetime | None
    by_volunteer: list[Figure] = field(default_factory=list)
    by_task: list[Figure] = field(default_factory=list)
    by_category: list[Figure] = field(default_factory=list)
    by_month: list[Figure] = field(default_factory=list)  # label "2026-11", oldest first
    verified_minutes: int = 0
    places_offered: int = 0
    places_filled: int = 0
    attended: int = 0
    no_shows: int = 0
    verification_days: list[float] = field(default_factory=list)

    @property
    def fill_rate(self) -> float | None:
        return self.places_filled / self.places_offered if self.places_offered else None

    @property
    def no_show_rate(self) -> float | None:
        counted = self.attended + self.no_shows
        return self.no_shows / counted if counted else None

    @property
    def median_days_to_verify(self) -> float | None:
        return statistics.median(self.verification_days) if self.verification_days else None


@dataclass
class TransparencySummary:
    organisation_id: int
    organisation: str
    verified_minutes: int
    volunteers: int  # people with verified hours
    tasks_run: int  # occurrences that have happened (not cancelled)
    fill_rate: float | None
    median_days_to_verify: float | None
    rejected_share: float | None  # of decided minutes, the share rejected
    corrected_share: float | None  # of records, the share later corrected
    records: int
    generated_at: datetime


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _bounds(start: datetime | None, end: datetime | None) -> tuple[datetime | None, datetime | None]:
    if start is not None and end is not None and end <= start:
        raise InvalidInput("to", T("errors", "The period ends ({value}) before it starts."), value=end.isoformat())
    return start, end


def _current_records(session: Session, organisation_id: int) -> list[ServiceRecord]:
    """Every record of the organisation that no later record corrects."""
    superseded = select(ServiceRecord.corrects_id).where(ServiceRecord.corrects_id.is_not(None))
    return list(
        session.scalars(
            select(ServiceRecord).where(
                ServiceRecord.organisation_id == organisation_id, ServiceRecord.id.not_in(superseded)
            )
        )
    )


def _in_period(moment: datetime, start: datetime | None, end: datetime | None) -> bool:
    return (start is None or moment >= start) and (end is None or moment < end)


def _ranked(totals: dict[str, int]) -> list[Figure]:
    return [Figure(k, v) for k, v in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]


def _organisation(session: Session, organisation_id: int) -> Organisation:
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound(T("errors", "No organisation {id}."), id=organisation_id)
    return org


def _places(
    session: Session, organisation_id: int, start: datetime | None, end: datetime | None, now: datetime
) -> tuple[int, int, int, int, int]:
    """(places offered, places filled, attended, no-shows, occurrences run) over occurrences that have ended."""
    query = (
        select(TaskOccurrence.id, Task.slots)
        .join(Task, Task.id == TaskOccurrence.task_id)
        .where(
            Task.organisation_id == organisation_id,
            Task.status.in_([TaskStatus.OPEN.value, TaskStatus.CLOSED.value]),
            TaskOccurrence.is_cancelled.is_(False),
            TaskOccurrence.ends_at <= now,
        )
    )
    if start is not None:
        query = query.where(TaskOccurrence.starts_at >= start)
    if end is not None:
        query = query.where(TaskOccurrence.starts_at < end)
    slots: dict[int, int] = {occ: n for occ, n in session.execute(query)}
    if not slots:
        return 0, 0, 0, 0, 0
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for occ_id, status, n in session.execute(
        select(Signup.occurrence_id, Signup.status, func.count(Signup.id))
        .where(Signup.occurrence_id.in_(list(slots)), Signup.status.in_([s.value for s in _FILLED]))
        .group_by(Signup.occurrence_id, Signup.status)
    ):
        counts[occ_id][SignupStatus(status).value] = int(n)
    filled = sum(min(sum(counts[o].values()), s) for o, s in slots.items())
    attended = sum(c.get(SignupStatus.COMPLETED.value, 0) for c in counts.values())
    no_shows = sum(c.get(SignupStatus.NO_SHOW.value, 0) for c in counts.values())
    return sum(slots.values()), filled, attended, no_shows, len(slots)


def organisation_report(
    db: Database,
    actor: Actor | None,
    organisation_id: int,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    now: datetime,
) -> OrganisationReport:
    """Figures for one organisation over [start, end) (aware datetimes; None = no bound)."""
    start, end = _bounds(start, end)
    with db.read() as session:
        require_role(session, actor, organisation_id, *MANAGING_ROLES)
        org = _organisation(session, organisation_id)
        zone = _zone(org.timezone)
        report = OrganisationReport(organisation_id, org.name, org.timezone, start, end)
        records = [r for r in _current_records(session, organisation_id) if _in_period(r.started_at, start, end)]
        verified = [r for r in records if r.status is ServiceStatus.VERIFIED]
        people = _names(session, {r.person_id for r in verified})
        occurrences = _task_labels(session, {r.occurrence_id for r in verified if r.occurrence_id is not None})
        per_person: dict[str, int] = defaultdict(int)
        per_task: dict[str, int] = defaultdict(int)
        per_category: dict[str, int] = defaultdict(int)
        per_month: dict[str, int] = defaultdict(int)
        for r in verified:
            per_person[people[r.person_id]] += r.credited_minutes
            title, category = occurrences.get(r.occurrence_id or -1, (r.activity or "", None))
            per_task[title] += r.credited_minutes
            per_category[category or ""] += r.credited_minutes
            per_month[r.started_at.astimezone(zone).strftime("%Y-%m")] += r.credited_minutes
            if r.decided_at is not None:
                report.verification_days.append(max(0.0, (r.decided_at - r.ended_at).total_seconds() / 86400))
        report.by_volunteer = _ranked(per_person)
        report.by_task = _ranked(per_task)
        report.by_category = _ranked(per_category)
        report.by_month = [Figure(k, per_month[k]) for k in sorted(per_month)]
        report.verified_minutes = sum(r.credited_minutes for r in verified)
        (report.places_offered, report.places_filled, report.attended, report.no_shows, _run) = _places(
            session, organisation_id, start, end, now
        )
        return report


def _names(session: Session, person_ids: Iterable[int]) -> dict[int, str]:
    ids = list(person_ids)
    if not ids:
        return {}
    return {
        pid: f"{name} <{email}>"
        for pid, name, email in session.execute(
            select(Person.id, Person.display_name, Person.email).where(Person.id.in_(ids))
        )
    }


def _task_labels(session: Session, occurrence_ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
    ids = list(occurrence_ids)
    if not ids:
        return {}
    return {
        occ: (title, category)
        for occ, title, category in session.execute(
            select(TaskOccurrence.id, Task.title, Task.category)
            .join(Task, Task.id == TaskOccurrence.task_id)
            .where(TaskOccurrence.id.in_(ids))
        )
    }


def transparency_summary(db: Database, actor: Actor | None, organisation_id: int, *, now: datetime) -> TransparencySummary:
    """The organisation's public figures over its whole history (anyone signed in may see them)."""
    with db.read() as session:
        require_signed_in(actor)
        org = _organisation(session, organisation_id)
        current = _current_records(session, organisation_id)
        all_records = int(
            session.scalar(select(func.count(ServiceRecord.id)).where(ServiceRecord.organisation_id == organisation_id))
            or 0
        )
        corrected = int(
            session.scalar(
                select(func.count(ServiceRecord.id)).where(
                    ServiceRecord.organisation_id == organisation_id,
                    ServiceRecord.id.in_(select(ServiceRecord.corrects_id).where(ServiceRecord.corrects_id.is_not(None))),
                )
            )
            or 0
        )
        verified = [r for r in current if r.status is ServiceStatus.VERIFIED]
        rejected = [r for r in current if r.status is ServiceStatus.REJECTED]
        decided_minutes = sum(r.credited_minutes for r in verified) + sum(r.credited_minutes for r in rejected)
        days = [
            max(0.0, (r.decided_at - r.ended_at).total_seconds() / 86400) for r in verified if r.decided_at is not None
        ]
        offered, filled, _attended, _no_shows, run = _places(session, organisation_id, None, None, now)
        return TransparencySummary(
            organisation_id=org.id,
            organisation=org.name,
            verified_minutes=sum(r.credited_minutes for r in verified),
            volunteers=len({r.person_id for r in verified}),
            tasks_run=run,
            fill_rate=filled / offered if offered else None,
            median_days_to_verify=statistics.median(days) if days else None,
            rejected_share=(sum(r.credited_minutes for r in rejected) / decided_minutes) if decided_minutes else None,
            corrected_share=corrected / all_records if all_records else None,
            records=all_records,
            generated_at=now,
        )


def local_day_bounds(first: str | None, last: str | None, timezone: str) -> tuple[datetime | None, datetime | None]:
    """``--from 2026-01-01 --to 2026-12-31`` (inclusive local days) as aware [start, end)."""
    zone = _zone(timezone)

    def parse(value: str, name: str) -> datetime:
        try:
            day = datetime.fromisoformat(value.strip()).date()
        except ValueError:
            raise InvalidInput(
                name, T("errors", "{value!r} is not a date like 2026-12-05."), value=text_input.shown(value)
            ) from None
        if not input_limits.MIN_YEAR <= day.year <= input_limits.MAX_YEAR:
            raise InvalidInput(
                name, T("errors", "{field} is in the year {value}; tasks run between {low} and {high}."),
                value=day.year, low=input_limits.MIN_YEAR, high=input_limits.MAX_YEAR,
            )
        return datetime.combine(day, time(0), zone)

    start = parse(first, "from") if first else None
    end = parse(last, "to") + timedelta(days=1) if last else None
    return _bounds(start, end)


def report_csv(report: OrganisationReport) -> str:
    """The report as CSV (UTF-8 text; the csv module quotes): one row per figure, with its section."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "label", "verified_minutes", "verified_hours"])
    for section, figures in (
        ("volunteer", report.by_volunteer),
        ("task", report.by_task),
        ("category", report.by_category),
        ("month", report.by_month),
    ):
        for f in figures:
            writer.writerow([section, f.label, f.minutes, f"{f.minutes / 60:.1f}"])
    writer.writerow(["total", "verified", report.verified_minutes, f"{report.verified_minutes / 60:.1f}"])

    def rate(value: float | None) -> str:
        return "" if value is None else f"{value:.4f}"

    writer.writerow(["rate", "fill_rate", rate(report.fill_rate), ""])
    writer.writerow(["rate", "no_show_rate", rate(report.no_show_rate), ""])
    median = report.median_days_to_verify
    writer.writerow(["rate", "median_days_to_verify", "" if median is None else f"{median:.2f}", ""])
    return out.getvalue()


__all__ = [
    "Figure",
    "OrganisationReport",
    "TransparencySummary",
    "local_day_bounds",
    "organisation_timezone",
    "organisation_report",
    "report_csv",
    "transparency_summary",
]


def organisation_timezone(db: Database, actor: Actor | None, organisation_id: int) -> str:
    """The organisation's time zone (its local days bound a report's period)."""
    with db.read() as session:
        require_signed_in(actor)
        return _organisation(session, organisation_id).timezone
