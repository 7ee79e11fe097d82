"""Signups: a volunteer on a task occurrence.

A volunteer signs up themselves (confirmed while slots are open, else
waitlisted); the engine and coordinators propose. Every status change is audited.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from volunteer_app.domain.enums import ACTIVE_SIGNUPS, Role, SignupSource, SignupStatus, TaskKind, TaskStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit
from volunteer_app.services.accounts import Actor, require_role, require_signed_in
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import Signup, Task, TaskOccurrence

T = QT_TRANSLATE_NOOP
# Flexible stints start on a quarter-hour step from the window's start (as the matching format says).
FLEX_STEP = timedelta(minutes=15)
# What a volunteer may do to their own signup; coordinators may set any status.
VOLUNTEER_MOVES = {
    SignupStatus.PROPOSED: {SignupStatus.CONFIRMED, SignupStatus.DECLINED},
    SignupStatus.CONFIRMED: {SignupStatus.CANCELLED},
    SignupStatus.WAITLISTED: {SignupStatus.CANCELLED},
}


def taken_slots(session: Session, occurrence_id: int) -> int:
    return int(
        session.scalar(
            select(func.count(Signup.id)).where(
                Signup.occurrence_id == occurrence_id, Signup.status.in_([s.value for s in ACTIVE_SIGNUPS])
            )
        )
        or 0
    )


def stint(task: Task, occurrence: TaskOccurrence, start: datetime | None) -> tuple[datetime, datetime]:
    """The volunteer's own start and end: the shift, or a start inside a flexible window."""
    if task.kind is TaskKind.FIXED:
        return occurrence.starts_at, occurrence.ends_at
    assert task.minutes is not None
    if start is None:
        raise InvalidInput("start", T("errors", "A flexible task needs the time you will start."))
    end = start + timedelta(minutes=task.minutes)
    off_step = (start - occurrence.starts_at) % FLEX_STEP
    if start < occurrence.starts_at or end > occurrence.ends_at or off_step:
        raise InvalidInput(
            "start", T("errors", "{value} is not a 15-minute step inside the task's window."), value=start
        )
    return start, end


def place(
    session: Session,
    actor: Actor,
    occurrence_id: int,
    person_id: int,
    *,
    status: SignupStatus,
    source: SignupSource,
    start: datetime | None = None,
) -> Signup:
    """Store one signup inside the caller's transaction (checks slots and duplicates)."""
    occurrence = session.get(TaskOccurrence, occurrence_id)
    if occurrence is None or occurrence.is_cancelled:
        raise NotFound(T("errors", "No open task occurrence {id}."), id=occurrence_id)
    task = occurrence.task
    if task.status is not TaskStatus.OPEN:
        raise Conflict(T("errors", "Task {title!r} is not open for signups."), title=task.title)
    existing = session.scalar(
        select(Signup).where(Signup.occurrence_id == occurrence_id, Signup.person_id == person_id)
    )
    if existing is not None and existing.status in ACTIVE_SIGNUPS | {SignupStatus.WAITLISTED}:
        raise Conflict(T("errors", "Already signed up for {title!r}."), title=task.title)
    if status in ACTIVE_SIGNUPS and taken_slots(session, occurrence_id) >= task.slots:
        if source is SignupSource.SELF:
            status = SignupStatus.WAITLISTED
        else:
            raise Conflict(T("errors", "Task {title!r} is full."), title=task.title)
    starts_at, ends_at = stint(task, occurrence, start)
    if existing is None:
        signup = Signup(occurrence_id=occurrence_id, person_id=person_id, created_by_id=actor.person_id)
        session.add(signup)
    else:  # a cancelled or declined signup comes back to life rather than duplicating
        signup = existing
    signup.status, signup.source = status, source
    signup.starts_at, signup.ends_at = starts_at, ends_at
    session.flush()
    audit.record(
        session, actor.person_id, "signup.place", "signup", signup.id,
        occurrence_id=occurrence_id, person_id=person_id, status=status.value, source=source.value,
    )
    return signup


def sign_up(db: Database, actor: Actor | None, occurrence_id: int, start: datetime | None = None) -> SignupStatus:
    """The volunteer signs themselves up: confirmed, or waitlisted when the task is full."""
    with db.transaction() as session:
        actor = require_signed_in(actor)
        signup = place(
            session, actor, occurrence_id, actor.person_id,
            status=SignupStatus.CONFIRMED, source=SignupSource.SELF, start=start,
        )
        return signup.status


def set_status(db: Database, actor: Actor | None, signup_id: int, status: SignupStatus) -> None:
    with db.transaction() as session:
        actor = require_signed_in(actor)
        signup = session.get(Signup, signup_id)
        if signup is None:
            raise NotFound(T("errors", "No signup {id}."), id=signup_id)
        org_id = signup.occurrence.task.organisation_id
        if signup.person_id == actor.person_id and status in VOLUNTEER_MOVES.get(signup.status, set()):
            pass
        else:
            try:
                require_role(session, actor, org_id, Role.COORDINATOR, Role.ADMIN)
            except PermissionDenied:
                raise PermissionDenied(
                    T("errors", "You may not change this signup from {old} to {new}."),
                    old=signup.status.value, new=status.value,
                ) from None
        reopening = status in ACTIVE_SIGNUPS and signup.status not in ACTIVE_SIGNUPS
        if reopening and taken_slots(session, signup.occurrence_id) >= signup.occurrence.task.slots:
            raise Conflict(T("errors", "Task {title!r} is full."), title=signup.occurrence.task.title)
        old = signup.status
        signup.status = status
        audit.record(session, actor.person_id, "signup.status", "signup", signup.id, before=old.value, after=status.value)
