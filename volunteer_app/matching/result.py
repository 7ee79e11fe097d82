"""Match results and their JSON form (``volunteer-app.matching-result`` version 1)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from .distance import geodesic_km
from .instance import FORMAT_VERSION
from .model import Model, from_us

if TYPE_CHECKING:
    from .candidates import Candidates
    from .schedule import Placed

RESULT_FORMAT = "volunteer-app.matching-result"


@dataclass(frozen=True)
class Assignment:
    """One placement proposed by the engine; times carry the task's own UTC offset."""

    volunteer: str
    task: str
    start: datetime
    end: datetime
    distance_km: float
    value: float


@dataclass(frozen=True)
class MatchResult:
    """What ``assign`` returns. ``reasons``: task id -> {reason code: open slots}."""

    assignments: tuple[Assignment, ...]
    objective: float
    unfilled: Mapping[str, int]
    reasons: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    stats: Mapping[str, float | int] = field(default_factory=dict)
    #: Proven to be at least the optimal objective (a flow relaxation priced by LP duality).
    upper_bound: float = 0.0
    #: Existing (``fixed``) placements that break hard rules, by rule (``fixed_check``).
    warnings: Mapping[str, Sequence[Mapping[str, Any]]] = field(default_factory=dict)

    @property
    def gap(self) -> float:
        """``1 - objective / upper_bound``: the result is within this share of the best possible."""
        if self.upper_bound <= 0:
            return 0.0
        return max(0.0, 1.0 - self.objective / self.upper_bound)


def build_result(
    model: Model,
    placements: Sequence[Placed],
    cand: Candidates,
    reasons: Mapping[str, Mapping[str, int]],
    stats: Mapping[str, float | int],
    upper_bound: float = float("inf"),
    warnings: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> MatchResult:
    """Turn engine placements into a ``MatchResult`` (objective summed from exact distances)."""
    tasks, vols = model.tasks, model.vols
    out: list[Assignment] = []
    placed = [0] * len(tasks.tasks)
    objective = 0.0
    ordered = sorted(placements, key=lambda p: (p.t, p.v))
    # The engine ranks by chord; the result reports the exact geodesic the format defines.
    pv = np.array([p.v for p in ordered], dtype=np.int64)
    pt = np.array([p.t for p in ordered], dtype=np.int64)
    exact = np.zeros(len(ordered))
    located = np.flatnonzero(tasks.has_loc[pt]) if len(pt) else np.zeros(0, dtype=np.int64)
    if len(located):
        lv, lt = pv[located], pt[located]
        exact[located] = geodesic_km(vols.lat[lv], vols.lon[lv], tasks.lat[lt], tasks.lon[lt])
    for p, dist in zip(ordered, exact.tolist(), strict=True):
        task = tasks.tasks[p.t]
        like = task.window[0] if task.window is not None else task.start
        assert like is not None
        value = 1000.0 * task.priority - dist
        objective += value
        placed[p.t] += 1
        out.append(
            Assignment(vols.volunteers[p.v].id, task.id, from_us(p.start, like), from_us(p.end, like), dist, value)
        )
    unfilled = {
        t.id: int(model.open_slots[j]) - placed[j] for j, t in enumerate(tasks.tasks) if model.open_slots[j] > placed[j]
    }
    # Never below what was found (float noise at the optimum), so the gap is never negative.
    bound = max(upper_bound, objective)
    return MatchResult(tuple(out), objective, unfilled, dict(reasons), dict(stats), bound, dict(warnings or {}))


def result_to_json(result: MatchResult) -> dict[str, Any]:
    """The result file format, plus ``reasons``, ``stats`` and (when there are any) ``warnings``."""
    out = {
        "format": RESULT_FORMAT,
        "version": FORMAT_VERSION,
        "assignments": [
            {
                "volunteer": a.volunteer,
                "task": a.task,
                "start": a.start.isoformat(),
                "end": a.end.isoformat(),
                # Full precision, so the objective recomputed from these matches exactly.
                "distance_km": a.distance_km,
            }
            for a in result.assignments
        ],
        "objective": result.objective,
        "upper_bound": result.upper_bound,
        "gap": result.gap,
        "unfilled": dict(result.unfilled),
        "reasons": {k: dict(v) for k, v in result.reasons.items()},
        "stats": dict(result.stats),
    }
    if result.warnings:
        out["warnings"] = {code: [dict(w) for w in items] for code, items in result.warnings.items()}
    return out
