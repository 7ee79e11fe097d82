"""Why a volunteer is not on a task, or what putting them there would cost.

``explain(instance, result, volunteer_id, task_id)`` answers with one ``Explanation``: a stable
code plus parameters (the window translates from those; the CLI words them in English).

Codes, checked in this order:

- ``placed``: the result already puts them there (``start``, ``end``, ``distance_km``);
- ``fixed``: an existing placement (``fixed`` in the instance) already does;
- ``excluded``: the pair is excluded in the instance;
- ``no_open_slots``: existing placements fill the task before the engine starts;
- ``skills``: a required skill is missing or too low (``missing``: skill -> [has, needs]);
- ``no_location``: the volunteer has no location and the task is not remote;
- ``distance``: beyond the travel radius (``km``, ``radius_km``);
- ``time``: not free for the task's shift, or for any start in its window (free time minus
  existing placements);
- ``cap``: the task is longer than what a cap leaves (``which``: ``max_minutes`` or ``window``,
  ``limit``, ``held``: minutes existing placements already use, ``needs``);
- ``fits_now``: the pair fits as the result stands (an open slot, no clash, caps hold):
  ``gain`` is what the objective would rise by;
- ``would_displace``: the pair is feasible on its own, but the result's placements are in the
  way: ``displaced`` lists them (volunteer, task, value), ``change`` is the objective's change
  if nobody takes their places, ``change_after_refill`` after the engine re-places them directly
  where it can (both usually negative: that is how much the objective would lose).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .assign import Engine
from .candidates import Candidates, Rows, TimeIndex, _Space, build_candidates, cap_room, filter_pairs
from .distance import geodesic_km
from .instance import Instance
from .model import MINUTE_US, Model, build_model, from_us, to_us
from .result import MatchResult
from .schedule import Group, Placed, State

EXPLAIN_CODES = (
    "placed",
    "fixed",
    "excluded",
    "no_open_slots",
    "skills",
    "no_location",
    "distance",
    "time",
    "cap",
    "fits_now",
    "would_displace",
)


class ExplainError(LookupError):
    """The volunteer or task id is not in the instance."""


@dataclass(frozen=True)
class Explanation:
    """One answer: ``code`` (see the module doc) and its parameters."""

    volunteer: str
    task: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def _minutes(us: int) -> float:
    return us / MINUTE_US


def _state_from(model: Model, cand: Candidates, result: MatchResult) -> State:
    """The result's placements as an engine state (so moves can be tried on it)."""
    st = State(model, cand)
    vix, tix = model.instance.volunteer_index(), model.instance.task_index()
    vols = model.vols
    for a in result.assignments:
        v, t = vix[a.volunteer], tix[a.task]
        s, e = to_us(a.start), to_us(a.end)
        lo, hi = int(vols.seg_ptr[v]), int(vols.seg_ptr[v + 1])
        seg = lo + int(np.searchsorted(vols.seg_start[lo:hi], s, side="right")) - 1
        st.add(Placed(v, t, seg, s, e, 1000.0 * model.tasks.priority[t] - a.distance_km, -1))
    return st


def explain(instance: Instance, result: MatchResult, volunteer_id: str, task_id: str) -> Explanation:
    """Which rule keeps the pair apart, or - when it is feasible - what placing it would displace."""
    vix, tix = instance.volunteer_index(), instance.task_index()
    if volunteer_id not in vix:
        raise ExplainError(f"no volunteer {volunteer_id!r} in the instance")
    if task_id not in tix:
        raise ExplainError(f"no task {task_id!r} in the instance")
    v, t = vix[volunteer_id], tix[task_id]
    vol, task = instance.volunteers[v], instance.tasks[t]

    def answer(code: str, **params: Any) -> Explanation:
        return Explanation(volunteer_id, task_id, code, params)

    for a in result.assignments:
        if a.volunteer == volunteer_id and a.task == task_id:
            return answer("placed", start=a.start, end=a.end, distance_km=a.distance_km)
    if any(p.volunteer == volunteer_id and p.task == task_id for p in instance.fixed):
        return answer("fixed")
    if any(x.volunteer == volunteer_id and x.task == task_id for x in instance.excluded):
        return answer("excluded")
    model = build_model(instance)
    if model.open_slots[t] <= 0:
        return answer("no_open_slots", slots=task.slots)
    missing = {k: [vol.skills.get(k, 0), need] for k, need in task.requires.items() if vol.skills.get(k, 0) < need}
    if missing:
        return answer("skills", missing=missing)
    if task.location is not None:
        if vol.location is None:
            return answer("no_location")
        km = float(geodesic_km(*(np.array([x]) for x in (*vol.location, *task.location)))[0])
        if km > vol.radius_km:
            return answer("distance", km=km, radius_km=vol.radius_km)
    # Time: the pair's rows (free segments where the task fits), through the engine's own filter.
    vv, tt = np.array([v], dtype=np.int64), np.array([t], dtype=np.int64)
    rows = filter_pairs(model, TimeIndex(model.vols, model.tasks), _Space(model), vv, tt)
    if not len(rows.v):
        return answer("time")
    usable = cap_room(model, rows.v, rows.t, rows.lo, rows.hi)
    if not usable.any():
        return answer("cap", **_cap_params(model, v, t, int(rows.lo[0])))
    rows = Rows(*(getattr(rows, f)[usable] for f in ("v", "t", "seg", "lo", "hi", "dist")))
    value = 1000.0 * task.priority - float(rows.dist[0])
    segments = zip(rows.seg.tolist(), rows.lo.tolist(), rows.hi.tolist(), strict=True)
    group = Group(v, value, tuple((-1, s, lo, hi) for s, lo, hi in segments))
    cand = instance.__dict__.get("_candidates")
    if not isinstance(cand, Candidates):
        cand = build_candidates(model)
    st = _state_from(model, cand, result)
    engine = Engine(st)
    if st.open[t] > 0:
        p = st.fit(group, t)
        if p is not None:
            return answer("fits_now", gain=value, start=_when(task, p.start), end=_when(task, p.end))
    room = engine.room_for(t, group)
    if room is None:
        # Only when the caps bind on every start: report the tightest one.
        return answer("cap", **_cap_params(model, v, t, int(rows.lo[0])))
    new, out = room
    if st.open[t] <= 0:
        # The task is full: its least valuable other placement has to go too.
        others = [p for p in st.on_task[t].values() if p not in out]
        out = [*out, min(others, key=lambda p: (p.value, p.v))]
    change = value - sum(p.value for p in out)
    st.begin()
    for p in out:
        st.remove(p)
    st.add(new)
    refill = change
    for p in sorted(out, key=lambda p: (-p.value, p.t)):
        if p.t != t:
            refill += engine.relocate(p.t, 0, frozenset((v,)))
    st.rollback()
    vid = [x.id for x in instance.volunteers]
    return answer(
        "would_displace",
        value=value,
        start=_when(task, new.start),
        end=_when(task, new.end),
        displaced=[{"volunteer": vid[p.v], "task": instance.tasks[p.t].id, "value": p.value} for p in out],
        change=change,
        change_after_refill=refill,
    )


def _when(task: Any, us: int) -> Any:
    like = task.window[0] if task.window is not None else task.start
    return from_us(us, like)


def _cap_params(model: Model, v: int, t: int, start: int) -> dict[str, Any]:
    vols = model.vols
    needs = _minutes(int(model.tasks.dur[t]))
    vol = model.instance.volunteers[v]
    if vols.cap[v] < model.tasks.dur[t]:
        limit = float(vol.max_minutes or 0)
        return {"which": "max_minutes", "limit": limit, "left": _minutes(int(vols.cap[v])), "needs": needs}
    for w in range(int(vols.cap_ptr[v]), int(vols.cap_ptr[v + 1])):
        if vols.cap_from[w] <= start < vols.cap_to[w] and vols.cap_left[w] < model.tasks.dur[t]:
            c = vol.caps[w - int(vols.cap_ptr[v])]
            return {
                "which": "window",
                "from": c.start,
                "to": c.end,
                "limit": float(c.max_minutes),
                "left": _minutes(int(vols.cap_left[w])),
                "needs": needs,
            }
    return {"which": "window", "needs": needs}
