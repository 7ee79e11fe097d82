"""Signups: a volunteer on a task occurrence.

A volunteer signs up themselves (confirmed while places are open, else
waitlisted); the engine and coordinators propose. Every status change is audited.

A self signup is refused, with one sentence naming the value and nothing
written, when it would clash with a signup the volunteer holds (confirmed or
proposed), falls outside their free time (weekly pattern - away + extra, built
as the engine builds it), needs a skill level they lack, is for a task that
closed, was cancelled or has started, or uses a flexible start off the 15-minute
grid or outside the window.

Races: every way onto an occurrence (``place``, accepting or reopening a signup,
a waitlist offer, a check-in) reads the places left and the person's busy time in
*every* organisation again *inside* the writing transaction, under a lock
(``check_hold``): on SQLite the transaction starts with ``BEGIN IMMEDIATE`` (one writer
at a time, ``services.concurrency.writing``); on PostgreSQL the occurrences and then
the people are locked (``lock_occurrence``, ``lock_people``: advisory locks through
``services.shared_reads``, occurrences before people, each by id, so two transactions
never wait for each other in a circle; they need no privilege on the rows, so a
volunteer's own login takes them too).

What a person cannot see on a shared server (other people's signups) is read through
``services.shared_reads``: places left (``place_counts``), queue positions, a clash with
a place held in another organisation (``clash_for``), and the waitlist offer.
Two volunteers taking the last place at the same moment: one is confirmed, the other
waitlisted; two organisations proposing the same person at the same moment: the second
sees the first's proposal and places them elsewhere or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from volunteer_app.domain.enums import (
    ACTIVE_SIGNUPS,
    AvailabilityKind,
    Role,
    SignupSource,
    SignupStatus,
    TaskKind,
    TaskStatus,
)
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.intervals import covers
from volunteer_app.domain.timefmt import duration_text, moment_text, task_time_text
from volunteer_app.services import audit, notices, shared_reads
from volunteer_app.services.accounts import Actor, require_role, require_signed_in
from volunteer_app.services.concurrency import writing
from volunteer_app.services.engine_data import volunteers_for, week_starts
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from volunteer_app.services.shared_reads import place_counts
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilityException,
    AvailabilitySlot,
    Person,
    Signup,
    Skill,
    Task,
    TaskOccurrence,
    TaskSkill,
    VolunteerProfile,
    VolunteerSkill,
)

T = QT_TRANSLATE_NOOP
# Flexible stints start on a quarter-hour step from the window's start (as the matching format says).
FLEX_STEP = timedelta(minutes=15)
# What a volunteer may do to their own signup; coordinators may set any status.
VOLUNTEER_MOVES = {
    SignupStatus.PROPOSED: {SignupStatus.CONFIRMED, SignupStatus.DECLINED, SignupStatus.CANCELLED},
    SignupStatus.CONFIRMED: {SignupStatus.CANCELLED},
    SignupStatus.WAITLISTED: {SignupStatus.CANCELLED},
}
#: Signups a volunteer can withdraw from.
WITHDRAWABLE = ACTIVE_SIGNUPS | {SignupStatus.WAITLISTED}
#: ``Notice.kind`` when a freed place is offered to the first on the waitlist.
WAITLIST_OFFER = "waitlist_offer"


@dataclass(frozen=True)
class SignupOutcome:
    """What a sign-up did: confirmed, or waitlisted at ``position`` (1 = next in line)."""

    signup_id: int
    occurrence_id: int
    title: str
    status: SignupStatus
    starts_at: datetime
    ends_at: datetime
    timezone: str
    position: int | None = None


@dataclass(frozen=True)
class WithdrawOutcome:
    """What a withdrawal did; ``offered_to`` is the person the freed place went to (as a proposal)."""

    signup_id: int
    occurrence_id: int
    title: str
    previous: SignupStatus
    offered_to: int | None = None


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


# --------------------------------------------------------------------------- reading


def taken_slots(session: Session, occurrence_id: int) -> int:
    """Places held on the occurrence (confirmed and proposed signups), whoever holds them."""
    return place_counts(session, [occurrence_id]).get(occurrence_id, 0)


def waitlist_length(session: Session, occurrence_id: int) -> int:
    """How many wait for a place on the occurrence, whoever they are."""
    return place_counts(session, [occurrence_id], [SignupStatus.WAITLISTED]).get(occurrence_id, 0)


def _waitlist_order(occurrence_id: int) -> Select[Signup]:
    """The queue, first in line first (the order of ``shared_reads.queue_positions``)."""
    return (
        select(Signup)
        .where(Signup.occurrence_id == occurrence_id, Signup.status == SignupStatus.WAITLISTED)
        .order_by(func.coalesce(Signup.queued_at, Signup.created_at), Signup.id)
    )


def waitlist_position(session: Session, signup: Signup) -> int | None:
    """1 for the next in line (by the time they joined the queue), None when not waitlisted."""
    if signup.status is not SignupStatus.WAITLISTED:
        return None
    found = shared_reads.queue_positions(session, [signup.id]).get(signup.id)
    return found[0] if found is not None else None


def flexible_starts(window_start: datetime, window_end: datetime, minutes: int) -> list[datetime]:
    """Every start on the 15-minute grid from the window's start whose stint ends inside the window."""
    out: list[datetime] = []
    start, length = window_start, timedelta(minutes=minutes)
    while start + length <= window_end:
        out.append(start)
        start += FLEX_STEP
    return out


def stint(task: Task, occurrence: TaskOccurrence, start: datetime | None) -> tuple[datetime, datetime]:
    """The volunteer's own start and end: the shift, or a start inside a flexible window.

    A start without a UTC offset is read on the task's own clock.
    """
    if task.kind is TaskKind.FIXED:
        return occurrence.starts_at, occurrence.ends_at
    assert task.minutes is not None
    last = occurrence.ends_at - timedelta(minutes=task.minutes)
    if start is None:
        raise InvalidInput(
            "start",
            T("errors", "{title!r} is flexible: choose when you start, between {first} and {last}."),
            title=task.title,
            first=moment_text(occurrence.starts_at, task.timezone),
            last=moment_text(last, task.timezone),
        )
    if start.tzinfo is None:
        start = start.replace(tzinfo=ZoneInfo(task.timezone))
    end = start + timedelta(minutes=task.minutes)
    if start < occurrence.starts_at or end > occurrence.ends_at:
        raise InvalidInput(
            "start",
            T("errors", "A start at {value} is outside the task's window: start between {first} and {last}."),
            value=moment_text(start, task.timezone),
            first=moment_text(occurrence.starts_at, task.timezone),
            last=moment_text(last, task.timezone),
        )
    if (start - occurrence.starts_at) % FLEX_STEP:
        raise InvalidInput(
            "start",
            T("errors", "A start at {value} is not on the task's 15-minute steps (such as {before} or {after})."),
            value=moment_text(start, task.timezone),
            before=moment_text(start - (start - occurrence.starts_at) % FLEX_STEP, task.timezone),
            after=moment_text(start - (start - occurrence.starts_at) % FLEX_STEP + FLEX_STEP, task.timezone),
        )
    return start, end


#: The title of a clashing place whose task the reader may not see (another organisation's, closed).
OTHER_TASK = T("errors", "a task of another organisation")


@dataclass(frozen=True)
class HeldPlace:
    """A place someone holds that gets in the way: when, and the task as far as the reader may see it."""

    occurrence_id: int
    status: SignupStatus  # CONFIRMED when the reader may not see the signup itself
    starts_at: datetime
    ends_at: datetime
    title: str  # OTHER_TASK when the reader may not see the task
    timezone: str


def clash_for(session: Session, person_id: int, occurrence_id: int, start: datetime, end: datetime) -> HeldPlace | None:
    """The first place the person holds (confirmed or proposed, any organisation) that overlaps ``[start, end)``.

    Found through ``shared_reads.busy_places``, so on a shared server a coordinator's check sees the
    person's places in other organisations too (when, not what: the task stays theirs to see).
    """
    held = [b for b in shared_reads.busy_places(session, [person_id], start, end) if b.occurrence_id != occurrence_id]
    if not held:
        return None
    first = held[0]
    row = session.execute(
        select(Task.title, Task.timezone)
        .join(TaskOccurrence, TaskOccurrence.task_id == Task.id)
        .where(TaskOccurrence.id == first.occurrence_id)
    ).first()
    status = session.scalar(
        select(Signup.status).where(Signup.occurrence_id == first.occurrence_id, Signup.person_id == person_id)
    )
    title, zone = (row[0], row[1]) if row is not None else (OTHER_TASK, "UTC")
    return HeldPlace(first.occurrence_id, status or SignupStatus.CONFIRMED, first.starts_at, first.ends_at, title, zone)


def declares_free_time(session: Session, person_id: int) -> bool:
    """Whether the person has said when they are free (a weekly slot or dated extra time).

    Someone who never did is not held to free hours (they could not sign up at all otherwise).
    """
    weekly = session.scalar(select(AvailabilitySlot.id).where(AvailabilitySlot.person_id == person_id).limit(1))
    if weekly is not None:
        return True
    extra = session.scalar(
        select(AvailabilityException.id)
        .where(AvailabilityException.person_id == person_id, AvailabilityException.kind == AvailabilityKind.EXTRA)
        .limit(1)
    )
    return extra is not None


def is_free(session: Session, person_id: int, start: datetime, end: datetime) -> bool:
    """Whether ``[start, end)`` lies in the person's free time as the engine sees it.

    The engine's own builder (weekly pattern in their zone - away + extra - what they
    hold); True when they never declared free time or have no volunteer profile.
    """
    if not declares_free_time(session, person_id):
        return True
    volunteers, _, _, _ = volunteers_for(session, [person_id], start, end, set())
    if not volunteers:
        return True
    return covers(volunteers[0].free, start, end)


def missing_skill(session: Session, person_id: int, task_id: int) -> tuple[str, int, int] | None:
    """(skill label, level needed, level held) of the first requirement the person does not meet."""
    held = dict(
        session.execute(
            select(VolunteerSkill.skill_id, VolunteerSkill.level).where(VolunteerSkill.person_id == person_id)
        ).all()
    )
    for skill_id, label, needed in session.execute(
        select(TaskSkill.skill_id, Skill.label, TaskSkill.min_level)
        .join(Skill, Skill.id == TaskSkill.skill_id)
        .where(TaskSkill.task_id == task_id)
        .order_by(Skill.label)
    ):
        if held.get(skill_id, 0) < needed:
            return label, needed, held.get(skill_id, 0)
    return None


# --------------------------------------------------------------------------- locks


# PostgreSQL: FOR NO KEY UPDATE. Two lockers exclude each other, yet inserting a row that merely
# refers to a locked one (an audit entry by the person, a signup on the occurrence) does not wait
# for the lock, so those inserts cannot close a circle of waits. SQLite ignores row locks: its
# writing transactions take the whole file (BEGIN IMMEDIATE).


def lock_occurrence(session: Session, occurrence_id: int) -> TaskOccurrence | None:
    """The occurrence, read after taking its lock, held until the transaction ends (PostgreSQL;
    SQLite locks the file).

    Lock occurrences before people, and several of a kind in id order.
    """
    shared_reads.lock(session, shared_reads.OCCURRENCE_LOCK, [occurrence_id])
    return session.scalars(
        select(TaskOccurrence).where(TaskOccurrence.id == occurrence_id).execution_options(populate_existing=True)
    ).one_or_none()


def lock_occurrences(session: Session, occurrence_ids: Iterable[int]) -> None:
    """Lock these occurrences, in id order (the order every writer takes them in)."""
    shared_reads.lock(session, shared_reads.OCCURRENCE_LOCK, occurrence_ids)


def lock_person(session: Session, person_id: int) -> None:
    """Lock the person: their busy time cannot change under us (take it after the occurrence's)."""
    shared_reads.lock(session, shared_reads.PERSON_LOCK, [person_id])


def lock_people(session: Session, person_ids: Iterable[int]) -> None:
    """Lock these people in id order, after any occurrence (several people: always this way)."""
    shared_reads.lock(session, shared_reads.PERSON_LOCK, person_ids)


def lock_people_and_waitlist(session: Session, person_ids: Iterable[int], occurrence_id: int) -> None:
    """Lock these people together with everyone on the occurrence's waitlist, in id order (after the
    occurrence): a freed place may go to any of them. The reader need not see who waits."""
    shared_reads.lock_people_with_waitlist(session, person_ids, occurrence_id)


# --------------------------------------------------------------------------- may they hold it?


@dataclass(frozen=True)
class Busy:
    """Why a person cannot hold a stint: another place at that time, or their weekly hours."""

    clash: HeldPlace | None = None
    week_minutes: int = 0  # minutes they hold in the week the stint starts in (over the cap)
    cap_minutes: int | None = None


def week_minutes(session: Session, person_id: int, occurrence_id: int, start: datetime) -> tuple[int, int] | None:
    """(minutes held, weekly cap) for the calendar week of ``start`` in the person's zone, or None without a cap.

    The engine's rule: a signup counts in the week it starts in (Monday to Monday in the
    volunteer's zone); proposed and confirmed signups count, the one on ``occurrence_id`` does not.
    """
    row = session.execute(
        select(VolunteerProfile.weekly_hour_cap_minutes, VolunteerProfile.timezone).where(
            VolunteerProfile.person_id == person_id
        )
    ).first()
    if row is None or row[0] is None:
        return None
    week_start, week_end = week_starts(row[1], start, start + timedelta(minutes=1))[:2]
    held = sum(
        int((b.ends_at - b.starts_at).total_seconds() // 60)
        for b in shared_reads.busy_places(session, [person_id], week_start, week_end)
        if b.occurrence_id != occurrence_id and week_start <= b.starts_at < week_end
    )
    return held, int(row[0])


def check_hold(
    session: Session, person_id: int, occurrence_id: int, start: datetime, end: datetime, *, weekly_cap: bool = False
) -> Busy | None:
    """Why the person cannot hold ``[start, end)`` on the occurrence, or None when they can.

    Their places in every organisation count (proposed and confirmed); with ``weekly_cap``
    (the engine's proposals) their weekly hour cap too. Call it under the locks
    (``lock_occurrence``, then ``lock_person``/``lock_people``) inside the writing transaction,
    so what it read still holds when the transaction commits.
    """
    clash = clash_for(session, person_id, occurrence_id, start, end)
    if clash is not None:
        return Busy(clash=clash)
    if weekly_cap:
        week = week_minutes(session, person_id, occurrence_id, start)
        stint_minutes = int((end - start).total_seconds() // 60)
        if week is not None and week[0] + stint_minutes > week[1]:
            return Busy(week_minutes=week[0], cap_minutes=week[1])
    return None


def refusal(session: Session, busy: Busy, person_id: int, task: Task, *, engine: bool = False) -> Conflict:
    """The one sentence for ``busy``; ``engine``: the engine's data went stale (someone acted meanwhile)."""
    name = session.scalar(select(Person.display_name).where(Person.id == person_id)) or ""
    if busy.clash is not None:
        other = busy.clash
        when = task_time_text(other.starts_at, other.ends_at, other.timezone)
        if engine:
            return Conflict(
                T("errors", "{name} took a place on {other!r} ({when}) since the engine ran; run it again."),
                name=name, other=other.title, when=when,
            )
        return Conflict(
            T("errors", "{name} already holds a place on {other!r} ({when}) at the time of {title!r}."),
            name=name, other=other.title, when=when, title=task.title,
        )
    assert busy.cap_minutes is not None
    return Conflict(
        T("errors", "{title!r} would take {name} over their {cap} a week ({held} held that week already)."),
        title=task.title, name=name, cap=duration_text(busy.cap_minutes), held=duration_text(busy.week_minutes),
    )


def _open_occurrence(session: Session, occurrence_id: int) -> tuple[TaskOccurrence, Task]:
    occurrence = lock_occurrence(session, occurrence_id)
    if occurrence is None or occurrence.task.status is TaskStatus.DRAFT:
        raise NotFound(T("errors", "No open task occurrence {id}."), id=occurrence_id)
    task = occurrence.task
    if occurrence.is_cancelled:
        raise Conflict(
            T("errors", "{title!r} on {time} was cancelled."),
            title=task.title, time=task_time_text(occurrence.starts_at, occurrence.ends_at, task.timezone,
                                                  minutes=task.minutes),
        )
    if task.status is not TaskStatus.OPEN:
        raise Conflict(T("errors", "{title!r} is no longer open for signups (it was closed)."), title=task.title)
    return occurrence, task


# --------------------------------------------------------------------------- writing


def place(
    session: Session,
    actor: Actor,
    occurrence_id: int,
    person_id: int,
    *,
    status: SignupStatus,
    source: SignupSource,
    start: datetime | None = None,
    now: datetime | None = None,
) -> Signup:
    """Store one signup inside the caller's transaction (locks, then checks places, duplicates and clashes).

    A self signup on a full task is waitlisted; anyone else's is refused when full. A place
    (proposed or confirmed) that overlaps one the person holds in any organisation is refused,
    and an engine proposal over their weekly hour cap too (``check_hold``). The caller checks
    free time and skills where its rules need them, and may check clashes first for its own wording.
    """
    occurrence, task = _open_occurrence(session, occurrence_id)
    lock_person(session, person_id)
    existing = session.scalar(
        select(Signup).where(Signup.occurrence_id == occurrence_id, Signup.person_id == person_id)
    )
    if existing is not None and existing.status in WITHDRAWABLE:
        if existing.status is SignupStatus.WAITLISTED:
            raise Conflict(T("errors", "You are already on the waitlist for {title!r}."), title=task.title)
        if existing.status is SignupStatus.PROPOSED:
            raise Conflict(
                T("errors", "{title!r} is already proposed: accept or decline it in My schedule."), title=task.title
            )
        raise Conflict(T("errors", "Already signed up for {title!r}."), title=task.title)
    starts_at, ends_at = stint(task, occurrence, start)
    queued_at = None
    if status in ACTIVE_SIGNUPS and taken_slots(session, occurrence_id) >= task.slots:
        if source is SignupSource.SELF:
            status, queued_at = SignupStatus.WAITLISTED, _now(now)
        else:
            raise Conflict(T("errors", "Task {title!r} is full."), title=task.title)
    if status in ACTIVE_SIGNUPS:
        engine = source is SignupSource.ENGINE
        busy = check_hold(session, person_id, occurrence_id, starts_at, ends_at, weekly_cap=engine)
        if busy is not None:
            raise refusal(session, busy, person_id, task, engine=engine)
    if existing is None:
        signup = Signup(occurrence_id=occurrence_id, person_id=person_id, created_by_id=actor.person_id)
        session.add(signup)
    else:  # a cancelled or declined signup comes back to life rather than duplicating
        signup = existing
    signup.status, signup.source = status, source
    signup.starts_at, signup.ends_at = starts_at, ends_at
    signup.queued_at = queued_at
    session.flush()
    audit.record(
        session, actor.person_id, "signup.place", "signup", signup.id,
        occurrence_id=occurrence_id, person_id=person_id, status=status.value, source=source.value,
    )
    return signup


def _check_self_signup(
    session: Session, person_id: int, occurrence: TaskOccurrence, task: Task, start: datetime | None, now: datetime
) -> None:
    """The volunteer's own rules (run under the locks): not started, fits their skills, no clash, free then."""
    starts_at, ends_at = stint(task, occurrence, start)
    if starts_at < now:
        raise Conflict(
            T("errors", "{title!r} started at {time}: it is too late to sign up."),
            title=task.title, time=moment_text(starts_at, task.timezone),
        )
    missing = missing_skill(session, person_id, task.id)
    if missing is not None:
        label, needed, held = missing
        raise Conflict(
            T("errors", "{title!r} needs {skill} at level {needed}; your level is {held}."),
            title=task.title, skill=label, needed=needed, held=held,
        )
    clash = clash_for(session, person_id, occurrence.id, starts_at, ends_at)
    if clash is not None:
        when = task_time_text(clash.starts_at, clash.ends_at, clash.timezone)
        if clash.status is SignupStatus.PROPOSED:
            raise Conflict(
                T("errors", "This clashes with {title!r} ({time}), which is proposed to you."),
                title=clash.title, time=when,
            )
        raise Conflict(
            T("errors", "This clashes with {title!r} ({time}), which you are already signed up for."),
            title=clash.title, time=when,
        )
    if not is_free(session, person_id, starts_at, ends_at):
        raise Conflict(
            T("errors", "{time} is outside your free hours: add that time in Free hours first."),
            time=task_time_text(starts_at, ends_at, task.timezone),
        )


def sign_up_outcome(
    db: Database, actor: Actor | None, occurrence_id: int, start: datetime | None = None, *,
    now: datetime | None = None,
) -> SignupOutcome:
    """The volunteer signs themselves up: confirmed, or waitlisted (with their position) when full.

    ``start``: the start of their stint on a flexible task (a 15-minute step inside the window;
    without a UTC offset it is read on the task's clock). Refusals raise a ``ServiceError``
    whose one sentence names the value; nothing is written then.
    """
    moment = _now(now)
    with writing(db) as session:
        actor = require_signed_in(actor)
        occurrence, task = _open_occurrence(session, occurrence_id)
        lock_person(session, actor.person_id)
        existing = session.scalar(
            select(Signup.status).where(Signup.occurrence_id == occurrence_id, Signup.person_id == actor.person_id)
        )
        if existing is None or existing not in WITHDRAWABLE:  # duplicates: place() names them
            _check_self_signup(session, actor.person_id, occurrence, task, start, moment)
        signup = place(
            session, actor, occurrence_id, actor.person_id,
            status=SignupStatus.CONFIRMED, source=SignupSource.SELF, start=start, now=moment,
        )
        return SignupOutcome(
            signup_id=signup.id, occurrence_id=occurrence_id, title=task.title, status=signup.status,
            starts_at=signup.starts_at, ends_at=signup.ends_at, timezone=task.timezone,
            position=waitlist_position(session, signup),
        )


def sign_up(
    db: Database, actor: Actor | None, occurrence_id: int, start: datetime | None = None, *,
    now: datetime | None = None,
) -> SignupStatus:
    """The volunteer signs themselves up: confirmed, or waitlisted when the task is full."""
    return sign_up_outcome(db, actor, occurrence_id, start, now=now).status


@dataclass(frozen=True)
class Offer:
    """A freed place proposed to someone from the waitlist."""

    signup_id: int
    person_id: int


def _first_free_in_queue(session: Session, occurrence: TaskOccurrence, now: datetime) -> Offer | None:
    """SQLite: the rule ``va_offer_freed_place`` applies on PostgreSQL (migration 0004), step by step."""
    task = occurrence.task
    if occurrence.is_cancelled or task.status is not TaskStatus.OPEN or occurrence.ends_at <= now:
        return None
    if taken_slots(session, occurrence.id) >= task.slots:
        return None
    queue = session.scalars(_waitlist_order(occurrence.id).execution_options(populate_existing=True)).all()
    for waiting in queue:
        if check_hold(session, waiting.person_id, occurrence.id, waiting.starts_at, waiting.ends_at) is not None:
            continue  # took something else at that time meanwhile: they keep their place in the queue
        waiting.status, waiting.queued_at = SignupStatus.PROPOSED, None
        session.flush()
        return Offer(waiting.id, waiting.person_id)
    return None


def offer_freed_place(
    session: Session, actor_id: int | None, occurrence: TaskOccurrence, *, now: datetime | None = None
) -> Offer | None:
    """A place came free: offer it to the first on the waitlist (by queue time) who is still free then.

    The offer is a proposal (they accept or decline it) plus a ``waitlist_offer`` notice.
    Call with the occurrence locked (``lock_occurrence``) and then the people on its waitlist
    locked together with anyone else the transaction locks (``lock_people_and_waitlist``).
    On PostgreSQL the server picks and proposes (``va_offer_freed_place``): whoever freed the
    place, a volunteer who withdrew too, need not see who waits.
    """
    moment = _now(now)
    if shared_reads.on_server(session):
        found = shared_reads.offer_on_server(session, occurrence.id, moment)
        offer = Offer(*found) if found is not None else None
        if offer is not None:
            # A loaded copy of the signup (a coordinator's session) must not keep the old status.
            loaded = session.identity_map.get(session.identity_key(Signup, offer.signup_id))
            if loaded is not None:
                session.expire(loaded)
    else:
        offer = _first_free_in_queue(session, occurrence, moment)
    if offer is None:
        return None
    notices.notify(session, offer.person_id, WAITLIST_OFFER, occurrence_id=occurrence.id, title=occurrence.task.title)
    audit.record(
        session, actor_id, "signup.waitlist_offer", "signup", offer.signup_id,
        occurrence_id=occurrence.id, person_id=offer.person_id,
    )
    return offer


def withdraw(
    db: Database, actor: Actor | None, occurrence_id: int | None = None, *, signup_id: int | None = None,
    now: datetime | None = None,
) -> WithdrawOutcome:
    """The volunteer cancels their confirmed, proposed or waitlisted signup (by occurrence or signup id).

    A place that comes free is offered to the first on the waitlist (``offer_freed_place``).
    """
    if (occurrence_id is None) == (signup_id is None):
        raise ValueError("withdraw needs exactly one of occurrence_id and signup_id")
    with writing(db) as session:
        actor = require_signed_in(actor)
        if signup_id is not None:
            occurrence_id = session.scalar(
                select(Signup.occurrence_id).where(Signup.id == signup_id, Signup.person_id == actor.person_id)
            )
            if occurrence_id is None:
                raise NotFound(T("errors", "No signup {id} of yours."), id=signup_id)
        assert occurrence_id is not None
        occurrence = lock_occurrence(session, occurrence_id)
        if occurrence is None:
            raise NotFound(T("errors", "No open task occurrence {id}."), id=occurrence_id)
        lock_people_and_waitlist(session, [actor.person_id], occurrence_id)
        signup = session.scalar(
            select(Signup)
            .where(Signup.occurrence_id == occurrence_id, Signup.person_id == actor.person_id)
            .execution_options(populate_existing=True)
        )
        if signup is None or signup.status not in WITHDRAWABLE:
            raise NotFound(T("errors", "You are not signed up for {title!r}."), title=occurrence.task.title)
        previous = signup.status
        signup.status, signup.queued_at = SignupStatus.CANCELLED, None
        session.flush()
        audit.record(
            session, actor.person_id, "signup.withdraw", "signup", signup.id,
            occurrence_id=occurrence_id, before=previous.value,
        )
        offered = offer_freed_place(session, actor.person_id, occurrence, now=now) if previous in ACTIVE_SIGNUPS else None
        return WithdrawOutcome(
            signup_id=signup.id, occurrence_id=occurrence_id, title=occurrence.task.title, previous=previous,
            offered_to=offered.person_id if offered is not None else None,
        )


def set_status(db: Database, actor: Actor | None, signup_id: int, status: SignupStatus) -> None:
    """Move a signup: the volunteer within ``VOLUNTEER_MOVES``, a coordinator of the task's organisation freely.

    A place that comes free (an accepted place cancelled, a proposal declined) goes to the waitlist.
    Taking or keeping a place (accepting a proposal, reopening a signup) is checked again under
    the locks: the places left, and the person's other places at that time in every organisation.
    """
    with writing(db) as session:
        actor = require_signed_in(actor)
        occurrence_id = session.scalar(select(Signup.occurrence_id).where(Signup.id == signup_id))
        if occurrence_id is None:
            raise NotFound(T("errors", "No signup {id}."), id=signup_id)
        occurrence = lock_occurrence(session, occurrence_id)
        assert occurrence is not None
        signup = session.scalars(
            select(Signup).where(Signup.id == signup_id).execution_options(populate_existing=True)
        ).one()
        lock_people_and_waitlist(session, [signup.person_id], occurrence_id)
        org_id = occurrence.task.organisation_id
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
        if reopening and taken_slots(session, signup.occurrence_id) >= occurrence.task.slots:
            raise Conflict(T("errors", "Task {title!r} is full."), title=occurrence.task.title)
        if status in ACTIVE_SIGNUPS:
            busy = check_hold(session, signup.person_id, signup.occurrence_id, signup.starts_at, signup.ends_at)
            if busy is not None:
                raise refusal(session, busy, signup.person_id, occurrence.task)
        old = signup.status
        signup.status = status
        if status is not SignupStatus.WAITLISTED:
            signup.queued_at = None
        elif signup.queued_at is None:
            signup.queued_at = _now(None)
        session.flush()
        audit.record(session, actor.person_id, "signup.status", "signup", signup.id, before=old.value, after=status.value)
        if old in ACTIVE_SIGNUPS and status not in ACTIVE_SIGNUPS:
            offer_freed_place(session, actor.person_id, occurrence)
