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

from .distance import CHORD_SLACK, SURE_KM, SURE_SHRINK, ecef_km, geodesic_km, within_reach
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
#: Bucket entries (interval x bucket) a run may make before buckets get wider.
_BUCKET_BUDGET = 4_000_000
#: Each task keeps its best ``KEEP_PER_SLOT * open slots + KEEP_EXTRA`` candidate pairs.
KEEP_PER_SLOT = 8
KEEP_EXTRA = 24


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
    #: Per task: volunteers free for it, in reach, with the skills (before caps), and those of
    #: them whose caps leave room for it (the rows kept). The reasons reuse these counts.
    free_pairs: I64
    able_pairs: I64
    #: Per task: pairs left out beyond its best ones (``keep_count``), and the best value among
    #: them (-inf when none): the bound prices them as one extra arc per task.
    pruned: I64
    theta: F64

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
        # Ranks of every task's start and end (shift, or window), looked up once per task.
        self.t_start = np.searchsorted(self.times, tasks.start)
        self.t_end = np.searchsorted(self.times, tasks.end)

    def containing(self, v: I64, t: I64) -> tuple[npt.NDArray[np.bool_], I64]:
        """(ok, segment): does task t's [start, end] lie inside one free segment of v, and which."""
        idx = np.searchsorted(self.start_keys, v * self.m + self.t_start[t], side="right") - 1
        ok = idx >= self.vols.seg_ptr[v]
        idx = np.where(ok, idx, 0)
        if len(self.vols.seg_end):
            ok &= self.end_keys[idx] >= v * self.m + self.t_end[t]
        return ok, idx

    def overlapping(self, v: I64, t: I64) -> tuple[I64, I64]:
        """(first, count): v's segments that overlap the open interval of task t (its window)."""
        first = np.searchsorted(self.end_keys, v * self.m + self.t_start[t], side="right")
        last = np.searchsorted(self.start_keys, v * self.m + self.t_end[t], side="left") - 1
        return first, np.maximum(last - first + 1, 0)


def flexible_rows(tindex: TimeIndex, tasks: TaskArrays, v: I64, t: I64) -> tuple[I64, I64, I64, I64, I64]:
    """Explode (volunteer, flexible task) pairs over the volunteer's segments that overlap the window.

    Returns (pair index, segment, first start, last start, task) for the segments where a stint
    fits, starts on the 15-minute grid counted from the window start.
    """
    vols = tindex.vols
    first_seg, counts = tindex.overlapping(v, t)
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


def filter_pairs(model: Model, tindex: TimeIndex, space: _Space, v: I64, t: I64) -> Rows:
    """Apply skills, time and the radius rule to (volunteer, task) pairs; return fitting rows."""
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
    ok, seg = tindex.containing(vs, ts)
    vs, ts, seg = vs[ok], ts[ok], seg[ok]
    pf, segf, lof, hif, tf = flexible_rows(tindex, tasks, v[flex], t[flex])
    rv = np.concatenate((vs, v[flex][pf]))
    rt = np.concatenate((ts, tf))
    rseg = np.concatenate((seg, segf))
    rlo = np.concatenate((tasks.start[ts], lof))
    rhi = np.concatenate((tasks.start[ts], hif))
    dist = np.zeros(len(rv), dtype=np.float64)
    located = np.flatnonzero(tasks.has_loc[rt])
    reach = np.ones(len(rv), dtype=bool)
    if len(located):
        lv, lt = rv[located], rt[located]
        chord = np.linalg.norm(space.v_xyz[lv] - space.t_xyz[lt], axis=1)
        radius = vols.radius[lv]
        # The exact geodesic decides only where the chord is within a hair of the radius.
        near = (chord > radius * (1 - SURE_SHRINK)) | (radius > SURE_KM)
        if near.any():
            exact = geodesic_km(vols.lat[lv[near]], vols.lon[lv[near]], tasks.lat[lt[near]], tasks.lon[lt[near]])
            reach[located[near]] = within_reach(exact, radius[near])
            chord[near] = exact
        # Values use the chord (shorter than the geodesic by under 1e-6 relative in a city):
        # ranking is unaffected, bounds stay valid; results carry the exact geodesic.
        dist[located] = chord
    return Rows(rv[reach], rt[reach], rseg[reach], rlo[reach], rhi[reach], dist[reach])


def _expand(start: I64, end: I64, width: int) -> tuple[I64, I64]:
    """(item index, time bucket) for every bucket of ``width`` each [start, end) interval touches."""
    b0 = start // width
    n = (end - 1) // width - b0 + 1
    item = np.repeat(np.arange(len(start), dtype=np.int64), n)
    first = np.cumsum(n) - n
    return item, b0[item] + (np.arange(len(item), dtype=np.int64) - first[item])


def bucket_width(start: I64, end: I64) -> int:
    """The time-bucket width for these intervals: ``_BUCKET_US``, doubled until the buckets they
    touch number at most ``_BUCKET_BUDGET`` (or four per interval, if more).

    Any width gives the same pairs in the end (buckets only pair what may share time); a wider
    one only when free time or windows are long, so long stretches cannot blow the work up.
    """
    width = _BUCKET_US
    budget = max(_BUCKET_BUDGET, 4 * len(start))
    if not len(start):
        return width
    while True:
        touched = int(((end - 1) // width - start // width + 1).sum())
        if touched <= budget:
            return width
        width *= 2


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


def spatial_pairs(model: Model, space: _Space) -> Iterator[tuple[I64, I64]]:
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
    flex = tasks.flexible[open_t]
    shifts = open_t[~flex]
    fl = open_t[flex]
    width = bucket_width(
        np.concatenate((vols.seg_start, tasks.start[fl])), np.concatenate((vols.seg_end, tasks.end[fl]))
    )
    seg, sb = _expand(vols.seg_start, vols.seg_end, width)
    v_in = _group(sb, owner[seg])
    fi, fb = _expand(tasks.start[fl], tasks.end[fl], width)
    t_in = _group(np.concatenate((tasks.start[shifts] // width, fb)), np.concatenate((shifts, fl[fi])))
    for b in sorted(t_in):
        if b in v_in:
            yield from space.pairs(v_in[b], t_in[b])


def build_candidates(model: Model) -> Candidates:
    """Candidate rows of the instance, sorted for the assignment engine.

    Pairs stream through the filters in blocks; after each block only every task's best
    ``keep_count`` pairs are kept (the rest are counted, with the best value among them, so
    the bound can still price them). Peak memory follows the kept rows, not the spatial pairs.
    """
    tindex = TimeIndex(model.vols, model.tasks)
    space = _Space(model)
    n_t = len(model.tasks.tasks)
    keep = keep_count(model)
    parts: list[_Digest] = []
    n_spatial = 0
    pending: list[tuple[I64, I64]] = []
    pending_n = 0
    flex_keys: list[I64] = []

    def flush() -> None:
        if pending:
            v, t = (np.concatenate(x) for x in zip(*pending, strict=True))
            parts.append(digest(model, filter_pairs(model, tindex, space, v, t), keep))
            pending.clear()

    # Shift pairs are unique already; flexible pairs may repeat across buckets, so collect their keys.
    for v, t in spatial_pairs(model, space):
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
        flex_keys.clear()
        for k in range(0, len(keys), _CHUNK_PAIRS):
            part = keys[k : k + _CHUNK_PAIRS]
            rows = filter_pairs(model, tindex, space, part // n_t, part % n_t)
            parts.append(digest(model, rows, keep))
    return _Digest.merge_all(parts, model, keep, n_t).candidates(n_spatial)


def keep_count(model: Model) -> I64:
    """How many candidate pairs each task keeps: plenty for its open slots."""
    out: I64 = KEEP_PER_SLOT * model.open_slots + KEEP_EXTRA
    return out


@dataclass
class _Digest:
    """Filtered rows reduced to each task's best pairs, sorted, with per-task counts."""

    rows: Rows
    value: F64
    free_pairs: I64
    able_pairs: I64
    pruned: I64
    theta: F64

    @staticmethod
    def merge_all(parts: list[_Digest], model: Model, keep: I64, n_t: int) -> _Digest:
        """All digests' rows, cut once more to each task's best pairs (a task's rows may be
        spread over blocks); counts add up."""
        z = np.zeros(n_t, dtype=np.int64)
        if not parts:
            return _Digest(Rows.concat([]), np.zeros(0), z, z.copy(), z.copy(), np.full(n_t, -np.inf))
        rows = Rows.concat([p.rows for p in parts])
        value = np.concatenate([p.value for p in parts])
        top = _top_pairs(*_sorted(rows, value), keep, n_t)
        theta = top.theta
        for p in parts:
            theta = np.maximum(theta, p.theta)
        return _Digest(
            top.rows,
            top.value,
            sum((p.free_pairs for p in parts), z.copy()),
            sum((p.able_pairs for p in parts), z.copy()),
            top.pruned + sum((p.pruned for p in parts), z.copy()),
            theta,
        )

    def candidates(self, n_spatial: int) -> Candidates:
        r = self.rows
        n_t = len(self.free_pairs)
        t_ptr = np.searchsorted(r.t, np.arange(n_t + 1)).astype(np.int64)
        return Candidates(
            v=r.v,
            t=r.t,
            seg=r.seg,
            lo=r.lo,
            hi=r.hi,
            dist=r.dist,
            value=self.value,
            t_ptr=t_ptr,
            spatial_pairs=n_spatial,
            free_pairs=self.free_pairs,
            able_pairs=self.able_pairs,
            pruned=self.pruned,
            theta=self.theta,
        )


def _sorted(rows: Rows, value: F64) -> tuple[Rows, F64]:
    """Rows in engine order: task, value (best first), volunteer, segment."""
    # A segment belongs to one volunteer and segment ids grow with the volunteer: (v, seg) == seg.
    # Within a task the value falls as the distance grows, so one int64 key orders task and
    # distance (to a nanometre); a stable sort over segment order breaks ties.
    by_seg = np.argsort(rows.seg, kind="stable")
    key = (rows.t[by_seg] << 40) | np.minimum(np.rint(rows.dist[by_seg] * 1e9), 2**40 - 1).astype(np.int64)
    order = by_seg[np.argsort(key, kind="stable")]
    return Rows(*(getattr(rows, f)[order] for f in ("v", "t", "seg", "lo", "hi", "dist"))), value[order]


def _top_pairs(rows: Rows, value: F64, keep: I64, n_t: int) -> _Digest:
    """From sorted rows keep every task's best ``keep`` pairs; count the others and their best value."""
    first = pair_starts(rows.t, rows.v)
    pair_id = np.cumsum(first) - 1
    pair_task = rows.t[first]
    pair_rank = np.arange(len(pair_task), dtype=np.int64) - np.searchsorted(pair_task, pair_task)
    rank = pair_rank[pair_id]
    kept = rank < keep[rows.t]
    cut = first & ~kept
    pruned = np.bincount(rows.t[cut], minlength=n_t).astype(np.int64)
    theta = np.full(n_t, -np.inf)
    # Rows are best first within a task: the first cut pair carries the best pruned value.
    np.maximum.at(theta, rows.t[cut], value[cut])
    z = np.zeros(n_t, dtype=np.int64)
    out = Rows(*(getattr(rows, f)[kept] for f in ("v", "t", "seg", "lo", "hi", "dist")))
    return _Digest(out, value[kept], z, z.copy(), pruned, theta)


def digest(model: Model, rows: Rows, keep: I64) -> _Digest:
    """Count free and able pairs per task, drop rows no cap allows, keep each task's best pairs."""
    n_t = len(model.tasks.tasks)
    value = 1000.0 * model.tasks.priority[rows.t] - rows.dist
    rows, value = _sorted(rows, value)
    first = pair_starts(rows.t, rows.v)
    free_pairs = np.bincount(rows.t[first], minlength=n_t).astype(np.int64)
    usable = cap_room(model, rows.v, rows.t, rows.lo, rows.hi)
    pair_id = np.cumsum(first) - 1
    able = np.zeros(int(first.sum()), dtype=bool)
    able[pair_id[usable]] = True
    able_pairs = np.bincount(rows.t[first][able], minlength=n_t).astype(np.int64)
    rows = Rows(*(getattr(rows, f)[usable] for f in ("v", "t", "seg", "lo", "hi", "dist")))
    top = _top_pairs(rows, value[usable], keep, n_t)
    top.free_pairs, top.able_pairs = free_pairs, able_pairs
    return top


def pair_starts(t: I64, v: I64) -> npt.NDArray[np.bool_]:
    """On rows sorted by task then value (equal for one pair) then volunteer: the first row of each pair."""
    brk = np.ones(len(t), dtype=bool)
    if len(t) > 1:
        brk[1:] = (t[1:] != t[:-1]) | (v[1:] != v[:-1])
    return brk


def cap_room(model: Model, v: I64, t: I64, lo: I64, hi: I64) -> npt.NDArray[np.bool_]:
    """False for rows no cap could ever allow: the task is longer than what is left of the
    volunteer's overall cap, or (for a shift) of a window cap its start falls in."""
    vols, dur = model.vols, model.tasks.dur[t]
    ok: npt.NDArray[np.bool_] = vols.cap[v] >= dur
    n_caps = np.diff(vols.cap_ptr)[v]
    # Window caps at each row's first start; for a shift that settles it.
    nwin = n_caps * ok
    blocked_at_lo = np.zeros(len(v), dtype=bool)
    if nwin.any():
        row = np.repeat(np.arange(len(v), dtype=np.int64), nwin)
        first = np.cumsum(nwin) - nwin
        w = vols.cap_ptr[v[row]] + (np.arange(len(row), dtype=np.int64) - first[row])
        start = lo[row]
        bad = (vols.cap_from[w] <= start) & (start < vols.cap_to[w]) & (vols.cap_left[w] < dur[row])
        blocked_at_lo = np.bincount(row[bad], minlength=len(v)) > 0
    ok &= ~blocked_at_lo | (lo < hi)
    # A flexible row blocked at its first start may still fit later in its range.
    flex = np.flatnonzero(blocked_at_lo & (lo < hi))
    if len(flex):
        ok[flex] = _flexible_cap_room(model, v[flex], lo[flex], hi[flex], dur[flex])
    return ok


def _flexible_cap_room(model: Model, v: I64, lo: I64, hi: I64, dur: I64) -> npt.NDArray[np.bool_]:
    """For flexible rows of volunteers with window caps: is some grid start in [lo, hi] outside
    every window too full for the stint? A blocked start can only become free at the end of a
    window, so the starts worth testing are lo and the grid points just after each window end."""
    vols = model.vols
    n = np.diff(vols.cap_ptr)[v]
    row = np.repeat(np.arange(len(v), dtype=np.int64), n)
    first = np.cumsum(n) - n
    w = vols.cap_ptr[v[row]] + (np.arange(len(row), dtype=np.int64) - first[row])
    after = lo[row] + -((lo[row] - vols.cap_to[w]) // STEP_US) * STEP_US
    # Candidate starts: (row, start) for lo and each window end, kept inside [lo, hi].
    c_row = np.concatenate((np.arange(len(v), dtype=np.int64), row))
    c_s = np.concatenate((lo, np.maximum(after, lo[row])))
    keep = c_s <= hi[c_row]
    c_row, c_s = c_row[keep], c_s[keep]
    # Each candidate start against each window of its volunteer.
    m = n[c_row]
    cc = np.repeat(np.arange(len(c_row), dtype=np.int64), m)
    cfirst = np.cumsum(m) - m
    cw = vols.cap_ptr[v[c_row[cc]]] + (np.arange(len(cc), dtype=np.int64) - cfirst[cc])
    s = c_s[cc]
    blocked = (vols.cap_from[cw] <= s) & (s < vols.cap_to[cw]) & (vols.cap_left[cw] < dur[c_row[cc]])
    free_start = np.bincount(cc[blocked], minlength=len(c_row)) == 0
    out: npt.NDArray[np.bool_] = np.bincount(c_row[free_start], minlength=len(v)) > 0
    return out
