"""Paged, sorted, filtered lists for the window's tables.

The window shows up to hundreds of thousands of rows, so it never loads a
whole table: it counts, then fetches pages of ``limit`` rows in the order and
with the filter the person chose. Sorting and filtering happen in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Session

from volunteer_app.domain.enums import PLACE_TAKEN, Role, TaskKind, TaskStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services.accounts import Actor, require_signed_in, roles_of
from volunteer_app.services.errors import InvalidInput, PermissionDenied
from volunteer_app.services.shared_reads import place_counts
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    Membership,
    Organisation,
    Person,
    Skill,
    Task,
    TaskOccurrence,
    VolunteerProfile,
    VolunteerSkill,
)

PAGE = 500


@dataclass(frozen=True)
class TaskRow:
    id: int
    title: str
    organisation: str
    category: str
    starts_at: datetime
    ends_at: datetime
    kind: TaskKind
    minutes: int  # each volunteer's stint
    place: str  # address, or "" when remote
    is_remote: bool
    slots: int
    filled: int  # places taken on the first occurrence
    priority: int
    status: TaskStatus
    timezone: str = "Asia/Shanghai"  # the task's own clock (times are shown on it)
    repeats_until: date | None = None  # weekly recurrence through this local date
    flexible_minutes: int | None = None  # None for a fixed shift
    organisation_id: int = 0

    @property
    def is_full(self) -> bool:
        """No place left on the date the row counts (its next date still to come, else its first)."""
        return self.filled >= self.slots


@dataclass(frozen=True)
class SkillLevel:
    key: str
    label: str  # English
    label_zh: str | None
    level: int


@dataclass(frozen=True)
class VolunteerRow:
    id: int
    name: str
    email: str
    skills: tuple[SkillLevel, ...]  # by key
    radius_km: float | None
    organisations: str
    home: str  # the address where this viewer may see it, else ""


TASK_SORT_KEYS: dict[str, Any] = {
    "title": Task.title,
    "organisation": Organisation.name,
    "category": Task.category,
    "starts_at": Task.starts_at,
    "ends_at": Task.ends_at,
    "kind": Task.kind,
    "minutes": func.coalesce(Task.minutes, 0),
    "place": Task.address,
    "slots": Task.slots,
    "priority": Task.priority,
    "status": Task.status,
}
VOLUNTEER_SORT_KEYS: dict[str, Any] = {
    "name": Person.display_name,
    "email": Person.email,
    "radius_km": func.coalesce(VolunteerProfile.radius_km, 0),
}


def _like(text: str) -> str:
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


#: What people type to find remote tasks (any part of these words, any case).
REMOTE_WORDS = ("remote", "online", "线上", "远程", "在线")


def _means_remote(text: str) -> bool:
    wanted = text.strip().casefold()
    return bool(wanted) and any(wanted in word for word in REMOTE_WORDS)


def _visible_tasks(session: Session, actor: Actor, text: str, include_past: bool) -> Select[Any]:
    managed = [org for org, held in roles_of(session, actor.person_id).items() if held & {Role.COORDINATOR, Role.ADMIN}]
    query = select(Task.id).join(Organisation, Organisation.id == Task.organisation_id)
    # Drafts are work in progress: only their own organisation's coordinators see them.
    query = query.where(or_(Task.status != TaskStatus.DRAFT, Task.organisation_id.in_(managed)))
    if not include_past:
        now = datetime.now(UTC)
        query = query.where(or_(Task.ends_at >= now, Task.repeat_weekly_until >= now.date()))
    if text.strip():
        pattern = _like(text)
        query = query.where(
            or_(
                Task.title.ilike(pattern, escape="\\"),
                Task.category.ilike(pattern, escape="\\"),
                Task.address.ilike(pattern, escape="\\"),
                Organisation.name.ilike(pattern, escape="\\"),
                # "Remote" (or 线上) is what the Place column says for them, so it finds them.
                Task.is_remote.is_(True) if _means_remote(text) else sa_false(),
            )
        )
    return query


def count_tasks(db: Database, actor: Actor | None, text: str = "", *, include_past: bool = False) -> int:
    """How many tasks ``fetch_tasks`` would list; tasks that are over are left out unless ``include_past``."""
    with db.read() as session:
        actor = require_signed_in(actor)
        visible = _visible_tasks(session, actor, text, include_past)
        return int(session.scalar(select(func.count()).select_from(visible.subquery())) or 0)


def fetch_tasks(
    db: Database,
    actor: Actor | None,
    *,
    text: str = "",
    sort: str = "starts_at",
    descending: bool = False,
    offset: int = 0,
    limit: int = PAGE,
    include_past: bool = False,
) -> list[TaskRow]:
    """One page of the tasks this person may see, sorted and filtered in SQL (upcoming ones unless ``include_past``)."""
    if sort not in TASK_SORT_KEYS:
        raise InvalidInput("sort", QT_TRANSLATE_NOOP("errors", "Cannot sort by {value!r}."), value=sort)
    key = TASK_SORT_KEYS[sort]
    with db.read() as session:
        actor = require_signed_in(actor)
        ids = _visible_tasks(session, actor, text, include_past)
        # Ties are broken by start, then id (both ascending), so equal titles or priorities read in time order.
        order = [key.desc() if descending else key.asc()]
        if sort != "starts_at":
            order.append(Task.starts_at.asc())
        order.append(Task.id.desc() if descending and sort == "starts_at" else Task.id.asc())
        query = (
            select(Task, Organisation.name)
            .join(Organisation, Organisation.id == Task.organisation_id)
            .where(Task.id.in_(ids.scalar_subquery()))
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        )
        rows = session.execute(query).all()
        filled = _filled_counts(session, [task.id for task, _ in rows])
        return [
            TaskRow(
                id=task.id, title=task.title, organisation=org_name, category=task.category or "",
                starts_at=task.starts_at, ends_at=task.ends_at, kind=task.kind,
                minutes=task.minutes or int((task.ends_at - task.starts_at).total_seconds() // 60),
                place="" if task.is_remote else (task.address or ""), is_remote=task.is_remote,
                slots=task.slots, filled=filled.get(task.id, 0), priority=task.priority, status=task.status,
                timezone=task.timezone, repeats_until=task.repeat_weekly_until, flexible_minutes=task.minutes,
                organisation_id=task.organisation_id,
            )
            for task, org_name in rows
        ]


def _filled_counts(session: Session, task_ids: list[int]) -> dict[int, int]:
    """Places taken on the date each row stands for: the task's next date still to come (not
    cancelled), else its first date (a task that is over), past signups included."""
    if not task_ids:
        return {}
    now = datetime.now(UTC)
    upcoming = dict(
        session.execute(
            select(TaskOccurrence.task_id, func.min(TaskOccurrence.starts_at))
            .where(TaskOccurrence.task_id.in_(task_ids), TaskOccurrence.ends_at > now,
                   TaskOccurrence.is_cancelled.is_(False))
            .group_by(TaskOccurrence.task_id)
        ).all()
    )  # fmt: skip
    occurrence: dict[int, int] = {}
    for occ_id, task_id, start in session.execute(
        select(TaskOccurrence.id, TaskOccurrence.task_id, TaskOccurrence.starts_at)
        .where(TaskOccurrence.task_id.in_(task_ids))
        .order_by(TaskOccurrence.task_id, TaskOccurrence.starts_at, TaskOccurrence.id)
    ):
        if task_id not in occurrence or (task_id in upcoming and start == upcoming[task_id]):
            occurrence[task_id] = occ_id
    # Everybody's places, also those the reader may not see (shared_reads: a volunteer's own login).
    per_occurrence = place_counts(session, occurrence.values(), PLACE_TAKEN)
    return {task_id: per_occurrence.get(occ_id, 0) for task_id, occ_id in occurrence.items()}


def _visible_volunteers(session: Session, actor: Actor, text: str) -> tuple[Select[Any], set[int] | None]:
    """People this actor may list, and the organisations whose members' homes they may see (None = all)."""
    person = session.get(Person, actor.person_id)
    coordinated = {
        org for org, held in roles_of(session, actor.person_id).items() if held & {Role.COORDINATOR, Role.ADMIN}
    }
    volunteers = select(Membership.person_id).where(Membership.role == Role.VOLUNTEER)
    if person is not None and person.is_admin:
        orgs: set[int] | None = None
    elif coordinated:
        orgs = coordinated
        volunteers = volunteers.where(Membership.organisation_id.in_(coordinated))
    else:
        raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "Only coordinators may see the list of volunteers."))
    query = select(Person.id).where(Person.id.in_(volunteers.scalar_subquery()))
    if text.strip():
        pattern = _like(text)
        query = query.where(
            or_(Person.display_name.ilike(pattern, escape="\\"), Person.email.ilike(pattern, escape="\\"))
        )
    return query, orgs


def count_volunteers(db: Database, actor: Actor | None, text: str = "") -> int:
    with db.read() as session:
        actor = require_signed_in(actor)
        query, _ = _visible_volunteers(session, actor, text)
        return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def fetch_volunteers(
    db: Database,
    actor: Actor | None,
    *,
    text: str = "",
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = PAGE,
) -> list[VolunteerRow]:
    if sort not in VOLUNTEER_SORT_KEYS:
        raise InvalidInput("sort", QT_TRANSLATE_NOOP("errors", "Cannot sort by {value!r}."), value=sort)
    key = VOLUNTEER_SORT_KEYS[sort]
    with db.read() as session:
        actor = require_signed_in(actor)
        ids, home_orgs = _visible_volunteers(session, actor, text)
        order = [key.desc() if descending else key.asc(), Person.id.desc() if descending else Person.id.asc()]
        people = session.execute(
            select(Person, VolunteerProfile)
            .outerjoin(VolunteerProfile, VolunteerProfile.person_id == Person.id)
            .where(Person.id.in_(ids.scalar_subquery()))
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        ).all()
        person_ids = [p.id for p, _ in people]
        skills: dict[int, list[SkillLevel]] = {}
        for pid, key_, label, label_zh, level in session.execute(
            select(VolunteerSkill.person_id, Skill.key, Skill.label, Skill.label_zh, VolunteerSkill.level)
            .join(Skill, Skill.id == VolunteerSkill.skill_id)
            .where(VolunteerSkill.person_id.in_(person_ids))
            .order_by(VolunteerSkill.person_id, Skill.key)
        ):
            skills.setdefault(pid, []).append(SkillLevel(key_, label, label_zh, level))
        member_orgs: dict[int, list[tuple[int, str]]] = {}
        for pid, org_id, name in session.execute(
            select(Membership.person_id, Organisation.id, Organisation.name)
            .join(Organisation, Organisation.id == Membership.organisation_id)
            .where(Membership.person_id.in_(person_ids), Membership.role == Role.VOLUNTEER)
            .order_by(Organisation.name)
        ):
            member_orgs.setdefault(pid, []).append((org_id, name))
        rows = []
        for person, profile in people:
            orgs = member_orgs.get(person.id, [])
            may_see_home = home_orgs is None or any(org_id in home_orgs for org_id, _ in orgs)
            rows.append(
                VolunteerRow(
                    id=person.id, name=person.display_name, email=person.email,
                    skills=tuple(skills.get(person.id, [])),
                    radius_km=profile.radius_km if profile else None,
                    organisations=", ".join(name for _, name in orgs),
                    home=(profile.home_address or "") if (profile and may_see_home) else "",
                )
            )
        return rows


__all__ = [
    "PAGE", "REMOTE_WORDS", "SkillLevel", "TaskRow", "VolunteerRow", "count_tasks", "fetch_tasks", "count_volunteers", "fetch_volunteers",
    "TASK_SORT_KEYS", "VOLUNTEER_SORT_KEYS",
]
