"""A proven upper bound on the optimum: the flow relaxation, priced by LP duality.

The relaxation (the min-cost-flow network the seed also solves) keeps every rule in a weaker
form, so every feasible assignment is a flow in it:

- slots: task -> sink carries at most the task's open slots;
- one placement per (volunteer, task) and per free segment: each candidate row carries at most 1
  (a flexible pair with several rows may count twice: a relaxation);
- clashes: a free segment of length L carries at most L // (its shortest candidate stint) placements;
- caps: a volunteer carries at most (minutes left) // (their shortest candidate stint) placements;
  window caps are dropped, which only loosens the bound;
- pairs a task left out beyond its best ones (``candidates.keep_count``) become one arc from the
  source straight to the task, carrying up to min(open slots, pairs left out), each worth the best
  value among them: whatever those volunteers did, they could not bring more.

Values are rounded *up* to thousandths (integers), so the relaxation's optimum is at least the
real optimum. For *any* integer node prices ``pi`` and any flow ``x`` with ``0 <= x <= U`` that
sends ``S`` units (weak LP duality):
``value(x) = S (pi_src - pi_snk) + sum_a (val_a - pi_tail + pi_head) x_a
          <= S (pi_src - pi_snk) + sum_a U_a max(0, val_a - pi_tail + pi_head)``.
The prices are shortest-path distances in the residual network of the optimal flow, which
makes the right side equal to the flow's optimum; were they cut short, the bound would only be
looser, never wrong. Candidate rows are a superset of the feasible pairs (see ``candidates``),
so nothing feasible escapes the bound.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .candidates import Candidates, sorted_unique
from .model import NO_CAP, Model

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

#: Bellman-Ford rounds for the prices (each round is one vectorised sweep; usually 5-30 suffice).
_MAX_ROUNDS = 400
#: Values are integers in thousandths (rounded up for the bound, and for the flow's costs).
SCALE = 1000


@dataclass
class Network:
    """The relaxation's arcs. Nodes: 0 source, 1 sink, volunteers, segments, tasks.

    Arc 0 is the bypass source -> sink (unused supply); then source -> volunteer, volunteer ->
    segment, one arc per candidate row (segment -> task), task -> sink, and source -> task for
    the pairs left out.
    """

    tails: I64
    heads: I64
    caps: I64
    milli: I64
    n_nodes: int
    seg_ids: I64
    row_arcs: slice
    supply: int
    rows: I64


def build_network(model: Model, cand: Candidates, rows: I64) -> Network:
    """The flow relaxation over the given candidate rows (and the pairs left out)."""
    n_v = len(model.vols.volunteers)
    n_t = len(model.tasks.tasks)
    c_t, c_seg, c_val = cand.t[rows], cand.seg[rows], cand.value[rows]
    dur = model.tasks.dur[c_t]
    seg_ids = sorted_unique(c_seg)
    seg_of_row = np.searchsorted(seg_ids, c_seg)
    n_s = len(seg_ids)
    # Count bound per segment: how many of its shortest candidate stints fit end to end.
    min_dur = np.full(n_s, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(min_dur, seg_of_row, dur)
    seg_len = model.vols.seg_end[seg_ids] - model.vols.seg_start[seg_ids]
    seg_cap = np.maximum(seg_len // np.maximum(min_dur, 1), 1)
    owner = np.searchsorted(model.vols.seg_ptr, seg_ids, side="right") - 1
    vol_min = np.full(n_v, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(vol_min, owner, min_dur)
    cap = model.vols.cap
    vol_cap = np.where(cap >= NO_CAP, n_t, cap // np.maximum(vol_min, 1))
    left_out = np.flatnonzero(cand.pruned > 0)
    src, snk = 0, 1
    v0, s0, t0 = 2, 2 + n_v, 2 + n_v + n_s
    supply = int(model.open_slots.sum())
    n_rows = len(rows)
    tails = np.concatenate(
        ([src], np.full(n_v, src), v0 + owner, s0 + seg_of_row, t0 + np.arange(n_t), np.full(len(left_out), src))
    )
    heads = np.concatenate(
        ([snk], v0 + np.arange(n_v), s0 + np.arange(n_s), t0 + c_t, np.full(n_t, snk), t0 + left_out)
    )
    caps = np.concatenate(
        (
            [supply],
            np.minimum(vol_cap, n_t),
            seg_cap,
            np.ones(n_rows, dtype=np.int64),
            model.open_slots,
            np.minimum(model.open_slots[left_out], cand.pruned[left_out]),
        )
    ).astype(np.int64)
    vals = np.concatenate((np.zeros(1 + n_v + n_s), c_val, np.zeros(n_t), cand.theta[left_out]))
    milli = np.ceil(vals * SCALE).astype(np.int64)
    start = 1 + n_v + n_s
    return Network(
        tails.astype(np.int64),
        heads.astype(np.int64),
        caps,
        milli,
        t0 + n_t,
        seg_ids,
        slice(start, start + n_rows),
        supply,
        rows,
    )


def residual_prices(net: Network, flows: I64) -> I64:
    """Node prices: shortest-path distances (cost = -value) in the residual network of ``flows``.

    An optimal flow leaves no negative cycle, so the distances exist; a virtual root joined to
    every node at cost 0 keeps them finite. With these prices every arc with room left has
    ``val - pi_tail + pi_head <= 0``. Stopped early, the prices are merely less tight.
    """
    cost = -net.milli
    fwd = flows < net.caps
    bwd = flows > 0
    rt = np.concatenate((net.tails[fwd], net.heads[bwd]))
    rh = np.concatenate((net.heads[fwd], net.tails[bwd]))
    rc = np.concatenate((cost[fwd], -cost[bwd]))
    d = np.zeros(net.n_nodes, dtype=np.int64)
    if not len(rh):
        return d
    order = np.argsort(rh, kind="stable")
    rt, rh, rc = rt[order], rh[order], rc[order]
    starts = np.flatnonzero(np.r_[True, rh[1:] != rh[:-1]])
    heads = rh[starts]
    for _ in range(_MAX_ROUNDS):
        best = np.minimum.reduceat(d[rt] + rc, starts)
        better = best < d[heads]
        if not better.any():
            break
        d[heads[better]] = best[better]
    return d


def dual_bound(net: Network, prices: I64) -> float:
    """``S (pi_src - pi_snk) + sum_a U_a max(0, val_a - pi_tail + pi_head)``, in whole values."""
    red = net.milli - prices[net.tails] + prices[net.heads]
    total = int(net.supply) * int(prices[0] - prices[1]) + int(np.dot(net.caps, np.maximum(red, 0)))
    return total / SCALE


def upper_bound(net: Network, flows: I64) -> float:
    """A proven upper bound on the optimal objective (>= every feasible assignment's value)."""
    if net.supply == 0:
        return 0.0
    # Division by SCALE may round down by half an ulp: step one ulp up to stay above.
    return float(np.nextafter(dual_bound(net, residual_prices(net, flows)), np.inf))
