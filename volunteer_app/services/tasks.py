"""Tasks: what coordinators post for their organisation.

Only a coordinator or admin of the task's organisation may create or change
it. Each task has dated occurrences (one, or one a week when it recurs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from volunteer_app.domain import recurrence
from volunteer_app.domain.enums import Role, TaskKind, TaskStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.skills import is_valid_level
from volunteer_app.services import audit
from volunteer_app.services.accounts import Actor, require_role, require_signed_in, roles_of
from volunteer_app.services.errors import InvalidInput, NotFound
from volunteer_app.store.database import Database
from volunteer_app.store.models import Organisation, Signup, Skill, Task, TaskOccurrence, TaskSkill

MANAGERS = (Role.COORDINATOR, Role.ADMIN)
MAX_TASK_MINUTES = 12 * 60

# The suggestions' spatio-temporal index (``TaskOccurrence.grid_cell``/``span_class``).
#: Side of a map cell in degrees (about 5.5 km north-south): a 12 km travel radius covers ~6 x 6 cells.
GRID_DEGREES = 0.05
#: Cell id = row * GRID_COLUMNS + column; more columns than the 7,201 a row can have.
GRID_COLUMNS = 10_000
#: The "cell" of remote tasks (reachable from anywhere).
REMOTE_CELL = -1
#: Span classes: a fixed shift, a flexible window up to ``SHORT_WINDOW``, a longer window.
SPAN_FIXED, SPAN_FLEXIBLE, SPAN_FLEXIBLE_LONG = 0, 1, 2
SHORT_WINDOW = timedelta(minutes=MAX_TASK_MINUTES)


@dataclass
class TaskInput:
    """What a coordinator types for a task. Times must be aware (they are stored in UTC)."""

    organisation_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    kind: TaskKind = TaskKind.FIXED
    minutes: int | None = None  # flexible tasks: how long each volunteer serves inside the window
    description: str = ""
    category: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    is_remote: bool = False
    requires: dict[str, int] = field(default_factory=dict)  # skill key -> minimum level
    slots: int = 1
    priority: int = 1
    status: TaskStatus = TaskStatus.DRAFT
    contact_person_id: int | None = None
    repeat_weekly_until: date | None = None
    timezone: str = "Asia/Shanghai"


def validate(data: TaskInput) -> None:
    """Raise InvalidInput naming the first field that breaks a rule."""
    t = QT_TRANSLATE_NOOP
    if not data.title.strip():
        raise InvalidInput("title", t("errors", "The title must not be empty."))
    for name in ("starts_at", "ends_at"):
        if getattr(data, name).tzinfo is None:
            raise InvalidInput(name, t("errors", "{field} needs a time zone."))
    if data.ends_at <= data.starts_at:
        raise InvalidInput("ends_at", t("errors", "The end ({value}) must come after the start."), value=data.ends_at)
    span = int((data.ends_at - data.starts_at).total_seconds() // 60)
    if data.kind is TaskKind.FIXED:
        if data.minutes is not None:
            raise InvalidInput("minutes", t("errors", "A fixed shift takes its length from start and end."))
        if span > MAX_TASK_MINUTES:
            raise InvalidInput("ends_at", t("errors", "A shift may last at most 12 hours, not {value} minutes."), value=span)
    else:
        if data.minutes is None or data.minutes <= 0:
            raise InvalidInput("minutes", t("errors", "A flexible task needs its minutes (more than 0)."))
        if data.minutes > span:
            raise InvalidInput(
                "minutes", t("errors", "{value} minutes do not fit in a window of {span} minutes."),
                value=data.minutes, span=span,
            )
    if data.is_remote:
        if data.latitude is not None or data.longitude is not None:
            raise InvalidInput("latitude", t("errors", "A remote task has no place on the map."))
    elif (data.latitude is None) != (data.longitude is None):
        raise InvalidInput("longitude", t("errors", "Give both latitude and longitude, or neither."))
    if data.latitude is not None and not -90 <= data.latitude <= 90:
        raise InvalidInput("latitude", t("errors", "Latitude {value} is outside -90..90."), value=data.latitude)
    if data.longitude is not None and not -180 <= data.longitude <= 180:
        raise InvalidInput("longitude", t("errors", "Longitude {value} is outside -180..180."), value=data.longitude)
    if data.slots < 1:
        raise InvalidInput("slots", t("errors", "A task needs at least 1 slot, not {value}."), value=data.slots)
    if not 1 <= data.priority <= 5:
        raise InvalidInput("priority", t("errors", "Priority must be 1 to 5, not {value}."), value=data.priority)
    for skill, level in data.requires.items():
        if not is_valid_level(level):
            raise InvalidInput(
                "requires", t("errors", "Skill {skill}: level must be 1 to 5, not {value}."), skill=skill, value=level
            )
    try:
        ZoneInfo(data.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("timezone", t("errors", "Unknown time zone {value!r}."), value=data.timezone) from None
    if data.repeat_weekly_until is not None and data.repeat_weekly_until < data.starts_at.date():
        raise InvalidInput(
            "repeat_weekly_until", t("errors", "The repeat ends ({value}) before the task starts."),
            value=data.repeat_weekly_until,
        )


def _skills_by_key(session: Session, keys: list[str]) -> dict[str, Skill]:
    found = {s.key: s for s in session.scalars(select(Skill).where(Skill.key.in_(keys)))} if keys else {}
    for key in keys:
        if key not in found:
            raise InvalidInput("requires", QT_TRANSLATE_NOOP("errors", "Unknown skill {value!r}."), value=key)
    return found


def apply_input(session: Session, task: Task, data: TaskInput) -> None:
    skills = _skills_by_key(session, sorted(data.requires))
    task.title = data.title.strip()
    task.description = data.description
    task.category = data.category
    task.address = data.address
    task.latitude, task.longitude = data.latitude, data.longitude
    task.is_remote = data.is_remote
    task.kind = data.kind
    task.starts_at, task.ends_at = data.starts_at, data.ends_at
    task.minutes = data.minutes
    task.slots, task.priority, task.status = data.slots, data.priority, data.status
    task.contact_person_id = data.contact_person_id
    task.repeat_weekly_until = data.repeat_weekly_until
    task.timezone = data.timezone
    task.requirements = [TaskSkill(skill_id=skills[k].id, min_level=lvl) for k, lvl in sorted(data.requires.items())]


def grid_row(latitude: float) -> int:
    return math.floor((latitude + 90.0) / GRID_DEGREES)


def grid_column(longitude: float) -> int:
    return math.floor((longitude + 180.0) / GRID_DEGREES)


def grid_cell(is_remote: bool, latitude: float | None, longitude: float | None) -> int | None:
    """The map cell of a task's place, ``REMOTE_CELL`` if remote, None if it has no place.

    Monotonic in latitude and longitude, so the cells of a bounding box's corners bound
    the cells of every point inside it.
    """
    if is_remote:
        return REMOTE_CELL
    if latitude is None or longitude is None:
        return None
    return grid_row(latitude) * GRID_COLUMNS + grid_column(longitude)


def span_class(kind: TaskKind, starts_at: datetime, ends_at: datetime) -> int:
    if kind is TaskKind.FIXED:
        return SPAN_FIXED
    return SPAN_FLEXIBLE if ends_at - starts_at <= SHORT_WINDOW else SPAN_FLEXIBLE_LONG


def sync_occurrences(session: Session, task: Task) -> None:
    """Make the stored occurrences match the task's times, recurrence, place and kind.

    Occurrences that already have signups are kept (cancelled if no longer
    wanted) so that nobody's signup or hours lose what they point at. Every
    occurrence gets the task's map cell and span class (suggestions' index).
    """
    wanted = list(recurrence.weekly(task.starts_at, task.ends_at, task.repeat_weekly_until, task.timezone))
    existing = {occ.starts_at: occ for occ in task.occurrences}
    wanted_starts = {s for s, _ in wanted}
    cell = grid_cell(bool(task.is_remote), task.latitude, task.longitude)
    for start, end in wanted:
        occ = existing.get(start)
        shape = span_class(task.kind, start, end)
        if occ is None:
            task.occurrences.append(TaskOccurrence(starts_at=start, ends_at=end, grid_cell=cell, span_class=shape))
        else:
            occ.ends_at, occ.is_cancelled = end, False
            occ.grid_cell, occ.span_class = cell, shape
    for start, occ in existing.items():
        if start in wanted_starts:
            continue
        has_signups = occ.id is not None and session.scalar(select(Signup.id).where(Signup.occurrence_id == occ.id).limit(1))
        if has_signups:
            occ.is_cancelled = True
            occ.grid_cell, occ.span_class = cell, span_class(task.kind, occ.starts_at, occ.ends_at)
        else:
            task.occurrences.remove(occ)


def create_task(db: Database, actor: Actor | None, data: TaskInput) -> int:
    """Post a task for an organisation the actor coordinates. Returns the task id."""
    validate(data)
    with db.transaction() as session:
        actor = require_role(session, actor, data.organisation_id, *MANAGERS)
        if session.get(Organisation, data.organisation_id) is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No organisation {id}."), id=data.organisation_id)
        task = Task(organisation_id=data.organisation_id, created_by_id=actor.person_id, kind=data.kind)
        apply_input(session, task, data)
        session.add(task)
        sync_occurrences(session, task)
        session.flush()
        audit.record(session, actor.person_id, "task.create", "task", task.id, title=task.title)
        return task.id


def _task_for_manager(session: Session, actor: Actor | None, task_id: int) -> tuple[Task, Actor]:
    require_signed_in(actor)
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No task {id}."), id=task_id)
    return task, require_role(session, actor, task.organisation_id, *MANAGERS)


def update_task(db: Database, actor: Actor | None, task_id: int, data: TaskInput) -> None:
    """Change a task; only its own organisation's coordinators may, and it cannot move organisation."""
    validate(data)
    with db.transaction() as session:
        task, actor = _task_for_manager(session, actor, task_id)
        if data.organisation_id != task.organisation_id:
            raise InvalidInput("organisation_id", QT_TRANSLATE_NOOP("errors", "A task cannot move to another organisation."))
        before = {"title": task.title, "status": task.status.value, "slots": task.slots}
        session.execute(delete(TaskSkill).where(TaskSkill.task_id == task.id))
        session.refresh(task, ["requirements"])
        apply_input(session, task, data)
        sync_occurrences(session, task)
        audit.record(session, actor.person_id, "task.update", "task", task.id, before=before)


def set_status(db: Database, actor: Actor | None, task_id: int, status: TaskStatus) -> None:
    with db.transaction() as session:
        task, actor = _task_for_manager(session, actor, task_id)
        old = task.status
        task.status = status
        audit.record(session, actor.person_id, "task.status", "task", task.id, before=old.value, after=status.value)


def task_input_of(task: Task) -> TaskInput:
    """The editable fields of a stored task (for editors and updates)."""
    return TaskInput(
        organisation_id=task.organisation_id, title=task.title, starts_at=task.starts_at, ends_at=task.ends_at,
        kind=task.kind, minutes=task.minutes, description=task.description, category=task.category,
        address=task.address, latitude=task.latitude, longitude=task.longitude, is_remote=task.is_remote,
        requires={r.skill.key: r.min_level for r in task.requirements}, slots=task.slots, priority=task.priority,
        status=task.status, contact_person_id=task.contact_person_id, repeat_weekly_until=task.repeat_weekly_until,
        timezone=task.timezone,
    )


def get_task(db: Database, actor: Actor | None, task_id: int) -> TaskInput:
    """A task's fields; drafts only for their own organisation's coordinators (others: NotFound)."""
    with db.read() as session:
        actor = require_signed_in(actor)
        task = session.get(Task, task_id)
        if task is not None and task.status is TaskStatus.DRAFT:
            held = roles_of(session, actor.person_id).get(task.organisation_id, frozenset())
            if not held & set(MANAGERS):
                task = None
        if task is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No task {id}."), id=task_id)
        return task_input_of(task)

