"""A volunteer's own schedule: what is planned, what is proposed, where they wait, what changed.

One read (``my_schedule``) gathers everything the My schedule page, the CLI's
``schedule``/``proposals`` and the calendar export show, as plain data. The
sentences people read (where, whom to ask, the place in the queue) are built
here once, through ``tr(context, text)`` like ``domain.timefmt``, so the window
and the CLI say the same thing; the window passes ``QCoreApplication.translate``.
Accepting and declining a proposal are ``signups.set_status`` (one audited
transaction each); ``accept``/``decline`` below only name them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from volunteer_app.domain import timefmt
from volunteer_app.domain.enums import SignupSource, SignupStatus, TaskKind, TaskStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.timefmt import Translate, english
from volunteer_app.services import notices, shared_reads, signups
from volunteer_app.services.accounts import Actor, require_signed_in
from volunteer_app.services.notices import NoticeView
from volunteer_app.store.database import Database
from volunteer_app.store.models import Organisation, Person, Signup, Task, TaskOccurrence

CONTEXT = "Schedule"
T = QT_TRANSLATE_NOOP
#: How many past stints "show past" lists at most (the newest first).
PAST_LIMIT = 200
PAST_STATUSES = (SignupStatus.CONFIRMED, SignupStatus.COMPLETED, SignupStatus.NO_SHOW)


@dataclass(frozen=True)
class Contact:
    """Whom to ask about a task: its contact person, else the organisation's contact."""

    name: str | None
    phone: str | None
    email: str | None
    for_task: bool  # True: the task's own contact person; False: the organisation's


@dataclass(frozen=True)
class ScheduleItem:
    """One of the volunteer's signups with what they need to know to turn up."""

    signup_id: int
    occurrence_id: int
    task_id: int
    status: SignupStatus
    source: SignupSource
    title: str
    description: str
    organisation: str
    organisation_id: int
    address: str | None
    is_remote: bool
    latitude: float | None
    longitude: float | None
    starts_at: datetime  # the volunteer's own stint (UTC)
    ends_at: datetime
    window_start: datetime  # the occurrence: the shift, or a flexible task's window
    window_end: datetime
    timezone: str
    kind: TaskKind
    minutes: int | None
    contact: Contact | None
    proposed_by: str | None = None  # who made the proposal (a coordinator, or who ran the engine)
    position: int | None = None  # 1 = next in line (waitlisted only)
    waiting: int | None = None  # how many wait for this occurrence
    cancelled: bool = False  # the task or this date was cancelled after the signup

    @property
    def flexible(self) -> bool:
        return self.kind is TaskKind.FLEXIBLE


@dataclass
class Schedule:
    upcoming: list[ScheduleItem] = field(default_factory=list)  # confirmed, by start
    proposals: list[ScheduleItem] = field(default_factory=list)  # to accept or decline, by start
    waitlist: list[ScheduleItem] = field(default_factory=list)  # by start
    notices: list[NoticeView] = field(default_factory=list)  # unread, newest first
    past: list[ScheduleItem] = field(default_factory=list)  # newest first; only when asked for

    @property
    def empty(self) -> bool:
        return not (self.upcoming or self.proposals or self.waitlist or self.notices or self.past)


# --------------------------------------------------------------------------- reading


def _contact(task: Task, org: Organisation, person: Person | None) -> Contact | None:
    if person is not None:
        return Contact(person.display_name, person.phone, person.email, for_task=True)
    name = org.person_in_charge or org.handler
    if name or org.contact_phone or org.contact_email:
        return Contact(name, org.contact_phone, org.contact_email, for_task=False)
    return None


def _items(
    session: Session, person_id: int, where: list[object], *, newest_first: bool = False, limit: int | None = None
) -> list[ScheduleItem]:
    contact = aliased(Person)
    creator = aliased(Person)
    order = Signup.starts_at.desc() if newest_first else Signup.starts_at
    query = (
        select(Signup, TaskOccurrence, Task, Organisation, contact, creator.display_name)
        .join(TaskOccurrence, TaskOccurrence.id == Signup.occurrence_id)
        .join(Task, Task.id == TaskOccurrence.task_id)
        .join(Organisation, Organisation.id == Task.organisation_id)
        .outerjoin(contact, contact.id == Task.contact_person_id)
        .outerjoin(creator, creator.id == Signup.created_by_id)
        .where(Signup.person_id == person_id, *where)  # type: ignore[arg-type]
        .order_by(order, Signup.id)
    )
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    waiting = [r[0] for r in rows if r[0].status is SignupStatus.WAITLISTED]
    # Everybody in the queue counts, also those the reader may not see (a volunteer's own login).
    positions = shared_reads.queue_positions(session, [s.id for s in waiting])
    items = []
    for signup, occ, task, org, person, creator_name in rows:
        position, count = positions.get(signup.id, (None, None))
        proposed_by = None
        if signup.status is SignupStatus.PROPOSED and signup.created_by_id != person_id:
            proposed_by = creator_name
        items.append(
            ScheduleItem(
                signup_id=signup.id,
                occurrence_id=occ.id,
                task_id=task.id,
                status=signup.status,
                source=signup.source,
                title=task.title,
                description=task.description or "",
                organisation=org.name,
                organisation_id=org.id,
                address=task.address,
                is_remote=task.is_remote,
                latitude=task.latitude,
                longitude=task.longitude,
                starts_at=signup.starts_at,
                ends_at=signup.ends_at,
                window_start=occ.starts_at,
                window_end=occ.ends_at,
                timezone=task.timezone,
                kind=task.kind,
                minutes=task.minutes,
                contact=_contact(task, org, person),
                proposed_by=proposed_by,
                position=position,
                waiting=count,
                cancelled=occ.is_cancelled or task.status is TaskStatus.CANCELLED,
            )
        )
    return items


def my_schedule(db: Database, actor: Actor | None, now: datetime, *, include_past: bool = False) -> Schedule:
    """The signed-in person's schedule as of ``now``.

    Upcoming: confirmed signups not yet over (also those whose task was cancelled since,
    flagged, so nothing silently disappears). Proposals and waitlist places that are not
    over. Unread notices. With ``include_past``, stints that ended (newest first).
    """
    with db.read() as session:
        actor = require_signed_in(actor)
        me = actor.person_id
        future = [Signup.ends_at > now]
        # A place the organisation cancelled (the task or this date) stays in view, flagged.
        cancelled_by_organiser = and_(
            Signup.status == SignupStatus.CANCELLED,
            or_(TaskOccurrence.is_cancelled.is_(True), Task.status == TaskStatus.CANCELLED),
        )
        schedule = Schedule(
            upcoming=_items(session, me, [or_(Signup.status == SignupStatus.CONFIRMED, cancelled_by_organiser), *future]),
            proposals=[
                i for i in _items(session, me, [Signup.status == SignupStatus.PROPOSED, *future]) if not i.cancelled
            ],
            waitlist=[
                i for i in _items(session, me, [Signup.status == SignupStatus.WAITLISTED, *future]) if not i.cancelled
            ],
            notices=notices.unread(session, me),
        )
        if include_past:
            schedule.past = _items(
                session,
                me,
                [Signup.status.in_([s.value for s in PAST_STATUSES]), Signup.ends_at <= now],
                newest_first=True,
                limit=PAST_LIMIT,
            )
        return schedule


def accept(db: Database, actor: Actor | None, signup_id: int) -> None:
    """Accept a proposal: it becomes a confirmed signup (one audited transaction)."""
    signups.set_status(db, actor, signup_id, SignupStatus.CONFIRMED)


def decline(db: Database, actor: Actor | None, signup_id: int) -> None:
    """Decline a proposal. The engine never proposes this task to this person again."""
    signups.set_status(db, actor, signup_id, SignupStatus.DECLINED)


# --------------------------------------------------------------------------- sentences


REMOTE = T("Schedule", "Remote: no travel")
NO_PLACE = T("Schedule", "Place not given yet")
ORG_CONTACT = T("Schedule", "{name} ({organisation})")
FLEX_NOTE = T("Schedule", "Flexible task, your time chosen within: {window}")
BY_COORDINATOR = T("Schedule", "Proposed by {name}")
BY_ENGINE = T("Schedule", "Suggested by the matching engine (run by {name})")
BY_ENGINE_UNKNOWN = T("Schedule", "Suggested by the matching engine")
IN_LINE = T("Schedule", "{ordinal} in line")
IN_LINE_OF = T("Schedule", "{ordinal} in line of {total} waiting")
NEXT_IN_LINE = T("Schedule", "Next in line: you get the first place that frees up")
ORDINALS = (
    T("Schedule", "{n}th"),
    T("Schedule", "{n}st"),
    T("Schedule", "{n}nd"),
    T("Schedule", "{n}rd"),
)


def when_text(item: ScheduleItem, tr: Translate = english) -> str:
    """The volunteer's own stint on the task's clock (a flexible task: the time they chose)."""
    return timefmt.task_time_text(item.starts_at, item.ends_at, item.timezone, tr=tr)


def window_text(item: ScheduleItem, tr: Translate = english) -> str | None:
    """For a flexible task, the window the stint sits in ("between 09:00 and 17:00, 1 h"); else None."""
    if not item.flexible:
        return None
    text = timefmt.task_time_text(item.window_start, item.window_end, item.timezone, minutes=item.minutes, tr=tr)
    return tr(CONTEXT, FLEX_NOTE).format(window=text)


def where_text(item: ScheduleItem, tr: Translate = english) -> str:
    if item.is_remote:
        return tr(CONTEXT, REMOTE)
    if item.address:
        return item.address
    if item.latitude is not None and item.longitude is not None:
        return f"{item.latitude:.5f}, {item.longitude:.5f}"
    return tr(CONTEXT, NO_PLACE)


def contact_text(item: ScheduleItem, tr: Translate = english) -> str | None:
    """Whom to ask as one line ("Ms Li · 138 0000 0000 · li@example.org"); the organisation is named
    when it is its contact rather than the task's own contact person."""
    c = item.contact
    if c is None:
        return None
    parts = []
    if c.name:
        parts.append(
            c.name if c.for_task else tr(CONTEXT, ORG_CONTACT).format(name=c.name, organisation=item.organisation)
        )
    elif not c.for_task:
        parts.append(item.organisation)
    parts += [p for p in (c.phone, c.email) if p]
    return " · ".join(parts) if parts else None


def proposed_by_text(item: ScheduleItem, tr: Translate = english) -> str:
    if item.source is SignupSource.ENGINE:
        if item.proposed_by:
            return tr(CONTEXT, BY_ENGINE).format(name=item.proposed_by)
        return tr(CONTEXT, BY_ENGINE_UNKNOWN)
    return tr(CONTEXT, BY_COORDINATOR).format(name=item.proposed_by or item.organisation)


def ordinal_text(n: int, tr: Translate = english) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st... (a translation says it its own way)."""
    suffix = 0 if 10 <= n % 100 <= 20 else n % 10
    return tr(CONTEXT, ORDINALS[suffix if suffix <= 3 else 0]).format(n=n)


def position_text(item: ScheduleItem, tr: Translate = english) -> str | None:
    """The place in the queue ("3rd in line of 5 waiting"); None when the item is not on a waitlist."""
    if item.position is None:
        return None
    if item.position == 1:
        return tr(CONTEXT, NEXT_IN_LINE)
    ordinal = ordinal_text(item.position, tr)
    if item.waiting and item.waiting > item.position:
        return tr(CONTEXT, IN_LINE_OF).format(ordinal=ordinal, total=item.waiting)
    return tr(CONTEXT, IN_LINE).format(ordinal=ordinal)


def item_json(item: ScheduleItem) -> dict[str, object]:
    """One item as plain JSON data (for the CLI's --json)."""
    contact = item.contact
    return {
        "signup": item.signup_id,
        "occurrence": item.occurrence_id,
        "status": item.status.value,
        "source": item.source.value,
        "title": item.title,
        "organisation": item.organisation,
        "where": where_text(item),
        "address": item.address,
        "remote": item.is_remote,
        "start": item.starts_at.isoformat(),
        "end": item.ends_at.isoformat(),
        "timezone": item.timezone,
        "local_start": item.starts_at.astimezone(timefmt.zone_of(item.timezone)).isoformat(),
        "local_end": item.ends_at.astimezone(timefmt.zone_of(item.timezone)).isoformat(),
        "when": when_text(item),
        "kind": item.kind.value,
        "minutes": item.minutes,
        "contact": None
        if contact is None
        else {
            "name": contact.name,
            "phone": contact.phone,
            "email": contact.email,
            "of": "task" if contact.for_task else "organisation",
        },
        "proposed_by": item.proposed_by,
        "position": item.position,
        "waiting": item.waiting,
        "cancelled": item.cancelled,
    }


__all__ = [
    "Contact",
    "Schedule",
    "ScheduleItem",
    "accept",
    "contact_text",
    "decline",
    "item_json",
    "my_schedule",
    "ordinal_text",
    "position_text",
    "proposed_by_text",
    "when_text",
    "where_text",
    "window_text",
]
