"""Vectorised candidate building: which volunteer can take which task, where in their free time.

Pipeline, cheapest filter first, never a Python loop over pairs:
1. space: k-d trees on ECEF points, one query per radius class (see ``distance``); remote
   tasks pair with everyone;
2. skills: bitmask test;
3. time: the merged free segment that contains a shift (one ``searchsorted``), or, for a
   flexible task, every free segment with a 15-minute-grid start that fits;
4. exact geodesic and the radius rule.

A candidate *row* is (volunteer, task, free segment, first start, last start): a flexible task
may fit several free segments of one volunteer, each a row; a shift has one row, lo == hi.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from .distance import CHORD_SLACK, ecef_km, geodesic_km, within_reach
from .model import STEP_US, Model, TaskArrays, VolunteerArrays, fits_skills

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

#: Neighbouring radius classes differ by this factor, so a class query wastes at most ~1.56x pairs.
_RADIUS_CLASS_RATIO = 1.25
#: Volunteers per spatial query and remote pairs per chunk: bounds peak memory.
_CHUNK_VOLUNTEERS = 2048
_CHUNK_PAIRS = 2_000_000
#: Width of the time buckets that pair volunteers with tasks before space is looked at.
_BUCKET_US = 2 * 3600 * 1_000_000


@dataclass
class Candidates:
    """Candidate rows sorted by (task, value desc, volunteer, segment), with a CSR index by task."""

    v: I64
    t: I64
    seg: I64
    lo: I64
    hi: I64
    dist: F64
    value: F64
    t_ptr: I64
    spatial_pairs: int

    def __len__(self) -> int:
        return len(self.v)


@dataclass
class Rows:
    """Unsorted candidate rows (what the filters return)."""

    v: I64
    t: I64
    seg: I64
    lo: I64
    hi: I64
    dist: F64

    @staticmethod
    def concat(parts: list[Rows]) -> Rows:
        """Concatenate chunks (an empty list gives empty rows)."""
        if not parts:
            z = np.zeros(0, dtype=np.int64)
            return Rows(z, z, z, z, z, np.zeros(0, dtype=np.float64))
        return Rows(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("v", "t", "seg", "lo", "hi", "dist")))


def sorted_unique(a: I64) -> I64:
    """Sorted distinct values (sort-based: far faster than ``np.unique`` on big int arrays)."""
    a = np.sort(a)
    if len(a) < 2:
        return a
    keep = np.empty(len(a), dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


class TimeIndex:
    """Finds a volunteer's free segments around given instants, for many pairs at once.

    Segment bounds and task instants are rank-compressed so ``volunteer * M + rank`` is one
    sortable int64 key, whatever the time span of the instance. Every instant ever looked up
    is among the ranked times, so comparing ranks is exactly comparing times.
    """

    def __init__(self, vols: VolunteerArrays, tasks: TaskArrays) -> None:
        self.vols = vols
        self.times = sorted_unique(np.concatenate((vols.seg_start, vols.seg_end, tasks.start, tasks.end)))
        self.m = np.int64(len(self.times) + 1)
        owner = np.repeat(np.arange(len(vols.seg_ptr) - 1, dtype=np.int64), np.diff(vols.seg_ptr))
        self.start_keys = owner * self.m + np.searchsorted(self.times, vols.seg_start)
        self.end_keys = owner * self.m + np.searchsorted(self.times, vols.seg_end)

    def _key(self, v: I64, instant: I64) -> I64:
        return v * self.m + np.searchsorted(self.times, instant)

    def containing(self, v: I64, start: I64, end: I64) -> tuple[npt.NDArray[np.bool_], I64]:
        """(ok, segment): is [start, end] inside one free segment of v, and which."""
        idx = np.searchsorted(self.start_keys, self._key(v, start), side="right") - 1
        ok = idx >= self.vols.seg_ptr[v]
        idx = np.where(ok, idx, 0)
        if len(self.vols.seg_end):
            ok &= self.vols.seg_end[idx] >= end
        return ok, idx

    def overlapping(self, v: I64, start: I64, end: I64) -> tuple[I64, I64]:
        """(first, count): v's segments that overlap the open interval (start, end)."""
        first = np.searchsorted(self.end_keys, self._key(v, start), side="right")
        last = np.searchsorted(self.start_keys, self._key(v, end), side="left") - 1
        return first, np.maximum(last - first + 1, 0)


def flexible_rows(tindex: TimeIndex, tasks: TaskArrays, v: I64, t: I64) -> tuple[I64, I64, I64, I64, I64]:
    """Explode (volunteer, flexible task) pairs over the volunteer's segments that overlap the window.

    Returns (pair index, segment, first start, last start, task) for the segments where a stint
    fits, starts on the 15-minute grid counted from the window start.
    """
    vols = tindex.vols
    first_seg, counts = tindex.overlapping(v, tasks.start[t], tasks.end[t])
    pair = np.repeat(np.arange(len(v), dtype=np.int64), counts)
    first = np.cumsum(counts) - counts
    seg = first_seg[pair] + (np.arange(len(pair), dtype=np.int64) - first[pair])
    tj = t[pair]
    ws, we, dur = tasks.start[tj], tasks.end[tj], tasks.dur[tj]
    lo = np.maximum(vols.seg_start[seg], ws)
    last = np.minimum(vols.seg_end[seg], we) - dur
    # Round the first start up and the last start down onto the window's 15-minute grid.
    lo_g = ws + -((ws - lo) // STEP_US) * STEP_US
    hi_g = ws + ((last - ws) // STEP_US) * STEP_US
    keep = lo_g <= hi_g
    return pair[keep], seg[keep], lo_g[keep], hi_g[keep], tj[keep]


def filter_pairs(model: Model, tindex: TimeIndex, v: I64, t: I64) -> Rows:
    """Apply skills, time and exact distance to (volunteer, task) pairs; return fitting rows."""
    vols, tasks = model.vols, model.tasks
    keep = fits_skills(tasks.mask[t], vols.mask[v])
    if len(model.never_keys):
        key = v * len(tasks.tasks) + t
        pos = np.minimum(np.searchsorted(model.never_keys, key), len(model.never_keys) - 1)
        keep &= model.never_keys[pos] != key
    keep &= model.open_slots[t] > 0
    v, t = v[keep], t[keep]
    flex = tasks.flexible[t]
    vs, ts = v[~flex], t[~flex]
    ok, seg = tindex.containing(vs, tasks.start[ts], tasks.end[ts])
    vs, ts, seg = vs[ok], ts[ok], seg[ok]
    pf, segf, lof, hif, tf = flexible_rows(tindex, tasks, v[flex], t[flex])
    rv = np.concatenate((vs, v[flex][pf]))
    rt = np.concatenate((ts, tf))
    rseg = np.concatenate((seg, segf))
    rlo = np.concatenate((tasks.start[ts], lof))
    rhi = np.concatenate((tasks.start[ts], hif))
    dist = np.zeros(len(rv), dtype=np.float64)
    located = tasks.has_loc[rt]
    if located.any():
        lv, lt = rv[located], rt[located]
        dist[located] = geodesic_km(vols.lat[lv], vols.lon[lv], tasks.lat[lt], tasks.lon[lt])
    reach = ~located | within_reach(dist, vols.radius[rv])
    return Rows(rv[reach], rt[reach], rseg[reach], rlo[reach], rhi[reach], dist[reach])


def _expand(start: I64, end: I64, width: int) -> tuple[I64, I64]:
    """(item index, time bucket) for every bucket of ``width`` each [start, end) interval touches."""
    b0 = start // width
    n = (end - 1) // width - b0 + 1
    item = np.repeat(np.arange(len(start), dtype=np.int64), n)
    first = np.cumsum(n) - n
    return item, b0[item] + (np.arange(len(item), dtype=np.int64) - first[item])


def _group(bucket: I64, item: I64) -> dict[int, I64]:
    """Items per bucket, deduplicated and in ascending order (deterministic)."""
    order = np.lexsort((item, bucket))
    bucket, item = bucket[order], item[order]
    keep = np.ones(len(item), dtype=bool)
    keep[1:] = (bucket[1:] != bucket[:-1]) | (item[1:] != item[:-1])
    bucket, item = bucket[keep], item[keep]
    cuts = np.flatnonzero(np.diff(bucket)) + 1
    return {int(b[0]): it for b, it in zip(np.split(bucket, cuts), np.split(item, cuts), strict=True) if len(b)}


class _Space:
    """ECEF points and radius classes, computed once for all time buckets."""

    def __init__(self, model: Model) -> None:
        vols, tasks = model.vols, model.tasks
        self.v_xyz = np.full((len(vols.volunteers), 3), np.nan)
        if vols.has_loc.any():
            self.v_xyz[vols.has_loc] = ecef_km(vols.lat[vols.has_loc], vols.lon[vols.has_loc])
        self.t_xyz = np.full((len(tasks.tasks), 3), np.nan)
        if tasks.has_loc.any():
            self.t_xyz[tasks.has_loc] = ecef_km(tasks.lat[tasks.has_loc], tasks.lon[tasks.has_loc])
        self.radius = vols.radius
        rmin = float(vols.radius.min()) if len(vols.radius) else 1.0
        self.cls = np.floor(np.log(vols.radius / rmin) / np.log(_RADIUS_CLASS_RATIO)).astype(np.int64)
        self.v_has = vols.has_loc
        self.t_has = tasks.has_loc

    def pairs(self, v: I64, t: I64) -> Iterator[tuple[I64, I64]]:
        """Pairs among volunteers ``v`` x tasks ``t`` whose chord is within the volunteer's radius."""
        remote = t[~self.t_has[t]]
        if len(remote):
            yield np.tile(v, len(remote)), np.repeat(remote, len(v))
        lv = v[self.v_has[v]]
        lt = t[self.t_has[t]]
        if not len(lv) or not len(lt):
            return
        t_tree = cKDTree(self.t_xyz[lt])
        order = np.lexsort((lv, self.cls[lv]))
        lv = lv[order]
        cuts = np.flatnonzero(np.diff(self.cls[lv])) + 1
        for group in np.split(lv, cuts):
            for k in range(0, len(group), _CHUNK_VOLUNTEERS):
                part = group[k : k + _CHUNK_VOLUNTEERS]
                r = self.radius[part]
                rmax = float(r.max()) * (1 + CHORD_SLACK)
                hits = cKDTree(self.v_xyz[part]).sparse_distance_matrix(t_tree, rmax, output_type="ndarray")
                pi = hits["i"].astype(np.int64)
                near = hits["v"] <= r[pi] * (1 + CHORD_SLACK)
                yield part[pi[near]], lt[hits["j"][near].astype(np.int64)]


def spatial_pairs(model: Model) -> Iterator[tuple[I64, I64]]:
    """Yield chunks of (volunteer, task) pairs that may fit in space and time.

    Time buckets first: a shift can only fit a volunteer with a free segment touching the bucket
    of the shift's start, so each bucket pairs its volunteers with its shifts only. A flexible
    task sits in every bucket its window touches, so its pairs may repeat (deduplicated later).
    """
    vols, tasks = model.vols, model.tasks
    open_t = np.flatnonzero(model.open_slots > 0)
    if not len(open_t) or not len(vols.seg_start):
        return
    owner = np.repeat(np.arange(len(vols.volunteers), dtype=np.int64), np.diff(vols.seg_ptr))
    seg, sb = _expand(vols.seg_start, vols.seg_end, _BUCKET_US)
    v_in = _group(sb, owner[seg])
    flex = tasks.flexible[open_t]
    shifts = open_t[~flex]
    fl = open_t[flex]
    fi, fb = _expand(tasks.start[fl], tasks.end[fl], _BUCKET_US)
    t_in = _group(np.concatenate((tasks.start[shifts] // _BUCKET_US, fb)), np.concatenate((shifts, fl[fi])))
    space = _Space(model)
    for b in sorted(t_in):
        if b in v_in:
            yield from space.pairs(v_in[b], t_in[b])


def build_candidates(model: Model) -> Candidates:
    """All candidate rows of the instance, sorted for the assignment engine."""
    tindex = TimeIndex(model.vols, model.tasks)
    parts: list[Rows] = []
    n_spatial = 0
    pending: list[tuple[I64, I64]] = []
    pending_n = 0
    flex_keys: list[I64] = []
    n_t = len(model.tasks.tasks)

    def flush() -> None:
        if pending:
            parts.append(filter_pairs(model, tindex, *(np.concatenate(x) for x in zip(*pending, strict=True))))
            pending.clear()

    # Shift pairs are unique already; flexible pairs may repeat across buckets, so collect their keys.
    for v, t in spatial_pairs(model):
        n_spatial += len(v)
        fx = model.tasks.flexible[t]
        flex_keys.append(v[fx] * n_t + t[fx])
        pending.append((v[~fx], t[~fx]))
        pending_n += int((~fx).sum())
        if pending_n >= _CHUNK_PAIRS:
            flush()
            pending_n = 0
    flush()
    if flex_keys:
        keys = sorted_unique(np.concatenate(flex_keys))
        for k in range(0, len(keys), _CHUNK_PAIRS):
            part = keys[k : k + _CHUNK_PAIRS]
            parts.append(filter_pairs(model, tindex, part // n_t, part % n_t))
    rows = Rows.concat(parts)
    value = 1000.0 * model.tasks.priority[rows.t] - rows.dist
    order = np.lexsort((rows.seg, rows.v, -value, rows.t))
    t_sorted = rows.t[order]
    t_ptr = np.searchsorted(t_sorted, np.arange(len(model.tasks.tasks) + 1)).astype(np.int64)
    return Candidates(
        v=rows.v[order],
        t=t_sorted,
        seg=rows.seg[order],
        lo=rows.lo[order],
        hi=rows.hi[order],
        dist=rows.dist[order],
        value=value[order],
        t_ptr=t_ptr,
        spatial_pairs=n_spatial,
    )
