"""Match results and their JSON form (``volunteer-app.matching-result`` version 1)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

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


def build_result(
    model: Model,
    placements: Sequence[Placed],
    cand: Candidates,
    reasons: Mapping[str, Mapping[str, int]],
    stats: Mapping[str, float | int],
) -> MatchResult:
    """Turn engine placements into a ``MatchResult`` (objective summed from exact distances)."""
    tasks, vols = model.tasks, model.vols
    out: list[Assignment] = []
    placed = [0] * len(tasks.tasks)
    objective = 0.0
    for p in sorted(placements, key=lambda p: (p.t, p.v)):
        task = tasks.tasks[p.t]
        like = task.window[0] if task.window is not None else task.start
        assert like is not None
        dist = float(cand.dist[p.row])
        value = 1000.0 * task.priority - dist
        objective += value
        placed[p.t] += 1
        out.append(
            Assignment(vols.volunteers[p.v].id, task.id, from_us(p.start, like), from_us(p.end, like), dist, value)
        )
    unfilled = {
        t.id: int(model.open_slots[j]) - placed[j] for j, t in enumerate(tasks.tasks) if model.open_slots[j] > placed[j]
    }
    return MatchResult(tuple(out), objective, unfilled, dict(reasons), dict(stats))


def result_to_json(result: MatchResult) -> dict[str, Any]:
    """The result file format, plus ``reasons`` and ``stats``."""
    return {
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
        "unfilled": dict(result.unfilled),
        "reasons": {k: dict(v) for k, v in result.reasons.items()},
        "stats": dict(result.stats),
    }
