"""Tasks: what coordinators post for their organisation.

Only a coordinator or admin of the task's organisation may create or change
it. Each task has dated occurrences (one, or one a week when it recurs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from volunteer_app.domain import input_limits, recurrence, validation
from volunteer_app.domain.enums import ACTIVE_SIGNUPS, PLACE_TAKEN, Role, SignupStatus, TaskKind, TaskStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.skills import is_valid_level
from volunteer_app.domain.timefmt import Translate, english
from volunteer_app.services import audit, notices, text_input
from volunteer_app.services.accounts import Actor, require_role, require_signed_in, roles_of
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    Membership,
    Organisation,
    Person,
    Signup,
    Skill,
    Task,
    TaskOccurrence,
    TaskSkill,
)
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP

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


def check_texts(data: TaskInput) -> None:
    """The task's texts: a one-line title and category within their columns, an address (lines allowed)
    and a description of at most ``validation.MAX_ADDRESS`` and ``validation.MAX_DESCRIPTION``
    characters, none with control or bidi override characters."""
    if not isinstance(data.title, str) or not data.title.strip():
        raise InvalidInput("title", QT_TRANSLATE_NOOP("errors", "The title must not be empty."))
    text_input.line("title", data.title, validation.MAX_TITLE, required=True)
    text_input.text("description", data.description or "", validation.MAX_DESCRIPTION)
    if data.category is not None:
        text_input.line("category", data.category, validation.MAX_CATEGORY)
    if data.address is not None:  # may run over lines, as a postal address does (imports keep them)
        text_input.text("address", data.address, validation.MAX_ADDRESS)
    if not isinstance(data.timezone, str) or len(data.timezone) > validation.MAX_TIMEZONE:
        raise InvalidInput(
            "timezone", QT_TRANSLATE_NOOP("errors", "Unknown time zone {value!r}."),
            value=text_input.shown(data.timezone),
        )
    for key in data.requires:
        if not isinstance(key, str) or len(key) > validation.MAX_SKILL_KEY:
            raise InvalidInput(
                "requires", QT_TRANSLATE_NOOP("errors", "Unknown skill {value!r}."), value=text_input.shown(key)
            )


def validate(data: TaskInput) -> None:
    """Raise InvalidInput naming the first field that breaks a rule."""
    t = QT_TRANSLATE_NOOP
    check_texts(data)
    for name in ("starts_at", "ends_at"):
        if getattr(data, name).tzinfo is None:
            raise InvalidInput(name, t("errors", "{field} needs a time zone."))
    for name in ("starts_at", "ends_at"):
        year = getattr(data, name).year
        if not input_limits.MIN_YEAR <= year <= input_limits.MAX_YEAR:
            raise InvalidInput(
                name, t("errors", "{field} is in the year {value}; tasks run between {low} and {high}."),
                value=year, low=input_limits.MIN_YEAR, high=input_limits.MAX_YEAR,
            )
    if data.ends_at <= data.starts_at:
        raise InvalidInput("ends_at", t("errors", "The end ({value}) must come after the start."), value=data.ends_at)
    if data.ends_at - data.starts_at > input_limits.MAX_TASK_LENGTH:
        # The engine plans at most this far (a window from year 1 to 9999 once took 6 GB to solve).
        raise InvalidInput(
            "ends_at", t("errors", "A task's window may last at most {maximum} days, not {value}."),
            maximum=input_limits.MAX_TASK_LENGTH.days, value=(data.ends_at - data.starts_at).days,
        )
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
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput(
            "timezone", t("errors", "Unknown time zone {value!r}."), value=text_input.shown(data.timezone)
        ) from None
    if data.repeat_weekly_until is not None and data.repeat_weekly_until < data.starts_at.date():
        raise InvalidInput(
            "repeat_weekly_until", t("errors", "The repeat ends ({value}) before the task starts."),
            value=data.repeat_weekly_until,
        )


def _skills_by_key(session: Session, keys: list[str]) -> dict[str, Skill]:
    found = {s.key: s for s in session.scalars(select(Skill).where(Skill.key.in_(keys)))} if keys else {}
    for key in keys:
        if key not in found:
            raise InvalidInput(
                "requires", QT_TRANSLATE_NOOP("errors", "Unknown skill {value!r}."), value=text_input.shown(key)
            )
    return found


def apply_input(session: Session, task: Task, data: TaskInput) -> None:
    skills = _skills_by_key(session, sorted(data.requires))
    task.title = data.title.strip()
    task.description = data.description
    task.category = data.category.strip() if data.category is not None else None
    task.address = data.address.strip() if data.address is not None else None
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


def sync_occurrences(session: Session, task: Task) -> list[TaskOccurrence]:
    """Make the stored occurrences match the task's times, recurrence, place and kind.

    Occurrences that already have signups are kept (cancelled if no longer
    wanted) so that nobody's signup or hours lose what they point at; those are
    returned, so the caller can tell their volunteers. A date a coordinator
    cancelled stays cancelled. Every occurrence gets the task's map cell and span
    class (suggestions' index).
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
            occ.ends_at = end
            occ.grid_cell, occ.span_class = cell, shape
    dropped: list[TaskOccurrence] = []
    for start, occ in existing.items():
        if start in wanted_starts:
            continue
        has_signups = occ.id is not None and session.scalar(select(Signup.id).where(Signup.occurrence_id == occ.id).limit(1))
        if has_signups:
            if not occ.is_cancelled:
                dropped.append(occ)
            occ.is_cancelled = True
            occ.grid_cell, occ.span_class = cell, span_class(task.kind, occ.starts_at, occ.ends_at)
        else:
            task.occurrences.remove(occ)
    return dropped


def _check_contact(session: Session, organisation_id: int, person_id: int | None) -> None:
    if person_id is None:
        return
    held = roles_of(session, person_id).get(organisation_id, frozenset())
    if not held & set(MANAGERS):
        raise InvalidInput(
            "contact_person_id", T("errors", "The contact person must be a coordinator of the task's organisation.")
        )


def _create(session: Session, actor: Actor | None, data: TaskInput) -> tuple[Task, Actor]:
    validate(data)
    if data.status is TaskStatus.CANCELLED:
        raise InvalidInput("status", T("errors", "A new task cannot start cancelled."))
    actor = require_role(session, actor, data.organisation_id, *MANAGERS)
    if session.get(Organisation, data.organisation_id) is None:
        raise NotFound(T("errors", "No organisation {id}."), id=data.organisation_id)
    _check_contact(session, data.organisation_id, data.contact_person_id)
    task = Task(organisation_id=data.organisation_id, created_by_id=actor.person_id, kind=data.kind)
    apply_input(session, task, data)
    session.add(task)
    sync_occurrences(session, task)
    session.flush()
    return task, actor


def create_task(db: Database, actor: Actor | None, data: TaskInput) -> int:
    """Post a task for an organisation the actor coordinates. Returns the task id."""
    validate(data)
    with db.transaction() as session:
        task, actor = _create(session, actor, data)
        audit.record(session, actor.person_id, "task.create", "task", task.id, title=task.title,
                     status=task.status.value, occurrences=len(task.occurrences))  # fmt: skip
        return task.id


def _task_for_manager(session: Session, actor: Actor | None, task_id: int) -> tuple[Task, Actor]:
    require_signed_in(actor)
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(T("errors", "No task {id}."), id=task_id)
    return task, require_role(session, actor, task.organisation_id, *MANAGERS)


def _audit_fields(task: Task) -> dict[str, object]:
    data = task_input_of(task).__dict__
    return {k: (v.value if isinstance(v, TaskStatus | TaskKind) else v) for k, v in data.items()}


def update_task(db: Database, actor: Actor | None, task_id: int, data: TaskInput) -> None:
    """Change a task; only its own organisation's coordinators may, and it cannot move organisation.

    A date that the new times or recurrence no longer include is cancelled, and the
    volunteers signed up for it are told. Setting the status to cancelled cancels the
    task as ``cancel_task`` does (volunteers told). A cancelled task is not edited.
    """
    validate(data)
    with db.transaction() as session:
        task, actor = _task_for_manager(session, actor, task_id)
        if data.organisation_id != task.organisation_id:
            raise InvalidInput("organisation_id", T("errors", "A task cannot move to another organisation."))
        if task.status is TaskStatus.CANCELLED:
            raise Conflict(T("errors", "Task {title!r} is cancelled; duplicate it to post it again."), title=task.title)
        _check_contact(session, task.organisation_id, data.contact_person_id)
        before = _audit_fields(task)
        cancelling = data.status is TaskStatus.CANCELLED
        if cancelling:
            data = TaskInput(**{**data.__dict__, "status": task.status})
        session.execute(delete(TaskSkill).where(TaskSkill.task_id == task.id))
        session.refresh(task, ["requirements"])
        apply_input(session, task, data)
        dropped = sync_occurrences(session, task)
        session.flush()
        after = _audit_fields(task)
        changed = {k for k in after if after[k] != before[k]}
        audit.record(session, actor.person_id, "task.update", "task", task.id,
                     before={k: before[k] for k in sorted(changed)}, after={k: after[k] for k in sorted(changed)})  # fmt: skip
        if dropped:
            _cancel(session, actor, task, dropped, whole_series=False, reason=None)
        if cancelling:
            _cancel_series(session, actor, task, reason=None)


def set_status(db: Database, actor: Actor | None, task_id: int, status: TaskStatus) -> None:
    """Set the status as it is (low level; the window and the CLI use publish/close/cancel_task).

    Cancelling always goes through ``cancel_task``, so no path cancels a task without ending its
    signups and telling the volunteers."""
    if status is TaskStatus.CANCELLED:
        cancel_task(db, actor, task_id)
        return
    with db.transaction() as session:
        task, actor = _task_for_manager(session, actor, task_id)
        old = task.status
        task.status = status
        audit.record(session, actor.person_id, "task.status", "task", task.id, before=old.value, after=status.value)


def _move(db: Database, actor: Actor | None, task_id: int, allowed_from: tuple[TaskStatus, ...],
          to: TaskStatus, action: str) -> None:  # fmt: skip
    with db.transaction() as session:
        task, actor = _task_for_manager(session, actor, task_id)
        if task.status not in allowed_from:
            raise Conflict(
                T("errors", "Task {title!r} is {status}; only a task that is {allowed} can be {action}."),
                title=task.title, status=task.status.value, allowed=" or ".join(s.value for s in allowed_from),
                action=action,
            )
        old = task.status
        task.status = to
        audit.record(session, actor.person_id, f"task.{action}", "task", task.id, before=old.value, after=to.value)


def publish_task(db: Database, actor: Actor | None, task_id: int) -> None:
    """Draft (or closed) to open: volunteers see it and may sign up."""
    _move(db, actor, task_id, (TaskStatus.DRAFT, TaskStatus.CLOSED), TaskStatus.OPEN, "published")


def close_task(db: Database, actor: Actor | None, task_id: int) -> None:
    """Open to closed: it stays on everyone's schedule, but nobody new signs up."""
    _move(db, actor, task_id, (TaskStatus.OPEN,), TaskStatus.CLOSED, "closed")


def duplicate_task(db: Database, actor: Actor | None, task_id: int) -> int:
    """A copy of the task as a new draft (same fields, no signups). Returns the copy's id."""
    with db.transaction() as session:
        task, actor = _task_for_manager(session, actor, task_id)
        copy = TaskInput(**{**task_input_of(task).__dict__, "status": TaskStatus.DRAFT})
        new, actor = _create(session, actor, copy)
        audit.record(session, actor.person_id, "task.duplicate", "task", new.id, source=task.id, title=new.title)
        return new.id


# --------------------------------------------------------------------------- cancelling


#: Signups a cancellation ends (they held a place, or were waiting for one).
CANCELLED_BY_TASK = ACTIVE_SIGNUPS | {SignupStatus.WAITLISTED}


@dataclass(frozen=True)
class CancelOutcome:
    occurrences: int  # dates cancelled now
    signups: int  # signups ended
    people: int  # volunteers told


def _cancel(
    session: Session, actor: Actor, task: Task, occurrences: list[TaskOccurrence], *, whole_series: bool,
    reason: str | None,
) -> CancelOutcome:
    """Cancel ``occurrences`` with their signups and tell each volunteer (inside the caller's transaction)."""
    for occ in occurrences:
        occ.is_cancelled = True
    ids = [o.id for o in occurrences]
    signups = list(
        session.scalars(
            select(Signup)
            .where(Signup.occurrence_id.in_(ids), Signup.status.in_([s.value for s in CANCELLED_BY_TASK]))
            .order_by(Signup.starts_at, Signup.id)
        )
    ) if ids else []
    by_person: dict[int, list[Signup]] = {}
    for signup in signups:
        signup.status = SignupStatus.CANCELLED
        signup.queued_at = None
        by_person.setdefault(signup.person_id, []).append(signup)
    org_name = session.scalar(select(Organisation.name).where(Organisation.id == task.organisation_id)) or ""
    common = {"title": task.title, "organisation": org_name, "timezone": task.timezone, "task_id": task.id}
    if reason:
        common["reason"] = reason
    for person_id, theirs in by_person.items():
        if whole_series:
            first = theirs[0]
            notices.notify(session, person_id, "task_cancelled", occurrence_id=first.occurrence_id,
                           starts_at=first.starts_at, ends_at=first.ends_at, dates=len(theirs), **common)  # fmt: skip
        else:
            for signup in theirs:
                notices.notify(session, person_id, "occurrence_cancelled", occurrence_id=signup.occurrence_id,
                               starts_at=signup.starts_at, ends_at=signup.ends_at, **common)  # fmt: skip
    outcome = CancelOutcome(len(occurrences), len(signups), len(by_person))
    audit.record(
        session, actor.person_id, "task.cancel" if whole_series else "occurrence.cancel", "task", task.id,
        occurrences=ids, signups=[s.id for s in signups], people=sorted(by_person), reason=reason,
    )
    return outcome


def _cancel_series(session: Session, actor: Actor, task: Task, reason: str | None) -> CancelOutcome:
    now = utcnow()
    upcoming = [o for o in task.occurrences if not o.is_cancelled and o.ends_at > now]
    task.status = TaskStatus.CANCELLED
    return _cancel(session, actor, task, upcoming, whole_series=True, reason=reason)


def cancel_task(db: Database, actor: Actor | None, task_id: int, reason: str | None = None) -> CancelOutcome:
    """Cancel the whole task: every date still to come, and every signup on them; each volunteer is told.

    Dates that are over keep their signups and hours. One audited transaction.
    """
    reason = text_input.text("reason", reason or "", validation.MAX_REASON)
    with db.transaction() as session:
        task, actor = _task_for_manager(session, actor, task_id)
        if task.status is TaskStatus.CANCELLED:
            raise Conflict(T("errors", "Task {title!r} is cancelled already."), title=task.title)
        return _cancel_series(session, actor, task, reason)


def cancel_occurrence(
    db: Database, actor: Actor | None, occurrence_id: int, reason: str | None = None
) -> CancelOutcome:
    """Cancel one date of a task; its volunteers' signups end and each is told. One audited transaction."""
    reason = text_input.text("reason", reason or "", validation.MAX_REASON)
    with db.transaction() as session:
        require_signed_in(actor)
        occ = session.get(TaskOccurrence, occurrence_id)
        if occ is None:
            raise NotFound(T("errors", "No occurrence {id}."), id=occurrence_id)
        task, actor = _task_for_manager(session, actor, occ.task_id)
        if occ.is_cancelled or task.status is TaskStatus.CANCELLED:
            raise Conflict(T("errors", "This date of {title!r} is cancelled already."), title=task.title)
        if occ.ends_at <= utcnow():
            raise Conflict(T("errors", "This date of {title!r} is over; it cannot be cancelled."), title=task.title)
        return _cancel(session, actor, task, [occ], whole_series=False, reason=reason)


def people_to_tell(db: Database, actor: Actor | None, task_id: int, occurrence_id: int | None = None) -> int:
    """How many volunteers a cancellation of the task (or of one date) would tell."""
    with db.read() as session:
        task, _ = _task_for_manager(session, actor, task_id)
        now = utcnow()
        if occurrence_id is not None:
            ids = [o.id for o in task.occurrences if o.id == occurrence_id]
        else:
            ids = [o.id for o in task.occurrences if not o.is_cancelled and o.ends_at > now]
        if not ids:
            return 0
        return int(session.scalar(
            select(func.count(func.distinct(Signup.person_id)))
            .where(Signup.occurrence_id.in_(ids), Signup.status.in_([s.value for s in CANCELLED_BY_TASK]))
        ) or 0)  # fmt: skip


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class OccurrenceRow:
    id: int
    starts_at: datetime
    ends_at: datetime
    is_cancelled: bool
    taken: int  # places taken (proposed, confirmed, completed, no-show)
    waitlisted: int

    @property
    def is_over(self) -> bool:
        return self.ends_at <= utcnow()


def list_occurrences(db: Database, actor: Actor | None, task_id: int) -> list[OccurrenceRow]:
    """Every dated occurrence of a task with its places taken (the task's coordinators only)."""
    with db.read() as session:
        task, _ = _task_for_manager(session, actor, task_id)
        ids = [o.id for o in task.occurrences]
        counts: dict[tuple[int, str], int] = {}
        if ids:
            for occ_id, status, n in session.execute(
                select(Signup.occurrence_id, Signup.status, func.count(Signup.id))
                .where(Signup.occurrence_id.in_(ids))
                .group_by(Signup.occurrence_id, Signup.status)
            ):
                counts[(occ_id, SignupStatus(status).value)] = int(n)
        return [
            OccurrenceRow(
                id=o.id, starts_at=o.starts_at, ends_at=o.ends_at, is_cancelled=o.is_cancelled,
                taken=sum(counts.get((o.id, s.value), 0) for s in PLACE_TAKEN),
                waitlisted=counts.get((o.id, SignupStatus.WAITLISTED.value), 0),
            )
            for o in sorted(task.occurrences, key=lambda o: o.starts_at)
        ]


@dataclass(frozen=True)
class PersonChoice:
    id: int
    name: str
    email: str


def contact_candidates(db: Database, actor: Actor | None, organisation_id: int) -> list[PersonChoice]:
    """Who may be a task's contact person: the organisation's coordinators and admins, by name."""
    with db.read() as session:
        require_role(session, actor, organisation_id, *MANAGERS)
        rows = session.execute(
            select(Person.id, Person.display_name, Person.email)
            .join(Membership, Membership.person_id == Person.id)
            .where(Membership.organisation_id == organisation_id, Membership.role.in_([r.value for r in MANAGERS]),
                   Person.is_active.is_(True))
            .distinct()
            .order_by(Person.display_name, Person.id)
        )  # fmt: skip
        return [PersonChoice(pid, name, email) for pid, name, email in rows]


@dataclass(frozen=True)
class SkillChoice:
    key: str
    label: str
    label_zh: str | None


def skill_catalogue(db: Database, actor: Actor | None) -> list[SkillChoice]:
    """The skills a task may require, by their English label."""
    with db.read() as session:
        require_signed_in(actor)
        return [SkillChoice(k, label, zh) for k, label, zh in
                session.execute(select(Skill.key, Skill.label, Skill.label_zh).order_by(Skill.label, Skill.key))]  # fmt: skip


@dataclass(frozen=True)
class TaskDetails:
    """A task's fields plus what the editor shows around them."""

    id: int
    data: TaskInput
    organisation: str
    organisation_timezone: str
    contact_name: str | None


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


def _visible_task(session: Session, actor: Actor | None, task_id: int) -> Task:
    actor = require_signed_in(actor)
    task = session.get(Task, task_id)
    if task is not None and task.status is TaskStatus.DRAFT:
        held = roles_of(session, actor.person_id).get(task.organisation_id, frozenset())
        if not held & set(MANAGERS):
            task = None
    if task is None:
        raise NotFound(T("errors", "No task {id}."), id=task_id)
    return task


def get_task(db: Database, actor: Actor | None, task_id: int) -> TaskInput:
    """A task's fields; drafts only for their own organisation's coordinators (others: NotFound)."""
    with db.read() as session:
        return task_input_of(_visible_task(session, actor, task_id))


def task_details(db: Database, actor: Actor | None, task_id: int) -> TaskDetails:
    """A task's fields with its organisation's name and time zone and the contact's name (for editors)."""
    with db.read() as session:
        task = _visible_task(session, actor, task_id)
        contact = session.get(Person, task.contact_person_id) if task.contact_person_id else None
        return TaskDetails(task.id, task_input_of(task), task.organisation.name, task.organisation.timezone,
                           contact.display_name if contact else None)  # fmt: skip


def occurrence_task(db: Database, actor: Actor | None, occurrence_id: int) -> int:
    """The id of the task an occurrence belongs to (the CLI's ``cancel --occurrence``)."""
    with db.read() as session:
        require_signed_in(actor)
        task_id = session.scalar(select(TaskOccurrence.task_id).where(TaskOccurrence.id == occurrence_id))
        if task_id is None:
            raise NotFound(T("errors", "No occurrence {id}."), id=occurrence_id)
        return int(task_id)


# --------------------------------------------------------------------------- priority in words

#: What each priority means, for the editor and the CLI's help (context "Priority").
PRIORITY_WORDS = {
    1: T("Priority", "Nice to have"),
    2: T("Priority", "Helpful"),
    3: T("Priority", "Needed"),
    4: T("Priority", "Important: hard to do without"),
    5: T("Priority", "Urgent: nobody else will do it"),
}


def priority_text(priority: int, tr: Translate = english) -> str:
    """"3 = Needed" (in the reader's language)."""
    return f"{priority} = {tr('Priority', PRIORITY_WORDS.get(priority, ''))}"
