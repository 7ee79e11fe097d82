"""Existing placements (``fixed``) that break the hard rules, for the result's ``warnings``.

A ``fixed`` placement is a signup that already exists, so the engine keeps it whatever it
breaks (a volunteer's free time may have changed since, a coordinator may have placed someone
by hand). What cannot be a placement at all - an unknown id, the same pair twice, a start
outside the task's window or off its 15-minute steps - is refused by the reader; everything
else is kept and reported here, one list per rule, so nothing is accepted silently.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from itertools import accumulate
from typing import Any

import numpy as np

from .distance import geodesic_km, within_reach
from .instance import Instance
from .model import MINUTE_US, fixed_intervals, from_us, to_us

#: The warning codes, in the order they are listed (docs/matching-format.md explains each).
FIXED_WARNINGS = (
    "fixed_over_slots",
    "fixed_missing_skills",
    "fixed_no_location",
    "fixed_beyond_radius",
    "fixed_outside_free_time",
    "fixed_overlapping",
    "fixed_over_max_minutes",
    "fixed_over_cap",
    "fixed_excluded",
)


def _minutes(us: int) -> float:
    return round(us / MINUTE_US, 3)


def fixed_warnings(instance: Instance) -> dict[str, list[dict[str, Any]]]:
    """For each hard rule some ``fixed`` placements break, the placements (or totals) that do.

    Empty when every existing placement is one the engine itself could have made.
    """
    if not instance.fixed:
        return {}
    vols, tasks = instance.volunteers, instance.tasks
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    placed = fixed_intervals(instance)
    per_task: dict[int, int] = defaultdict(int)
    for _, j, _, _ in placed:
        per_task[j] += 1
    for j, n in sorted(per_task.items()):
        if n > tasks[j].slots:
            out["fixed_over_slots"].append({"task": tasks[j].id, "fixed": n, "slots": tasks[j].slots})
    excluded = {(x.volunteer, x.task) for x in instance.excluded}
    located: list[tuple[int, int]] = []
    by_vol: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for i, j, s, e in placed:
        v, t = vols[i], tasks[j]
        pair = {"volunteer": v.id, "task": t.id}
        for skill, need in sorted(t.requires.items()):
            has = v.skills.get(skill, 0)
            if has < need:
                out["fixed_missing_skills"].append({**pair, "skill": skill, "has": has, "needs": need})
                break
        if t.location is not None:
            if v.location is None:
                out["fixed_no_location"].append(pair)
            else:
                located.append((i, j))
        by_vol[i].append((s, e, j))
        if (v.id, t.id) in excluded:
            out["fixed_excluded"].append(pair)
    if located:
        vi = np.array([i for i, _ in located])
        tj = np.array([j for _, j in located])
        vlat = np.array([vols[i].location[0] for i in vi.tolist()])
        vlon = np.array([vols[i].location[1] for i in vi.tolist()])
        tlat = np.array([tasks[j].location[0] for j in tj.tolist()])
        tlon = np.array([tasks[j].location[1] for j in tj.tolist()])
        km = geodesic_km(vlat, vlon, tlat, tlon)
        radius = np.array([float(vols[i].radius_km) for i in vi.tolist()])
        for k in np.flatnonzero(~within_reach(km, radius)).tolist():
            i, j = located[k]
            out["fixed_beyond_radius"].append(
                {
                    "volunteer": vols[i].id,
                    "task": tasks[j].id,
                    "km": round(float(km[k]), 3),
                    "radius_km": float(radius[k]),
                }
            )
    for i in sorted(by_vol):
        _time_rules(instance, i, sorted(by_vol[i]), out)
    return {code: out[code] for code in FIXED_WARNINGS if out.get(code)}


def _time_rules(instance: Instance, i: int, stints: list[tuple[int, int, int]], out: dict[str, list[Any]]) -> None:
    """Free time, overlaps, ``max_minutes`` and caps for one volunteer's sorted fixed stints."""
    v, tasks = instance.volunteers[i], instance.tasks
    free = _merged([(to_us(a), to_us(b)) for a, b in v.free])
    starts = [a for a, _ in free]
    for s, e, j in stints:
        k = bisect_left(starts, s + 1) - 1  # the stretch starting at or before s
        if k < 0 or free[k][1] < e:
            out["fixed_outside_free_time"].append({"volunteer": v.id, "task": tasks[j].id})
    latest_end, latest_task = None, -1
    for s, e, j in stints:
        if latest_end is not None and s < latest_end:
            out["fixed_overlapping"].append({"volunteer": v.id, "tasks": [tasks[latest_task].id, tasks[j].id]})
        if latest_end is None or e > latest_end:
            latest_end, latest_task = e, j
    total = sum(e - s for s, e, _ in stints)
    if v.max_minutes is not None and total > v.max_minutes * MINUTE_US:
        out["fixed_over_max_minutes"].append(
            {"volunteer": v.id, "minutes": _minutes(total), "max_minutes": v.max_minutes}
        )
    if v.caps:
        begin = [s for s, _, _ in stints]
        running = [0, *accumulate(e - s for s, e, _ in stints)]
        for c in v.caps:
            a, b = to_us(c.start), to_us(c.end)
            used = running[bisect_left(begin, b)] - running[bisect_left(begin, a)]
            if used > c.max_minutes * MINUTE_US:
                like = c.start
                out["fixed_over_cap"].append(
                    {
                        "volunteer": v.id,
                        "from": from_us(a, like).isoformat(),
                        "to": from_us(b, like).isoformat(),
                        "minutes": _minutes(used),
                        "max_minutes": c.max_minutes,
                    }
                )


def _merged(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(intervals):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out
