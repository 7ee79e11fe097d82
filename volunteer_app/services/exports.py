"""Exporting tasks, volunteers and hours to CSV (UTF-8, a header row) or XLSX.

Exported tasks carry every field the import knows, under the import's own field
names, so an exported file imports back unchanged: times in the task's own time
zone with their UTC offset (ISO 8601), fixed shifts as ``start``/``end``, flexible
tasks as ``window_start``/``window_end`` plus ``minutes``, weekly repeats as
``repeat_until``. Only what the actor coordinates is exported.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, selectinload

from volunteer_app.domain.enums import Role, TaskKind
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.spreadsheet_values import format_skills
from volunteer_app.services import audit
from volunteer_app.services.accounts import Actor, require_signed_in
from volunteer_app.services.errors import InvalidInput, PermissionDenied
from volunteer_app.services.imports import ImportOptions, default_organisation, managed_organisations
from volunteer_app.services.spreadsheets import write_table
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    Membership,
    Organisation,
    Person,
    ServiceRecord,
    Task,
    TaskOccurrence,
    VolunteerProfile,
    VolunteerSkill,
)

T = QT_TRANSLATE_NOOP
WHAT = ("tasks", "volunteers", "hours")
TASK_COLUMNS = (
    "title", "description", "organisation", "category", "address", "latitude", "longitude", "remote",
    "start", "end", "window_start", "window_end", "minutes", "repeat_until", "slots", "priority", "skills",
    "timezone", "status",
)  # fmt: skip
VOLUNTEER_COLUMNS = (
    "email", "name", "phone", "address", "latitude", "longitude", "radius_km", "skills", "languages", "timezone",
)
HOURS_COLUMNS = (
    "record_id", "volunteer_email", "volunteer_name", "task", "organisation", "start", "end", "credited_minutes",
    "status", "decided_by", "decided_at", "decision_reason", "corrects_record",
)


def _local(moment: datetime | None, zone: str) -> str:
    return "" if moment is None else moment.astimezone(ZoneInfo(zone)).isoformat(timespec="minutes")


def _number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def _organisations(session: Session, actor: Actor, organisation: str | None) -> dict[int, str]:
    """The organisations to export: the one named (coordinator required), else all the actor coordinates."""
    if organisation:
        org = default_organisation(session, actor, ImportOptions(organisation=organisation))
        assert org is not None
        return {org.id: org.name}
    managed = managed_organisations(session, actor)
    if not managed:
        raise PermissionDenied(T("errors", "Only coordinators of an organisation may export."))
    return {org.id: org.name for org in managed.values()}


def _task_rows(session: Session, orgs: dict[int, str]) -> Iterator[list[Any]]:
    query = (
        select(Task)
        .where(Task.organisation_id.in_(orgs))
        .options(selectinload(Task.requirements))
        .order_by(Task.organisation_id, Task.starts_at, Task.id)
    )
    for task in session.scalars(query):
        zone = task.timezone
        start, end = _local(task.starts_at, zone), _local(task.ends_at, zone)
        flexible = task.kind is TaskKind.FLEXIBLE
        skills = {r.skill.key: r.min_level for r in task.requirements}
        yield [
            task.title, task.description, orgs[task.organisation_id], task.category or "", task.address or "",
            _number(task.latitude), _number(task.longitude), "yes" if task.is_remote else "",
            "" if flexible else start, "" if flexible else end, start if flexible else "", end if flexible else "",
            task.minutes if flexible else "",
            task.repeat_weekly_until.isoformat() if task.repeat_weekly_until else "",
            task.slots, task.priority, format_skills(skills), zone, task.status.value,
        ]  # fmt: skip


def _volunteer_rows(session: Session, orgs: dict[int, str]) -> Iterator[list[Any]]:
    people = (
        select(Person, VolunteerProfile)
        .join(Membership, Membership.person_id == Person.id)
        .outerjoin(VolunteerProfile, VolunteerProfile.person_id == Person.id)
        .where(Membership.organisation_id.in_(orgs), Membership.role == Role.VOLUNTEER)
        .distinct()
        .order_by(Person.email)
    )
    rows = session.execute(people).all()
    skills: dict[int, dict[str, int]] = {}
    ids = [p.id for p, _ in rows]
    for start in range(0, len(ids), 1000):
        for held in session.scalars(
            select(VolunteerSkill)
            .where(VolunteerSkill.person_id.in_(ids[start : start + 1000]))
            .options(selectinload(VolunteerSkill.skill))
        ):
            skills.setdefault(held.person_id, {})[held.skill.key] = held.level
    for person, profile in rows:
        yield [
            person.email, person.display_name, person.phone or "",
            (profile.home_address or "") if profile else "",
            _number(profile.home_latitude) if profile else "", _number(profile.home_longitude) if profile else "",
            _number(profile.radius_km) if profile else "", format_skills(skills.get(person.id, {})),
            ", ".join(t for t in (profile.languages or "").split(",") if t) if profile else "",
            profile.timezone if profile else "",
        ]  # fmt: skip


def _hours_rows(session: Session, orgs: dict[int, str]) -> Iterator[list[Any]]:
    volunteer, decider = aliased(Person), aliased(Person)
    query = (
        select(ServiceRecord, volunteer, decider, Task.title, Task.timezone, Organisation.timezone)
        .join(volunteer, volunteer.id == ServiceRecord.person_id)
        .join(Organisation, Organisation.id == ServiceRecord.organisation_id)
        .outerjoin(decider, decider.id == ServiceRecord.decided_by_id)
        .outerjoin(TaskOccurrence, TaskOccurrence.id == ServiceRecord.occurrence_id)
        .outerjoin(Task, Task.id == TaskOccurrence.task_id)
        .where(ServiceRecord.organisation_id.in_(orgs))
        .order_by(ServiceRecord.started_at, ServiceRecord.id)
    )
    for record, person, decided_by, title, task_zone, org_zone in session.execute(query):
        zone = task_zone or org_zone
        yield [
            record.id, person.email, person.display_name, title or record.activity or "",
            orgs[record.organisation_id], _local(record.started_at, zone), _local(record.ended_at, zone),
            record.credited_minutes, record.status.value, decided_by.email if decided_by else "",
            _local(record.decided_at, zone), record.decision_reason or "", record.corrects_id or "",
        ]  # fmt: skip


def export(
    db: Database, actor: Actor | None, what: str, path: str | os.PathLike[str], *, organisation: str | None = None
) -> int:
    """Write ``tasks``, ``volunteers`` or ``hours`` of the actor's organisations (or the one named)
    to ``path`` (CSV, or XLSX when it ends in .xlsx). Returns the number of rows written."""
    if what not in WHAT:
        raise InvalidInput("what", T("errors", "Export {value!r}? Choose tasks, volunteers or hours."), value=what)
    actor = require_signed_in(actor)
    with db.transaction() as session:  # a transaction only for the audit record of who exported what
        orgs = _organisations(session, actor, organisation)
        headers: Sequence[str]
        if what == "tasks":
            headers, rows = TASK_COLUMNS, list(_task_rows(session, orgs))
        elif what == "volunteers":
            headers, rows = VOLUNTEER_COLUMNS, list(_volunteer_rows(session, orgs))
        else:
            headers, rows = HOURS_COLUMNS, list(_hours_rows(session, orgs))
        count = write_table(path, headers, rows)
        audit.record(session, actor.person_id, f"export.{what}", "export", None,
                     file=Path(path).name, rows=count, organisations=sorted(orgs))
    return count
