"""Reasons, structured so the GUI can translate them: a code plus parameters.

Why a slot stays open (``unfilled_reasons``): the volunteers not on the task are narrowed
down step by step - skills, then reach, then free time, then minute cap - and the open slots
are labelled, in order, by the step whose pool ran out first:

- ``able_volunteers_busy``: someone could take the slot on their own, but they were used
  elsewhere (or it clashes with their other placements); one per such volunteer at most;
- ``over_minute_cap``: free and in reach, but the task is longer than their remaining cap;
- ``nobody_free_then``: has the skills and is in reach, but is not free for the task's time;
- ``none_within_reach``: has the skills, but the task is beyond their radius (or they have no
  location and the task is not remote);
- ``no_volunteer_with_skills``: nobody else has the required skills.

For slot number i (1-based) among k open slots with pool sizes S >= R >= T >= C (skills,
reach, time, cap): i <= C is ``able_volunteers_busy``, i <= T ``over_minute_cap``, i <= R
``nobody_free_then``, i <= S ``none_within_reach``, otherwise ``no_volunteer_with_skills``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from .distance import CHORD_SLACK, SURE_KM, SURE_SHRINK, ecef_km, geodesic_km, within_reach
from .model import Model, fits_skills

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

if TYPE_CHECKING:
    from .candidates import Candidates
    from .schedule import Placed

UNFILLED_CODES = (
    "able_volunteers_busy",
    "over_minute_cap",
    "nobody_free_then",
    "none_within_reach",
    "no_volunteer_with_skills",
)


@dataclass(frozen=True)
class Reason:
    """One reason a task suits (or is offered to) a volunteer: a code and its parameters.

    Codes: ``distance`` {km}, ``remote`` {}, ``skills`` {skill: (has, needs)},
    ``free_slot`` {start, end}, ``slots_left`` {left, of}, ``waitlist`` {of},
    ``urgent`` {starts_in_hours}, ``priority`` {level}.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        """A plain English sentence (the GUI translates from code + params instead)."""
        p = self.params
        if self.code == "distance":
            return f"It is {p['km']:.1f} km from you."
        if self.code == "remote":
            return "It can be done remotely."
        if self.code == "skills":
            parts = [f"{name} (you have level {has}, it needs {need})" for name, (has, need) in p.items()]
            return "Your skills fit: " + ", ".join(parts) + "." if parts else "No special skills needed."
        if self.code == "free_slot":
            return f"You are free from {p['start']:%a %H:%M} to {p['end']:%H:%M}."
        if self.code == "slots_left":
            return f"{p['left']} of {p['of']} places are still open."
        if self.code == "waitlist":
            return f"All {p['of']} places are taken: you can join the waitlist."
        if self.code == "urgent":
            return f"It starts in {p['starts_in_hours']:.0f} hours."
        if self.code == "priority":
            return f"The organiser marked it priority {p['level']} of 5."
        return self.code


def _label(k: int, pools: Sequence[int]) -> dict[str, int]:
    """Split k open slots over the codes by the funnel pools (C, T, R, S) described above."""
    out: dict[str, int] = {}
    prev = 0
    for code, pool in zip(UNFILLED_CODES, [*pools, k], strict=True):
        n = max(0, min(k, pool) - prev)
        if n:
            out[code] = n
        prev = max(prev, min(k, pool))
    return out


#: Extra neighbours asked for beyond the open slots and the volunteers already on the task.
_EXTRA_NEIGHBOURS = 16
#: Requirement groups with at most this many (task, volunteer) pairs are counted pair by pair.
_BRUTE_PAIRS = 20_000
_MASK_BLOCK = 64


def _pair_keys(model: Model, placements: Sequence[Placed]) -> I64:
    """Sorted ``volunteer * n_tasks + task`` keys of everyone on a task (placed now or before)."""
    n_t = len(model.tasks.tasks)
    keys = [p.v * n_t + p.t for p in placements] + [v * n_t + t for v, t in model.fixed_pairs]
    return np.array(sorted(keys), dtype=np.int64)


def _member(keys: I64, probe: I64) -> npt.NDArray[np.bool_]:
    if not len(keys):
        return np.zeros(len(probe), dtype=bool)
    pos = np.minimum(np.searchsorted(keys, probe), len(keys) - 1)
    found: npt.NDArray[np.bool_] = keys[pos] == probe
    return found


def _in_reach_counts(model: Model, tasks_idx: I64, want: I64, on: I64) -> I64:
    """For each task in ``tasks_idx`` (located): how many volunteers with the skills, not on the
    task, have it within their radius - counted exactly up to ``want`` (beyond, it does not matter).

    Per required-skill mask, one k-d tree of the volunteers who have those skills; each task asks
    for its nearest few. When the nearest few do not settle it, the task asks for the whole ball.
    Distances are chords (never longer than the geodesic); only pairs within a hair of the radius
    get the exact geodesic, in one vectorised call.
    """
    tasks, vols = model.tasks, model.vols
    n_t = len(tasks.tasks)
    out = np.zeros(len(tasks_idx), dtype=np.int64)
    if not len(tasks_idx):
        return out
    v_loc = np.flatnonzero(vols.has_loc)
    if not len(v_loc):
        return out
    v_xyz = ecef_km(vols.lat[v_loc], vols.lon[v_loc])
    t_xyz = ecef_km(tasks.lat[tasks_idx], tasks.lon[tasks_idx])
    masks = tasks.mask[tasks_idx]
    _, group = np.unique(masks, axis=0, return_inverse=True)
    group = group.reshape(-1)
    band_task: list[I64] = []
    band_vol: list[I64] = []

    def tally(pt: I64, pv: I64, pd: F64) -> npt.NDArray[np.bool_]:
        """Count the surely-in-reach pairs, queue the borderline ones; return the sure mask."""
        r = vols.radius[pv]
        maybe = (pd <= r * (1 + CHORD_SLACK)) & ~_member(on, pv * n_t + tasks_idx[pt])
        sure = maybe & (r <= SURE_KM) & (pd <= r * (1 - SURE_SHRINK))
        band = maybe & ~sure
        band_task.append(pt[band])
        band_vol.append(pv[band])
        return sure

    # Which located volunteers have each distinct requirement (in blocks of masks: bounded memory).
    uniq = masks[np.unique(group, return_index=True)[1]]
    v_mask = vols.mask[v_loc]
    fit_rows: list[npt.NDArray[np.bool_]] = []
    for a in range(0, len(uniq), _MASK_BLOCK):
        block = uniq[a : a + _MASK_BLOCK]
        fit_rows.append(((block[:, None, :] & ~v_mask[None, :, :]) == 0).all(axis=2))
    fit_all = np.concatenate(fit_rows) if fit_rows else np.zeros((0, len(v_loc)), dtype=bool)
    sizes = fit_all.sum(axis=1)
    n_members = np.bincount(group, minlength=len(uniq))
    small = sizes * n_members <= _BRUTE_PAIRS
    # Small groups all at once: every (task, volunteer with the skills) pair, chord distances.
    sel = np.flatnonzero(small[group])
    if len(sel):
        g_local = np.full(len(uniq), -1, dtype=np.int64)
        g_local[small] = np.arange(int(small.sum()))
        gi, vi = np.nonzero(fit_all[small])
        g_ptr = np.searchsorted(gi, np.arange(int(small.sum()) + 1))
        gs = g_local[group[sel]]
        cnt = g_ptr[gs + 1] - g_ptr[gs]
        pt = np.repeat(sel, cnt)
        first = np.cumsum(cnt) - cnt
        at = g_ptr[gs][np.repeat(np.arange(len(sel)), cnt)] + (np.arange(len(pt)) - np.repeat(first, cnt))
        pv = vi[at]
        pd = np.linalg.norm(v_xyz[pv] - t_xyz[pt], axis=1)
        out += np.bincount(pt[tally(pt, v_loc[pv], pd)], minlength=len(tasks_idx))
    for g in np.flatnonzero(~small).tolist():
        members = np.flatnonzero(group == g)
        fit = fit_all[g]
        cand = v_loc[fit]
        if not len(cand):
            continue
        g_xyz = v_xyz[fit]
        tree = cKDTree(g_xyz)
        rmax = float(vols.radius[cand].max()) * (1 + CHORD_SLACK)
        extra = int(model.tasks.slots[tasks_idx[members]].max()) + _EXTRA_NEIGHBOURS
        k = int(min(len(cand), int(want[members].max()) + extra))
        dist, idx = tree.query(t_xyz[members], k=k, distance_upper_bound=rmax)
        dist, idx = dist.reshape(len(members), k), idx.reshape(len(members), k)
        found = idx < len(cand)
        rows = np.repeat(members, k).reshape(len(members), k)
        pt, pv, pd = rows[found], cand[idx[found]], dist[found]
        # Settled unless all k neighbours were within the largest radius and too few counted.
        n_before = len(band_task)
        sure = tally(pt, pv, pd)
        got = np.bincount(pt[sure], minlength=len(tasks_idx))
        pending = members[found[:, -1] & (got[members] < want[members])]
        if not len(pending):
            out += got
            continue
        # Rare: the nearest k did not settle it; take every volunteer within the largest radius.
        del band_task[n_before:], band_vol[n_before:]
        keep = ~np.isin(pt, pending)
        sure = tally(pt[keep], pv[keep], pd[keep])
        out += np.bincount(pt[keep][sure], minlength=len(tasks_idx))
        balls = tree.query_ball_point(t_xyz[pending], rmax)
        lens = np.array([len(ball) for ball in balls], dtype=np.int64)
        if lens.sum():
            bi = np.concatenate([np.asarray(ball, dtype=np.int64) for ball in balls])
            bt = np.repeat(pending, lens)
            bd = np.linalg.norm(g_xyz[bi] - t_xyz[bt], axis=1)
            sure = tally(bt, cand[bi], bd)
            out += np.bincount(bt[sure], minlength=len(tasks_idx))
    if band_task:
        bt, bv = np.concatenate(band_task), np.concatenate(band_vol)
        tj = tasks_idx[bt]
        d = geodesic_km(vols.lat[bv], vols.lon[bv], tasks.lat[tj], tasks.lon[tj])
        out += np.bincount(bt[within_reach(d, vols.radius[bv])], minlength=len(tasks_idx))
    return out


def unfilled_reasons(model: Model, cand: Candidates, placements: Sequence[Placed]) -> dict[str, dict[str, int]]:
    """For every task with open slots, how many stay open for which reason (see module doc).

    The time and cap pools come from the candidate pairs the solve built (counted per task
    there); skills are one vectorised test per distinct requirement; reach is looked up only
    for tasks whose open slots outnumber the free volunteers, nearest first (``_in_reach_counts``).
    """
    tasks, vols = model.tasks, model.vols
    n_t = len(tasks.tasks)
    placed = np.zeros(n_t, dtype=np.int64)
    for p in placements:
        placed[p.t] += 1
    k_open = model.open_slots - placed
    todo = np.flatnonzero(k_open > 0)
    if not len(todo):
        return {}
    able = cand.able_pairs - placed
    free = cand.free_pairs - placed
    on = _pair_keys(model, placements)
    # Skills: everyone with them, less those already on the task.
    need = todo[free[todo] < k_open[todo]]
    skilled = np.zeros(n_t, dtype=np.int64)
    if len(need):
        masks, inverse = np.unique(tasks.mask[need], axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        counts = np.array(
            [int(fits_skills(np.broadcast_to(m, vols.mask.shape), vols.mask).sum()) for m in masks], dtype=np.int64
        )
        skilled[need] = counts[inverse]
        if len(on):
            ov, ot = on // n_t, on % n_t
            fit_on = fits_skills(tasks.mask[ot], vols.mask[ov])
            skilled -= np.bincount(ot[fit_on], minlength=n_t)
    # Reach: only where the free volunteers do not cover the open slots and more are skilled.
    reach = np.maximum(free, 0).copy()
    ask = need[(skilled[need] > free[need])]
    remote = ask[~tasks.has_loc[ask]]
    reach[remote] = skilled[remote]
    located = ask[tasks.has_loc[ask]]
    reach[located] = _in_reach_counts(model, located, k_open[located], on)
    out: dict[str, dict[str, int]] = {}
    for t in todo.tolist():
        k = int(k_open[t])
        f = int(free[t])
        if f >= k:
            pools = [int(able[t]), f, f, f]
        else:
            r = max(int(reach[t]), f)
            pools = [int(able[t]), f, r, max(int(skilled[t]), r)]
        out[tasks.tasks[t].id] = _label(k, pools)
    return out
