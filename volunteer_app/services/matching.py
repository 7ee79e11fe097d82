"""The matching engine over the database: suggestions for one volunteer, proposals for an organisation.

The engine itself is pure (``volunteer_app.matching``) and takes the same
data as the matching file format; this module turns stored people, free-time
patterns, tasks and signups into that data, so the database path and the file
path give the same placements (``export_instance`` writes the file).

Ids in the instance: volunteers are ``p<person id>``, tasks are
``o<occurrence id>`` (a signup is for one dated occurrence).
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import Integer, Select, String, and_, bindparam, cast, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from volunteer_app import matching
from volunteer_app.domain.availability import WeeklySlot, concrete_free_time
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
from volunteer_app.domain.intervals import Interval, subtract
from volunteer_app.geo.distance import BoundingBox, bounding_box
from volunteer_app.matching.distance import ecef_km
from volunteer_app.services import audit, signups
from volunteer_app.services import tasks as task_service
from volunteer_app.services.accounts import Actor, require_role, require_signed_in, roles_of
from volunteer_app.services.errors import InvalidInput, NotFound, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilityException,
    AvailabilitySlot,
    Membership,
    Organisation,
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


@dataclass
class Built:
    """An instance plus what the database side needs to act on its answer."""

    instance: matching.Instance
    titles: dict[str, str] = field(default_factory=dict)  # task key -> title
    names: dict[str, str] = field(default_factory=dict)  # volunteer key -> display name
    skipped: dict[str, str] = field(default_factory=dict)  # task key -> why it is not in the instance
    declined: set[tuple[str, str]] = field(default_factory=set)  # (volunteer, task) said no before


# --------------------------------------------------------------------------- volunteers


def _volunteers(
    session: Session, person_ids: Sequence[int], start: datetime, end: datetime, in_instance: set[int]
) -> tuple[list[matching.Volunteer], list[matching.Placement], dict[str, str], set[tuple[str, str]]]:
    """Engine volunteers for these people between ``start`` and ``end``.

    Their active signups on occurrences in ``in_instance`` become fixed placements
    (the engine keeps them and treats their time as busy); active signups
    elsewhere are cut out of their free time and off their minute cap here.
    """
    if not person_ids:
        return [], [], {}, set()
    ids = list(person_ids)
    profiles = {
        p.person_id: (p, name)
        for p, name in session.execute(
            select(VolunteerProfile, Person.display_name)
            .join(Person, Person.id == VolunteerProfile.person_id)
            .where(VolunteerProfile.person_id.in_(ids), Person.is_active.is_(True))
        )
    }
    skills: dict[int, dict[str, int]] = defaultdict(dict)
    for pid, key, level in session.execute(
        select(VolunteerSkill.person_id, Skill.key, VolunteerSkill.level)
        .join(Skill, Skill.id == VolunteerSkill.skill_id)
        .where(VolunteerSkill.person_id.in_(ids))
    ):
        skills[pid][key] = level
    weekly: dict[int, list[WeeklySlot]] = defaultdict(list)
    for slot in session.scalars(select(AvailabilitySlot).where(AvailabilitySlot.person_id.in_(ids))):
        weekly[slot.person_id].append(WeeklySlot(slot.weekday, slot.start_minute, slot.end_minute))
    away: dict[int, list[Interval]] = defaultdict(list)
    extra: dict[int, list[Interval]] = defaultdict(list)
    for exc in session.scalars(
        select(AvailabilityException).where(
            AvailabilityException.person_id.in_(ids),
            AvailabilityException.ends_at > start,
            AvailabilityException.starts_at < end,
        )
    ):
        (away if exc.kind is AvailabilityKind.AWAY else extra)[exc.person_id].append((exc.starts_at, exc.ends_at))
    busy: dict[int, list[Interval]] = defaultdict(list)
    busy_minutes: dict[int, int] = defaultdict(int)
    fixed: list[matching.Placement] = []
    declined: set[tuple[str, str]] = set()
    for pid, occ_id, status, s_start, s_end in session.execute(
        select(Signup.person_id, Signup.occurrence_id, Signup.status, Signup.starts_at, Signup.ends_at).where(
            Signup.person_id.in_(ids), Signup.ends_at > start, Signup.starts_at < end
        )
    ):
        if status not in ACTIVE_SIGNUPS:
            if status in (SignupStatus.DECLINED, SignupStatus.CANCELLED):
                declined.add((person_key(pid), occurrence_key(occ_id)))
            continue
        if occ_id in in_instance and pid in profiles:
            fixed.append(matching.Placement(person_key(pid), occurrence_key(occ_id), s_start))
        else:
            busy[pid].append((s_start, s_end))
            busy_minutes[pid] += int((s_end - s_start).total_seconds() // 60)
    weeks = max(1, math.ceil((end - start) / timedelta(days=7)))
    out: list[matching.Volunteer] = []
    names: dict[str, str] = {}
    for pid in sorted(profiles):
        profile, name = profiles[pid]
        free = concrete_free_time(
            weekly[pid], away=away[pid], extra=extra[pid], tz=profile.timezone, start=start, end=end
        )
        free = subtract(free, busy[pid])
        cap = None
        if profile.weekly_hour_cap_minutes is not None:
            # The format has one cap for the whole horizon: a weekly cap times the weeks it spans.
            cap = max(0, profile.weekly_hour_cap_minutes * weeks - busy_minutes[pid])
        location = None
        if profile.home_latitude is not None and profile.home_longitude is not None:
            location = (profile.home_latitude, profile.home_longitude)
        key = person_key(pid)
        out.append(matching.Volunteer(key, location, profile.radius_km, dict(skills[pid]), free, cap))
        names[key] = name
    return out, fixed, names, declined


# --------------------------------------------------------------------------- tasks


_TASK_COLUMNS = (
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


def _task_rows(session: Session, where: Iterable[Any]) -> list[Any]:
    """Open, not cancelled occurrences with their task's columns (plain rows: no ORM objects to build)."""
    query = (
        select(*_TASK_COLUMNS)
        .select_from(Task)
        .join(TaskOccurrence, TaskOccurrence.task_id == Task.id)
        .where(Task.status == TaskStatus.OPEN, TaskOccurrence.is_cancelled.is_(False), *where)
    )
    # Sorted here, not in SQL: an ORDER BY id tempts SQLite to walk every occurrence in id order.
    return sorted(session.execute(query), key=lambda row: row.occ_id)


def _requirements(session: Session, task_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    req: dict[int, dict[str, int]] = defaultdict(dict)
    if task_ids:
        for tid, key, level in session.execute(
            select(TaskSkill.task_id, Skill.key, TaskSkill.min_level)
            .join(Skill, Skill.id == TaskSkill.skill_id)
            .where(TaskSkill.task_id.in_(list(set(task_ids))))
        ):
            req[tid][key] = level
    return req


def _taken(session: Session, occurrence_ids: Sequence[int], exclude_people: Iterable[int] = ()) -> dict[int, int]:
    if not occurrence_ids:
        return {}
    query = (
        select(Signup.occurrence_id, func.count(Signup.id))
        .where(Signup.occurrence_id.in_(list(occurrence_ids)), Signup.status.in_(ACTIVE))
        .group_by(Signup.occurrence_id)
    )
    excluded = list(exclude_people)
    if excluded:
        query = query.where(Signup.person_id.not_in(excluded))
    return {occ: int(n) for occ, n in session.execute(query)}


def _engine_task(
    row: Any, requires: dict[str, int], slots: int, zones: dict[str, ZoneInfo] | None = None
) -> matching.Task | None:
    zone = zones.get(row.timezone) if zones is not None else None
    if zone is None:
        zone = ZoneInfo(row.timezone)
        if zones is not None:
            zones[row.timezone] = zone
    begin, finish = row.starts_at.astimezone(zone), row.ends_at.astimezone(zone)
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


# --------------------------------------------------------------------------- organisation assignment


def build_organisation_instance(session: Session, organisation_id: int, start: datetime, end: datetime) -> Built:
    """Open occurrences of the organisation starting in ``[start, end)`` and its volunteers."""
    rows = _task_rows(
        session, [Task.organisation_id == organisation_id, TaskOccurrence.starts_at >= start,
                  TaskOccurrence.starts_at < end]
    )
    occ_ids = {row.occ_id for row in rows}
    members = list(
        session.scalars(
            select(Membership.person_id).where(
                Membership.organisation_id == organisation_id, Membership.role == Role.VOLUNTEER
            )
        )
    )
    horizon_end = max([end, *(row.ends_at for row in rows)])
    volunteers, fixed, names, declined = _volunteers(session, members, start, horizon_end, occ_ids)
    known = {v.id for v in volunteers}
    # Signups by people outside the instance still hold their slots.
    outside = _taken(session, list(occ_ids), exclude_people=[key_id(k) for k in known])
    requires = _requirements(session, [row.task_id for row in rows])
    built = Built(instance=matching.Instance(volunteers, []), names=names, declined=declined)
    tasks: list[matching.Task] = []
    for row in rows:
        key = occurrence_key(row.occ_id)
        built.titles[key] = row.title
        slots = row.slots - outside.get(row.occ_id, 0)
        engine_task = _engine_task(row, requires[row.task_id], slots) if slots > 0 else None
        if slots <= 0:
            built.skipped[key] = "full"
        elif engine_task is None:
            built.skipped[key] = "no_location"
        else:
            tasks.append(engine_task)
    in_tasks = {t.id for t in tasks}
    fixed = [p for p in fixed if p.task in in_tasks]
    built.instance = matching.Instance(volunteers, tasks, fixed)
    return built


@dataclass
class Proposal:
    volunteer: str
    person_id: int
    name: str
    task: str
    occurrence_id: int
    title: str
    start: datetime
    end: datetime
    distance_km: float


@dataclass
class AssignOutcome:
    organisation: str
    proposals: list[Proposal]
    result: dict[str, Any]  # the engine's result in the file format
    skipped: dict[str, str]
    applied: bool
    declined_before: int = 0
    titles: dict[str, str] = field(default_factory=dict)  # task key -> title


def _parse_day(value: str | None, default: datetime, field_name: str) -> datetime:
    if value is None:
        return default
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(field_name, T("errors", "{value!r} is not a date like 2026-12-05."), value=value) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=default.tzinfo)


def resolve_window(
    now: datetime, date_from: str | None, date_to: str | None, *, days: int = DEFAULT_DAYS
) -> tuple[datetime, datetime]:
    start = _parse_day(date_from, now, "from")
    end = _parse_day(date_to, start + timedelta(days=days), "to")
    if end <= start:
        raise InvalidInput("to", T("errors", "--to ({value}) must come after --from."), value=end.isoformat())
    return start, end


def propose_assignments(
    db: Database,
    actor: Actor | None,
    organisation_id: int,
    start: datetime,
    end: datetime,
    *,
    apply: bool = False,
) -> AssignOutcome:
    """Best placements for the organisation's open tasks; with ``apply`` stored as proposed signups.

    Everything happens in one transaction: either all proposals are stored or none.
    """
    with db.transaction() as session:
        actor = require_role(session, actor, organisation_id, Role.COORDINATOR, Role.ADMIN)
        org = session.get(Organisation, organisation_id)
        if org is None:
            raise NotFound(T("errors", "No organisation {id}."), id=organisation_id)
        built = build_organisation_instance(session, organisation_id, start, end)
        result = matching.assign(built.instance)
        data = matching.result_to_json(result)
        proposals: list[Proposal] = []
        declined = 0
        for a in data["assignments"]:
            if (a["volunteer"], a["task"]) in built.declined:
                declined += 1  # they said no to this one before: do not ask again
                continue
            proposals.append(
                Proposal(
                    volunteer=a["volunteer"], person_id=key_id(a["volunteer"]), name=built.names[a["volunteer"]],
                    task=a["task"], occurrence_id=key_id(a["task"]), title=built.titles[a["task"]],
                    start=datetime.fromisoformat(a["start"]), end=datetime.fromisoformat(a["end"]),
                    distance_km=float(a["distance_km"]),
                )
            )
        if apply:
            for p in proposals:
                signups.place(
                    session, actor, p.occurrence_id, p.person_id,
                    status=SignupStatus.PROPOSED, source=SignupSource.ENGINE, start=p.start,
                )
            audit.record(
                session, actor.person_id, "matching.apply", "organisation", organisation_id,
                proposals=len(proposals), start=start.isoformat(), end=end.isoformat(),
            )
        return AssignOutcome(org.name, proposals, data, built.skipped, apply, declined, built.titles)


def export_organisation_instance(
    db: Database, actor: Actor | None, organisation_id: int, start: datetime, end: datetime
) -> dict[str, Any]:
    """The instance file the database path would solve (same data, same placements)."""
    with db.read() as session:
        require_role(session, actor, organisation_id, Role.COORDINATOR, Role.ADMIN)
        return matching.instance_to_json(build_organisation_instance(session, organisation_id, start, end).instance)


# --------------------------------------------------------------------------- suggestions


@dataclass
class SuggestionView:
    """One suggestion, with what a person needs to read it."""

    occurrence_id: int
    title: str
    organisation: str
    suggestion: matching.Suggestion


def _may_see_volunteer(session: Session, actor: Actor, person_id: int) -> None:
    if actor.person_id == person_id:
        return
    person = session.get(Person, actor.person_id)
    if person is not None and person.is_admin:
        return
    coordinated = {o for o, held in roles_of(session, actor.person_id).items() if held & {Role.COORDINATOR, Role.ADMIN}}
    theirs = set(
        session.scalars(
            select(Membership.organisation_id).where(
                Membership.person_id == person_id, Membership.role == Role.VOLUNTEER
            )
        )
    )
    if not coordinated & theirs:
        raise PermissionDenied(T("errors", "You may see suggestions only for yourself or your volunteers."))


def _unindexed(column: Any) -> Any:
    """``+column``: the same value, but SQLite will not use an index for the comparison."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


#: Past this many map cells (a travel radius of roughly 80 km) the box is read through the
#: task's own location index instead (``_task_rows``): same rows, fewer index ranges.
MAX_CELLS = 1024
#: A skill requirement packed into one integer for the SQL aggregate: skill id * 8 + level (1..5).
_LEVEL_BITS = 8

_REQUIRES = (
    select(func.aggregate_strings(cast(TaskSkill.skill_id * _LEVEL_BITS + TaskSkill.min_level, String), ","))
    .where(TaskSkill.task_id == Task.id)
    .scalar_subquery()
)
_TAKEN = (
    select(func.count(Signup.id))
    .where(Signup.occurrence_id == TaskOccurrence.id, Signup.status.in_(ACTIVE))
    .scalar_subquery()
)
_ORG_NAME = select(Organisation.name).where(Organisation.id == Task.organisation_id).scalar_subquery()
_SUGGEST_COLUMNS = (
    *_TASK_COLUMNS,
    _REQUIRES.label("requires"),
    _TAKEN.label("taken"),
    _ORG_NAME.label("organisation"),
)


def _merged(free: Sequence[Interval]) -> list[Interval]:
    """Free time as the engine sees it: overlapping or touching intervals merged."""
    out: list[Interval] = []
    for s, e in sorted(free):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _box_cells(box: BoundingBox) -> list[int] | None:
    """The map cells (``tasks.grid_cell``) covering the box, or None if there are too many."""
    first_row, last_row = task_service.grid_row(box.min_lat), task_service.grid_row(box.max_lat)
    columns = [(task_service.grid_column(lo), task_service.grid_column(hi)) for lo, hi in box.longitude_ranges]
    if (last_row - first_row + 1) * sum(b - a + 1 for a, b in columns) > MAX_CELLS:
        return None
    wanted = sorted({c for a, b in columns for c in range(a, b + 1)})
    return [r * task_service.GRID_COLUMNS + c for r in range(first_row, last_row + 1) for c in wanted]


@functools.lru_cache(maxsize=256)
def _suggestion_statement(n_free: int, n_lon: int, sqlite: bool) -> Select[Any]:
    """The statement of ``_suggestion_rows`` for this many free intervals and longitude ranges.

    Built once per shape with bound parameters (``fs<i>``/``fe<i>``/``lo<i>`` ... and the
    expanding ``cells``), so a call only binds values. ``n_lon`` 0: no home, remote tasks only.
    """
    occ, task = TaskOccurrence, Task
    # Keep SQLite on the occurrence index: task columns are checked after the primary-key join.
    t_col = _unindexed if sqlite else (lambda column: column)
    place: Any = t_col(task.is_remote).is_(True)
    if n_lon:
        lon = t_col(task.longitude)
        place = or_(place, and_(
            t_col(task.latitude).between(bindparam("min_lat"), bindparam("max_lat")),
            or_(*(lon.between(bindparam(f"lon_lo{k}"), bindparam(f"lon_hi{k}")) for k in range(n_lon))),
        ))
    fs = [bindparam(f"fs{i}", type_=occ.starts_at.type) for i in range(n_free)]
    fe = [bindparam(f"fe{i}", type_=occ.starts_at.type) for i in range(n_free)]
    overlaps = or_(*(and_(occ.starts_at < fe[i], occ.ends_at > fs[i]) for i in range(n_free)))
    live = occ.is_cancelled.is_(False)
    in_cells = occ.grid_cell.in_(bindparam("cells", expanding=True))
    now, end = bindparam("now", type_=occ.starts_at.type), bindparam("end", type_=occ.starts_at.type)
    ranges: list[Any] = []
    for i in range(n_free):
        # Fixed shifts: inside the free interval. Short windows: start at most 12 h before its end.
        ranges.append(and_(in_cells, occ.span_class == task_service.SPAN_FIXED, live,
                           occ.starts_at >= bindparam(f"fixed_from{i}", type_=occ.starts_at.type),
                           occ.starts_at < fe[i], occ.ends_at <= fe[i]))
        ranges.append(and_(in_cells, occ.span_class == task_service.SPAN_FLEXIBLE, live,
                           occ.starts_at >= bindparam(f"flex_from{i}", type_=occ.starts_at.type),
                           occ.starts_at < fe[i], occ.ends_at > fs[i]))
    ranges.append(and_(in_cells, occ.span_class == task_service.SPAN_FLEXIBLE_LONG, live,
                       occ.starts_at >= now, occ.starts_at < bindparam("last", type_=occ.starts_at.type), overlaps))
    ranges.append(and_(occ.grid_cell.is_(None), live, occ.starts_at >= now, occ.starts_at < end, overlaps))
    person = bindparam("person_id", type_=Integer())
    own = select(Signup.occurrence_id).where(Signup.person_id == person)
    # A requirement the volunteer does not meet: the engine would never offer the task.
    met = select(VolunteerSkill.skill_id).where(
        VolunteerSkill.person_id == person, VolunteerSkill.skill_id == TaskSkill.skill_id,
        VolunteerSkill.level >= TaskSkill.min_level,
    )
    unmet = select(TaskSkill.task_id).where(TaskSkill.task_id == task.id, ~met.exists())
    return (
        select(*_SUGGEST_COLUMNS)
        .select_from(occ)
        .join(task, task.id == occ.task_id)
        .where(or_(*ranges), t_col(task.status) == TaskStatus.OPEN, place, occ.id.not_in(own), ~unmet.exists())
    )


def _suggestion_rows(
    session: Session, person_id: int, profile: VolunteerProfile, free: Sequence[Interval], now: datetime,
    end: datetime,
) -> list[Any] | None:
    """Open occurrences the volunteer might take, or None if their travel box has too many map cells.

    The same occurrences as before the map cells (open, not cancelled, starting in
    ``[now, end)``, overlapping ``free``, remote or in the travel box, not already theirs)
    minus those the engine would reject anyway: fixed shifts not inside one stretch of
    free time, tasks needing a skill level the volunteer lacks. Read by ranges of
    ``ix_task_occurrence_cell_time``, one per (cell, span class, free interval):
    fixed shifts start inside the interval, flexible windows of up to 12 h at most 12 h
    before its end, longer windows (rare) anywhere in the horizon; occurrences without
    a cell (no place, or written around ``sync_occurrences``) are read the slow way.
    Each row also carries its requirements, taken places and organisation name.
    """
    free = _merged(free)
    params: dict[str, Any] = {"cells": [task_service.REMOTE_CELL], "person_id": person_id, "now": now, "end": end,
                              "last": min(free[-1][1], end)}
    n_lon = 0
    if profile.home_latitude is not None and profile.home_longitude is not None:
        box = bounding_box(profile.home_latitude, profile.home_longitude, profile.radius_km)
        box_cells = _box_cells(box)
        if box_cells is None:
            return None
        params["cells"] += box_cells
        params["min_lat"], params["max_lat"] = box.min_lat, box.max_lat
        for k, (lo, hi) in enumerate(box.longitude_ranges):
            params[f"lon_lo{k}"], params[f"lon_hi{k}"] = lo, hi
        n_lon = len(box.longitude_ranges)
    for i, (fs, fe) in enumerate(free):
        params[f"fs{i}"], params[f"fe{i}"] = fs, min(fe, end)
        params[f"fixed_from{i}"] = max(fs, now)
        params[f"flex_from{i}"] = max(fs - task_service.SHORT_WINDOW, now)
    conn = session.connection()
    statement = _suggestion_statement(len(free), n_lon, conn.dialect.name == "sqlite")
    return sorted(conn.execute(statement, params), key=lambda row: row.occ_id)


def _skill_keys(session: Session, packed: Iterable[str | None]) -> dict[str, dict[str, int]]:
    """Requirement maps for the packed strings of ``_REQUIRES`` (in skill id order, like the SQL before)."""
    parsed: dict[str, list[tuple[int, int]]] = {}
    for text in packed:
        if text and text not in parsed:
            parsed[text] = sorted(divmod(int(x), _LEVEL_BITS) for x in text.split(","))
    ids = {sid for pairs in parsed.values() for sid, _ in pairs}
    keys = dict(session.execute(select(Skill.id, Skill.key).where(Skill.id.in_(ids))).all()) if ids else {}
    return {text: {keys[sid]: level for sid, level in pairs} for text, pairs in parsed.items()}


def _reachable(rows: list[Any], volunteer: matching.Volunteer) -> list[Any]:
    """Drop placed tasks beyond the radius by the engine's own chord test (it drops them the same way)."""
    if volunteer.location is None:
        return [row for row in rows if row.is_remote]
    placed = [i for i, row in enumerate(rows) if not row.is_remote and row.latitude is not None]
    if not placed:
        return rows
    lat = np.fromiter((rows[i].latitude for i in placed), dtype=np.float64, count=len(placed))
    lon = np.fromiter((rows[i].longitude for i in placed), dtype=np.float64, count=len(placed))
    home = ecef_km(np.array([volunteer.location[0]]), np.array([volunteer.location[1]]))[0]
    near = np.linalg.norm(ecef_km(lat, lon) - home, axis=1) <= volunteer.radius_km * (1 + 1e-9)
    drop = {placed[k] for k in np.flatnonzero(~near).tolist()}
    return [row for i, row in enumerate(rows) if i not in drop] if drop else rows


def build_volunteer_instance(
    session: Session, person_id: int, now: datetime, days: int = DEFAULT_DAYS
) -> tuple[matching.Instance, dict[str, int], dict[str, tuple[str, str]]]:
    """One volunteer and the open occurrences they might take in the coming ``days``.

    Not a scan: the volunteer's free time is worked out first, and the SQL asks
    only for occurrences in the map cells of their travel radius (or remote) that
    overlap it, by ranges of one index (``_suggestion_rows``). The engine then
    applies the exact rules; tasks it would reject for the place or the shift
    are left out before it (same suggestions, less work).
    """
    end = now + timedelta(days=days)
    profile = session.get(VolunteerProfile, person_id)
    if profile is None:
        raise NotFound(T("errors", "This person has no volunteer profile yet."))
    volunteers, _, _, _ = _volunteers(session, [person_id], now, end, set())
    if not volunteers or not volunteers[0].free:
        return matching.Instance(volunteers, []), {}, {}
    free = volunteers[0].free
    rows = _suggestion_rows(session, person_id, profile, free, now, end)
    if rows is None:
        return _volunteer_instance_by_box(session, person_id, profile, volunteers, now, end)
    rows = _reachable(rows, volunteers[0])
    requires = _skill_keys(session, (row.requires for row in rows))
    zones: dict[str, ZoneInfo] = {}
    tasks_out: list[matching.Task] = []
    filled: dict[str, int] = {}
    labels: dict[str, tuple[str, str]] = {}
    for row in rows:
        engine_task = _engine_task(row, requires.get(row.requires, {}) if row.requires else {}, row.slots, zones)
        if engine_task is None:
            continue
        tasks_out.append(engine_task)
        filled[engine_task.id] = row.taken
        labels[engine_task.id] = (row.title, row.organisation or "")
    return matching.Instance(volunteers, tasks_out), filled, labels


def _volunteer_instance_by_box(
    session: Session, person_id: int, profile: VolunteerProfile, volunteers: list[matching.Volunteer],
    now: datetime, end: datetime,
) -> tuple[matching.Instance, dict[str, int], dict[str, tuple[str, str]]]:
    """The same instance for a travel box too big for map cells: the task's location index, then the times."""
    free = volunteers[0].free
    starts, ends = TaskOccurrence.starts_at, TaskOccurrence.ends_at
    if session.get_bind().dialect.name == "sqlite":
        # SQLite's planner would otherwise walk every occurrence of the coming weeks by
        # start time; unary + keeps it on the spatial index (task) and task_id (occurrences).
        starts, ends = _unindexed(starts), _unindexed(ends)
    overlaps = or_(*(and_(starts < fe, ends > fs) for fs, fe in free))
    own = select(Signup.occurrence_id).where(Signup.person_id == person_id)
    common = [starts >= now, starts < end, overlaps, TaskOccurrence.id.not_in(own)]
    rows = _task_rows(session, [*common, Task.is_remote.is_(True)])
    if profile.home_latitude is not None and profile.home_longitude is not None:
        box = bounding_box(profile.home_latitude, profile.home_longitude, profile.radius_km)
        for lo, hi in box.longitude_ranges:
            near = [Task.latitude.between(box.min_lat, box.max_lat), Task.longitude.between(lo, hi)]
            rows += _task_rows(session, [*common, *near])
    rows.sort(key=lambda row: row.occ_id)
    requires = _requirements(session, [row.task_id for row in rows])
    taken = _taken(session, [row.occ_id for row in rows])
    org_ids = {row.organisation_id for row in rows}
    org_names = dict(
        session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(org_ids))).all()
    ) if org_ids else {}
    tasks_out = []
    filled: dict[str, int] = {}
    labels: dict[str, tuple[str, str]] = {}
    for row in rows:
        engine_task = _engine_task(row, requires[row.task_id], row.slots)
        if engine_task is None:
            continue
        tasks_out.append(engine_task)
        filled[engine_task.id] = taken.get(row.occ_id, 0)
        labels[engine_task.id] = (row.title, org_names.get(row.organisation_id, ""))
    return matching.Instance(volunteers, tasks_out), filled, labels


def suggest_for(
    db: Database, actor: Actor | None, email: str, *, now: datetime, limit: int | None = 20,
    days: int = DEFAULT_DAYS,
) -> list[SuggestionView]:
    """Ranked tasks for the volunteer with this email, best first, with the engine's reasons."""
    if limit is not None and limit < 1:
        raise InvalidInput("limit", T("errors", "--limit must be at least 1, not {value}."), value=limit)
    with db.read() as session:
        actor = require_signed_in(actor)
        person_id = session.scalar(select(Person.id).where(Person.email == email.strip().lower()))
        if person_id is None:
            raise NotFound(T("errors", "No account for {email}."), email=email)
        _may_see_volunteer(session, actor, person_id)
        instance, filled, labels = build_volunteer_instance(session, person_id, now, days)
    if not instance.volunteers:
        return []
    found = matching.suggest(instance, person_key(person_id), filled=filled, now=now, limit=limit)
    return [SuggestionView(key_id(s.task), *labels[s.task], s) for s in found]
