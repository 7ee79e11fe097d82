"""Ranked suggestions for one volunteer: every task they could take, best first, with reasons.

All checks are vectorised over the tasks (the volunteer is fixed), so a few thousand tasks
take a few milliseconds. Ranking follows "rational distribution": among tasks the volunteer
can do, priority, the share of places still open and urgency push a task up, distance (as a
share of the volunteer's radius) pulls it down. Full tasks are offered only as "join the
waitlist", after every open one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from .distance import ecef_km, geodesic_km, within_reach
from .instance import Instance, InstanceError
from .model import (
    STEP_US,
    SkillCodec,
    TaskArrays,
    build_tasks,
    build_volunteers,
    fits_skills,
    fixed_intervals,
    from_us,
    skill_names,
    to_us,
)
from .reasons import Reason

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

#: Score weights (sum 100): priority, open share, urgency, nearness.
W_PRIORITY, W_OPEN, W_URGENT, W_NEAR = 35.0, 30.0, 20.0, 15.0
#: Urgency halves every this many hours until the start.
URGENCY_HALF_LIFE_H = 48.0
#: A task starting within this many hours carries an ``urgent`` reason.
URGENT_WITHIN_H = 48.0
_HOUR_US = 3_600_000_000
_MAX_ALTERNATIVES = 3
#: Cells (task x free segment) worked on at once when finding each task's earliest start.
_BLOCK = 1_000_000


@dataclass(frozen=True)
class Suggestion:
    """One task offered to a volunteer. For flexible tasks ``start`` is the best start and
    ``alternatives`` holds a few other possible starts."""

    task: str
    start: datetime
    end: datetime
    distance_km: float
    score: float
    waitlist: bool
    reasons: tuple[Reason, ...]
    alternatives: tuple[datetime, ...] = ()


def _task_side(instance: Instance) -> tuple[SkillCodec, TaskArrays]:
    """Task columns, cached on the instance (the expensive part of a cold call)."""
    cached = instance.__dict__.get("_suggest_tasks")
    if cached is None:
        codec = SkillCodec(skill_names(instance))
        cached = (codec, build_tasks(instance.tasks, codec))
        object.__setattr__(instance, "_suggest_tasks", cached)
    return cached


def _taken(instance: Instance, filled: Mapping[str, int] | None, vid: str) -> I64:
    """Places already taken per task: ``filled`` where given, else others' existing placements."""
    counts = dict.fromkeys((t.id for t in instance.tasks), 0)
    for p in instance.fixed:
        if p.volunteer != vid:
            counts[p.task] += 1
    if filled is not None:
        for tid, n in filled.items():
            if tid in counts:
                counts[tid] = int(n)
    return np.fromiter(counts.values(), dtype=np.int64, count=len(counts))


def suggest(
    instance: Instance,
    volunteer_id: str,
    *,
    filled: Mapping[str, int] | None = None,
    now: datetime | None = None,
    limit: int | None = None,
) -> list[Suggestion]:
    """Every task this volunteer could take now, ranked (open tasks first, then waitlist).

    ``filled``: task id -> places already taken by others (default: others' ``fixed``
    placements). ``now``: tasks (or flexible starts) before it are left out, and urgency counts
    from it (default: the current time). The volunteer's own existing placements are busy time
    and use up their minute cap; tasks they are already on are not offered again.
    """
    vix = instance.volunteer_index()
    if volunteer_id not in vix:
        raise InstanceError("suggest", "volunteer", f"unknown volunteer id {volunteer_id!r}")
    i = vix[volunteer_id]
    vol = instance.volunteers[i]
    now_us = to_us(now if now is not None else datetime.now(UTC))
    codec, tasks = _task_side(instance)
    mine = [(j, s, e) for vi, j, s, e in fixed_intervals(instance) if vi == i]
    busy = {0: [(s, e) for _, s, e in mine]}
    used = {0: sum(e - s for _, s, e in mine)}
    va = build_volunteers((vol,), codec, busy, used)
    n_t = len(tasks.tasks)

    ok = fits_skills(tasks.mask, np.broadcast_to(va.mask[0], tasks.mask.shape))
    ok &= tasks.dur <= va.cap[0]
    # Window caps (a weekly cap is one per week): a shift must fit what its week leaves; a
    # flexible task is dropped only when neither its first nor its last start would.
    for a, b, left in zip(va.cap_from.tolist(), va.cap_to.tolist(), va.cap_left.tolist(), strict=True):
        too_long = tasks.dur > left
        first_in = (a <= tasks.start) & (tasks.start < b)
        last = tasks.end - tasks.dur
        last_in = (a <= last) & (last < b)
        ok &= ~(too_long & first_in & (last_in | ~tasks.flexible))
    if mine:
        ok[[j for j, _, _ in mine]] = False
    # Reach: remote tasks always; located ones only for a located volunteer within radius.
    dist = np.zeros(n_t, dtype=np.float64)
    loc = tasks.has_loc
    if vol.location is None:
        ok &= ~loc
    else:
        cand = np.flatnonzero(ok & loc)
        vxyz = ecef_km(va.lat, va.lon)[0]
        near = np.linalg.norm(ecef_km(tasks.lat[cand], tasks.lon[cand]) - vxyz, axis=1) <= va.radius[0] * (1 + 1e-9)
        far = cand[~near]
        cand = cand[near]
        d = geodesic_km(np.full(len(cand), va.lat[0]), np.full(len(cand), va.lon[0]), tasks.lat[cand], tasks.lon[cand])
        dist[cand] = d
        ok[far] = False
        ok[cand[~within_reach(d, va.radius[0])]] = False

    # Time: earliest start >= now inside a free segment (grid from the window start if flexible).
    seg_s, seg_e = va.seg_start, va.seg_end
    best = np.full(n_t, -1, dtype=np.int64)
    best_seg = np.full(n_t, -1, dtype=np.int64)

    def grid(idx: I64) -> tuple[npt.NDArray[np.bool_], I64, I64]:
        """For these tasks x every free segment: (fits, first start, last start) on the grid."""
        ws, we, dur = tasks.start[idx], tasks.end[idx], tasks.dur[idx]
        lo = np.maximum(np.maximum(seg_s[None, :], ws[:, None]), now_us)
        last = np.minimum(seg_e[None, :], we[:, None]) - dur[:, None]
        flex = tasks.flexible[idx][:, None]
        lo_g = np.where(flex, ws[:, None] + -((ws[:, None] - lo) // STEP_US) * STEP_US, ws[:, None])
        hi_g = np.where(flex, ws[:, None] + ((last - ws[:, None]) // STEP_US) * STEP_US, ws[:, None])
        fits = (lo_g <= hi_g) & (lo_g >= lo) & (lo_g <= last)
        return fits, np.where(fits, lo_g, np.iinfo(np.int64).max), np.where(fits, hi_g, -1)

    all_idx = np.flatnonzero(ok)
    # Tasks x free segments in blocks of about _BLOCK cells: memory stays flat however many
    # tasks and free segments there are.
    step = max(1, _BLOCK // max(1, len(seg_s)))
    for b in range(0, len(all_idx) if len(seg_s) else 0, step):
        idx = all_idx[b : b + step]
        fits, starts, _ = grid(idx)
        k = np.argmin(starts, axis=1)
        found = fits[np.arange(len(idx)), k]
        best[idx[found]] = starts[found, k[found]]
        best_seg[idx[found]] = k[found]
    ok &= best >= 0
    if not ok.any():
        return []

    sel = np.flatnonzero(ok)
    slots = tasks.slots[sel]
    left = slots - _taken(instance, filled, volunteer_id)[sel]
    full = left <= 0
    hours = (best[sel] - now_us) / _HOUR_US
    open_share = np.clip(left, 0, None) / slots
    urgency = 0.5 ** (np.maximum(hours, 0.0) / URGENCY_HALF_LIFE_H)
    near_share = 1.0 - np.where(tasks.has_loc[sel], dist[sel] / va.radius[0], 0.0)
    score = (
        W_PRIORITY * (tasks.priority[sel] - 1) / 4.0 + W_OPEN * open_share + W_URGENT * urgency + W_NEAR * near_share
    )
    score = np.round(score, 6)
    # Open before waitlist, then score, then the instance's task order (deterministic ties).
    order = np.lexsort((sel, -score, full))
    if limit is not None:
        order = order[: max(0, limit)]

    out: list[Suggestion] = []
    for o in order.tolist():
        j = int(sel[o])
        task = tasks.tasks[j]
        like = task.window[0] if task.window is not None else task.start
        assert like is not None
        s = int(best[j])
        k_seg = int(best_seg[j])
        alts: list[datetime] = []
        if task.window is not None:
            fits, starts, his = grid(np.array([j], dtype=np.int64))
            cands = sorted({int(x) for x in starts[0][fits[0]].tolist()} | {int(x) for x in his[0][fits[0]].tolist()})
            alts = [from_us(x, like) for x in cands if x != s][:_MAX_ALTERNATIVES]
        reasons: list[Reason] = []
        if task.location is None:
            reasons.append(Reason("remote"))
        else:
            reasons.append(Reason("distance", {"km": round(float(dist[j]), 3)}))
        reasons.append(
            Reason("skills", {name: (int(vol.skills.get(name, 0)), lv) for name, lv in task.requires.items()})
        )
        reasons.append(
            Reason("free_slot", {"start": from_us(int(seg_s[k_seg]), like), "end": from_us(int(seg_e[k_seg]), like)})
        )
        if full[o]:
            reasons.append(Reason("waitlist", {"of": int(slots[o])}))
        else:
            reasons.append(Reason("slots_left", {"left": int(left[o]), "of": int(slots[o])}))
        if 0 <= hours[o] <= URGENT_WITHIN_H:
            reasons.append(Reason("urgent", {"starts_in_hours": round(float(hours[o]), 1)}))
        if task.priority > 1:
            reasons.append(Reason("priority", {"level": task.priority}))
        out.append(
            Suggestion(
                task=task.id,
                start=from_us(s, like),
                end=from_us(s + int(tasks.dur[j]), like),
                distance_km=float(dist[j]),
                score=float(score[o]),
                waitlist=bool(full[o]),
                reasons=tuple(reasons),
                alternatives=tuple(alts),
            )
        )
    return out
