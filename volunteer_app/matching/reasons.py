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

from .distance import ecef_km, geodesic_km, within_reach
from .model import Model, fits_skills

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


def unfilled_reasons(model: Model, cand: Candidates, placements: Sequence[Placed]) -> dict[str, dict[str, int]]:
    """For every task with open slots, how many stay open for which reason (see module doc)."""
    tasks, vols = model.tasks, model.vols
    on: dict[int, set[int]] = {}
    for p in placements:
        on.setdefault(p.t, set()).add(p.v)
    for v, t in model.fixed_pairs:
        on.setdefault(t, set()).add(v)
    v_xyz = np.full((len(vols.volunteers), 3), np.nan)
    if vols.has_loc.any():
        v_xyz[vols.has_loc] = ecef_km(vols.lat[vols.has_loc], vols.lon[vols.has_loc])
    out: dict[str, dict[str, int]] = {}
    for t in np.flatnonzero(model.open_slots > 0).tolist():
        k = int(model.open_slots[t]) - sum(1 for p in on.get(t, ()) if (p, t) not in model.fixed_pairs)
        if k <= 0:
            continue
        taken = np.zeros(len(vols.volunteers), dtype=bool)
        taken[list(on.get(t, ()))] = True
        skilled = fits_skills(tasks.mask[t][None, :], vols.mask) & ~taken
        if tasks.has_loc[t]:
            txyz = ecef_km(tasks.lat[t : t + 1], tasks.lon[t : t + 1])[0]
            # Chord <= geodesic, so the chord test only drops pairs that are surely out of reach.
            near = skilled & vols.has_loc & (np.linalg.norm(v_xyz - txyz, axis=1) <= vols.radius * (1 + 1e-9))
            idx = np.flatnonzero(near)
            d = geodesic_km(
                vols.lat[idx], vols.lon[idx], np.full(len(idx), tasks.lat[t]), np.full(len(idx), tasks.lon[t])
            )
            reach = int(within_reach(d, vols.radius[idx]).sum())
        else:
            reach = int(skilled.sum())
        rows = slice(int(cand.t_ptr[t]), int(cand.t_ptr[t + 1]))
        free_v = np.unique(cand.v[rows])
        free_v = free_v[~taken[free_v]]
        able = int((vols.cap[free_v] >= tasks.dur[t]).sum())
        out[tasks.tasks[t].id] = _label(k, [able, len(free_v), reach, int(skilled.sum())])
    return out
