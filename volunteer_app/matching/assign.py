"""Global assignment: min-cost-flow seed, repair, greedy refill, then local improvement.

1. *Seed*: a min-cost flow over candidate pairs (OR-Tools ``SimpleMinCostFlow``) picks the
   best priority-weighted set of pairs respecting slots and a per-segment / per-volunteer
   count bound, but not clashes in time nor minute caps (a flow cannot express those).
2. *Repair*: flow pairs are placed best value first, skipping what clashes or breaks a cap.
3. *Refill*: open slots, most important tasks first, take the best volunteer who still fits.
4. *Improve* until no move gains (bounded by a pass count, never by wall-clock time):
   - make room: put volunteer v on an open slot by ejecting what clashes (or breaks v's cap),
     then re-place each ejected task with its best other volunteer; kept only if the total
     objective rises;
   - shorter trip: hand a placement to a nearer volunteer who fits directly.

Everything iterates in a fixed order (priority, ids, candidate order), so the same instance
always gives the same answer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

from .candidates import Candidates, build_candidates, sorted_unique
from .instance import Instance
from .model import NO_CAP, Model, build_model
from .reasons import unfilled_reasons
from .result import MatchResult, build_result
from .schedule import Group, Placed, State

#: Strict improvement threshold: stops cycling on float noise.
_EPS = 1e-7
#: Upper bound on improvement passes (each pass is deterministic; the usual count is 2-4).
_MAX_PASSES = 12
#: Flow costs are integers: values in thousandths (millimetres of distance).
_COST_SCALE = 1000.0
#: The seed flow sees each task's best ``_SEED_PER_SLOT * open slots + _SEED_EXTRA`` rows.
_SEED_PER_SLOT = 8
_SEED_EXTRA = 20

I64 = npt.NDArray[np.int64]


def _flow_rows(model: Model, cand: Candidates) -> I64:
    """Rows the seed flow considers: each task's best few candidates (all of them when few).

    A task with 2 open slots and 300 candidates will not need its 300th; dropping the tail
    makes the flow ~6x faster at city scale, and the improvement phase sees every row anyway.
    """
    rank = np.arange(len(cand), dtype=np.int64) - cand.t_ptr[cand.t]
    return np.flatnonzero(rank < _SEED_PER_SLOT * model.open_slots[cand.t] + _SEED_EXTRA)


def _flow_seed(model: Model, cand: Candidates, rows: I64 | None = None) -> tuple[list[int], float]:
    """Candidate rows chosen by a min-cost flow (best value first) and the flow's total value.

    The flow bounds each segment and volunteer by how many of their shortest candidate stints
    could fit, but not clashes nor exact minutes; over all rows its value is an upper bound
    on the optimum.
    """
    rows = np.arange(len(cand), dtype=np.int64) if rows is None else rows
    n_rows = len(rows)
    if n_rows == 0:
        return [], 0.0
    c_t, c_seg, c_val = cand.t[rows], cand.seg[rows], cand.value[rows]
    n_v = len(model.vols.volunteers)
    n_t = len(model.tasks.tasks)
    dur = model.tasks.dur[c_t]
    # Segment nodes: only segments that have candidates, numbered densely.
    seg_ids = sorted_unique(c_seg)
    seg_of_row = np.searchsorted(seg_ids, c_seg)
    n_s = len(seg_ids)
    # Count bound per segment: how many of its shortest candidate stints fit end to end.
    min_dur = np.full(n_s, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(min_dur, seg_of_row, dur)
    seg_len = model.vols.seg_end[seg_ids] - model.vols.seg_start[seg_ids]
    seg_cap = np.maximum(seg_len // min_dur, 1)
    owner = np.searchsorted(model.vols.seg_ptr, seg_ids, side="right") - 1
    vol_min = np.full(n_v, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(vol_min, owner, min_dur)
    cap = model.vols.cap
    vol_cap = np.where(cap >= NO_CAP, n_t, cap // np.maximum(vol_min, 1))
    # Node layout: 0 source, 1 sink, volunteers, segments, tasks.
    src, snk = 0, 1
    v0, s0, t0 = 2, 2 + n_v, 2 + n_v + n_s
    supply = int(model.open_slots.sum())
    value_int = np.rint(c_val * _COST_SCALE).astype(np.int64)
    tails = np.concatenate(([src], np.full(n_v, src), v0 + owner, s0 + seg_of_row, t0 + np.arange(n_t)))
    heads = np.concatenate(([snk], v0 + np.arange(n_v), s0 + np.arange(n_s), t0 + c_t, np.full(n_t, snk)))
    caps = np.concatenate(
        ([supply], np.minimum(vol_cap, n_t), seg_cap, np.ones(n_rows, dtype=np.int64), model.open_slots)
    )
    costs = np.concatenate(([0], np.zeros(n_v + n_s, dtype=np.int64), -value_int, np.zeros(n_t, dtype=np.int64)))
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), caps.astype(np.int64), costs.astype(np.int64)
    )
    flow.set_nodes_supplies(np.array([src, snk], dtype=np.int32), np.array([supply, -supply], dtype=np.int64))
    if flow.solve() != flow.OPTIMAL:
        return [], 0.0
    row_flow = flow.flows(arcs[-(n_rows + n_t) : -n_t])
    chosen = rows[row_flow > 0]
    order = np.lexsort((cand.v[chosen], cand.t[chosen], -cand.value[chosen]))
    return chosen[order].tolist(), float(cand.value[chosen].sum())


class Engine:
    """The improvement moves over one ``State``."""

    def __init__(self, state: State) -> None:
        self.st = state
        self.priority = state.model.tasks.priority.tolist()
        #: Bumped on every committed change; caches of "cannot be filled directly" key on it.
        self.epoch = 0
        self._no_direct: dict[int, int] = {}

    def commit(self) -> None:
        """Keep a tentative move."""
        self.st.commit()
        self.epoch += 1

    def best_direct(self, t: int, exclude: int = -1) -> Placed | None:
        """Best clash-free placement for an open slot of task t as things stand."""
        st = self.st
        if st.open[t] <= 0 or self._no_direct.get(t) == self.epoch:
            return None
        for g in st.groups(t):
            if g.v != exclude:
                p = st.fit(g, t)
                if p is not None:
                    return p
        if exclude < 0:
            self._no_direct[t] = self.epoch
        return None

    def fill(self, t: int) -> bool:
        """Fill task t's open slots with direct placements; True if anything was placed."""
        placed = False
        while self.st.open[t] > 0:
            p = self.best_direct(t)
            if p is None:
                break
            self.st.add(p)
            placed = True
        if placed:
            self.epoch += 1
        return placed

    def room_for(self, t: int, g: Group) -> tuple[Placed, list[Placed]] | None:
        """The cheapest way to put pair g on task t by ejecting placements of g.v (or None)."""
        st = self.st
        v = g.v
        if v in st.on_task[t]:
            return None
        dur = st.dur[t]
        cap = st.cap[v]
        best: tuple[float, Placed, list[Placed]] | None = None
        for r, seg, lo, hi in g.rows:
            for s in st.start_options(seg, lo, hi, dur):
                out = st.clashes(seg, s, s + dur)
                over = st.used[v] - sum(p.end - p.start for p in out) + dur - cap
                if over > 0:
                    # The cap binds: also drop v's least valuable other placements until it fits.
                    rest = sorted((p for p in st.by_vol.get(v, ()) if p not in out), key=lambda p: (p.value, p.t))
                    for p in rest:
                        if over <= 0:
                            break
                        out.append(p)
                        over -= p.end - p.start
                    if over > 0:
                        continue
                loss = sum(p.value for p in out)
                if best is None or loss < best[0] - _EPS:
                    best = (loss, Placed(v, t, seg, s, s + dur, g.value, r), out)
        return None if best is None else (best[1], best[2])

    def try_make_room(self, t: int, g: Group) -> bool:
        """Place g on t by ejecting, re-place the ejected elsewhere; keep it only if it gains."""
        st = self.st
        room = self.room_for(t, g)
        if room is None:
            return False
        new, out = room
        loss = sum(p.value for p in out)
        # Even perfect re-placement cannot beat this bound: skip without touching the state.
        if g.value - loss + sum(1000.0 * self.priority[p.t] for p in out) <= _EPS:
            return False
        st.begin()
        for p in out:
            st.remove(p)
        st.add(new)
        gain = g.value - loss
        for p in sorted(out, key=lambda p: (-p.value, p.t)):
            q = self.best_direct(p.t, exclude=g.v)
            if q is not None:
                st.add(q)
                gain += q.value
        if gain > _EPS:
            self.commit()
            return True
        st.rollback()
        return False

    def shorter_trip(self, p: Placed) -> bool:
        """Hand placement p to a nearer volunteer who fits directly."""
        st = self.st
        for g in st.groups(p.t):
            if g.value <= p.value + _EPS:
                return False
            q = st.fit(g, p.t)
            if q is not None:
                st.remove(p)
                st.add(q)
                self.epoch += 1
                return True
        return False

    def improve(self, order: list[int]) -> int:
        """Run improvement passes until none gains; return the number of passes."""
        st = self.st
        for n in range(1, _MAX_PASSES + 1):
            changed = False
            for t in order:
                changed |= self.fill(t)
                while st.open[t] > 0:
                    if not any(self.try_make_room(t, g) for g in st.groups(t)):
                        break
                    changed = True
                    changed |= self.fill(t)
            for p in st.placements():
                if p.v in st.on_task[p.t] and st.on_task[p.t][p.v] is p:
                    changed |= self.shorter_trip(p)
            if not changed:
                return n
        return _MAX_PASSES


@dataclass
class Solution:
    """Engine output before it becomes a ``MatchResult``."""

    model: Model
    cand: Candidates
    placements: list[Placed]
    stats: dict[str, float | int]


def solve(instance: Instance) -> Solution:
    """Run the whole pipeline and return placements plus statistics."""
    t0 = time.perf_counter()
    model = build_model(instance)
    t1 = time.perf_counter()
    cand = build_candidates(model)
    t2 = time.perf_counter()
    seed, seed_value = _flow_seed(model, cand, _flow_rows(model, cand))
    t3 = time.perf_counter()
    st = State(model, cand)
    engine = Engine(st)
    for r in seed:
        t = int(cand.t[r])
        p = st.fit(st.row_group(r), t) if st.open[t] > 0 else None
        if p is not None:
            st.add(p)
    seeded = sum(len(d) for d in st.on_task)
    n_t = len(model.tasks.tasks)
    n_cand = np.diff(cand.t_ptr).tolist()
    prio = model.tasks.priority.tolist()
    # Most important first; among equals the scarcest (fewest candidates), then by position.
    order = sorted(range(n_t), key=lambda t: (-prio[t], n_cand[t], t))
    passes = engine.improve(order)
    t4 = time.perf_counter()
    placements = st.placements()
    stats: dict[str, float | int] = {
        "volunteers": len(model.vols.volunteers),
        "tasks": n_t,
        "fixed": len(instance.fixed),
        "fixed_over_slots": model.over_slots,
        "spatial_pairs": cand.spatial_pairs,
        "candidate_rows": len(cand),
        "flow_pairs": len(seed),
        "flow_value": round(seed_value, 6),
        "placed_after_repair": seeded,
        "placements": len(placements),
        "improvement_passes": passes,
        "seconds_model": round(t1 - t0, 4),
        "seconds_candidates": round(t2 - t1, 4),
        "seconds_flow": round(t3 - t2, 4),
        "seconds_improve": round(t4 - t3, 4),
    }
    return Solution(model, cand, placements, stats)


def assign(instance: Instance) -> MatchResult:
    """Globally assign volunteers to tasks (maximising the sum of 1000*priority - km)."""
    t0 = time.perf_counter()
    sol = solve(instance)
    reasons = unfilled_reasons(sol.model, sol.cand, sol.placements)
    sol.stats["seconds_total"] = round(time.perf_counter() - t0, 4)
    return build_result(sol.model, sol.placements, sol.cand, reasons, sol.stats)
