"""A volunteer's free time: the weekly pattern, dated exceptions, and the coming days as the engine sees them.

* The weekly pattern is wall-clock time in the volunteer's own zone (Monday 0 ..
  Sunday 6, minutes after midnight, on quarter hours); saving replaces the whole
  pattern, merged so touching stretches become one.
* Exceptions are dated: "away" from one moment to another, or "extra" free time.
  A datetime without an offset is read on the volunteer's own clock.
* ``preview`` is the next days exactly as the matching engine will see them: it
  asks ``engine_data.volunteers_for`` (the function that feeds the engine), so
  the window can never show different free time from what suggestions use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from volunteer_app.domain.availability import WeeklySlot
from volunteer_app.domain.enums import ACTIVE_SIGNUPS, AvailabilityKind
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.intervals import Interval, merge
from volunteer_app.services import audit, text_input
from volunteer_app.services.accounts import Actor, require_signed_in
from volunteer_app.services.engine_data import DEFAULT_DAYS, volunteers_for
from volunteer_app.services.errors import InvalidInput, NotFound
from volunteer_app.services.privacy import require_may_see_private
from volunteer_app.services.profiles import DEFAULT_TIMEZONE, active_person, ensure_profile
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilityException,
    AvailabilitySlot,
    Signup,
    Task,
    TaskOccurrence,
    VolunteerProfile,
)
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP
#: Weekly free time starts and ends on quarter hours (the window paints half hours).
STEP_MINUTES = 15
DAY_MINUTES = 24 * 60
MAX_EXCEPTION = timedelta(days=366)
MAX_NOTE_LENGTH = 500


@dataclass(frozen=True)
class DatedException:
    id: int
    kind: AvailabilityKind
    starts_at: datetime  # aware, on the volunteer's clock
    ends_at: datetime
    note: str | None


@dataclass(frozen=True)
class Taken:
    """Time the volunteer already gave to a task (a confirmed or proposed signup)."""

    signup_id: int
    occurrence_id: int
    title: str
    status: str
    start: datetime  # aware, on the volunteer's clock
    end: datetime
    task_timezone: str


@dataclass(frozen=True)
class PreviewDay:
    day: date
    free: list[Interval]  # on the volunteer's clock, cut at midnight
    taken: list[Taken]


@dataclass(frozen=True)
class Preview:
    timezone: str
    start: datetime
    end: datetime
    free: list[Interval]  # the engine's free intervals, unchanged
    days: list[PreviewDay]


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


# --------------------------------------------------------------------------- the weekly pattern


def check_pattern(slots: Iterable[WeeklySlot]) -> list[WeeklySlot]:
    """The slots checked and merged per day (touching or overlapping ones become one), Monday first."""
    by_day: dict[int, list[tuple[int, int]]] = {}
    for slot in slots:
        weekday, start, end = slot.weekday, slot.start_minute, slot.end_minute
        if not (isinstance(weekday, int) and 0 <= weekday <= 6):
            raise InvalidInput(
                "weekly", T("errors", "{value} is not a day of the week (0 is Monday, 6 is Sunday)."), value=weekday
            )
        for minute in (start, end):
            if not (isinstance(minute, int) and 0 <= minute <= DAY_MINUTES):
                raise InvalidInput(
                    "weekly", T("errors", "{value} is outside the day: times go from 00:00 to 24:00."), value=minute
                )
            if minute % STEP_MINUTES:
                raise InvalidInput(
                    "weekly",
                    T("errors", "{value} is not on a quarter hour: use :00, :15, :30 or :45."),
                    value=clock(minute),
                )
        if end <= start:
            raise InvalidInput(
                "weekly",
                T("errors", "The free time {start}–{end} ends before it starts."),
                start=clock(start),
                end=clock(end),
            )
        by_day.setdefault(weekday, []).append((start, end))
    return [WeeklySlot(day, s, e) for day in sorted(by_day) for s, e in merge(by_day[day])]


def replace_pattern(session: Session, person_id: int, slots: Sequence[WeeklySlot]) -> None:
    """Replace the stored pattern with ``slots`` (already checked) inside the caller's transaction."""
    session.execute(delete(AvailabilitySlot).where(AvailabilitySlot.person_id == person_id))
    session.add_all(
        AvailabilitySlot(person_id=person_id, weekday=s.weekday, start_minute=s.start_minute, end_minute=s.end_minute)
        for s in slots
    )


def _person_for(session: Session, actor: Actor, person_id: int | None) -> int:
    pid = actor.person_id if person_id is None else person_id
    require_may_see_private(session, actor, pid)
    return pid


def get_weekly_pattern(db: Database, actor: Actor | None, person_id: int | None = None) -> list[WeeklySlot]:
    """The weekly free-time pattern (default: the signed-in person's), Monday first."""
    actor = require_signed_in(actor)
    with db.read() as session:
        pid = _person_for(session, actor, person_id)
        rows = session.scalars(
            select(AvailabilitySlot)
            .where(AvailabilitySlot.person_id == pid)
            .order_by(AvailabilitySlot.weekday, AvailabilitySlot.start_minute)
        )
        return [WeeklySlot(r.weekday, r.start_minute, r.end_minute) for r in rows]


def set_weekly_pattern(db: Database, actor: Actor | None, slots: Iterable[WeeklySlot]) -> list[WeeklySlot]:
    """Replace the signed-in person's whole weekly pattern (one transaction, audited); returns it merged."""
    actor = require_signed_in(actor)
    checked = check_pattern(slots)
    with db.transaction() as session:
        person = active_person(session, actor)
        ensure_profile(session, person.id)  # without a profile the engine would not see the free time
        replace_pattern(session, person.id, checked)
        audit.record(
            session,
            actor.person_id,
            "availability.set_weekly",
            "person",
            person.id,
            slots=len(checked),
            minutes=sum(s.end_minute - s.start_minute for s in checked),
        )
    return checked


# --------------------------------------------------------------------------- dated exceptions


def _zone(session: Session, person_id: int) -> ZoneInfo:
    profile = session.get(VolunteerProfile, person_id)
    return ZoneInfo(profile.timezone if profile is not None else DEFAULT_TIMEZONE)


def _aware(moment: datetime, zone: tzinfo) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def list_exceptions(
    db: Database, actor: Actor | None, person_id: int | None = None, *, since: datetime | None = None
) -> list[DatedException]:
    """Dated exceptions that end after ``since`` (default: now), earliest first, on the volunteer's clock."""
    actor = require_signed_in(actor)
    since = since if since is not None else utcnow()
    with db.read() as session:
        pid = _person_for(session, actor, person_id)
        zone = _zone(session, pid)
        rows = session.scalars(
            select(AvailabilityException)
            .where(AvailabilityException.person_id == pid, AvailabilityException.ends_at > since)
            .order_by(AvailabilityException.starts_at, AvailabilityException.id)
        )
        return [
            DatedException(r.id, r.kind, r.starts_at.astimezone(zone), r.ends_at.astimezone(zone), r.note) for r in rows
        ]


def add_exception(
    db: Database,
    actor: Actor | None,
    kind: AvailabilityKind,
    starts_at: datetime,
    ends_at: datetime,
    note: str | None = None,
) -> DatedException:
    """Away (not free although the pattern says so) or extra free time, for the signed-in person.

    A datetime without an offset is read on the volunteer's own clock.
    """
    actor = require_signed_in(actor)
    kind = AvailabilityKind(kind)
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE_LENGTH:
        raise InvalidInput(
            "note", T("errors", "The note is longer than {maximum} characters."), maximum=MAX_NOTE_LENGTH
        )
    note = text_input.line("note", note, MAX_NOTE_LENGTH)  # no control or bidi override characters
    with db.transaction() as session:
        person = active_person(session, actor)
        profile = ensure_profile(session, person.id)
        zone = ZoneInfo(profile.timezone)
        start, end = _aware(starts_at, zone), _aware(ends_at, zone)
        if end <= start:
            raise InvalidInput(
                "ends_at",
                T("errors", "The time from {start} to {end} ends before it starts."),
                start=_moment(start, zone),
                end=_moment(end, zone),
            )
        if end - start > MAX_EXCEPTION:
            raise InvalidInput(
                "ends_at",
                T("errors", "From {start} to {end} is longer than a year: add it in parts."),
                start=_moment(start, zone),
                end=_moment(end, zone),
            )
        row = AvailabilityException(person_id=person.id, kind=kind, starts_at=start, ends_at=end, note=note)
        session.add(row)
        session.flush()
        audit.record(
            session, actor.person_id, "availability.add_exception", "availability_exception", row.id, kind=kind.value
        )
        return DatedException(row.id, kind, start.astimezone(zone), end.astimezone(zone), note)


def add_away(db: Database, actor: Actor | None, starts_at: datetime, ends_at: datetime) -> DatedException:
    """Away from ``starts_at`` to ``ends_at`` (naive: the volunteer's clock)."""
    return add_exception(db, actor, AvailabilityKind.AWAY, starts_at, ends_at)


def add_extra(db: Database, actor: Actor | None, day: date, start_minute: int, end_minute: int) -> DatedException:
    """Extra free time on ``day`` from ``start_minute`` to ``end_minute`` (minutes after midnight, own clock)."""
    for minute in (start_minute, end_minute):
        if not 0 <= minute <= DAY_MINUTES:
            raise InvalidInput(
                "ends_at", T("errors", "{value} is outside the day: times go from 00:00 to 24:00."), value=minute
            )
    if end_minute <= start_minute:
        raise InvalidInput(
            "ends_at",
            T("errors", "The free time {start}–{end} ends before it starts."),
            start=clock(start_minute),
            end=clock(end_minute),
        )
    midnight = datetime.combine(day, time(0))
    return add_exception(
        db,
        actor,
        AvailabilityKind.EXTRA,
        midnight + timedelta(minutes=start_minute),
        midnight + timedelta(minutes=end_minute),
    )


def remove_exception(db: Database, actor: Actor | None, exception_id: int) -> None:
    """Remove one of the signed-in person's own exceptions."""
    actor = require_signed_in(actor)
    with db.transaction() as session:
        row = session.get(AvailabilityException, exception_id)
        if row is None or row.person_id != actor.person_id:
            raise NotFound(T("errors", "You have no free-time exception {id}."), id=exception_id)
        session.delete(row)
        audit.record(
            session,
            actor.person_id,
            "availability.remove_exception",
            "availability_exception",
            exception_id,
            kind=row.kind.value,
        )


def _moment(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d} {local:%H:%M}"


# --------------------------------------------------------------------------- the engine's view


def preview(
    db: Database,
    actor: Actor | None,
    days: int = DEFAULT_DAYS,
    now: datetime | None = None,
    *,
    person_id: int | None = None,
) -> Preview:
    """The next ``days`` as the engine will see them: weekly pattern − away + extra − signups.

    The days are today (from ``now``) and the ``days - 1`` after it, on the volunteer's
    clock. ``free`` is exactly the engine's free time (from ``engine_data.volunteers_for``);
    ``days`` cuts it at the volunteer's midnights and names the signups that took
    time away. A person without a profile has no free time for the engine.
    """
    actor = require_signed_in(actor)
    now = now if now is not None else utcnow()
    with db.read() as session:
        pid = _person_for(session, actor, person_id)
        profile = session.get(VolunteerProfile, pid)
        zone_name = profile.timezone if profile is not None else DEFAULT_TIMEZONE
        zone = ZoneInfo(zone_name)
        # Today (from now) and the days after it, whole: ``days`` rows, the last ending at midnight.
        first = now.astimezone(zone).date()
        end = datetime.combine(first + timedelta(days=days), time(0), zone)
        volunteers, _, _, _ = volunteers_for(session, [pid], now, end, set())
        free = list(volunteers[0].free) if volunteers else []
        taken = [
            Taken(sid, occ_id, title, status.value, start.astimezone(zone), finish.astimezone(zone), tz)
            for sid, occ_id, title, status, start, finish, tz in session.execute(
                select(
                    Signup.id,
                    Signup.occurrence_id,
                    Task.title,
                    Signup.status,
                    Signup.starts_at,
                    Signup.ends_at,
                    Task.timezone,
                )
                .join(TaskOccurrence, TaskOccurrence.id == Signup.occurrence_id)
                .join(Task, Task.id == TaskOccurrence.task_id)
                .where(
                    Signup.person_id == pid,
                    Signup.status.in_([s.value for s in ACTIVE_SIGNUPS]),
                    Signup.ends_at > now,
                    Signup.starts_at < end,
                )
                .order_by(Signup.starts_at, Signup.id)
            )
        ]
    out: list[PreviewDay] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        begin = datetime.combine(day, time(0), zone)
        finish = datetime.combine(day + timedelta(days=1), time(0), zone)
        pieces = [
            (max(s, begin).astimezone(zone), min(e, finish).astimezone(zone))
            for s, e in free
            if s < finish and e > begin
        ]
        busy = [t for t in taken if t.start < finish and t.end > begin]
        out.append(PreviewDay(day, pieces, busy))
    return Preview(zone_name, now, end, free, out)


__all__ = [
    "DatedException",
    "Preview",
    "PreviewDay",
    "STEP_MINUTES",
    "Taken",
    "add_away",
    "add_exception",
    "add_extra",
    "check_pattern",
    "get_weekly_pattern",
    "list_exceptions",
    "preview",
    "remove_exception",
    "replace_pattern",
    "set_weekly_pattern",
]
