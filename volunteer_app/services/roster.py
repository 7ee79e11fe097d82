"""The roster of one task occurrence: who is coming, check-in and check-out on the day.

Only the coordinators and admins of the task's organisation read a roster or
change it. Each action is one transaction, audited. Checking someone out
creates a *pending* service record credited by the organisation's rules
(``domain.crediting``); the record keeps the rule that applied, so whoever
verifies it later sees how the minutes came about.

Times a coordinator types are refused when they cannot be right: in the
future (more than a few minutes: clocks differ), far from the task's own time,
or a check-out before the check-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from volunteer_app.domain import timefmt
from volunteer_app.domain.crediting import CreditRules, credit
from volunteer_app.domain.enums import (
    ACTIVE_SIGNUPS,
    Role,
    ServiceStatus,
    SignupSource,
    SignupStatus,
    TaskKind,
    TaskStatus,
)
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.intervals import minutes as minutes_between
from volunteer_app.services import audit, privacy, signups
from volunteer_app.services.accounts import Actor, normalise_email, require_role, require_signed_in, roles_of
from volunteer_app.services.concurrency import writing
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    Notice,
    Organisation,
    Person,
    ServiceRecord,
    Signup,
    Task,
    TaskOccurrence,
)
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP
MANAGERS = (Role.COORDINATOR, Role.ADMIN)
#: A typed time may run this far ahead of the computer's clock (clocks differ a little).
CLOCK_SLACK = timedelta(minutes=15)
#: A check-in or check-out this far before the task starts or after it ends is a typing mistake.
TIME_MARGIN = timedelta(hours=12)
#: Occurrences listed for the roster's picker at most.
OCCURRENCE_LIMIT = 1000
#: Who is on a roster (declined and cancelled signups are not).
ON_ROSTER = frozenset(
    {
        SignupStatus.PROPOSED,
        SignupStatus.CONFIRMED,
        SignupStatus.WAITLISTED,
        SignupStatus.NO_SHOW,
        SignupStatus.COMPLETED,
    }
)


# --------------------------------------------------------------------------- what a roster shows


@dataclass(frozen=True)
class RosterEntry:
    signup_id: int
    person_id: int
    name: str
    email: str
    phone: str | None  # None when there is none, or the viewer may not see it
    status: SignupStatus
    source: SignupSource
    starts_at: datetime  # the person's own stint
    ends_at: datetime
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    queued_at: datetime | None
    waitlist_position: int | None  # 1 = next to be offered a place
    override_reason: str | None
    offered: bool = False  # the place came to them from the waitlist (they have yet to accept)
    record_id: int | None = None  # the newest service record for this stint
    credited_minutes: int | None = None
    record_status: ServiceStatus | None = None
    credit_rule: dict[str, Any] | None = None

    @property
    def stint_minutes(self) -> int:
        return minutes_between(self.starts_at, self.ends_at)

    @property
    def state(self) -> str:
        """What the person's row says: checked_in, checked_out, no_show, waitlisted, offered,
        proposed, confirmed or completed."""
        if self.status is SignupStatus.NO_SHOW:
            return "no_show"
        if self.checked_out_at is not None:
            return "checked_out"
        if self.checked_in_at is not None:
            return "checked_in"
        if self.status is SignupStatus.WAITLISTED:
            return "waitlisted"
        if self.status is SignupStatus.PROPOSED:
            return "offered" if self.offered else "proposed"
        return self.status.value

    @property
    def can_check_in(self) -> bool:
        return self.checked_out_at is None and self.status in (
            ACTIVE_SIGNUPS | {SignupStatus.NO_SHOW, SignupStatus.WAITLISTED}
        )

    @property
    def can_check_out(self) -> bool:
        return self.checked_in_at is not None and self.checked_out_at is None

    @property
    def can_mark_no_show(self) -> bool:
        return self.checked_in_at is None and self.status in ACTIVE_SIGNUPS


@dataclass(frozen=True)
class Roster:
    occurrence_id: int
    task_id: int
    title: str
    organisation_id: int
    organisation: str
    timezone: str
    starts_at: datetime  # the occurrence: the shift, or a flexible task's window
    ends_at: datetime
    kind: TaskKind
    minutes: int | None  # a flexible task's length per person
    slots: int
    task_status: TaskStatus
    is_cancelled: bool
    entries: tuple[RosterEntry, ...]
    phone_visible: bool  # whether the viewer may see phones on this roster
    credit_rules: CreditRules

    @property
    def taken(self) -> int:
        """Places held now (proposed and confirmed) or used (completed, no-show)."""
        return sum(1 for e in self.entries if e.status is not SignupStatus.WAITLISTED)

    @property
    def waitlisted(self) -> int:
        return sum(1 for e in self.entries if e.status is SignupStatus.WAITLISTED)

    @property
    def checked_in(self) -> int:
        return sum(1 for e in self.entries if e.state == "checked_in")

    def entry_for(self, email: str) -> RosterEntry | None:
        email = email.strip().lower()
        return next((e for e in self.entries if e.email == email), None)

    def time_text(self, tr: timefmt.Translate = timefmt.english) -> str:
        return timefmt.task_time_text(
            self.starts_at, self.ends_at, self.timezone,
            minutes=self.minutes if self.kind is TaskKind.FLEXIBLE else None, tr=tr,
        )


@dataclass(frozen=True)
class OccurrenceRow:
    """One occurrence in the roster's picker."""

    occurrence_id: int
    task_id: int
    title: str
    organisation: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    kind: TaskKind
    minutes: int | None
    slots: int
    coming: int  # proposed + confirmed + completed (+ no-shows, who held a place)
    waitlisted: int
    checked_in: int

    def time_text(self, tr: timefmt.Translate = timefmt.english) -> str:
        return timefmt.task_time_text(
            self.starts_at, self.ends_at, self.timezone,
            minutes=self.minutes if self.kind is TaskKind.FLEXIBLE else None, tr=tr,
        )


@dataclass(frozen=True)
class ManagedOrganisation:
    id: int
    name: str
    timezone: str


@dataclass(frozen=True)
class CheckOutResult:
    signup_id: int
    record_id: int
    attended_minutes: int
    credited_minutes: int
    rule: dict[str, Any]


def rules_of(org: Organisation) -> CreditRules:
    return CreditRules(
        step_minutes=org.credit_step_minutes,
        min_attendance_percent=org.credit_min_attendance_percent,
        cap_to_stint=org.credit_cap_to_stint,
    )


# --------------------------------------------------------------------------- reading


def managed_organisations(db: Database, actor: Actor | None) -> list[ManagedOrganisation]:
    """The organisations whose rosters and assignments this person runs (coordinator or admin), by name."""
    with db.read() as session:
        actor = require_signed_in(actor)
        ids = [org for org, held in roles_of(session, actor.person_id).items() if held & set(MANAGERS)]
        if not ids:
            return []
        return [
            ManagedOrganisation(o.id, o.name, o.timezone)
            for o in session.scalars(select(Organisation).where(Organisation.id.in_(ids)).order_by(Organisation.name))
        ]


def occurrences(
    db: Database,
    actor: Actor | None,
    start: datetime,
    end: datetime,
    *,
    organisation_id: int | None = None,
    text: str = "",
    limit: int = OCCURRENCE_LIMIT,
) -> list[OccurrenceRow]:
    """Not-cancelled occurrences of the organisations this person manages that overlap ``[start, end)``,
    earliest first (so today's come first), with how many are coming."""
    with db.read() as session:
        actor = require_signed_in(actor)
        managed = [org for org, held in roles_of(session, actor.person_id).items() if held & set(MANAGERS)]
        if organisation_id is not None:
            managed = [org for org in managed if org == organisation_id]
        if not managed:
            return []
        query = (
            select(TaskOccurrence, Task, Organisation.name)
            .join(Task, Task.id == TaskOccurrence.task_id)
            .join(Organisation, Organisation.id == Task.organisation_id)
            .where(
                Task.organisation_id.in_(managed),
                Task.status.in_([TaskStatus.OPEN, TaskStatus.CLOSED]),
                TaskOccurrence.is_cancelled.is_(False),
                TaskOccurrence.ends_at > start,
                TaskOccurrence.starts_at < end,
            )
            .order_by(TaskOccurrence.starts_at, Task.title, TaskOccurrence.id)
            .limit(limit)
        )
        if text.strip():
            query = query.where(func.lower(Task.title).contains(text.strip().lower(), autoescape=True))
        rows = session.execute(query).all()
        counts = _counts(session, [occ.id for occ, _task, _org in rows])
        out = []
        for occ, task, org_name in rows:
            coming, waiting, present = counts.get(occ.id, (0, 0, 0))
            out.append(
                OccurrenceRow(
                    occ.id, task.id, task.title, org_name, task.timezone, occ.starts_at, occ.ends_at, task.kind,
                    task.minutes, task.slots, coming, waiting, present,
                )
            )
        return out


def _counts(session: Session, occurrence_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    if not occurrence_ids:
        return {}
    out: dict[int, list[int]] = {}
    for occ_id, status, checked_in, checked_out in session.execute(
        select(Signup.occurrence_id, Signup.status, Signup.checked_in_at, Signup.checked_out_at).where(
            Signup.occurrence_id.in_(occurrence_ids), Signup.status.in_([s.value for s in ON_ROSTER])
        )
    ):
        c = out.setdefault(occ_id, [0, 0, 0])
        if status is SignupStatus.WAITLISTED:
            c[1] += 1
        else:
            c[0] += 1
        if checked_in is not None and checked_out is None and status is not SignupStatus.NO_SHOW:
            c[2] += 1
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def _occurrence_for_manager(
    session: Session, actor: Actor | None, occurrence_id: int, *, lock: bool = False
) -> tuple[TaskOccurrence, Actor]:
    """The occurrence (locked for a change: places are counted under the lock) and its manager."""
    require_signed_in(actor)
    occ = signups.lock_occurrence(session, occurrence_id) if lock else session.get(TaskOccurrence, occurrence_id)
    if occ is None:
        raise NotFound(T("errors", "No task occurrence {id}."), id=occurrence_id)
    return occ, require_role(session, actor, occ.task.organisation_id, *MANAGERS)


def roster(db: Database, actor: Actor | None, occurrence_id: int) -> Roster:
    """Who is coming to one occurrence, with their stints, check-in state and hours record.

    Phones are shown to the organisation's coordinators (signing up for an organisation's
    task shares one's phone with them) and otherwise only as ``privacy`` allows.
    """
    with db.read() as session:
        occ, actor = _occurrence_for_manager(session, actor, occurrence_id)
        task = occ.task
        org = task.organisation
        held = roles_of(session, actor.person_id).get(org.id, frozenset())
        coordinator = Role.COORDINATOR in held
        rows = session.execute(
            select(Signup, Person)
            .join(Person, Person.id == Signup.person_id)
            .where(Signup.occurrence_id == occurrence_id, Signup.status.in_([s.value for s in ON_ROSTER]))
        ).all()
        records = _newest_records(session, occurrence_id, [p.id for _s, p in rows])
        waiting = sorted(
            (s for s, _p in rows if s.status is SignupStatus.WAITLISTED),
            key=lambda s: (s.queued_at or s.created_at, s.id),
        )
        position = {s.id: i for i, s in enumerate(waiting, 1)}
        offered = set(
            session.scalars(
                select(Notice.person_id).where(
                    Notice.occurrence_id == occurrence_id, Notice.kind == signups.WAITLIST_OFFER
                )
            )
        )
        entries = []
        for signup, person in rows:
            may_see = coordinator or privacy.may_see_private(session, actor, person.id)
            record = records.get(person.id)
            entries.append(
                RosterEntry(
                    signup_id=signup.id, person_id=person.id, name=person.display_name, email=person.email,
                    phone=person.phone if may_see else None, status=signup.status, source=signup.source,
                    starts_at=signup.starts_at, ends_at=signup.ends_at, checked_in_at=signup.checked_in_at,
                    checked_out_at=signup.checked_out_at, queued_at=signup.queued_at,
                    waitlist_position=position.get(signup.id), override_reason=signup.override_reason,
                    offered=signup.status is SignupStatus.PROPOSED and person.id in offered,
                    record_id=record.id if record else None,
                    credited_minutes=record.credited_minutes if record else None,
                    record_status=record.status if record else None,
                    credit_rule=dict(record.credit_rule) if record and record.credit_rule else None,
                )
            )
        # Everyone with a place by name, then the waitlist in its order.
        entries.sort(key=lambda e: (e.waitlist_position or 0, e.name.casefold(), e.email))
        return Roster(
            occurrence_id=occ.id, task_id=task.id, title=task.title, organisation_id=org.id, organisation=org.name,
            timezone=task.timezone, starts_at=occ.starts_at, ends_at=occ.ends_at, kind=task.kind,
            minutes=task.minutes, slots=task.slots, task_status=task.status, is_cancelled=occ.is_cancelled,
            entries=tuple(entries), phone_visible=coordinator, credit_rules=rules_of(org),
        )


def _newest_records(session: Session, occurrence_id: int, person_ids: list[int]) -> dict[int, ServiceRecord]:
    """Per person, the newest record of this occurrence (a correction replaces what it corrects)."""
    if not person_ids:
        return {}
    out: dict[int, ServiceRecord] = {}
    for record in session.scalars(
        select(ServiceRecord)
        .where(ServiceRecord.occurrence_id == occurrence_id, ServiceRecord.person_id.in_(person_ids))
        .order_by(ServiceRecord.created_at, ServiceRecord.id)
    ):
        out[record.person_id] = record
    return out


# --------------------------------------------------------------------------- changing


def _person_by_email(session: Session, email: str) -> Person:
    address = normalise_email(email)
    person = session.scalar(select(Person).where(Person.email == address))
    if person is None:
        raise NotFound(T("errors", "No account for {email}."), email=address)
    return person


def _signup_of(session: Session, occ: TaskOccurrence, person: Person) -> Signup:
    signups.lock_person(session, person.id)
    signup = session.scalar(
        select(Signup)
        .where(Signup.occurrence_id == occ.id, Signup.person_id == person.id)
        .execution_options(populate_existing=True)
    )
    if signup is None or signup.status not in ON_ROSTER:
        raise NotFound(
            T("errors", "{email} is not on the roster of {title!r}; add them as a walk-in."),
            email=person.email, title=occ.task.title,
        )
    return signup


def _moment(occ: TaskOccurrence, at: datetime | None, now: datetime, field: str) -> datetime:
    """The time a coordinator gave (default now), refused when it cannot be right."""
    if at is None:
        at = now
    if at.tzinfo is None:
        raise InvalidInput(field, T("errors", "{field} needs a time zone."))
    zone = occ.task.timezone
    if at > now + CLOCK_SLACK:
        raise InvalidInput(
            field, T("errors", "{value} is in the future; give the time it happened."),
            value=timefmt.moment_text(at, zone),
        )
    if at < occ.starts_at - TIME_MARGIN or at > occ.ends_at + TIME_MARGIN:
        raise InvalidInput(
            field, T("errors", "{value} is far from the task's time ({when}); give the time it happened."),
            value=timefmt.moment_text(at, zone),
            when=timefmt.task_time_text(occ.starts_at, occ.ends_at, zone),
        )
    return at


def _confirm_if_needed(session: Session, signup: Signup) -> None:
    """Someone who turns up holds a place: proposals and waitlist places become confirmed.

    Taking the place is checked like any other way onto the occurrence (under the locks
    ``_signup_of`` took): the places left, and no place at the same time elsewhere.
    """
    if signup.status is SignupStatus.CONFIRMED:
        return
    task = signup.occurrence.task
    if signup.status not in ACTIVE_SIGNUPS and signups.taken_slots(session, signup.occurrence_id) >= task.slots:
        raise Conflict(
            T("errors", "All {slots} places of {title!r} are taken; {name} cannot be checked in."),
            slots=task.slots, title=task.title, name=signup.person.display_name,
        )
    busy = signups.check_hold(session, signup.person_id, signup.occurrence_id, signup.starts_at, signup.ends_at)
    if busy is not None:
        raise signups.refusal(session, busy, signup.person_id, task)
    signup.status = SignupStatus.CONFIRMED
    signup.queued_at = None


def check_in(
    db: Database,
    actor: Actor | None,
    occurrence_id: int,
    email: str,
    at: datetime | None = None,
    *,
    now: datetime | None = None,
) -> datetime:
    """Record that the person arrived (default: now). Checking in again corrects the time.

    A proposal, a waitlist place or a no-show turns into a confirmed place (if one is free).
    Returns the check-in time stored.
    """
    now = now or utcnow()
    with writing(db) as session:
        occ, actor = _occurrence_for_manager(session, actor, occurrence_id, lock=True)
        person = _person_by_email(session, email)
        signup = _signup_of(session, occ, person)
        moment = _moment(occ, at, now, "at")
        if signup.checked_out_at is not None:
            raise Conflict(
                T("errors", "{name} checked out already; correct their hours record instead."),
                name=person.display_name,
            )
        before = {"status": signup.status.value, "checked_in_at": signup.checked_in_at}
        _confirm_if_needed(session, signup)
        signup.checked_in_at = moment
        audit.record(
            session, actor.person_id, "roster.check_in", "signup", signup.id,
            occurrence_id=occ.id, person_id=person.id, at=moment.isoformat(), before=before,
        )
        return moment


def check_out(
    db: Database,
    actor: Actor | None,
    occurrence_id: int,
    email: str,
    at: datetime | None = None,
    *,
    now: datetime | None = None,
) -> CheckOutResult:
    """Record that the person left (default: now): a pending hours record credited by the
    organisation's rules, and the signup completed."""
    now = now or utcnow()
    with writing(db) as session:
        occ, actor = _occurrence_for_manager(session, actor, occurrence_id, lock=True)
        person = _person_by_email(session, email)
        signup = _signup_of(session, occ, person)
        if signup.checked_in_at is None:
            raise Conflict(T("errors", "{name} has not checked in; check them in first."), name=person.display_name)
        if signup.checked_out_at is not None:
            raise Conflict(
                T("errors", "{name} checked out already; correct their hours record instead."),
                name=person.display_name,
            )
        moment = _moment(occ, at, now, "at")
        zone = occ.task.timezone
        if moment <= signup.checked_in_at:
            raise InvalidInput(
                "at", T("errors", "The check-out ({value}) must come after the check-in ({checked_in})."),
                value=timefmt.moment_text(moment, zone), checked_in=timefmt.moment_text(signup.checked_in_at, zone),
            )
        attended = minutes_between(signup.checked_in_at, moment)
        stint = minutes_between(signup.starts_at, signup.ends_at)
        org = occ.task.organisation
        got = credit(stint, attended, rules_of(org))
        rule = dict(got.rule)  # the rules, the stint, the attendance and the outcome
        record = ServiceRecord(
            person_id=person.id, organisation_id=org.id, occurrence_id=occ.id,
            started_at=signup.checked_in_at, ended_at=moment, credited_minutes=got.minutes,
            status=ServiceStatus.PENDING, created_by_id=actor.person_id, credit_rule=rule,
        )
        session.add(record)
        signup.checked_out_at = moment
        signup.status = SignupStatus.COMPLETED
        session.flush()
        audit.record(
            session, actor.person_id, "roster.check_out", "signup", signup.id,
            occurrence_id=occ.id, person_id=person.id, at=moment.isoformat(), record_id=record.id,
            credited_minutes=got.minutes, rule=rule,
        )
        return CheckOutResult(signup.id, record.id, attended, got.minutes, rule)


def mark_no_show(
    db: Database, actor: Actor | None, occurrence_id: int, email: str, *, now: datetime | None = None
) -> None:
    """The person held a place and did not come (only once their stint has begun)."""
    now = now or utcnow()
    with writing(db) as session:
        occ, actor = _occurrence_for_manager(session, actor, occurrence_id, lock=True)
        person = _person_by_email(session, email)
        signup = _signup_of(session, occ, person)
        if signup.checked_in_at is not None:
            raise Conflict(
                T("errors", "{name} checked in at {time}, so they are not a no-show."),
                name=person.display_name, time=timefmt.moment_text(signup.checked_in_at, occ.task.timezone),
            )
        if signup.status not in ACTIVE_SIGNUPS:
            raise Conflict(
                T("errors", "{name} does not hold a place ({status}), so they cannot be a no-show."),
                name=person.display_name, status=signup.status.value,
            )
        if now < signup.starts_at:
            raise Conflict(
                T("errors", "{name}'s stint starts {time}; mark a no-show once it has begun."),
                name=person.display_name, time=timefmt.moment_text(signup.starts_at, occ.task.timezone),
            )
        before = signup.status
        signup.status = SignupStatus.NO_SHOW
        audit.record(
            session, actor.person_id, "roster.no_show", "signup", signup.id,
            occurrence_id=occ.id, person_id=person.id, before=before.value,
        )


def walk_in_start(kind: TaskKind, minutes: int | None, window: tuple[datetime, datetime], at: datetime) -> datetime | None:
    """A walk-in's stint start: None on a fixed shift; on a flexible task the 15-minute step
    at or before they arrived, kept inside the window."""
    if kind is TaskKind.FIXED:
        return None
    assert minutes is not None
    begin, end = window
    latest = end - timedelta(minutes=minutes)
    steps = max(0, int((min(at, latest) - begin) / signups.FLEX_STEP))
    return begin + steps * signups.FLEX_STEP


def add_walk_in(
    db: Database,
    actor: Actor | None,
    occurrence_id: int,
    email: str,
    at: datetime | None = None,
    *,
    now: datetime | None = None,
) -> int:
    """Someone who was not signed up turns up: a confirmed place made on the spot by the
    coordinator, checked in at ``at`` (default now). Returns the signup id.

    Refused when the task is full or the person holds another place at that time (``signups.place``).
    """
    now = now or utcnow()
    with writing(db) as session:
        occ, actor = _occurrence_for_manager(session, actor, occurrence_id, lock=True)
        person = _person_by_email(session, email)
        moment = _moment(occ, at, now, "at")
        existing = session.scalar(
            select(Signup).where(Signup.occurrence_id == occ.id, Signup.person_id == person.id)
        )
        if existing is not None and existing.status in ON_ROSTER:
            raise Conflict(
                T("errors", "{email} is on the roster already; check them in instead."), email=person.email
            )
        task = occ.task
        start = walk_in_start(task.kind, task.minutes, (occ.starts_at, occ.ends_at), moment)
        signup = signups.place(
            session, actor, occ.id, person.id,
            status=SignupStatus.CONFIRMED, source=SignupSource.COORDINATOR, start=start,
        )
        signup.checked_in_at = moment
        session.flush()
        audit.record(
            session, actor.person_id, "roster.walk_in", "signup", signup.id,
            occurrence_id=occ.id, person_id=person.id, at=moment.isoformat(),
        )
        return signup.id
