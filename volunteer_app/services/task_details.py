"""Everything a volunteer reads about one task before signing up (the detail pane, the CLI).

One read: the task and its organisation's contact, the place and how far it is from
the reader's home, the time on the task's own clock, places and waitlist, the skills it
needs against the reader's levels, the reader's own signup, and for a flexible task the
starts they could choose (15-minute steps inside the window that fit their free time and
clash with nothing they hold). Drafts exist only for their organisation's coordinators.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app.domain.enums import Role, SignupStatus, TaskKind, TaskStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.intervals import covers
from volunteer_app.geo.distance import geodesic_km
from volunteer_app.services import signups
from volunteer_app.services.accounts import Actor, require_signed_in, roles_of
from volunteer_app.services.engine_data import volunteers_for
from volunteer_app.services.errors import NotFound
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    Person,
    Signup,
    Skill,
    TaskOccurrence,
    TaskSkill,
    VolunteerProfile,
    VolunteerSkill,
)

T = QT_TRANSLATE_NOOP
MANAGERS = frozenset({Role.COORDINATOR, Role.ADMIN})


@dataclass(frozen=True)
class Contact:
    """Whom to ask: the organisation's contact details and the task's own contact person."""

    organisation: str
    email: str | None
    phone: str | None
    person_in_charge: str | None
    address: str | None
    task_contact_name: str | None = None
    task_contact_email: str | None = None
    task_contact_phone: str | None = None


@dataclass(frozen=True)
class SkillNeed:
    key: str
    label: str  # English
    label_zh: str | None
    needed: int
    held: int  # the reader's level, 0 when they lack the skill

    @property
    def met(self) -> bool:
        return self.held >= self.needed


@dataclass(frozen=True)
class MySignup:
    signup_id: int
    status: SignupStatus
    starts_at: datetime
    ends_at: datetime
    position: int | None  # on the waitlist, 1 = next in line


@dataclass(frozen=True)
class TaskDetail:
    occurrence_id: int
    task_id: int
    title: str
    description: str
    category: str | None
    status: TaskStatus
    is_cancelled: bool
    contact: Contact
    address: str | None
    is_remote: bool
    distance_km: float | None  # from the reader's home; None when remote or either place is unknown
    starts_at: datetime  # the shift, or the flexible window
    ends_at: datetime
    timezone: str
    kind: TaskKind
    minutes: int | None  # flexible: each person's length
    slots: int
    taken: int
    waitlist: int
    skills: tuple[SkillNeed, ...]
    mine: MySignup | None
    start_choices: tuple[datetime, ...] = ()  # flexible: starts the reader could take

    @property
    def places_left(self) -> int:
        return max(0, self.slots - self.taken)

    @property
    def is_open(self) -> bool:
        return self.status is TaskStatus.OPEN and not self.is_cancelled

    @property
    def is_flexible(self) -> bool:
        return self.kind is TaskKind.FLEXIBLE

    @property
    def holds_place(self) -> bool:
        return self.mine is not None and self.mine.status in signups.WITHDRAWABLE


def task_detail(
    db: Database, actor: Actor | None, occurrence_id: int, *, now: datetime | None = None
) -> TaskDetail:
    """The task occurrence as its reader sees it (see the module docstring)."""
    moment = now if now is not None else datetime.now(UTC)
    with db.read() as session:
        actor = require_signed_in(actor)
        occurrence = session.get(TaskOccurrence, occurrence_id)
        task = occurrence.task if occurrence is not None else None
        if task is not None and task.status is TaskStatus.DRAFT:
            held = roles_of(session, actor.person_id).get(task.organisation_id, frozenset())
            if not held & MANAGERS:
                task = None
        if occurrence is None or task is None:
            raise NotFound(T("errors", "No open task occurrence {id}."), id=occurrence_id)
        org = task.organisation
        contact_person = session.get(Person, task.contact_person_id) if task.contact_person_id else None
        contact = Contact(
            organisation=org.name, email=org.contact_email, phone=org.contact_phone,
            person_in_charge=org.person_in_charge, address=org.address,
            task_contact_name=contact_person.display_name if contact_person else None,
            task_contact_email=contact_person.email if contact_person else None,
            task_contact_phone=contact_person.phone if contact_person else None,
        )
        profile = session.get(VolunteerProfile, actor.person_id)
        distance = None
        if (
            not task.is_remote and task.latitude is not None and task.longitude is not None
            and profile is not None and profile.home_latitude is not None and profile.home_longitude is not None
        ):
            distance = geodesic_km((profile.home_latitude, profile.home_longitude), (task.latitude, task.longitude))
        levels = dict(
            session.execute(
                select(VolunteerSkill.skill_id, VolunteerSkill.level).where(VolunteerSkill.person_id == actor.person_id)
            ).all()
        )
        skills = tuple(
            SkillNeed(key, label, label_zh, needed, levels.get(skill_id, 0))
            for skill_id, key, label, label_zh, needed in session.execute(
                select(Skill.id, Skill.key, Skill.label, Skill.label_zh, TaskSkill.min_level)
                .join(Skill, Skill.id == TaskSkill.skill_id)
                .where(TaskSkill.task_id == task.id)
                .order_by(Skill.label)
            )
        )
        own = session.scalar(
            select(Signup).where(Signup.occurrence_id == occurrence_id, Signup.person_id == actor.person_id)
        )
        mine = None
        if own is not None:
            mine = MySignup(own.id, own.status, own.starts_at, own.ends_at, signups.waitlist_position(session, own))
        choices: tuple[datetime, ...] = ()
        if task.kind is TaskKind.FLEXIBLE and task.minutes is not None:
            choices = tuple(_choices(session, actor.person_id, occurrence, task.minutes, moment))
        return TaskDetail(
            occurrence_id=occurrence.id, task_id=task.id, title=task.title, description=task.description or "",
            category=task.category, status=task.status, is_cancelled=occurrence.is_cancelled, contact=contact,
            address=task.address, is_remote=task.is_remote, distance_km=distance,
            starts_at=occurrence.starts_at, ends_at=occurrence.ends_at, timezone=task.timezone, kind=task.kind,
            minutes=task.minutes, slots=task.slots, taken=signups.taken_slots(session, occurrence.id),
            waitlist=signups.waitlist_length(session, occurrence.id), skills=skills, mine=mine,
            start_choices=choices,
        )


def _choices(session: Session, person_id: int, occurrence: TaskOccurrence, minutes: int, now: datetime) -> list[datetime]:
    """Grid starts not yet past that fit the person's free time and clash with nothing they hold."""
    length = timedelta(minutes=minutes)
    starts = [s for s in signups.flexible_starts(occurrence.starts_at, occurrence.ends_at, minutes) if s >= now]
    if not starts:
        return []
    free = None
    if signups.declares_free_time(session, person_id):
        volunteers, _, _, _ = volunteers_for(session, [person_id], occurrence.starts_at, occurrence.ends_at, set())
        free = volunteers[0].free if volunteers else None
    busy = [
        (s, e)
        for s, e in session.execute(
            select(Signup.starts_at, Signup.ends_at).where(
                Signup.person_id == person_id,
                Signup.occurrence_id != occurrence.id,
                Signup.status.in_([s.value for s in signups.ACTIVE_SIGNUPS]),
                Signup.starts_at < occurrence.ends_at,
                Signup.ends_at > occurrence.starts_at,
            )
        )
    ]
    out: list[datetime] = []
    for start in starts:
        end = start + length
        if any(s < end and start < e for s, e in busy):
            continue
        if free is not None and not covers(free, start, end):
            continue
        out.append(start)
    return out
