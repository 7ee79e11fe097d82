"""Numeric (numpy column) form of an instance, shared by ``assign`` and ``suggest``.

Times are integer microseconds since the Unix epoch (int64): exact for any ISO input, so a
stint that touches the end of a free interval is never lost or gained through rounding.
Existing placements (``fixed``) are folded in here once: they are cut out of the volunteer's
free time, their minutes come off the cap and their slots off the task.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from volunteer_app.domain.intervals import merge

from .instance import FLEX_STEP, Instance, Task, Volunteer

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
STEP_US = FLEX_STEP // _US
MINUTE_US = 60_000_000
#: Stands in for "no minute cap"; far above any real total, far below int64 overflow.
NO_CAP = np.int64(2**62)

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
U64 = npt.NDArray[np.uint64]
B = npt.NDArray[np.bool_]


def to_us(dt: datetime) -> int:
    """Exact microseconds since the epoch of an aware datetime."""
    return (dt - EPOCH) // _US


def from_us(us: int, like: datetime) -> datetime:
    """Datetime for ``us`` shown in the UTC offset of ``like``."""
    return (EPOCH + timedelta(microseconds=int(us))).astimezone(like.tzinfo)


class SkillCodec:
    """Encodes skill levels as bitmasks so "fits" is one vectorised AND per word.

    Bit (skill, level) is set for a volunteer for every level up to theirs, and for a task
    only at the level it requires: the task fits when ``task_bits & ~volunteer_bits == 0``.
    """

    def __init__(self, names: list[str]) -> None:
        self.names = sorted(set(names))
        self.index = {n: i for i, n in enumerate(self.names)}
        self.words = max(1, (5 * len(self.names) + 63) // 64)

    def _bit(self, skill: int, level: int) -> tuple[int, int]:
        b = skill * 5 + (level - 1)
        return b // 64, b % 64

    def volunteer_masks(self, skill_maps: list[dict[str, int]]) -> U64:
        """Masks for volunteers (levels up to the volunteer's own); unknown skills are ignored."""
        out = np.zeros((len(skill_maps), self.words), dtype=np.uint64)
        for i, skills in enumerate(skill_maps):
            for name, level in skills.items():
                s = self.index.get(name)
                if s is None:
                    continue
                for lv in range(1, level + 1):
                    w, b = self._bit(s, lv)
                    out[i, w] |= np.uint64(1 << b)
        return out

    def task_masks(self, requires: list[dict[str, int]]) -> U64:
        """Masks for tasks (one bit per required skill, at the required level)."""
        out = np.zeros((len(requires), self.words), dtype=np.uint64)
        for j, req in enumerate(requires):
            for name, level in req.items():
                w, b = self._bit(self.index[name], level)
                out[j, w] |= np.uint64(1 << b)
        return out


def fits_skills(t_mask: U64, v_mask: U64) -> B:
    """Row-wise: does each volunteer mask cover the paired task mask?"""
    ok: B = ((t_mask & ~v_mask) == 0).all(axis=1)
    return ok


@dataclass
class TaskArrays:
    """Task columns. ``start``/``end`` are the shift, or the window for flexible tasks."""

    tasks: tuple[Task, ...]
    has_loc: B
    lat: F64
    lon: F64
    mask: U64
    slots: I64
    priority: I64
    flexible: B
    start: I64
    end: I64
    dur: I64


@dataclass
class VolunteerArrays:
    """Volunteer columns; free time is merged, minus busy time, as CSR segments."""

    volunteers: tuple[Volunteer, ...]
    has_loc: B
    lat: F64
    lon: F64
    radius: F64
    mask: U64
    cap: I64
    seg_ptr: I64
    seg_start: I64
    seg_end: I64
    #: Windowed caps (1.1 ``caps``) as CSR by volunteer: placements starting in [from, to) may
    #: add up to ``cap_left`` more (the cap minus existing placements that start there).
    cap_ptr: I64
    cap_from: I64
    cap_to: I64
    cap_left: I64


def _loc_columns(locs: list[tuple[float, float] | None]) -> tuple[B, F64, F64]:
    has = np.array([loc is not None for loc in locs], dtype=bool)
    lat = np.array([np.nan if loc is None else loc[0] for loc in locs], dtype=np.float64)
    lon = np.array([np.nan if loc is None else loc[1] for loc in locs], dtype=np.float64)
    return has, lat, lon


def build_tasks(tasks: Sequence[Task], codec: SkillCodec) -> TaskArrays:
    """Columns for all tasks (slots before existing placements are taken off)."""
    has, lat, lon = _loc_columns([t.location for t in tasks])
    flexible = np.array([t.window is not None for t in tasks], dtype=bool)
    starts: list[int] = []
    ends: list[int] = []
    durs: list[int] = []
    for t in tasks:
        if t.window is not None:
            assert t.minutes is not None
            s, e = to_us(t.window[0]), to_us(t.window[1])
            starts.append(s)
            ends.append(e)
            durs.append(t.minutes * MINUTE_US)
        else:
            assert t.start is not None and t.end is not None
            s, e = to_us(t.start), to_us(t.end)
            starts.append(s)
            ends.append(e)
            durs.append(e - s)
    return TaskArrays(
        tasks=tuple(tasks),
        has_loc=has,
        lat=lat,
        lon=lon,
        mask=codec.task_masks([dict(t.requires) for t in tasks]),
        slots=np.array([t.slots for t in tasks], dtype=np.int64),
        priority=np.array([t.priority for t in tasks], dtype=np.int64),
        flexible=flexible,
        start=np.array(starts, dtype=np.int64),
        end=np.array(ends, dtype=np.int64),
        dur=np.array(durs, dtype=np.int64),
    )


def merge_free(free: list[tuple[int, int]], busy: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of free intervals (overlapping or touching ones merge), minus busy intervals.

    One sweep over both sorted lists: linear after the sort, however many intervals and
    existing placements a volunteer has (``domain.intervals.subtract`` compares every pair).
    """
    if not busy:
        return merge(free)
    holes = merge(busy)
    out: list[tuple[int, int]] = []
    h = 0
    for start, end in merge(free):
        cursor = start
        while h < len(holes) and holes[h][1] <= cursor:
            h += 1
        k = h
        while k < len(holes) and holes[k][0] < end:
            if holes[k][0] > cursor:
                out.append((cursor, holes[k][0]))
            cursor = max(cursor, holes[k][1])
            if cursor >= end:
                break
            k += 1
        if cursor < end:
            out.append((cursor, end))
    return out


def build_volunteers(
    volunteers: Sequence[Volunteer],
    codec: SkillCodec,
    busy: dict[int, list[tuple[int, int]]],
    used: dict[int, int],
) -> VolunteerArrays:
    """Columns for volunteers; ``busy``/``used`` (by volunteer position) come from existing placements."""
    has, lat, lon = _loc_columns([v.location for v in volunteers])
    caps = np.empty(len(volunteers), dtype=np.int64)
    ptr = np.zeros(len(volunteers) + 1, dtype=np.int64)
    seg_s: list[int] = []
    seg_e: list[int] = []
    cptr = np.zeros(len(volunteers) + 1, dtype=np.int64)
    c_from: list[int] = []
    c_to: list[int] = []
    c_left: list[int] = []
    # Parsed files share one datetime object per distinct instant: convert each once.
    seen: dict[int, tuple[datetime, int]] = {}

    def us(dt: datetime) -> int:
        hit = seen.get(id(dt))
        if hit is not None and hit[0] is dt:
            return hit[1]
        value = to_us(dt)
        seen[id(dt)] = (dt, value)
        return value

    for i, v in enumerate(volunteers):
        for c in v.caps:
            a, b = us(c.start), us(c.end)
            held = sum(e - s for s, e in busy.get(i, ()) if a <= s < b)
            c_from.append(a)
            c_to.append(b)
            c_left.append(max(0, int(c.max_minutes * MINUTE_US) - held))
        cptr[i + 1] = len(c_from)
        segs = merge_free([(us(a), us(b)) for a, b in v.free], busy.get(i, []))
        for s, e in segs:
            seg_s.append(s)
            seg_e.append(e)
        ptr[i + 1] = len(seg_s)
        if v.max_minutes is None:
            caps[i] = NO_CAP
        else:
            caps[i] = max(0, int(v.max_minutes * MINUTE_US) - used.get(i, 0))
    return VolunteerArrays(
        volunteers=tuple(volunteers),
        has_loc=has,
        lat=lat,
        lon=lon,
        radius=np.array([float(v.radius_km) for v in volunteers], dtype=np.float64),
        mask=codec.volunteer_masks([dict(v.skills) for v in volunteers]),
        cap=caps,
        seg_ptr=ptr,
        seg_start=np.array(seg_s, dtype=np.int64),
        seg_end=np.array(seg_e, dtype=np.int64),
        cap_ptr=cptr,
        cap_from=np.array(c_from, dtype=np.int64),
        cap_to=np.array(c_to, dtype=np.int64),
        cap_left=np.array(c_left, dtype=np.int64),
    )


@dataclass
class Model:
    """Everything the engine needs as arrays, with existing placements folded in."""

    instance: Instance
    codec: SkillCodec
    tasks: TaskArrays
    vols: VolunteerArrays
    open_slots: I64
    #: (volunteer position, task position) pairs already placed: never placed again.
    fixed_pairs: set[tuple[int, int]]
    #: pairs never to place (``fixed`` plus ``excluded``) as sorted ``volunteer * n_tasks + task``
    #: keys, for vectorised tests.
    never_keys: I64
    #: existing placements beyond a task's slots (tolerated, reported in stats).
    over_slots: int


def fixed_intervals(instance: Instance) -> list[tuple[int, int, int, int]]:
    """Existing placements as (volunteer pos, task pos, start us, end us)."""
    vix, tix = instance.volunteer_index(), instance.task_index()
    out = []
    for p in instance.fixed:
        j = tix[p.task]
        t = instance.tasks[j]
        if t.window is not None:
            assert p.start is not None and t.minutes is not None
            s = to_us(p.start)
            e = s + t.minutes * MINUTE_US
        else:
            assert t.start is not None and t.end is not None
            s, e = to_us(t.start), to_us(t.end)
        out.append((vix[p.volunteer], j, s, e))
    return out


def skill_names(instance: Instance) -> list[str]:
    """Every skill name a task requires (volunteer-only skills never matter)."""
    return [name for t in instance.tasks for name in t.requires]


def build_model(instance: Instance) -> Model:
    """Compile an instance to arrays (cached on the instance object)."""
    cached = instance.__dict__.get("_model")
    if isinstance(cached, Model):
        return cached
    codec = SkillCodec(skill_names(instance))
    tasks = build_tasks(instance.tasks, codec)
    busy: dict[int, list[tuple[int, int]]] = {}
    used: dict[int, int] = {}
    taken = np.zeros(len(instance.tasks), dtype=np.int64)
    pairs: set[tuple[int, int]] = set()
    for i, j, s, e in fixed_intervals(instance):
        busy.setdefault(i, []).append((s, e))
        used[i] = used.get(i, 0) + (e - s)
        taken[j] += 1
        pairs.add((i, j))
    vols = build_volunteers(instance.volunteers, codec, busy, used)
    over = int(np.maximum(taken - tasks.slots, 0).sum())
    vix, tix = instance.volunteer_index(), instance.task_index()
    never = pairs | {(vix[x.volunteer], tix[x.task]) for x in instance.excluded}
    keys = np.array(sorted(i * len(instance.tasks) + j for i, j in never), dtype=np.int64)
    model = Model(instance, codec, tasks, vols, np.maximum(tasks.slots - taken, 0), pairs, keys, over)
    # Instance is frozen; the cache is an implementation detail outside its fields.
    object.__setattr__(instance, "_model", model)
    return model
