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

from .bound import Network, build_network, upper_bound
from .candidates import Candidates, build_candidates
from .fixed_check import fixed_warnings
from .instance import Instance
from .model import Model, build_model
from .reasons import unfilled_reasons
from .result import MatchResult, build_result
from .schedule import Group, Placed, State

#: Strict improvement threshold: stops cycling on float noise.
_EPS = 1e-7
#: Upper bound on improvement passes (each pass is deterministic; the usual count is 2-4).
_MAX_PASSES = 12
#: Ejection chains: how many candidate volunteers each level tries, and the deepest level.
_CHAIN_WIDTH = 12
_CHAIN_DEPTH = 3

I64 = npt.NDArray[np.int64]


def _flow_seed(model: Model, cand: Candidates, rows: I64 | None = None) -> tuple[list[int], float, Network, I64]:
    """Candidate rows chosen by a min-cost flow (best value first), the flow's value, the network
    and its arc flows (``bound`` prices the rows the seed did not see from these).

    The flow bounds each segment and volunteer by how many of their shortest candidate stints
    could fit, but not clashes nor exact minutes.
    """
    rows = np.arange(len(cand), dtype=np.int64) if rows is None else rows
    net = build_network(model, cand, rows)
    if len(rows) == 0:
        return [], 0.0, net, np.zeros(len(net.tails), dtype=np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    costs = -net.milli
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        net.tails.astype(np.int32), net.heads.astype(np.int32), net.caps, costs
    )
    flow.set_nodes_supplies(np.array([0, 1], dtype=np.int32), np.array([net.supply, -net.supply], dtype=np.int64))
    if flow.solve() != flow.OPTIMAL:
        return [], 0.0, net, np.zeros(len(net.tails), dtype=np.int64)
    flows = np.asarray(flow.flows(arcs), dtype=np.int64)
    chosen = rows[flows[net.row_arcs] > 0]
    order = np.lexsort((cand.v[chosen], cand.t[chosen], -cand.value[chosen]))
    return chosen[order].tolist(), float(cand.value[chosen].sum()), net, flows


class Engine:
    """The improvement moves over one ``State``."""

    def __init__(self, state: State) -> None:
        self.st = state
        self.priority = state.model.tasks.priority.tolist()
        #: Bumped on every committed change; caches of "cannot be filled directly" key on it.
        self.epoch = 0
        #: How deep an ejection chain may go (1: ejected placements are only re-placed directly).
        self.depth = 1
        self._no_direct: dict[int, int] = {}

    def commit(self) -> None:
        """Keep a tentative move."""
        self.st.commit()
        self.epoch += 1

    def best_direct(self, t: int, exclude: int | frozenset[int] = -1) -> Placed | None:
        """Best clash-free placement for an open slot of task t as things stand."""
        st = self.st
        if st.open[t] <= 0:
            return None
        # "Nobody fits directly" holds for the committed state only, not inside a tentative move.
        if st.journal is None and self._no_direct.get(t) == self.epoch:
            return None
        banned = exclude if isinstance(exclude, frozenset) else frozenset((exclude,))
        for g in st.groups(t):
            if g.v not in banned:
                p = st.fit(g, t)
                if p is not None:
                    return p
        if not banned - {-1} and st.journal is None:
            self._no_direct[t] = self.epoch
        return None

    def relocate(self, t: int, depth: int, banned: frozenset[int]) -> float:
        """Fill one open slot of t (tentatively, inside the current recording): directly, or -
        ``depth`` levels deep - by moving a volunteer there and re-placing what they leave.
        Returns the net gain (0 when nothing was done)."""
        st = self.st
        # Anyone may fill it directly, even the volunteer who just left it (at another start:
        # that slides a flexible stint aside); only chain moves avoid the volunteers involved.
        q = self.best_direct(t, exclude=frozenset())
        if q is not None:
            st.add(q)
            return q.value
        if depth <= 0:
            return 0.0
        tried = 0
        for g in st.groups(t):
            if g.v in banned:
                continue
            tried += 1
            if tried > _CHAIN_WIDTH:
                break
            room = self.room_for(t, g)
            if room is None:
                continue
            new, out = room
            loss = sum(p.value for p in out)
            if g.value - loss + sum(1000.0 * self.priority[p.t] for p in out) <= _EPS:
                continue
            mark = st.mark()
            for p in out:
                st.remove(p)
            st.add(new)
            gain = g.value - loss
            inner = banned | {g.v}
            for p in sorted(out, key=lambda p: (-p.value, p.t)):
                gain += self.relocate(p.t, depth - 1, inner)
            if gain > _EPS:
                return gain
            st.rollback_to(mark)
        return 0.0

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
                # Every cap the new stint counts in: the overall one, then v's windows at s.
                limits = [(-1, 0, 0, st.used[v], cap)]
                for a, b, w in st.windows.get(v, ()):
                    if a <= s < b:
                        limits.append((w, a, b, st.win_used[w], st.win_left[w]))
                ok = True
                for w, a, b, used, limit in limits:
                    inside = [p for p in out if w < 0 or a <= p.start < b]
                    over = used - sum(p.end - p.start for p in inside) + dur - limit
                    if over <= 0:
                        continue
                    # The cap binds: also drop v's least valuable other placements under it until it fits.
                    rest = sorted(
                        (p for p in st.by_vol.get(v, ()) if p not in out and (w < 0 or a <= p.start < b)),
                        key=lambda p: (p.value, p.t),
                    )
                    for p in rest:
                        if over <= 0:
                            break
                        out.append(p)
                        over -= p.end - p.start
                    if over > 0:
                        ok = False
                        break
                if not ok:
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
        banned = frozenset((g.v,))
        for p in sorted(out, key=lambda p: (-p.value, p.t)):
            gain += self.relocate(p.t, self.depth - 1, banned)
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
        trips_settled = False
        for n in range(1, _MAX_PASSES + 1):
            changed = False
            for t in order:
                changed |= self.fill(t)
                while st.open[t] > 0:
                    if not any(self.try_make_room(t, g) for g in st.groups(t)):
                        break
                    changed = True
                    changed |= self.fill(t)
            # Shorter trips can only appear after some change; a pass that found none, followed
            # by passes that changed nothing, needs no new look.
            if changed or not trips_settled:
                trips = False
                for p in st.placements():
                    if p.v in st.on_task[p.t] and st.on_task[p.t][p.v] is p:
                        trips |= self.shorter_trip(p)
                trips_settled = not trips
                changed |= trips
            if not changed:
                # Converged at this depth: allow one level longer ejection chains, if any left.
                if self.depth >= _CHAIN_DEPTH:
                    return n
                self.depth += 1
        return _MAX_PASSES


@dataclass
class Solution:
    """Engine output before it becomes a ``MatchResult``."""

    model: Model
    cand: Candidates
    placements: list[Placed]
    stats: dict[str, float | int]
    upper_bound: float = float("inf")


def solve(instance: Instance) -> Solution:
    """Run the whole pipeline and return placements plus statistics."""
    t0 = time.perf_counter()
    model = build_model(instance)
    t1 = time.perf_counter()
    cand = build_candidates(model)
    # Kept with the instance (like the model) so ``explain`` after ``assign`` reuses them.
    object.__setattr__(instance, "_candidates", cand)
    t2 = time.perf_counter()
    seed, seed_value, net, flows = _flow_seed(model, cand)
    t3 = time.perf_counter()
    bound = upper_bound(net, flows)
    t3b = time.perf_counter()
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
        "seconds_bound": round(t3b - t3, 4),
        "seconds_improve": round(t4 - t3b, 4),
    }
    return Solution(model, cand, placements, stats, bound)


def assign(instance: Instance) -> MatchResult:
    """Globally assign volunteers to tasks (maximising the sum of 1000*priority - km)."""
    t0 = time.perf_counter()
    sol = solve(instance)
    t1 = time.perf_counter()
    reasons = unfilled_reasons(sol.model, sol.cand, sol.placements)
    t2 = time.perf_counter()
    sol.stats["seconds_solve"] = round(t1 - t0, 4)
    sol.stats["seconds_reasons"] = round(t2 - t1, 4)
    sol.stats["seconds_total"] = round(time.perf_counter() - t0, 4)
    warnings = fixed_warnings(instance)
    return build_result(sol.model, sol.placements, sol.cand, reasons, sol.stats, sol.upper_bound, warnings)
