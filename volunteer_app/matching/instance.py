"""Typed matching instance (format version 1) and its validation.

The instance can be built in code (``Instance(volunteers=[Volunteer(...)], tasks=[Task(...)])``)
or parsed from the JSON file format described in ``docs/matching-format.md``.
Either way the same checks run in ``Instance.__post_init__``, so an engine run never sees
a broken instance.  ``parse_instance`` adds the JSON type checks on top.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from os import PathLike
from typing import Any

from volunteer_app.domain.input_limits import (
    MAX_CAP_MINUTES,
    MAX_CAPS,
    MAX_EXCLUDED,
    MAX_FILE_BYTES,
    MAX_FIXED,
    MAX_FREE_INTERVALS,
    MAX_ID_CHARS,
    MAX_JSON_VALUES,
    MAX_RADIUS_KM,
    MAX_SKILL_CHARS,
    MAX_SKILL_NAMES,
    MAX_SKILLS,
    MAX_SLOTS,
    MAX_SPAN,
    MAX_TASK_LENGTH,
    MAX_TASKS,
    MAX_TIME_CHARS,
    MAX_VOLUNTEERS,
    MAX_YEAR,
    MIN_YEAR,
    Unreadable,
    show,
)

INSTANCE_FORMAT = "volunteer-app.matching-instance"
FORMAT_VERSION = 1
#: Flexible tasks start on this grid, counted from the window's start.
FLEX_STEP = timedelta(minutes=15)

Interval = tuple[datetime, datetime]
LatLon = tuple[float, float]


class InstanceError(ValueError):
    """An instance that breaks the format; names the offending item and field."""

    def __init__(self, item: str, field: str, problem: str) -> None:
        self.item = item
        self.field = field
        self.problem = problem
        super().__init__(f"{item}: field '{field}': {problem}")


@dataclass(frozen=True)
class Cap:
    """At most ``max_minutes`` assigned for placements that *start* in ``[start, end)`` (1.1 ``caps``)."""

    start: datetime
    end: datetime
    max_minutes: float


@dataclass(frozen=True)
class Volunteer:
    """One volunteer: where they are, how far they go, what they can do, when they are free."""

    id: str
    location: LatLon | None
    radius_km: float
    skills: Mapping[str, int] = field(default_factory=dict)
    free: Sequence[Interval] = ()
    max_minutes: float | None = None
    #: Caps over windows (for example one per calendar week); all of them hold, and ``max_minutes`` too.
    caps: Sequence[Cap] = ()

    def __post_init__(self) -> None:
        # Normalise containers so a caller's later mutation cannot change a validated instance.
        object.__setattr__(self, "skills", dict(self.skills))
        object.__setattr__(self, "free", tuple(tuple(iv) for iv in self.free))
        object.__setattr__(self, "caps", tuple(self.caps))
        if self.location is not None:
            object.__setattr__(self, "location", tuple(self.location))


@dataclass(frozen=True)
class Task:
    """A fixed shift (``start``/``end``) or a flexible task (``window`` + ``minutes``)."""

    id: str
    location: LatLon | None
    slots: int
    requires: Mapping[str, int] = field(default_factory=dict)
    priority: int = 1
    start: datetime | None = None
    end: datetime | None = None
    window: Interval | None = None
    minutes: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "requires", dict(self.requires))
        if self.location is not None:
            object.__setattr__(self, "location", tuple(self.location))
        if self.window is not None:
            object.__setattr__(self, "window", tuple(self.window))

    @property
    def is_flexible(self) -> bool:
        """True for a window + minutes task (each volunteer gets their own start)."""
        return self.window is not None


@dataclass(frozen=True)
class Placement:
    """An existing placement (confirmed signup): the ``fixed`` extension of the format.

    ``start`` may be omitted for a fixed shift; it is required for a flexible task.
    """

    volunteer: str
    task: str
    start: datetime | None = None


@dataclass(frozen=True)
class Exclusion:
    """A pair never to place (the ``excluded`` extension), e.g. a volunteer who declined that task."""

    volunteer: str
    task: str


@dataclass(frozen=True)
class Instance:
    """A validated matching instance. Construction raises ``InstanceError`` on bad data."""

    volunteers: Sequence[Volunteer]
    tasks: Sequence[Task]
    fixed: Sequence[Placement] = ()
    excluded: Sequence[Exclusion] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "volunteers", tuple(self.volunteers))
        object.__setattr__(self, "tasks", tuple(self.tasks))
        object.__setattr__(self, "fixed", tuple(self.fixed))
        object.__setattr__(self, "excluded", tuple(self.excluded))
        _validate(self)

    def volunteer_index(self) -> dict[str, int]:
        """Map volunteer id -> position."""
        return {v.id: i for i, v in enumerate(self.volunteers)}

    def task_index(self) -> dict[str, int]:
        """Map task id -> position."""
        return {t.id: i for i, t in enumerate(self.tasks)}


# --------------------------------------------------------------------------- validation


def _item(kind: str, index: int, ident: object) -> str:
    if isinstance(ident, str):
        return f"{kind}[{index}] (id {show(ident)})"
    return f"{kind}[{index}]"


def _is_number(x: object) -> bool:
    # bool is an int subclass; true/false is never a valid number in this format.
    return isinstance(x, int | float) and not isinstance(x, bool)


def _is_int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _check_text(item: str, name: str, text: object, limit: int, what: str) -> str:
    """A non-empty string of at most ``limit`` characters that is valid Unicode (UTF-8 can hold it)."""
    if not isinstance(text, str) or not text:
        raise InstanceError(item, name, f"{what} must be a non-empty string, got {show(text)}")
    if len(text) > limit:
        raise InstanceError(item, name, f"{what} {show(text)} is longer than {limit} characters ({len(text)})")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InstanceError(
            item, name, f"{what} {show(text)} is not valid Unicode (a lone surrogate at character {exc.start})"
        ) from None
    return text


def _check_id(item: str, ident: object, seen: set[str]) -> None:
    _check_text(item, "id", ident, MAX_ID_CHARS, "the id")
    assert isinstance(ident, str)
    if ident in seen:
        raise InstanceError(item, "id", f"duplicate id {show(ident)}")
    seen.add(ident)


def _check_location(item: str, loc: object) -> None:
    if loc is None:
        return
    if not isinstance(loc, tuple | list) or len(loc) != 2:
        raise InstanceError(item, "location", f"must be [latitude, longitude] or null, got {show(loc)}")
    lat, lon = loc
    if not _is_number(lat) or not math.isfinite(lat) or not -90.0 <= lat <= 90.0:
        raise InstanceError(item, "location", f"latitude {show(lat)} is outside -90..90")
    if not _is_number(lon) or not math.isfinite(lon) or not -180.0 <= lon <= 180.0:
        raise InstanceError(item, "location", f"longitude {show(lon)} is outside -180..180")


def _check_levels(item: str, name: str, levels: object) -> None:
    if not isinstance(levels, Mapping):
        raise InstanceError(item, name, f"must be an object of skill -> level, got {show(levels)}")
    if len(levels) > MAX_SKILLS:
        raise InstanceError(item, name, f"has {len(levels)} skills; at most {MAX_SKILLS} are allowed")
    for skill, level in levels.items():
        _check_text(item, name, skill, MAX_SKILL_CHARS, "a skill name")
        if not _is_int(level) or not 1 <= level <= 5:
            raise InstanceError(item, name, f"level of {show(skill)} must be an integer 1..5, got {show(level)}")


def _check_time(item: str, name: str, value: object) -> datetime:
    if not isinstance(value, datetime):
        raise InstanceError(item, name, f"must be a date-time, got {show(value)}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InstanceError(item, name, f"{value.isoformat()} has no UTC offset")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InstanceError(item, name, f"{value.isoformat()} is outside the years {MIN_YEAR}..{MAX_YEAR}")
    return value


def _check_interval(item: str, name: str, iv: object) -> Interval:
    if not isinstance(iv, tuple | list) or len(iv) != 2:
        raise InstanceError(item, name, f"must be [start, end], got {show(iv)}")
    start = _check_time(item, name, iv[0])
    end = _check_time(item, name, iv[1])
    if end <= start:
        raise InstanceError(item, name, f"end {end.isoformat()} is not after start {start.isoformat()}")
    return start, end


def _check_minutes(item: str, name: str, value: object) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= MAX_CAP_MINUTES:
        raise InstanceError(item, name, f"must be a number 0..{MAX_CAP_MINUTES:,}, got {show(value)}")


def _days(span: timedelta) -> str:
    return f"{span / timedelta(days=1):.4g} days"


def _validate_volunteer(i: int, v: Volunteer, seen: set[str], times: list[datetime]) -> None:
    item = _item("volunteers", i, v.id)
    _check_id(item, v.id, seen)
    _check_location(item, v.location)
    r = v.radius_km
    if not _is_number(r) or not math.isfinite(r) or not 0 < r <= MAX_RADIUS_KM:
        raise InstanceError(item, "radius_km", f"must be a number above 0 and at most {MAX_RADIUS_KM:g}, got {show(r)}")
    _check_levels(item, "skills", v.skills)
    if len(v.free) > MAX_FREE_INTERVALS:
        raise InstanceError(item, "free", f"has {len(v.free):,} intervals; at most {MAX_FREE_INTERVALS:,} are allowed")
    for k, iv in enumerate(v.free):
        # Fast path for the common, valid case; the full check names what is wrong.
        if (
            len(iv) == 2
            and type(iv[0]) is datetime
            and type(iv[1]) is datetime
            and iv[0].utcoffset() is not None
            and iv[1].utcoffset() is not None
            and iv[0] < iv[1]
            and iv[0].year >= MIN_YEAR
            and iv[1].year <= MAX_YEAR
        ):
            times.append(iv[0])
            times.append(iv[1])
            continue
        times.extend(_check_interval(item, f"free[{k}]", iv))
    mm = v.max_minutes
    if mm is not None:
        _check_minutes(item, "max_minutes", mm)
    if len(v.caps) > MAX_CAPS:
        raise InstanceError(item, "caps", f"has {len(v.caps):,} entries; at most {MAX_CAPS:,} are allowed")
    for k, cap in enumerate(v.caps):
        name = f"caps[{k}]"
        if not isinstance(cap, Cap):
            raise InstanceError(item, name, f"must be a Cap, got {type(cap).__name__}")
        times.extend(_check_interval(item, name, (cap.start, cap.end)))
        cm = cap.max_minutes
        if type(cm) is int and 0 <= cm <= MAX_CAP_MINUTES:
            continue
        _check_minutes(item, f"{name}.max_minutes", cm)


def _validate_task(j: int, t: Task, seen: set[str], times: list[datetime]) -> None:
    item = _item("tasks", j, t.id)
    _check_id(item, t.id, seen)
    _check_location(item, t.location)
    _check_levels(item, "requires", t.requires)
    if not _is_int(t.slots) or not 1 <= t.slots <= MAX_SLOTS:
        raise InstanceError(item, "slots", f"must be an integer 1..{MAX_SLOTS:,}, got {show(t.slots)}")
    if not _is_int(t.priority) or not 1 <= t.priority <= 5:
        raise InstanceError(item, "priority", f"must be an integer 1..5, got {show(t.priority)}")
    shift = t.start is not None or t.end is not None
    flexible = t.window is not None or t.minutes is not None
    if shift and flexible:
        raise InstanceError(item, "window", "a task has either start/end or window/minutes, not both")
    if not shift and not flexible:
        raise InstanceError(item, "start", "missing: a task needs start/end or window/minutes")
    if shift:
        if t.start is None:
            raise InstanceError(item, "start", "missing (end is given)")
        if t.end is None:
            raise InstanceError(item, "end", "missing (start is given)")
        start = _check_time(item, "start", t.start)
        end = _check_time(item, "end", t.end)
        if end <= start:
            raise InstanceError(item, "end", f"{end.isoformat()} is not after start {start.isoformat()}")
        if end - start > MAX_TASK_LENGTH:
            raise InstanceError(
                item, "end", f"the shift lasts {_days(end - start)}; at most {_days(MAX_TASK_LENGTH)} are allowed"
            )
        times += (start, end)
        return
    if t.window is None:
        raise InstanceError(item, "window", "missing (minutes is given)")
    if t.minutes is None:
        raise InstanceError(item, "minutes", "missing (window is given)")
    ws, we = _check_interval(item, "window", t.window)
    if we - ws > MAX_TASK_LENGTH:
        raise InstanceError(
            item, "window", f"the window lasts {_days(we - ws)}; at most {_days(MAX_TASK_LENGTH)} are allowed"
        )
    if not _is_int(t.minutes) or t.minutes < 1:
        raise InstanceError(item, "minutes", f"must be an integer >= 1, got {show(t.minutes)}")
    if t.minutes * 60 > (we - ws).total_seconds():
        raise InstanceError(
            item, "minutes", f"{show(t.minutes)} minutes do not fit the window {ws.isoformat()}..{we.isoformat()}"
        )
    times += (ws, we)


def _validate_fixed(
    k: int, p: Placement, vids: set[str], tasks: Mapping[str, Task], seen: set[tuple[str, str]]
) -> datetime | None:
    item = f"fixed[{k}]"
    if not isinstance(p.volunteer, str) or p.volunteer not in vids:
        raise InstanceError(item, "volunteer", f"unknown volunteer id {show(p.volunteer)}")
    if not isinstance(p.task, str) or p.task not in tasks:
        raise InstanceError(item, "task", f"unknown task id {show(p.task)}")
    if (p.volunteer, p.task) in seen:
        raise InstanceError(item, "task", f"volunteer {show(p.volunteer)} is already placed on task {show(p.task)}")
    seen.add((p.volunteer, p.task))
    task = tasks[p.task]
    if task.window is None:
        if p.start is not None:
            start = _check_time(item, "start", p.start)
            if start != task.start:
                raise InstanceError(item, "start", f"{start.isoformat()} is not the start of shift {show(p.task)}")
        return None
    if p.start is None:
        raise InstanceError(item, "start", f"missing: required for flexible task {show(p.task)}")
    start = _check_time(item, "start", p.start)
    ws, we = task.window
    assert task.minutes is not None
    if start < ws or start + timedelta(minutes=task.minutes) > we or (start - ws) % FLEX_STEP:
        raise InstanceError(
            item, "start", f"{start.isoformat()} is not a 15-minute step inside the window of {show(p.task)}"
        )
    return start


def _check_count(name: str, items: Sequence[object], limit: int) -> None:
    if len(items) > limit:
        raise InstanceError("instance", name, f"has {len(items):,} entries; at most {limit:,} are allowed")


def _check_span(inst: Instance, times: list[datetime]) -> None:
    """Every date-time of the instance lies within ``MAX_SPAN`` of the others."""
    if not times:
        return
    first, last = min(times), max(times)
    if last - first <= MAX_SPAN:
        return
    # Name an item at each end (the slow way, only for a file that is refused).
    where: dict[datetime, str] = {}
    for i, v in enumerate(inst.volunteers):
        item = _item("volunteers", i, v.id)
        for k, (a, b) in enumerate(v.free):
            where.setdefault(a, f"{item} free[{k}]")
            where.setdefault(b, f"{item} free[{k}]")
        for k, c in enumerate(v.caps):
            where.setdefault(c.start, f"{item} caps[{k}]")
            where.setdefault(c.end, f"{item} caps[{k}]")
    for j, t in enumerate(inst.tasks):
        item = _item("tasks", j, t.id)
        named = [("start", t.start), ("end", t.end), *(("window", w) for w in (t.window or ()))]
        for name, dt in named:
            if dt is not None:
                where.setdefault(dt, f"{item} {name}")
    late = where.get(last, "instance")
    item, _, name = late.rpartition(" ")
    raise InstanceError(
        item or "instance",
        name or "*",
        f"{last.isoformat()} is {_days(last - first)} after {first.isoformat()} ({where.get(first, '?')}); "
        f"the date-times of one file must lie within {_days(MAX_SPAN)}",
    )


def _validate(inst: Instance) -> None:
    _check_count("volunteers", inst.volunteers, MAX_VOLUNTEERS)
    _check_count("tasks", inst.tasks, MAX_TASKS)
    _check_count("fixed", inst.fixed, MAX_FIXED)
    _check_count("excluded", inst.excluded, MAX_EXCLUDED)
    seen: set[str] = set()
    times: list[datetime] = []
    for i, v in enumerate(inst.volunteers):
        if not isinstance(v, Volunteer):
            raise InstanceError(f"volunteers[{i}]", "*", f"must be a Volunteer, got {type(v).__name__}")
        _validate_volunteer(i, v, seen, times)
    vids = seen
    seen = set()
    required: set[str] = set()
    for j, t in enumerate(inst.tasks):
        if not isinstance(t, Task):
            raise InstanceError(f"tasks[{j}]", "*", f"must be a Task, got {type(t).__name__}")
        _validate_task(j, t, seen, times)
        required.update(t.requires)
        if len(required) > MAX_SKILL_NAMES:
            raise InstanceError(
                _item("tasks", j, t.id), "requires", f"the tasks require more than {MAX_SKILL_NAMES} distinct skills"
            )
    tasks = {t.id: t for t in inst.tasks}
    pairs: set[tuple[str, str]] = set()
    for k, p in enumerate(inst.fixed):
        if not isinstance(p, Placement):
            raise InstanceError(f"fixed[{k}]", "*", f"must be a Placement, got {type(p).__name__}")
        _validate_fixed(k, p, vids, tasks, pairs)
    for k, x in enumerate(inst.excluded):
        item = f"excluded[{k}]"
        if not isinstance(x, Exclusion):
            raise InstanceError(item, "*", f"must be an Exclusion, got {type(x).__name__}")
        if not isinstance(x.volunteer, str) or x.volunteer not in vids:
            raise InstanceError(item, "volunteer", f"unknown volunteer id {show(x.volunteer)}")
        if not isinstance(x.task, str) or x.task not in tasks:
            raise InstanceError(item, "task", f"unknown task id {show(x.task)}")
    _check_span(inst, times)


# --------------------------------------------------------------------------- JSON in


_MISSING = object()


def _get(obj: Mapping[str, Any], item: str, key: str, *, required: bool = True) -> Any:
    if key not in obj:
        if required:
            raise InstanceError(item, key, "missing")
        return _MISSING
    return obj[key]


#: Parsed date-times by their text: a city-week repeats a few hundred distinct instants
#: thousands of times, and datetimes are immutable, so sharing them is safe.
_TIMES: dict[str, datetime] = {}


def _parse_time(item: str, name: str, value: object) -> datetime:
    if type(value) is str:
        known = _TIMES.get(value)
        if known is not None:
            return known
    if not isinstance(value, str):
        raise InstanceError(item, name, f"must be an ISO 8601 string, got {show(value)}")
    if len(value) > MAX_TIME_CHARS:
        raise InstanceError(item, name, f"{show(value)} is not an ISO 8601 date-time (too long)")
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise InstanceError(item, name, f"{show(value)} is not an ISO 8601 date-time") from None
    if dt.tzinfo is None:
        raise InstanceError(item, name, f"{show(value)} has no UTC offset")
    _check_time(item, name, dt)
    if len(_TIMES) < 100_000:
        _TIMES[value] = dt
    return dt


def _parse_interval(item: str, name: str, value: object) -> Interval:
    if not isinstance(value, list) or len(value) != 2:
        raise InstanceError(item, name, f"must be [start, end], got {show(value)}")
    return _parse_time(item, name, value[0]), _parse_time(item, name, value[1])


def _parse_location(item: str, value: object) -> LatLon | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 2 or not all(_is_number(x) for x in value):
        raise InstanceError(item, "location", f"must be [latitude, longitude] or null, got {show(value)}")
    _check_location(item, value)
    return float(value[0]), float(value[1])


def _parse_object(item: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InstanceError(item, "*", f"must be an object, got {show(value)}")
    return value


def _parse_list(item: str, name: str, value: object, limit: int, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise InstanceError(item, name, f"must be a list of {what}, got {show(value)}")
    if len(value) > limit:
        raise InstanceError(item, name, f"has {len(value):,} entries; at most {limit:,} are allowed")
    return value


def _parse_volunteer(i: int, raw: object) -> Volunteer:
    obj = _parse_object(f"volunteers[{i}]", raw)
    item = _item("volunteers", i, obj.get("id"))
    ident = _get(obj, item, "id")
    location = _parse_location(item, _get(obj, item, "location"))
    radius = _get(obj, item, "radius_km")
    if not _is_number(radius):
        raise InstanceError(item, "radius_km", f"must be a number, got {show(radius)}")
    skills = _get(obj, item, "skills")
    _check_levels(item, "skills", skills)
    free_raw = _parse_list(item, "free", _get(obj, item, "free"), MAX_FREE_INTERVALS, "[start, end]")
    free = [_parse_interval(item, f"free[{k}]", iv) for k, iv in enumerate(free_raw)]
    mm = obj.get("max_minutes")
    if mm is not None and not _is_number(mm):
        raise InstanceError(item, "max_minutes", f"must be a number or null, got {show(mm)}")
    caps_raw = _parse_list(item, "caps", obj.get("caps", []), MAX_CAPS, "{from, to, max_minutes}")
    caps = []
    for k, raw in enumerate(caps_raw):
        name = f"caps[{k}]"
        if not isinstance(raw, dict):
            raise InstanceError(item, name, f"must be an object with from, to, max_minutes, got {show(raw)}")
        for key in ("from", "to", "max_minutes"):
            if key not in raw:
                raise InstanceError(item, f"{name}.{key}", "missing")
        cm = raw["max_minutes"]
        if not _is_number(cm):
            raise InstanceError(item, f"{name}.max_minutes", f"must be a number, got {show(cm)}")
        caps.append(Cap(_parse_time(item, f"{name}.from", raw["from"]), _parse_time(item, f"{name}.to", raw["to"]), cm))
    return Volunteer(id=ident, location=location, radius_km=radius, skills=skills, free=free, max_minutes=mm, caps=caps)


def _parse_task(j: int, raw: object) -> Task:
    obj = _parse_object(f"tasks[{j}]", raw)
    item = _item("tasks", j, obj.get("id"))
    ident = _get(obj, item, "id")
    location = _parse_location(item, _get(obj, item, "location"))
    requires = _get(obj, item, "requires")
    _check_levels(item, "requires", requires)
    slots = _get(obj, item, "slots")
    priority = obj.get("priority", 1)
    if "window" in obj and ("start" in obj or "end" in obj):
        raise InstanceError(item, "window", "a task has either start/end or window/minutes, not both")
    if "window" in obj or "minutes" in obj:
        window = _parse_interval(item, "window", _get(obj, item, "window"))
        minutes = _get(obj, item, "minutes")
        return Task(ident, location, slots, requires, priority, window=window, minutes=minutes)
    start = _parse_time(item, "start", _get(obj, item, "start"))
    end = _parse_time(item, "end", _get(obj, item, "end"))
    return Task(ident, location, slots, requires, priority, start=start, end=end)


def _parse_fixed(k: int, raw: object) -> Placement:
    item = f"fixed[{k}]"
    obj = _parse_object(item, raw)
    start_raw = obj.get("start")
    start = None if start_raw is None else _parse_time(item, "start", start_raw)
    return Placement(_get(obj, item, "volunteer"), _get(obj, item, "task"), start)


_LIMITS = {"volunteers": MAX_VOLUNTEERS, "tasks": MAX_TASKS, "fixed": MAX_FIXED, "excluded": MAX_EXCLUDED}


def parse_instance(data: object) -> Instance:
    """Parse and validate an instance given as decoded JSON; raise ``InstanceError`` if broken."""
    obj = _parse_object("instance", data)
    fmt = _get(obj, "instance", "format")
    if fmt != INSTANCE_FORMAT:
        raise InstanceError("instance", "format", f"expected {INSTANCE_FORMAT!r}, got {show(fmt)}")
    version = _get(obj, "instance", "version")
    if not _is_int(version) or version != FORMAT_VERSION:
        raise InstanceError("instance", "version", f"expected {FORMAT_VERSION}, got {show(version)}")
    lists: dict[str, list[Any]] = {}
    for key, limit in _LIMITS.items():
        value = _get(obj, "instance", key, required=key in ("volunteers", "tasks"))
        if value is _MISSING:
            value = []
        if not isinstance(value, list):
            raise InstanceError("instance", key, f"must be a list, got {type(value).__name__}")
        _check_count(key, value, limit)
        lists[key] = value
    volunteers = [_parse_volunteer(i, raw) for i, raw in enumerate(lists["volunteers"])]
    tasks = [_parse_task(j, raw) for j, raw in enumerate(lists["tasks"])]
    fixed = [_parse_fixed(k, raw) for k, raw in enumerate(lists["fixed"])]
    excluded = []
    for k, raw in enumerate(lists["excluded"]):
        item = f"excluded[{k}]"
        pair = _parse_object(item, raw)
        excluded.append(Exclusion(_get(pair, item, "volunteer"), _get(pair, item, "task")))
    return Instance(volunteers, tasks, fixed, excluded)


# Byte order marks: UTF-8's is skipped (some editors write it); the others mean another encoding.
_OTHER_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def _json_int(text: str) -> int | Unreadable:
    # Python refuses to build ints of more than 4,300 digits (and numpy any beyond 64 bits):
    # a long one is kept as text for the field's own check to refuse by name.
    return int(text) if len(text) <= 30 else Unreadable(text)


def _json_float(text: str) -> float | Unreadable:
    value = float(text)
    return value if math.isfinite(value) else Unreadable(text)


def _json_constant(text: str) -> object:
    raise _NotJson(f"{text} is not a JSON number (JSON has no NaN or Infinity)")


class _NotJson(ValueError):
    pass


def decode_instance(raw: bytes, source: str) -> Instance:
    """Decode an instance file's bytes (UTF-8 JSON, at most ``MAX_FILE_BYTES``) and validate it.

    Every problem is an ``InstanceError`` naming ``source`` or the item and field; nothing
    here grows beyond a small multiple of the file's size.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise InstanceError(source, "file", f"is larger than {MAX_FILE_BYTES // 2**20} MB (the most a file may be)")
    for bom, name in _OTHER_BOMS:
        if raw.startswith(bom):
            raise InstanceError(source, "file", f"is {name} text; save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:4096]:
        raise InstanceError(source, "file", "holds NUL bytes: it is not UTF-8 JSON (UTF-16 perhaps?); save it as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InstanceError(
            source, "file", f"is not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} (line {line})"
        ) from None
    del raw
    values = text.count(",")
    if values > MAX_JSON_VALUES:
        raise InstanceError(source, "json", f"holds {values:,} values; at most {MAX_JSON_VALUES:,} are allowed")
    try:
        data = json.loads(text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise InstanceError(source, "json", f"line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except _NotJson as exc:
        raise InstanceError(source, "json", str(exc)) from None
    except RecursionError:
        raise InstanceError(source, "json", "lists or objects are nested too deeply to read") from None
    del text
    return parse_instance(data)


def load_instance(path: str | PathLike[str]) -> Instance:
    """Read an instance file (at most ``MAX_FILE_BYTES``); every problem with its content is an
    ``InstanceError`` (malformed JSON names line and column); ``OSError`` if it cannot be read."""
    with open(path, "rb") as fh:
        raw = fh.read(MAX_FILE_BYTES + 1)
    return decode_instance(raw, str(path))


# --------------------------------------------------------------------------- JSON out


def _iso(dt: datetime) -> str:
    return dt.isoformat()


def instance_to_json(instance: Instance) -> dict[str, Any]:
    """Export an instance in the file format (round-trips through ``parse_instance``)."""
    vols: list[dict[str, Any]] = []
    for v in instance.volunteers:
        vd: dict[str, Any] = {
            "id": v.id,
            "location": None if v.location is None else [v.location[0], v.location[1]],
            "radius_km": v.radius_km,
            "skills": dict(v.skills),
            "free": [[_iso(a), _iso(b)] for a, b in v.free],
        }
        if v.max_minutes is not None:
            vd["max_minutes"] = v.max_minutes
        if v.caps:
            vd["caps"] = [{"from": _iso(c.start), "to": _iso(c.end), "max_minutes": c.max_minutes} for c in v.caps]
        vols.append(vd)
    tasks: list[dict[str, Any]] = []
    for t in instance.tasks:
        td: dict[str, Any] = {
            "id": t.id,
            "location": None if t.location is None else [t.location[0], t.location[1]],
            "requires": dict(t.requires),
            "slots": t.slots,
            "priority": t.priority,
        }
        if t.window is not None:
            td["window"] = [_iso(t.window[0]), _iso(t.window[1])]
            td["minutes"] = t.minutes
        else:
            assert t.start is not None and t.end is not None
            td["start"] = _iso(t.start)
            td["end"] = _iso(t.end)
        tasks.append(td)
    out: dict[str, Any] = {"format": INSTANCE_FORMAT, "version": FORMAT_VERSION, "volunteers": vols, "tasks": tasks}
    if instance.fixed:
        out["fixed"] = [
            {"volunteer": p.volunteer, "task": p.task, **({} if p.start is None else {"start": _iso(p.start)})}
            for p in instance.fixed
        ]
    if instance.excluded:
        out["excluded"] = [{"volunteer": x.volunteer, "task": x.task} for x in instance.excluded]
    return out
