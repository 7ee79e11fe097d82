"""Finding the few open occurrences one volunteer could take, out of many, through indexes.

Suggestions must answer in milliseconds with a hundred thousand open tasks:
occurrences carry their task's map cell and a length class, and one index on
``(grid_cell, span_class, is_cancelled, starts_at, ...)`` turns the volunteer's
travel box and free time into a handful of index ranges (see ``suggestion_rows``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import Integer, Select, String, and_, bindparam, cast, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from volunteer_app import matching
from volunteer_app.domain.enums import (
    TaskStatus,
)
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.intervals import Interval
from volunteer_app.geo.distance import BoundingBox, bounding_box
from volunteer_app.matching.distance import ecef_km
from volunteer_app.services import tasks as task_service
from volunteer_app.services.engine_data import (
    DEFAULT_DAYS,
    TASK_COLUMNS,
    chunked,
    engine_task,
    requirements,
    taken_counts,
    task_rows,
    volunteers_for,
)
from volunteer_app.services.errors import NotFound
from volunteer_app.store.models import (
    Organisation,
    Signup,
    Skill,
    Task,
    TaskOccurrence,
    TaskSkill,
    VolunteerProfile,
    VolunteerSkill,
)

T = QT_TRANSLATE_NOOP


def _unindexed(column: Any) -> Any:
    """``+column``: the same value, but SQLite will not use an index for the comparison."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


#: Past this many map cells (a travel radius of roughly 80 km) the box is read through the
#: task's own location index instead (``engine_data.task_rows``): same rows, fewer index ranges.
MAX_CELLS = 1024
#: A skill requirement packed into one integer for the SQL aggregate: skill id * 8 + level (1..5).
_LEVEL_BITS = 8

_REQUIRES = (
    select(func.aggregate_strings(cast(TaskSkill.skill_id * _LEVEL_BITS + TaskSkill.min_level, String), ","))
    .where(TaskSkill.task_id == Task.id)
    .scalar_subquery()
)
_ORG_NAME = select(Organisation.name).where(Organisation.id == Task.organisation_id).scalar_subquery()
_SUGGEST_COLUMNS = (
    *TASK_COLUMNS,
    _REQUIRES.label("requires"),
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


#: Free-time ranges one statement asks for: the statement's size (and SQLite's expression
#: depth, which refuses past 1,000) stays the same however many days and free hours there are.
MAX_FREE_RANGES = 16


def _coarse(free: Sequence[Interval], limit: int = MAX_FREE_RANGES) -> list[Interval]:
    """Merged free time in at most ``limit`` ranges, closing the shortest gaps first.

    Each range covers what it replaces, so the SQL finds every occurrence it found before (and a
    few more, in the closed gaps, which the engine then rejects by the exact free time).
    """
    out = _merged(free)
    if len(out) <= limit:
        return out
    gaps = sorted(range(len(out) - 1), key=lambda k: (out[k + 1][0] - out[k][1], k))
    closed = set(gaps[: len(out) - limit])
    merged: list[Interval] = []
    for k, (s, e) in enumerate(out):
        if k and k - 1 in closed:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


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
    Each row also carries its requirements and organisation name (places taken: ``taken_counts``).
    """
    free = _coarse(free)
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
    keys: dict[int, str] = {}
    for chunk in chunked(ids):
        keys.update(session.execute(select(Skill.id, Skill.key).where(Skill.id.in_(chunk))).all())
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
    volunteers, _, _, _ = volunteers_for(session, [person_id], now, end, set())
    if not volunteers or not volunteers[0].free:
        return matching.Instance(volunteers, []), {}, {}
    free = volunteers[0].free
    rows = _suggestion_rows(session, person_id, profile, free, now, end)
    if rows is None:
        return _volunteer_instance_by_box(session, person_id, profile, volunteers, now, end)
    rows = _reachable(rows, volunteers[0])
    requires = _skill_keys(session, (row.requires for row in rows))
    # Everybody's places, also those the reader may not see (a volunteer's own login).
    taken = taken_counts(session, [row.occ_id for row in rows])
    zones: dict[str, ZoneInfo] = {}
    tasks_out: list[matching.Task] = []
    filled: dict[str, int] = {}
    labels: dict[str, tuple[str, str]] = {}
    for row in rows:
        task = engine_task(row, requires.get(row.requires, {}) if row.requires else {}, row.slots, zones)
        if task is None:
            continue
        tasks_out.append(task)
        filled[task.id] = taken.get(row.occ_id, 0)
        labels[task.id] = (row.title, row.organisation or "")
    return matching.Instance(volunteers, tasks_out), filled, labels


def _volunteer_instance_by_box(
    session: Session, person_id: int, profile: VolunteerProfile, volunteers: list[matching.Volunteer],
    now: datetime, end: datetime,
) -> tuple[matching.Instance, dict[str, int], dict[str, tuple[str, str]]]:
    """The same instance for a travel box too big for map cells: the task's location index, then the times."""
    free = _coarse(volunteers[0].free)
    starts, ends = TaskOccurrence.starts_at, TaskOccurrence.ends_at
    if session.get_bind().dialect.name == "sqlite":
        # SQLite's planner would otherwise walk every occurrence of the coming weeks by
        # start time; unary + keeps it on the spatial index (task) and task_id (occurrences).
        starts, ends = _unindexed(starts), _unindexed(ends)
    overlaps = or_(*(and_(starts < fe, ends > fs) for fs, fe in free))
    own = select(Signup.occurrence_id).where(Signup.person_id == person_id)
    common = [starts >= now, starts < end, overlaps, TaskOccurrence.id.not_in(own)]
    rows = task_rows(session, [*common, Task.is_remote.is_(True)])
    if profile.home_latitude is not None and profile.home_longitude is not None:
        box = bounding_box(profile.home_latitude, profile.home_longitude, profile.radius_km)
        for lo, hi in box.longitude_ranges:
            near = [Task.latitude.between(box.min_lat, box.max_lat), Task.longitude.between(lo, hi)]
            rows += task_rows(session, [*common, *near])
    rows.sort(key=lambda row: row.occ_id)
    requires = requirements(session, [row.task_id for row in rows])
    taken = taken_counts(session, [row.occ_id for row in rows])
    org_names: dict[int, str] = {}
    for chunk in chunked(row.organisation_id for row in rows):
        for org_id, org_name in session.execute(
            select(Organisation.id, Organisation.name).where(Organisation.id.in_(chunk))
        ):
            org_names[org_id] = org_name
    tasks_out = []
    filled: dict[str, int] = {}
    labels: dict[str, tuple[str, str]] = {}
    for row in rows:
        task = engine_task(row, requires[row.task_id], row.slots)
        if task is None:
            continue
        tasks_out.append(task)
        filled[task.id] = taken.get(row.occ_id, 0)
        labels[task.id] = (row.title, org_names.get(row.organisation_id, ""))
    return matching.Instance(volunteers, tasks_out), filled, labels
