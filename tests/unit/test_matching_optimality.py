"""Optimality against the exact MILP, the proven bound, and feasibility by the independent
checker, on 30 seeded random city-week instances (flexible tasks, minute caps over everything
and per day, remote tasks, existing placements)."""

from __future__ import annotations

import statistics
from typing import Any

import pytest

from tests.unit.matching_support import check_feasible, milp_optimum
from volunteer_app.matching import assign, instance_to_json, result_to_json
from volunteer_app.matching.generate import random_instance

SIZES = [(100, 30), (300, 80), (600, 150), (1000, 250), (2000, 500)]
CASES = [(seed, *SIZES[seed % len(SIZES)]) for seed in range(30)]
#: The issue's targets: at least 99.8% of the exact optimum on every instance, 99.95% on average.
MIN_RATIO = 0.998
MIN_MEAN_RATIO = 0.9995
#: The share of volunteers who also carry a cap per day (the 1.1 ``caps`` windows).
WINDOW_CAPS = 0.25

RATIOS: dict[int, float] = {}


def _solve(seed: int, n_vol: int, n_task: int) -> tuple[dict[str, Any], dict[str, Any], float]:
    inst = random_instance(n_vol, n_task, seed=1000 + seed, fixed_share=0.05, window_caps=WINDOW_CAPS)
    data = instance_to_json(inst)
    res = result_to_json(assign(inst))
    exact = milp_optimum(data)
    assert exact.status == 0, "the MILP must prove optimality for the comparison to mean anything"
    return data, res, exact.objective


@pytest.mark.parametrize(("seed", "n_vol", "n_task"), CASES, ids=[f"s{s}-{v}x{t}" for s, v, t in CASES])
def test_near_optimal_feasible_and_bounded(seed: int, n_vol: int, n_task: int) -> None:
    data, res, optimum = _solve(seed, n_vol, n_task)
    assert any("window" in t for t in data["tasks"]) and any(t["location"] is None for t in data["tasks"])
    assert data.get("fixed") and any(v.get("caps") for v in data["volunteers"])
    assert check_feasible(data, res) == []
    # Tight instances: the optimum itself leaves slots open, so choosing matters.
    assert sum(res["unfilled"].values()) > 0
    assert res["objective"] <= optimum * (1 + 1e-9)
    # The bound is proven, never a guess: at least the exact optimum, and the gap is what it says.
    assert res["upper_bound"] >= optimum, (res["upper_bound"], optimum)
    assert res["gap"] == pytest.approx(1 - res["objective"] / res["upper_bound"], abs=1e-12)
    RATIOS[seed] = res["objective"] / optimum
    assert res["objective"] >= MIN_RATIO * optimum, (res["objective"], optimum)


def test_mean_ratio_over_all_instances() -> None:
    for seed, n_vol, n_task in CASES:
        if seed not in RATIOS:
            _, res, optimum = _solve(seed, n_vol, n_task)
            RATIOS[seed] = res["objective"] / optimum
    assert statistics.fmean(RATIOS.values()) >= MIN_MEAN_RATIO, sorted(RATIOS.items(), key=lambda kv: kv[1])[:5]
