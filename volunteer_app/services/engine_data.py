"""Stored people, free time, tasks and signups as the matching engine's plain data.

Ids in the instance: volunteers are ``p<person id>``, tasks are
``o<occurrence id>`` (a signup is for one dated occurrence). The same data
written with ``matching.instance_to_json`` is the instance file, so the
database path and the file path give the same placements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app import matching
from volunteer_app.domain.availability import WeeklySlot, concrete_free_time
from volunteer_app.domain.enums import (
    ACTIVE_SIGNUPS,
    AvailabilityKind,
    Role,
    SignupStatus,
    TaskKind,
    TaskStatus,
)
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.input_limits import MAX_SLOTS, MAX_TASK_LENGTH
from volunteer_app.domain.intervals import Interval, subtract
from volunteer_app.services import shared_reads
from volunteer_app.store.models import (
    AvailabilityException,
    AvailabilitySlot,
    Membership,
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
DEFAULT_DAYS = 14
ACTIVE = [s.value for s in ACTIVE_SIGNUPS]


def person_key(person_id: int) -> str:
    return f"p{person_id}"


def occurrence_key(occurrence_id: int) -> str:
    return f"o{occurrence_id}"


def key_id(key: str) -> int:
    return int(key[1:])


#: Ids per ``IN (...)`` list: a statement's size never grows with the data (SQLite refuses
#: more than 32,766 parameters, and every backend plans a short list faster).
IN_CHUNK = 500


def chunked(ids: Iterable[int]) -> Iterator[list[int]]:
    """``ids`` (deduplicated, sorted) in lists of at most ``IN_CHUNK``."""
    values = sorted(set(ids))
    for k in range(0, len(values), IN_CHUNK):
        yield values[k : k + IN_CHUNK]


@dataclass
class Built:
    """An instance plus what the database side needs to act on its answer."""

    instance: matching.Instance
    titles: dict[str, str] = field(default_factory=dict)  # task key -> title
    names: dict[str, str] = field(default_factory=dict)  # volunteer key -> display name
    skipped: dict[str, str] = field(default_factory=dict)  # task key -> why it is not in the instance
    declined: set[tuple[str, str]] = field(default_factory=set)  # (volunteer, task) said no before


# --------------------------------------------------------------------------- volunteers


def volunteers_for(
    session: Session, person_ids: Sequence[int], start: datetime, end: datetime, in_instance: set[int]
) -> tuple[list[matching.Volunteer], list[matching.Placement], dict[str, str], set[tuple[str, str]]]:
    """Engine volunteers for these people between ``start`` and ``end``.

    Their active signups on occurrences in ``in_instance`` become fixed placements
    (the engine keeps them and treats their time as busy); active signups
    elsewhere are cut out of their free time and off their minute cap here.
    """
    if not person_ids:
        return [], [], {}, set()
    profiles: dict[int, tuple[VolunteerProfile, str]] = {}
    skills: dict[int, dict[str, int]] = defaultdict(dict)
    weekly: dict[int, list[WeeklySlot]] = defaultdict(list)
    away: dict[int, list[Interval]] = defaultdict(list)
    extra: dict[int, list[Interval]] = defaultdict(list)
    signup_rows: list[Any] = []
    # Signups in the calendar weeks around the horizon count against weekly caps, even those
    # before ``start`` or after ``end`` (a week runs Monday to Monday in the volunteer's zone).
    wide_start, wide_end = start - timedelta(days=8), end + timedelta(days=8)
    for ids in chunked(person_ids):
        for p, name in session.execute(
            select(VolunteerProfile, Person.display_name)
            .join(Person, Person.id == VolunteerProfile.person_id)
            .where(VolunteerProfile.person_id.in_(ids), Person.is_active.is_(True))
        ):
            profiles[p.person_id] = (p, name)
        for pid, key, level in session.execute(
            select(VolunteerSkill.person_id, Skill.key, VolunteerSkill.level)
            .join(Skill, Skill.id == VolunteerSkill.skill_id)
            .where(VolunteerSkill.person_id.in_(ids))
        ):
            skills[pid][key] = level
        for slot in session.scalars(select(AvailabilitySlot).where(AvailabilitySlot.person_id.in_(ids))):
            weekly[slot.person_id].append(WeeklySlot(slot.weekday, slot.start_minute, slot.end_minute))
        for exc in session.scalars(
            select(AvailabilityException).where(
                AvailabilityException.person_id.in_(ids),
                AvailabilityException.ends_at > start,
                AvailabilityException.starts_at < end,
            )
        ):
            (away if exc.kind is AvailabilityKind.AWAY else extra)[exc.person_id].append((exc.starts_at, exc.ends_at))
        signup_rows += session.execute(
            select(Signup.person_id, Signup.occurrence_id, Signup.status, Signup.starts_at, Signup.ends_at).where(
                Signup.person_id.in_(ids), Signup.ends_at > wide_start, Signup.starts_at < wide_end
            )
        )
    if shared_reads.on_server(session):
        # Places held in organisations the reader does not coordinate: when, not what (va_busy).
        seen = {(row[0], row[1]) for row in signup_rows}
        signup_rows += [
            (b.person_id, b.occurrence_id, SignupStatus.CONFIRMED, b.starts_at, b.ends_at)
            for b in shared_reads.busy_places(session, person_ids, wide_start, wide_end)
            if (b.person_id, b.occurrence_id) not in seen
        ]
    busy: dict[int, list[Interval]] = defaultdict(list)
    fixed: list[matching.Placement] = []
    declined: set[tuple[str, str]] = set()
    for pid, occ_id, status, s_start, s_end in signup_rows:
        inside = s_end > start and s_start < end
        if status not in ACTIVE_SIGNUPS:
            if inside and status in (SignupStatus.DECLINED, SignupStatus.CANCELLED):
                declined.add((person_key(pid), occurrence_key(occ_id)))
            continue
        if inside and occ_id in in_instance and pid in profiles:
            fixed.append(matching.Placement(person_key(pid), occurrence_key(occ_id), s_start))
        else:
            busy[pid].append((s_start, s_end))
    out: list[matching.Volunteer] = []
    names: dict[str, str] = {}
    for pid in sorted(profiles):
        profile, name = profiles[pid]
        free = concrete_free_time(
            weekly[pid], away=away[pid], extra=extra[pid], tz=profile.timezone, start=start, end=end
        )
        free = subtract(free, busy[pid])
        caps: list[matching.Cap] = []
        if profile.weekly_hour_cap_minutes is not None:
            caps = weekly_caps(profile.weekly_hour_cap_minutes, profile.timezone, start, end, busy[pid])
        location = None
        if profile.home_latitude is not None and profile.home_longitude is not None:
            location = (profile.home_latitude, profile.home_longitude)
        key = person_key(pid)
        out.append(matching.Volunteer(key, location, profile.radius_km, dict(skills[pid]), free, None, caps))
        names[key] = name
    return out, fixed, names, declined


def week_starts(tz_name: str, start: datetime, end: datetime) -> list[datetime]:
    """Monday 00:00 (in the zone) of every calendar week that overlaps ``[start, end)``, plus the
    Monday after the last one (so consecutive entries bound each week)."""
    zone = ZoneInfo(tz_name)
    local = start.astimezone(zone)
    day = local.date() - timedelta(days=local.weekday())
    out = [datetime(day.year, day.month, day.day, tzinfo=zone)]
    while out[-1] < end:
        day += timedelta(days=7)
        out.append(datetime(day.year, day.month, day.day, tzinfo=zone))
    return out


def weekly_caps(
    weekly_minutes: int, tz_name: str, start: datetime, end: datetime, held: Sequence[Interval]
) -> list[matching.Cap]:
    """A weekly hour cap as one engine cap per calendar week of the volunteer's zone.

    Each week's cap counts placements that start in that week (the format's rule), less the
    minutes of signups the volunteer already holds outside the instance that start in it.
    Signups inside the instance are ``fixed`` placements: the engine counts those itself.
    """
    bounds = week_starts(tz_name, start, end)
    caps = []
    for a, b in pairwise(bounds):
        taken = sum(int((e - s).total_seconds() // 60) for s, e in held if a <= s < b)
        caps.append(matching.Cap(a, b, max(0, weekly_minutes - taken)))
    return caps


# --------------------------------------------------------------------------- tasks


TASK_COLUMNS = (
    TaskOccurrence.id.label("occ_id"),
    TaskOccurrence.starts_at,
    TaskOccurrence.ends_at,
    Task.id.label("task_id"),
    Task.organisation_id,
    Task.title,
    Task.kind,
    Task.minutes,
    Task.latitude,
    Task.longitude,
    Task.is_remote,
    Task.slots,
    Task.priority,
    Task.timezone,
)


def task_rows(session: Session, where: Iterable[Any]) -> list[Any]:
    """Open, not cancelled occurrences with their task's columns (plain rows: no ORM objects to build)."""
    query = (
        select(*TASK_COLUMNS)
        .select_from(Task)
        .join(TaskOccurrence, TaskOccurrence.task_id == Task.id)
        .where(Task.status == TaskStatus.OPEN, TaskOccurrence.is_cancelled.is_(False), *where)
    )
    # Sorted here, not in SQL: an ORDER BY id tempts SQLite to walk every occurrence in id order.
    return sorted(session.execute(query), key=lambda row: row.occ_id)


def requirements(session: Session, task_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    req: dict[int, dict[str, int]] = defaultdict(dict)
    for ids in chunked(task_ids):
        for tid, key, level in session.execute(
            select(TaskSkill.task_id, Skill.key, TaskSkill.min_level)
            .join(Skill, Skill.id == TaskSkill.skill_id)
            .where(TaskSkill.task_id.in_(ids))
        ):
            req[tid][key] = level
    return req


def taken_counts(session: Session, occurrence_ids: Sequence[int], exclude_people: Iterable[int] = ()) -> dict[int, int]:
    """Active signups per occurrence, not counting those of ``exclude_people``."""
    excluded = set(exclude_people)
    if not excluded:
        # Everybody's places, also those the reader may not see (a volunteer's own login).
        return shared_reads.place_counts(session, occurrence_ids)
    out: dict[int, int] = defaultdict(int)
    for ids in chunked(occurrence_ids):
        # Who holds each place (a few per occurrence), filtered here: a NOT IN over every
        # volunteer of a big organisation would make the statement grow with it.
        for occ, pid in session.execute(
            select(Signup.occurrence_id, Signup.person_id).where(
                Signup.occurrence_id.in_(ids), Signup.status.in_(ACTIVE)
            )
        ):
            if pid not in excluded:
                out[occ] += 1
    return dict(out)


def engine_task(
    row: Any, requires: dict[str, int], slots: int, zones: dict[str, ZoneInfo] | None = None
) -> matching.Task | None:
    zone = zones.get(row.timezone) if zones is not None else None
    if zone is None:
        zone = ZoneInfo(row.timezone)
        if zones is not None:
            zones[row.timezone] = zone
    begin, finish = row.starts_at.astimezone(zone), row.ends_at.astimezone(zone)
    if finish - begin > MAX_TASK_LENGTH:
        if row.kind is not TaskKind.FLEXIBLE or row.minutes * 60 > MAX_TASK_LENGTH.total_seconds():
            return None
        # A very long window: its first MAX_TASK_LENGTH are offered (any stint there lies in it).
        finish = begin + MAX_TASK_LENGTH
    slots = min(slots, MAX_SLOTS)
    if row.is_remote:
        location = None
    elif row.latitude is not None and row.longitude is not None:
        location = (row.latitude, row.longitude)
    else:
        return None
    key = occurrence_key(row.occ_id)
    if row.kind is TaskKind.FLEXIBLE:
        return matching.Task(key, location, slots, requires, row.priority, window=(begin, finish), minutes=row.minutes)
    return matching.Task(key, location, slots, requires, row.priority, start=begin, end=finish)


def _too_long(row: Any) -> bool:
    """A shift longer than ``MAX_TASK_LENGTH``, or a flexible stint that is (never offered)."""
    if row.kind is TaskKind.FLEXIBLE:
        return bool(row.minutes * 60 > MAX_TASK_LENGTH.total_seconds())
    return bool(row.ends_at - row.starts_at > MAX_TASK_LENGTH)


def _beyond_window(p: matching.Placement, task: matching.Task) -> bool:
    """A signup on a flexible task whose stint ends after the (cut) window the engine sees."""
    if task.window is None or p.start is None or task.minutes is None:
        return False
    return p.start + timedelta(minutes=task.minutes) > task.window[1]


def build_organisation_instance(session: Session, organisation_id: int, start: datetime, end: datetime) -> Built:
    """Open occurrences of the organisation starting in ``[start, end)`` and its volunteers."""
    rows = task_rows(
        session, [Task.organisation_id == organisation_id, TaskOccurrence.starts_at >= start,
                  TaskOccurrence.starts_at < end]
    )
    occ_ids = {row.occ_id for row in rows}
    horizon_end = max([end, *(min(row.ends_at, row.starts_at + MAX_TASK_LENGTH) for row in rows)])
    members = list(
        session.scalars(
            select(Membership.person_id).where(
                Membership.organisation_id == organisation_id, Membership.role == Role.VOLUNTEER
            )
        )
    )
    volunteers, fixed, names, declined = volunteers_for(session, members, start, horizon_end, occ_ids)
    known = {v.id for v in volunteers}
    # Signups by people outside the instance still hold their slots.
    outside = taken_counts(session, list(occ_ids), exclude_people=[key_id(k) for k in known])
    requires = requirements(session, [row.task_id for row in rows])
    built = Built(instance=matching.Instance(volunteers, []), names=names, declined=declined)
    tasks: list[matching.Task] = []
    for row in rows:
        key = occurrence_key(row.occ_id)
        built.titles[key] = row.title
        slots = row.slots - outside.get(row.occ_id, 0)
        task = engine_task(row, requires[row.task_id], slots) if slots > 0 else None
        if slots <= 0:
            built.skipped[key] = "full"
        elif task is None:
            built.skipped[key] = "too_long" if _too_long(row) else "no_location"
        else:
            tasks.append(task)
    in_tasks = {t.id: t for t in tasks}
    fixed = [p for p in fixed if p.task in in_tasks]
    beyond = [p for p in fixed if _beyond_window(p, in_tasks[p.task])]
    if beyond:
        # Signups late in a window cut to MAX_TASK_LENGTH: they still hold their place.
        held: dict[str, int] = defaultdict(int)
        for p in beyond:
            held[p.task] += 1
        fixed = [p for p in fixed if not _beyond_window(p, in_tasks[p.task])]
        for t in [t for t in tasks if held.get(t.id, 0) >= t.slots]:
            built.skipped[t.id] = "full"
            del in_tasks[t.id]
        tasks = [t if t.id not in held else replace(t, slots=t.slots - held[t.id]) for t in tasks if t.id in in_tasks]
        fixed = [p for p in fixed if p.task in in_tasks]
    # A proposal the volunteer declined (or a signup they cancelled) is not made again.
    known = {v.id for v in volunteers}
    excluded = [matching.Exclusion(v, t) for v, t in sorted(declined) if t in in_tasks and v in known]
    built.instance = matching.Instance(volunteers, tasks, fixed, excluded)
    return built
